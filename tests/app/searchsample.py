"""The sample catalog read independently of the code under test, and the helpers the search-quality
tests share (``tests/app/test_search_quality*.py``): expected items, cue times, years and regions come
from the sample's own source files, never from the search."""

from __future__ import annotations

import re
from functools import cache

import pytest
import yaml

from tests.conftest import ROOT, SAMPLE

PDF_SOURCES = ROOT / "resources" / "tools" / "documents"
LESSON_MEDIA = SAMPLE / "lessons" / "media"
_FOLD = str.maketrans({"ё": "е", "ө": "о", "ү": "у", "ң": "н"})


# --- the sample, read independently of the code under test ------------------------------------------


def norm(text: str) -> str:
    """Lowercase and fold ё/ө/ү/ң, so the premises below do not depend on how a word was typed."""
    return text.lower().translate(_FOLD)


@cache
def catalog() -> dict[str, dict]:
    """Item id → front matter (plus ``_text``: the whole source file) for every item of the sample."""
    items = {}
    for path in sorted(SAMPLE.glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        m = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
        assert m, f"{path} has no front matter"
        meta = yaml.safe_load(m.group(1))
        meta["_text"] = text
        items[meta["id"]] = meta
    assert len(items) >= 50
    return items


@cache
def all_source_text() -> str:
    """Everything the library indexes, folded: item pages, subtitles, the sources of the PDFs."""
    parts = [meta["_text"] for meta in catalog().values()]
    parts += [p.read_text(encoding="utf-8") for p in LESSON_MEDIA.glob("*.vtt")]
    parts += [p.read_text(encoding="utf-8") for p in PDF_SOURCES.glob("*.md")]
    return norm("\n".join(parts))


def cues(lesson_id: str) -> list[tuple[float, str]]:
    """(start in seconds, text) of every cue in every subtitle file of a lesson."""
    out = []
    files = sorted(LESSON_MEDIA.glob(f"{lesson_id}.*.vtt"))
    assert files, f"no subtitles for {lesson_id}"
    for vtt in files:
        for block in re.split(r"\n\s*\n", vtt.read_text(encoding="utf-8")):
            lines = block.strip().splitlines()
            for i, line in enumerate(lines):
                m = re.match(r"(\d+):(\d\d):(\d\d)\.(\d{3})\s+-->", line)
                if m:
                    h, mi, s, ms = map(int, m.groups())
                    out.append((h * 3600 + mi * 60 + s + ms / 1000, " ".join(lines[i + 1:])))
                    break
    return out


def region_of(item_id: str) -> str:
    return catalog()[item_id].get("region") or ""


def year_of(item_id: str) -> int:
    return int(catalog()[item_id]["year"])


def start_of(item_id: str) -> str | None:
    starts = catalog()[item_id].get("starts")
    return str(starts)[:16] if starts else None


# --- helpers ----------------------------------------------------------------------------------------


def ids(response) -> list[str]:
    return [h.id for h in response.hits]


def assert_found(response, expected: str, top: int) -> None:
    found = ids(response)
    assert expected in found[:top], (
        f"{expected!r} not in the top {top} for {response.query!r}: {found[:top]} "
        f"(total={response.total}, suggestion={response.suggestion!r}, corrected={response.corrected}, "
        f"partial={response.partial})")


def assert_all_words(response) -> None:
    """The expected item has all the words of the query, so the answer must not fall back to 'partial'."""
    assert not response.partial, f"{response.query!r} answered as partial matches (total={response.total})"


def case(query: str, expected: str, tag: str, *, top: int = 5, xfail: str | None = None, **options):
    marks = [pytest.mark.xfail(reason=xfail, strict=True)] if xfail else []
    return pytest.param(query, expected, top, options, id=tag, marks=marks)


CASE_ARGS = ("query", "expected", "top", "options")


# --- what a query can find an item by, read from the sources (for as-you-type and question premises) ----


@cache
def labels() -> dict[str, str]:
    """Taxonomy id → its labels in every language (a query word naming a label finds the items under it)."""
    out = {}
    for name in ("topics", "target_groups", "regions"):
        for entry in yaml.safe_load((SAMPLE / "_taxonomy" / f"{name}.yaml").read_text(encoding="utf-8")):
            out[entry["id"]] = " ".join(str(entry.get(lang, "")) for lang in ("ky", "ru", "en"))
    return out


@cache
def item_text(item_id: str) -> str:
    """What a query can find an item by, folded: its page, subtitles, PDF source and taxonomy labels."""
    meta = catalog()[item_id]
    parts = [meta["_text"], *(p.read_text(encoding="utf-8") for p in LESSON_MEDIA.glob(f"{item_id}.*.vtt"))]
    pdf = PDF_SOURCES / f"{item_id}.md"
    if pdf.exists():
        parts.append(pdf.read_text(encoding="utf-8"))
    region = str(meta.get("region") or "")
    ids_ = [*(meta.get("topics") or []), *(meta.get("target_groups") or []),
            *(".".join(region.split(".")[:n]) for n in range(1, region.count(".") + 2) if region)]
    parts += [labels().get(i, "") for i in ids_]
    return norm("\n".join(parts))


def items_with(words: list[str], prefix: str) -> set[str]:
    """Items whose text has each whole word and a word starting with ``prefix`` (read from the sources)."""
    patterns = [r"(?<!\w)" + re.escape(norm(w)) + r"(?!\w)" for w in words] + [r"(?<!\w)" + re.escape(norm(prefix))]
    return {i for i in catalog() if all(re.search(p, item_text(i)) for p in patterns)}
