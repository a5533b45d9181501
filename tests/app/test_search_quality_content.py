"""Search quality on the sample catalog, continued (see ``test_search_quality.py``): words found only inside
PDF documents and lesson subtitles (the hit says at which second to open the video), filters, facets,
sorting, and malformed query syntax, which never raises."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.values import SearchRequest
from tests.app.searchsample import (
    PDF_SOURCES,
    assert_all_words,
    assert_found,
    catalog,
    cues,
    ids,
    norm,
    region_of,
    start_of,
    year_of,
)
from tests.conftest import ROOT

# --- content that exists only inside PDF documents --------------------------------------------------

PDF_ONLY = [
    # query, document, a word of the query that is in the PDF but not in the document's own page
    ("топоз", "doc-pasture-guide-ky", "топоз"),
    ("семиз", "doc-pasture-guide-ky", "семиз"),
    ("бадалдарды", "doc-pasture-guide-ky", "бадалдарды"),
    ("пандусов", "doc-pb-methodology-ru", "пандус"),
    ("узбекский", "doc-pb-methodology-ru", "узбекск"),
    ("Бюджетный кодекс", "doc-pb-methodology-ru", "кодекс"),
    ("насос простаивает", "doc-water-toolkit-ru", "простаивает"),
    ("кассира", "doc-water-toolkit-ru", "кассир"),
    ("дезинфицируются", "doc-water-toolkit-ru", "дезинфицируются"),
    ("сабырдуулук", "doc-women-deputies-ky", "сабырдуулук"),
    ("гезит", "doc-women-deputies-ky", "гезит"),
    ("captions", "doc-contest-guide-en", "captions"),
    ("sustainability", "doc-contest-guide-en", "sustainability"),
    ("unreadable", "doc-contest-guide-en", "unreadable"),
    ("desk review", "doc-contest-guide-en", "desk review"),
]


@pytest.mark.parametrize(("query", "document", "marker"), PDF_ONLY,
                         ids=[f"{d.removeprefix('doc-')}:{m.replace(' ', '-')}" for _, d, m in PDF_ONLY])
def test_pdf_only_content(sample_library, query: str, document: str, marker: str) -> None:
    assert catalog()[document]["kind"] == "document"
    assert norm(marker) not in norm(catalog()[document]["_text"]), "premise: not on the document's own page"
    assert norm(marker) in norm((PDF_SOURCES / f"{document}.md").read_text(encoding="utf-8")), "premise: in the PDF"
    response = sample_library.search(SearchRequest(query))
    assert_found(response, document, 5)
    assert_all_words(response)


# --- transcript content: the hit says at which second to open the video ------------------------------

TRANSCRIPT = [
    # query, lesson, a word of the query spoken in exactly one cue and absent from the lesson's page
    ("поочередное", "lesson-pasture-committees-ky", "поочередное"),
    ("повседневную", "lesson-pasture-committees-ky", "повседневную"),
    ("траве", "lesson-pasture-committees-ky", "траве"),
    ("звучать", "lesson-quota-30-ky", "звучать"),
    ("сообща", "lesson-quota-30-ky", "сообща"),
    ("строку поиска", "lesson-elibrary-ky", "строку"),
    ("зарарсыздандыруу", "lesson-water-tariffs-ru", "зарарсыздандыруу"),
    ("авариялар", "lesson-water-tariffs-ru", "авариялар"),
    ("кунт коюп", "lesson-contest-howto-ru", "кунт"),
    ("протоколдорун", "lesson-contest-howto-ru", "протоколдорун"),
    ("демилгелүү топтор", "lesson-pb-intro-ru", "демилгелүү"),
]


@pytest.mark.parametrize(("query", "lesson", "marker"), TRANSCRIPT,
                         ids=[f"{lesson.removeprefix('lesson-')}:{i}" for i, (_, lesson, _) in enumerate(TRANSCRIPT)])
def test_transcript_hit_carries_the_cue_time(sample_library, query: str, lesson: str, marker: str) -> None:
    assert norm(marker) not in norm(catalog()[lesson]["_text"]), "premise: only spoken, not on the lesson's page"
    starts = [start for start, text in cues(lesson) if norm(marker) in norm(text)]
    assert len(starts) == 1, f"premise: {marker!r} is in exactly one cue of {lesson}: {starts}"
    response = sample_library.search(SearchRequest(query))
    assert_found(response, lesson, 5)
    hit = next(h for h in response.hits if h.id == lesson)
    assert hit.time is not None, f"the hit on {lesson} has no cue time"
    assert abs(hit.time - starts[0]) <= 0.5, f"opens at {hit.time}s, the cue starts at {starts[0]}s"


def test_transcript_time_in_cli_json(sample_dir: Path) -> None:
    """The CLI's JSON carries the cue time too (and a stray '(((' in the query does no harm)."""
    out = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(sample_dir), "search",
                          "((( зарарсыздандыруу", "--json"], check=False, cwd=ROOT, capture_output=True,
                         text=True, encoding="utf-8", env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=120)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    (start,) = [s for s, text in cues("lesson-water-tariffs-ru") if "зарарсыздандыруу" in text]
    hit = data["hits"][0]
    assert hit["id"] == "lesson-water-tariffs-ru"
    assert abs(hit["time"] - start) <= 0.5
    assert data["facets"]["kind"] == {"lesson": data["total"]}


# --- filters, facets, sorting -----------------------------------------------------------------------

FILTERED = [
    pytest.param("жайыт", {"kind": "document"}, "doc-pasture-guide-ky", id="kind-document"),
    pytest.param("бюджет участия", {"kind": "lesson"}, "lesson-pb-intro-ru", id="kind-lesson"),
    pytest.param("конкурс", {"kind": "event"}, "event-contest-ceremony-2025-ru", id="kind-event"),
    pytest.param("бюджет", {"lang": "ky"}, "pb-lebedinovka-ky", id="lang-ky"),
    pytest.param("budget", {"lang": "en"}, "pb-lebedinovka-en", id="lang-en"),
    pytest.param("комитет", {"topic": "pastures"}, "pasture-atbashy-ru", id="topic-pastures"),
    pytest.param("депутат", {"target_group": "women"}, "quota-kokoy-ru", id="target-group-women"),
    pytest.param("жайыт", {"region": "naryn"}, "pasture-atbashy-ky", id="region-oblast-naryn"),
    pytest.param("суу", {"region": "naryn.kochkor"}, "water-kochkor-ky", id="region-district-kochkor"),
    pytest.param("бюджет", {"region": "chui"}, "pb-lebedinovka-ru", id="region-oblast-chui"),
    pytest.param("жайыт", {"year": "2020"}, "pasture-atbashy-ky", id="year-2020"),
]


def _matches(item_id: str, options: dict) -> bool:
    meta = catalog()[item_id]
    for key, value in options.items():
        if key == "kind" and meta["kind"] != value:
            return False
        if key == "lang" and meta["lang"] != value:
            return False
        if key == "topic" and value not in (meta.get("topics") or []):
            return False
        if key == "target_group" and value not in (meta.get("target_groups") or []):
            return False
        if key == "region" and not (region_of(item_id) == value or region_of(item_id).startswith(value + ".")):
            return False
        if key == "year" and str(meta.get("year")) != value:
            return False
    return True


@pytest.mark.parametrize(("query", "options", "expected"), FILTERED)
def test_filter_keeps_only_matching_items(sample_library, query: str, options: dict, expected: str) -> None:
    response = sample_library.search(SearchRequest(query, limit=100, **options))
    assert_found(response, expected, 5)
    wrong = [i for i in ids(response) if not _matches(i, options)]
    assert not wrong, f"filter {options} let through {wrong}"
    unfiltered = sample_library.search(SearchRequest(query, limit=100))
    assert response.total < unfiltered.total  # the filter did remove something
    assert set(ids(response)) == {i for i in ids(unfiltered) if _matches(i, options)}


@pytest.mark.parametrize("region", ["naryn", "osh", "chui", "issyk-kul", "jalal-abad.bazar-korgon"])
def test_region_includes_everything_inside_it(sample_library, region: str) -> None:
    response = sample_library.search(SearchRequest(region=region, limit=100))
    expected = {i for i in catalog() if region_of(i) == region or region_of(i).startswith(region + ".")}
    assert expected, "premise: the sample has items in this region"
    assert set(ids(response)) == expected
    assert response.total == len(expected)


def test_oblast_osh_does_not_include_osh_city(sample_library) -> None:
    assert region_of("event-osh-forum-2024-ru") == "osh-city"
    assert "event-osh-forum-2024-ru" not in ids(sample_library.search(SearchRequest("форум", region="osh", limit=100)))
    assert "event-osh-forum-2024-ru" in ids(sample_library.search(SearchRequest("форум", region="osh-city", limit=100)))


FACET_FILTERS = {"kind": "kind", "lang": "lang", "topics": "topic", "regions": "region",
                 "target_groups": "target_group", "year": "year"}


@pytest.mark.parametrize("query", [pytest.param("бюджет", id="byudzhet"), pytest.param("жайыт", id="jayit"),
                                   pytest.param("water", id="water"), pytest.param("", id="empty")])
def test_facet_counts_equal_filtered_totals(sample_library, query: str) -> None:
    response = sample_library.search(SearchRequest(query, limit=100))
    assert response.total > 0
    assert sum(response.facets["kind"].values()) == response.total
    assert sum(response.facets["lang"].values()) == response.total
    for facet, option in FACET_FILTERS.items():
        assert response.facets[facet], f"no {facet} facet"
        for value, count in response.facets[facet].items():
            filtered = sample_library.search(SearchRequest(query, limit=100, **{option: value}))
            assert filtered.total == count, f"{facet}={value}: facet says {count}, filter gives {filtered.total}"
    # and the facets agree with the items' own front matter
    found = ids(response)
    assert len(found) == response.total
    for kind, count in response.facets["kind"].items():
        assert count == sum(1 for i in found if catalog()[i]["kind"] == kind)
    for topic, count in response.facets["topics"].items():
        assert count == sum(1 for i in found if topic in (catalog()[i].get("topics") or []))


def test_facets_of_a_filtered_search_describe_the_filtered_results(sample_library) -> None:
    response = sample_library.search(SearchRequest("бюджет", kind="lesson", limit=100))
    assert response.facets["kind"] == {"lesson": response.total}
    response = sample_library.search(SearchRequest("бюджет", lang="ru", region="chui", limit=100))
    assert response.facets["lang"] == {"ru": response.total}
    assert response.facets["regions"]["chui"] == response.total


@pytest.mark.parametrize("query", [pytest.param("", id="everything"), pytest.param("бюджет", id="byudzhet"),
                                   pytest.param("жайыт", id="jayit")])
def test_sort_by_date_orders_by_year_and_start(sample_library, query: str) -> None:
    response = sample_library.search(SearchRequest(query, sort="date", limit=100))
    found = ids(response)
    assert len(found) == response.total > 3
    years = [year_of(i) for i in found]
    assert years == sorted(years, reverse=True), list(zip(found, years, strict=True))
    events = [start_of(i) for i in found if start_of(i)]
    assert events == sorted(events, reverse=True)
    assert set(found) == set(ids(sample_library.search(SearchRequest(query, limit=100))))  # same results, other order


def test_sort_by_date_orders_events_by_start(sample_library) -> None:
    response = sample_library.search(SearchRequest(kind="event", sort="date", limit=100))
    expected = sorted((i for i in catalog() if catalog()[i]["kind"] == "event"), key=start_of, reverse=True)
    assert ids(response) == expected


# --- malformed syntax never raises ------------------------------------------------------------------

MALFORMED = [
    pytest.param('"', None, id="lone-quote"),
    pytest.param('""', None, id="empty-quotes"),
    pytest.param("AND OR", None, id="and-or"),
    pytest.param("NOT", None, id="not"),
    pytest.param("(((", None, id="parens"),
    pytest.param(")", None, id="close-paren"),
    pytest.param("title:", None, id="field-colon"),
    pytest.param("*", None, id="star"),
    pytest.param("~~", None, id="tildes"),
    pytest.param("\\", None, id="backslash"),
    pytest.param("{[^]}", None, id="brackets-caret"),
    pytest.param("🐑🐄", None, id="emoji"),
    pytest.param("\u0000\u200b\t\n", None, id="control-chars"),
    pytest.param("ж" * 500, None, id="500-char-word"),
    pytest.param(("пастбище " * 60)[:500], "pasture-atbashy-ru", id="500-chars-of-words"),
    pytest.param('"пастбище', "pasture-atbashy-ru", id="unclosed-quote-word"),
    pytest.param("title:пастбище", "pasture-atbashy-ru", id="field-syntax-word"),
    pytest.param("(((пастбище)))", "pasture-atbashy-ru", id="parens-word"),
    pytest.param("пастбище* ~~", "pasture-atbashy-ru", id="wildcard-tildes"),
    pytest.param("🐑пастбище🐑", "pasture-atbashy-ru", id="emoji-around-word"),
    pytest.param("пастбище^3", "pasture-atbashy-ru", id="boost"),
]


@pytest.mark.parametrize(("query", "expected"), MALFORMED)
@pytest.mark.parametrize("as_you_type", [True, False], ids=["typing", "enter"])
def test_malformed_syntax_never_raises(sample_library, query: str, expected: str | None, as_you_type: bool) -> None:
    response = sample_library.search(SearchRequest(query, as_you_type=as_you_type))
    assert isinstance(response.total, int) and response.total >= len(response.hits)
    assert all(h.id in catalog() for h in response.hits)
    if expected:
        assert_found(response, expected, 5)
    for kind in ("lesson", "document"):  # filters and date sort on top of it
        filtered = sample_library.search(SearchRequest(query, kind=kind, sort="date", as_you_type=as_you_type))
        assert all(h.kind == kind for h in filtered.hits)
