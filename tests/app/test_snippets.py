"""Snippets cut from the text of a hit: the query's terms found as written, in any spelling the analyzers fold."""

from app.search.snippets import CHUNK, Matcher, PhraseCheck, best_cue, plain


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
    assert m.snippet(text).count("<b>водопровод</b>") == 2


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
