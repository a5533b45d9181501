"""The vocabulary beside the index (corrections, completions) and the one-pass analyzer."""

from pathlib import Path

import pytest

from app.search.analysis import StemmingTokenizer, reference_analyzer
from app.search.vocabulary import ADDED_FILE, VOCABULARY_FILE, Vocabulary, VocabularyBuilder, item_words
from app.values import SearchRequest

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"


@pytest.mark.parametrize("profile", ["ru", "ky", "en", "multi"])
def test_one_pass_analyzer_gives_the_filter_chains_tokens(profile: str) -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLE.rglob("*.md")))
    text += " сeлo GIZ-проект 2024 айылдарда water Сall кеңеш ё_ж и а в"
    for options in ({}, {"positions": True, "chars": True}, {"mode": "query", "positions": True},
                     {"removestops": False, "positions": True}, {"tokenize": False, "positions": True}):
        for value in (text, "Развитие", "и"):
            def seen(analyzer, value=value, options=options):
                return [(t.text, getattr(t, "pos", None), getattr(t, "startchar", None), t.stopped)
                        for t in analyzer(value, **options)]
            assert seen(StemmingTokenizer(profile)) == seen(reference_analyzer(profile)), (profile, options)


def test_item_words_are_folded_and_keep_a_special_spelling() -> None:
    words = item_words(["Айыл өкмөтү 2024: Өкмөт, өкмөтү!", "ЁЛКА ёлка"])
    assert words == {"айыл": "айыл", "окмоту": "өкмөтү", "окмот": "өкмөт", "елка": "ёлка"}


def test_counts_completions_and_corrections(tmp_path: Path) -> None:
    builder = VocabularyBuilder()
    builder.add_item(["библиотека библиотека библиотекарь"])
    builder.add_item(["библиотека бюджет"])
    builder.add_item(["библиотечный бюджет өкмөтү"])
    builder.write(tmp_path)
    vocab = Vocabulary.load(tmp_path)
    assert vocab.frequency("библиотека") == 2  # items, not occurrences
    assert vocab.completions("библ", limit=2) == ["библиотека", "библиотекарь"]
    assert vocab.completions("библ")[:1] == ["библиотека"] and len(vocab.completions("библ")) == 3
    assert vocab.completions("жок") == []
    assert vocab.correction("библиотекя", maxdist=1) == "библиотека"
    assert vocab.correction("бюджт", maxdist=1) == "бюджет"
    assert vocab.correction("zzzzzz", maxdist=2) is None
    assert vocab.spelling("окмоту") == "өкмөтү"


def test_updates_append_and_a_torn_line_is_skipped(tmp_path: Path) -> None:
    base = VocabularyBuilder()
    base.add_item(["вода"])
    base.write(tmp_path)
    added = VocabularyBuilder()
    added.add_item(["вода водопровод"])
    added.append_to(tmp_path)
    with open(tmp_path / ADDED_FILE, "a", encoding="utf-8") as f:
        f.write("обрыв\t")  # a power cut in the middle of a line
    vocab = Vocabulary.load(tmp_path)
    assert vocab.frequency("вода") == 2 and vocab.frequency("водопровод") == 1
    assert vocab.frequency("обрыв") == 0
    base.write(tmp_path)  # a rebuild writes the whole vocabulary and drops the added words
    assert not (tmp_path / ADDED_FILE).exists() and (tmp_path / VOCABULARY_FILE).exists()


def test_the_index_vocabulary_follows_imports(sample_library, tmp_path: Path) -> None:
    vocab = sample_library.search_index.index.vocabulary()
    assert vocab.frequency("пастбищный") >= 1 and vocab.frequency("жайыт") >= 1
    assert sample_library.search(SearchRequest("zzqqxyzzy")).total == 0
    folder = tmp_path / "more"
    (folder / "practices").mkdir(parents=True)
    source = next((SAMPLE / "practices").glob("*.md"))
    text = source.read_text(encoding="utf-8")
    (folder / "practices" / source.name).write_text(text.replace("\n---\n", "\n---\nКвазиуникальныйтермин.\n", 1),
                                                    encoding="utf-8")
    sample_library.import_folder(folder)
    vocab = sample_library.search_index.index.vocabulary()
    assert vocab.frequency("квазиуникальныйтермин") == 1
    assert sample_library.search(SearchRequest("квазиуникальн", as_you_type=True)).total == 1


def test_the_fast_copy_is_read_only_while_it_matches_its_text(tmp_path: Path, monkeypatch) -> None:
    """A rebuild also writes the vocabulary as marshal data; it is read instead of the text (the first search
    after a start waits for it) only while it was made from that very text."""
    from app.search import vocabulary

    base = VocabularyBuilder()
    base.add_item(["Айыл өкмөтү бюджетти бекитет", "вода"])
    base.write(tmp_path)
    assert (tmp_path / vocabulary.FAST_FILE).is_file()
    parsed = []
    monkeypatch.setattr(vocabulary, "_read_fast", _spy(vocabulary._read_fast, parsed))
    vocab = Vocabulary.load(tmp_path)
    assert parsed == ["fast"]  # (failed before: there was no fast copy)
    assert vocab.frequency("вода") == 1 and vocab.spelling("окмоту") == "өкмөтү" and vocab.words == sorted(vocab.words)
    text = (tmp_path / VOCABULARY_FILE).read_text(encoding="utf-8")
    (tmp_path / VOCABULARY_FILE).write_text(text + "колдонмо\t3\n", encoding="utf-8")  # the text changed after
    vocab = Vocabulary.load(tmp_path)
    assert parsed == ["fast", "text"] and vocab.frequency("колдонмо") == 3 and vocab.frequency("вода") == 1
    (tmp_path / vocabulary.FAST_FILE).write_bytes(b"\x00broken")
    assert Vocabulary.load(tmp_path).frequency("колдонмо") == 3
    base.write(tmp_path)
    added = VocabularyBuilder()
    added.add_item(["вода"])
    added.append_to(tmp_path)  # added words count on top of the fast copy as of the text
    assert Vocabulary.load(tmp_path).frequency("вода") == 2 and parsed[-1] == "fast"


def _spy(read_fast, parsed: list):
    def spied(folder):
        found = read_fast(folder)
        parsed.append("fast" if found is not None else "text")
        return found
    return spied


def test_the_warm_up_writes_the_fast_copy_of_an_older_index(sample_library) -> None:
    from app.search import vocabulary

    sample_library.search(SearchRequest("суу"))
    folder = sample_library.search_index.index.searched_folder()
    (folder / vocabulary.FAST_FILE).unlink()  # an index built before there was one
    sample_library.search_index.index.close()  # (opened again as a new start opens it: the words read anew)
    sample_library.search_index.warm()
    assert vocabulary._read_fast(folder) is not None  # (failed before: only a rebuild wrote it)
    assert Vocabulary.load(folder).counts == sample_library.search_index.index.vocabulary().counts
