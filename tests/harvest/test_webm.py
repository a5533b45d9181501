"""Videos offered only as WebM: converted to MP4 with ffmpeg where it is installed (once per file), a clear problem
when the file cannot be converted, and the install hint where ffmpeg is missing. The WebM files are real ones,
made here by ffmpeg; without ffmpeg only the last test runs (.ci/run installs it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.authoring import load_folder
from app.progress import ProgressEvent, Stage
from sync.harvest.run import harvest
from tests.harvest.conftest import fast
from tests.harvest.site import Item

needs_ffmpeg = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed (apt install ffmpeg)")
TEXT = "Видеоурок показывает, как айыл окмоту проводит сход граждан и принимает решения вместе с жителями. " * 3


def make_webm(path: Path) -> bytes:
    """A real WebM: one second of a test picture (VP8) with a tone (Opus), 160×120."""
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=1",
                    "-f", "lavfi", "-i", "sine=duration=1", "-c:v", "libvpx", "-b:v", "50k", "-c:a", "libopus",
                    str(path)], check=True, timeout=60)
    return path.read_bytes()


def codecs(path: Path) -> list[str]:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0",
                          str(path)], check=True, capture_output=True, text=True, timeout=60).stdout
    return sorted(out.split())


def add_webm_lesson(site, n: int, body: bytes, *, embed: bool = False) -> str:
    path = f"/media/lesson-{n}.webm"
    site.files[path] = (body, "video/webm")
    video = f'<video controls><source src="{path}" type="video/webm"></video>'
    if embed:  # a player page: yt-dlp's generic extractor finds the WebM there
        site.routes[f"/embed/lesson-{n}"] = (200, f"<html><body>{video}</body></html>".encode(), "text/html", {})
        video = f'<iframe src="/embed/lesson-{n}" width="640" height="360"></iframe>'
    site.items.append(Item("lessons", n, "ru", f"Урок {n}: сход граждан", TEXT, extra=video))
    return path


@needs_ffmpeg
def test_a_webm_only_video_becomes_an_mp4_once(site, out, tmp_path: Path) -> None:
    webm = add_webm_lesson(site, 9, make_webm(tmp_path / "lesson.webm"))
    add_webm_lesson(site, 10, (tmp_path / "lesson.webm").read_bytes(), embed=True)
    said = []
    r = harvest(site.base + "/?lang=ru", out, options=fast(), progress=lambda d, t, m: said.append(m))
    assert r.converted == [site.base + webm]
    assert ProgressEvent(Stage.CONVERT, 100, 100, item=site.base + webm) in said, said
    lessons = {i.id: i for i in load_folder(out).items}
    for item_id in ("lessons-single-lesson-id-9-ru", "lessons-single-lesson-id-10-ru"):  # direct, and through yt-dlp
        lesson = lessons[item_id]
        assert lesson.kind == "lesson" and [f.role for f in lesson.files] == ["video"]
        video = lesson.files[0]
        mp4 = next((out / "media" / video.sha256[:2]).glob(video.sha256 + ".*"))
        assert mp4.suffix == ".mp4" and mp4.read_bytes()[4:8] == b"ftyp" and codecs(mp4) == ["aac", "h264"]
    assert not [p for p in r.problems if p["code"].startswith("video") and "lesson-9" in p["url"] + p["message"]]
    # the page edited: read again, but the WebM answers 304 and is not converted again
    site.item("lessons", 9, "ru").text += "\n\nДобавлено: вопросы и ответы."
    start = len(site.log)
    r = harvest(site.base + "/?lang=ru", out, options=fast())
    assert "lessons-single-lesson-id-9-ru" in r.changed and r.converted == []
    assert [s for p, s, _ in site.log[start:] if p == webm] == [304]
    assert load_folder(out)


@needs_ffmpeg
def test_a_webm_that_cannot_be_converted_is_reported(site, out) -> None:
    webm = add_webm_lesson(site, 9, b"\x1aE\xdf\xa3" + b"not a video at all" * 50)
    r = harvest(site.base + "/?lang=ru", out, options=fast(videos=False))
    problem = next(p for p in r.problems if p["url"] == site.base + webm)
    assert problem["code"] == "video_convert_failed" and "could not convert it to MP4" in problem["message"]
    assert "lessons-single-lesson-id-9-ru" in r.new and r.converted == []  # the page's text is still taken
    # asked again (its item waits for the video) but not downloaded again: the failure is remembered
    start = len(site.log)
    r = harvest(site.base + "/?lang=ru", out, options=fast(videos=False))
    assert [s for p, s, _ in site.log[start:] if p == webm] == [304]
    assert "video_convert_failed" in {p["code"] for p in r.problems}
    load_folder(out)


def test_without_ffmpeg_a_webm_is_reported_with_the_install_hint(site, out, monkeypatch, tmp_path: Path) -> None:
    webm = add_webm_lesson(site, 9, b"\x1aE\xdf\xa3 not fetched at all")
    monkeypatch.setenv("PATH", str(tmp_path))  # no ffmpeg on it
    r = harvest(site.base + "/?lang=ru", out, options=fast(videos=False))
    problem = next(p for p in r.problems if p["url"] == site.base + webm)
    assert problem["code"] == "video_format" and "winget install ffmpeg" in problem["message"]
    assert "apt install ffmpeg" in problem["message"] and site.requested(webm) == []
