"""The bundled sample catalog is what the issue promises: enough real content to search, read and watch."""

import re
from collections import Counter, defaultdict

import pypdf

from app.library import Library
from tests.conftest import SAMPLE


def test_sample_size_and_spread(sample_library: Library) -> None:
    items = sample_library.list_items()
    kinds = Counter(i.kind for i in items)
    assert len(items) >= 40
    assert kinds["lesson"] >= 6 and kinds["document"] >= 5 and kinds["event"] >= 4
    assert {i.lang for i in items} == {"ky", "ru", "en"}
    practices = [sample_library.get_item(i.id) for i in items if i.kind == "practice"]
    groups = defaultdict(set)
    for p in practices:
        groups[p.translation_group].add(p.lang)
        words = len(re.findall(r"\w+", p.body_text))
        assert words >= 300, f"{p.id} has only {words} words"
        assert p.topics and p.region is not None, p.id
    assert len(groups) >= 25, "at least 25 distinct practices"
    assert sum(1 for langs in groups.values() if langs == {"ky", "ru", "en"}) >= 8
    oblasts = {p.region_path[0].id for p in practices}
    assert len(oblasts) >= 7, oblasts
    lsg_topics = {t.id for p in practices for t in p.topics}
    assert {"public-services", "participatory-budgeting", "drinking-water", "waste", "pastures", "women-councils",
            "youth", "e-library", "best-practice-contest"} <= lsg_topics


def test_sample_lessons_are_real_videos_with_subtitles(sample_library: Library) -> None:
    lessons = [sample_library.get_item(i.id) for i in sample_library.list_items(kind="lesson")]
    for lesson in lessons:
        video = next(f for f in lesson.files if f.role == "video")
        data = sample_library.media_path(video.sha256).read_bytes()
        assert data[4:8] == b"ftyp" and b"avc1" in data and b"mp4a" in data, lesson.id
        assert 50_000 < video.size < 800_000, (lesson.id, video.size)
        assert {f.lang for f in lesson.files if f.role == "subtitles"} >= {"ky", "ru"}
        assert lesson.duration and 10 < lesson.duration < 180
        cue_langs = Counter(c.lang for c in lesson.cues)
        assert cue_langs["ky"] >= 3 and cue_langs["ru"] >= 3
        assert max(c.end for c in lesson.cues) <= lesson.duration + 1
        assert any(f.role == "thumbnail" for f in lesson.files)


def test_sample_documents_are_pdfs_with_text(sample_library: Library) -> None:
    for summary in sample_library.list_items(kind="document"):
        doc = sample_library.get_item(summary.id)
        pdf = next(f for f in doc.files if f.role == "file")
        reader = pypdf.PdfReader(sample_library.media_path(pdf.sha256))
        text = " ".join(page.extract_text() for page in reader.pages)
        assert len(re.findall(r"\w+", text)) > 300, doc.id
        if doc.lang == "ky":
            assert re.search(r"[өүң]", text), f"{doc.id}: Kyrgyz letters lost in the PDF text"


def test_sample_events_have_dates(sample_library: Library) -> None:
    for summary in sample_library.list_items(kind="event"):
        event = sample_library.get_item(summary.id)
        assert event.starts and (event.ends is None or event.ends >= event.starts)


def test_sample_is_small() -> None:
    total = sum(p.stat().st_size for p in SAMPLE.rglob("*") if p.is_file())
    assert total < 15 * 1024 * 1024, total
