"""Snippets cut from the text of a hit: the query's terms found as written, in any spelling the analyzers fold."""

from sqlalchemy import select

from app.db import models as m
from app.db import reader as db_reader
from app.search import service as service_module
from app.search.snippets import CHUNK, SNIPPET_LENGTH, SNIPPET_READ, SNIPPET_SCAN, Matcher, PhraseCheck, best_cue, plain
from app.values import SearchRequest


def test_terms_are_found_in_any_spelling_and_marked() -> None:
    m = Matcher.of(["окмот", "муниципалн", "аймак", "елк"])
    text = "Айыл өкмөтү и Муниципальный совет; аймагы чоң. Ёлка!"
    snippet = m.snippet(text)
    for word in ("өкмөтү", "Муниципальный", "аймагы", "Ёлка"):
        assert f"<b>{word}</b>" in snippet
    assert m.count(text) == 4
    assert Matcher.of(["вод"]).snippet("Подвод воды") == "Подвод <b>воды</b>"  # only at the start of a word


def test_markup_is_escaped_and_long_texts_are_windowed() -> None:
    text = "<script>" + "слово " * 3000 + "редкоеслово в конце"
    snippet = Matcher.of(["редкоеслов"]).snippet(text)
    assert "<b>редкоеслово</b>" in snippet and snippet.startswith("…") and "<script>" not in snippet
    assert len(snippet) < 400
    assert plain(text).startswith("&lt;script&gt;") and plain(text).endswith("…")


def test_a_match_across_a_chunk_boundary_is_found() -> None:
    text = "а " * (CHUNK // 2 - 3) + "водопровод " + "б " * CHUNK + "водопровод"
    m = Matcher.of(["водопровод"])
    assert m.count(text) == 1
    assert len(list(m._finditer(text))) == 2  # both, the first across the chunk boundary
    assert m.snippet(text).count("<b>водопровод</b>") == 1  # one term: one fragment (see the tests below)


def test_best_cue_is_the_one_with_most_terms() -> None:
    cues = [(1.0, "ky", "жайыт жөнүндө"), (5.5, "ru", "пастбищный комитет собрался"), (9.0, "ru", "комитет")]
    matchers = {"ru": Matcher.of(["пастбищн", "комитет"]), "ky": Matcher.of(["жайыт"])}
    assert best_cue(cues, matchers)[:2] == (2, 5.5)
    assert best_cue(cues, {})[0] == 0


def test_phrase_check_wants_the_words_in_order_within_one_text() -> None:
    check = PhraseCheck([["местн", "самоуправлен"], ["water", "suppli"]])
    assert check.found_in("Развитие местного самоуправления в селе")
    assert check.found_in("Местное и самоуправление")  # a short (stop) word between, as the index ignored them
    assert not check.found_in("самоуправление местное")  # order
    assert not check.found_in("местное развитие сельского самоуправления")  # too far apart
    assert check.found_in("clean water supply")  # an English stem's final i is a y in the text
    joined = PhraseCheck.SEPARATOR.join(["Title about local", "самоуправление"])
    assert not PhraseCheck([["local", "самоуправлен"]]).found_in(joined)  # never across two texts


# --- short by design (issue 15), punctuation between blocks, one ellipsis at a cut (issue 16) ------------------

def visible(snippet: str) -> str:
    import html
    import re

    return html.unescape(re.sub(r"</?b>", "", snippet))


def test_a_snippet_is_at_most_two_short_fragments_with_the_words_inside() -> None:
    # many matches close together: the windows once merged into one of several kilobytes
    text = " ".join(f"бюджет участия {i} и жители села" for i in range(200)) + " водопровод в конце"
    snippet = Matcher.of(["бюджет", "водопровод"]).snippet(text)
    assert len(visible(snippet)) <= SNIPPET_LENGTH
    assert "<b>бюджет</b>" in snippet and "<b>водопровод</b>" in snippet  # the second term gets a fragment
    assert visible(snippet).count("…") <= 3  # two fragments: a cut before, between and after
    one = Matcher.of(["участия"]).snippet(text)
    assert len(visible(one)) <= SNIPPET_LENGTH and "<b>участия</b>" in one and one.endswith("…")


def test_a_heading_and_the_paragraph_after_it_are_parted_by_a_full_stop() -> None:
    text = "Вступление.\n\nПроблема\n\nПо закону бюджет утверждает кеңеш.\n\nИтоги: всё хорошо"
    snippet = Matcher.of(["закон"]).snippet(text)
    assert "Проблема. По <b>закону</b>" in snippet and "Вступление. Проблема" in snippet
    assert "Итоги: всё" in snippet  # a block that ends in punctuation keeps it, no stop is added
    assert plain("Проблема\n\nПо закону") == "Проблема. По закону"


def test_no_doubled_ellipsis_between_two_fragments() -> None:
    text = "начало " * 100 + "водопровод " + "середина " * 200 + "пастбище " + "конец " * 100
    snippet = Matcher.of(["водопровод", "пастбищ"]).snippet(text)
    assert "<b>водопровод</b>" in snippet and "<b>пастбище</b>" in snippet
    assert "… …" not in snippet and "……" not in snippet
    assert snippet.startswith("…") and snippet.endswith("…") and snippet.count("…") == 3


def test_a_lesson_found_through_its_translation_subtitles_shows_its_own_language(sample_library) -> None:
    # "демилгелүү" is spoken only in the Kyrgyz subtitles of a Russian lesson: the hit opens the video at that
    # cue, but the snippet is Russian text (the lesson's own), not the Kyrgyz line
    response = sample_library.search(SearchRequest("демилгелүү топтор"))
    hit = next(h for h in response.hits if h.id == "lesson-pb-intro-ru")
    assert hit.time is not None
    assert hit.snippet and not set("өүңӨҮҢ") & set(hit.snippet), hit.snippet
    assert "демилгел" not in hit.snippet.lower()


def test_the_scan_stops_early_without_changing_the_snippet(sample_library, monkeypatch) -> None:
    """A snippet stops reading once every term was found and both fragments lie behind; count() stops at its
    ``most``. The same snippets as a scan to the end, on every sample page and long texts with many matches."""
    words = ["жергиликтүү", "бюджет", "жайыт", "комитет", "суу", "муниципальный", "водопровод", "совет", "айыл",
             "pasture", "water", "budget"]
    texts = [t for t in (sample_library.get_item(i.id).body_text for i in sample_library.list_items()) if t]
    texts += [("суу жана жайыт " * 40 + "бюджет комитети. ") * 30, "комитет бюджет суу " + "комитет " * 900 + "суу " * 500]
    scanned = []
    monkeypatch.setattr(Matcher, "_finditer", _counting(Matcher._finditer, scanned))
    for first in range(0, len(words), 3):
        m = Matcher.of([w[:6] for w in words[first:first + 4]])
        whole = Matcher(m.terms + ("\x01",))  # one term more, never found: never stops early
        for text in texts:
            scanned.clear()
            assert m.snippet(text) == whole.snippet(text)
            assert scanned[0] <= scanned[1]
    m = Matcher.of(["комит", "бюджет", "суу"])
    assert m.count(texts[-1]) == 3 and m.count(texts[-1], most=1) == 1
    scanned.clear()
    assert m.snippet(texts[-1]) == Matcher(m.terms + ("\x01",)).snippet(texts[-1])
    assert scanned[0] < scanned[1] / 2  # (it failed before: the first scan read as far as the second)


def _counting(finditer, scanned: list):
    def counted(self, text, limit=None):
        n = 0
        try:
            for found in finditer(self, text, limit):
                n += 1
                yield found
        finally:  # (also when the caller stops early)
            scanned.append(n)
    return counted


def test_a_one_letter_stem_still_finds_its_other_spellings() -> None:
    """The pattern starts by the letters a match can start with; a one-letter stem's letter may be another."""
    assert Matcher.of(["к"]).count("гана жана") == 1  # к may be г in the text (аймак ← аймагы)
    assert Matcher.of(["i"]).snippet("y axis") == "<b>y</b> axis"
    assert Matcher.of(["ан", "к"]).count("Ана кана") == 2


def test_a_text_cut_after_what_a_snippet_reads_gives_the_same_snippet() -> None:
    """The results page reads SNIPPET_READ characters of each text: the same snippet as the whole text, wherever the
    matches stand (at the start, at the scan's end, in the chunk that crosses it, only after it)."""
    filler = "жергиликтүү өз алдынча башкаруу органдары. "
    for at in (0, 5_000, SNIPPET_SCAN - 300, SNIPPET_SCAN - 30, SNIPPET_SCAN + 200, SNIPPET_SCAN + CHUNK - 100,
               SNIPPET_SCAN + CHUNK + 500, SNIPPET_READ - 10):
        before = (filler * (at // len(filler) + 1))[:at]
        text = before + " бюджет комиссиясы " + filler * 30 + " комиссия " + filler * 4000
        assert len(text) > 2 * SNIPPET_READ
        for terms in (["бюджет", "комиссия"], ["комиссия"], ["бюджет", "жокко"]):
            m = Matcher.of(terms)
            assert m.snippet(text[:SNIPPET_READ]) == m.snippet(text), (at, terms)


def test_the_results_page_reads_the_start_of_long_texts(sample_library, monkeypatch) -> None:
    """Search with a long text (a PDF's): the page of hits reads SNIPPET_READ characters of each text, and its
    snippets are those of the whole text; a lesson with a long page, compared with its transcript, is read whole."""
    asked = []
    read = db_reader.LibraryReader.hit_texts

    def spy(self, ids, *, most=None):
        asked.append(most)
        found = read(self, ids, most=most)
        if most is not None:
            for _title, body, _cues in found.values():
                assert all(len(part) <= most for part in body.split("\n\n"))
        return found

    monkeypatch.setattr(db_reader.LibraryReader, "hit_texts", spy)
    long_text = "Жайыт комитети жана бюджет. " * 4000  # 112,000 characters
    with sample_library._sessions() as s, s.begin():
        lesson = s.scalars(select(m.Item).join(m.Cue, m.Cue.item_id == m.Item.id)).first()  # (a lesson with cues)
        other = s.scalars(select(m.Item).where(m.Item.kind != "lesson")).first()
        for item in (lesson, other):
            item.body_text = long_text + item.body_text
    sample_library.reindex()
    answer = sample_library.search(SearchRequest("жайыт комитети бюджет", limit=50))
    assert SNIPPET_READ in asked and None in asked  # the page cut; the lesson's page whole
    monkeypatch.setattr(db_reader.LibraryReader, "hit_texts", read)
    monkeypatch.setattr(service_module, "SNIPPET_READ", 10**9)  # everything whole: the same page
    assert sample_library.search(SearchRequest("жайыт комитети бюджет", limit=50)) == answer
    assert {lesson.id, other.id} <= {h.id for h in answer.hits}
