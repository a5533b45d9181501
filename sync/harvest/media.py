"""Videos from video hosts (YouTube and the like) through yt-dlp, in a format village PCs play: at most 480p,
H.264 video with AAC sound in an MP4 file; subtitles in Kyrgyz and Russian when the host offers them.

Without ffmpeg yt-dlp cannot join a separate video and audio stream, so then only single-file MP4 formats are
asked for. A host that does not answer is a problem of that page, never of the run.

**Other formats.** A video offered only as WebM (or Ogg, Matroska, QuickTime, AVI) is converted by
:func:`to_mp4` when ffmpeg is installed on the computer that harvests (the desktop player wants MP4; the
portal's centre runs the harvest once, so no village PC ever needs ffmpeg). Without ffmpeg such a video is
reported with how to install it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sync.harvest.errors import need

SUB_LANGS = ("ky", "ru")
CONVERTIBLE = (".webm", ".ogv", ".mkv", ".mov", ".avi")
INSTALL_FFMPEG = ("ffmpeg converts it once it is installed on this computer: on Windows 'winget install ffmpeg' "
                  "(or https://ffmpeg.org/download.html), on Debian or Ubuntu 'sudo apt install ffmpeg'")
_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # Windows: no console flashing up from a scheduled task


class VideoError(Exception):
    def __init__(self, url: str, code: str, message: str) -> None:
        super().__init__(message)
        self.url, self.code = url, code


@dataclass
class Video:
    path: Path
    subtitles: dict[str, Path] = field(default_factory=dict)
    title: str = ""
    size: int = 0


def format_spec(*, ffmpeg: bool) -> str:
    single = "b[height<=480][ext=mp4][vcodec^=avc1][acodec^=mp4a]/b[height<=480][ext=mp4]"
    if ffmpeg:  # YouTube serves 480p only as separate streams; anything else is converted (to_mp4)
        return (f"{single}/bv*[height<=480][ext=mp4][vcodec^=avc1]+ba[ext=m4a]/{single.split('/')[0]}/b[ext=mp4]"
                "/b[height<=480]/w")
    return f"{single}/b[ext=mp4]/b[ext=m4v]"


def _duration(ffmpeg: str, src: Path) -> float | None:
    """The video's length in seconds (ffprobe, beside ffmpeg), or None."""
    probe = shutil.which("ffprobe") or str(Path(ffmpeg).with_name("ffprobe" + Path(ffmpeg).suffix))
    try:
        out = subprocess.run([probe, "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(src)],
                             check=False, capture_output=True, text=True, timeout=60, creationflags=_NO_WINDOW).stdout
        return float(out.strip().splitlines()[0])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None


def to_mp4(src: Path, dst: Path, *, progress: Callable[[float | None], None] | None = None,
           cancelled: Callable[[], bool] | None = None) -> None:
    """Convert ``src`` (WebM…) into ``dst``, an MP4 village PCs play: H.264 (at most 480 lines) and AAC, its index
    at the front so it plays while it loads. ``progress(share)`` now and then (share 0…1, None when the length is
    unknown). Raises :class:`VideoError`: ``no_ffmpeg``, ``video_convert_failed``, ``cancelled``."""
    ffmpeg = shutil.which("ffmpeg")
    if not ffmpeg:
        raise VideoError(str(src), "no_ffmpeg", f"this video is not an MP4; {INSTALL_FFMPEG}")
    cancelled = cancelled or (lambda: False)
    length = _duration(ffmpeg, src)
    cmd = [ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", str(src), "-map", "0:v:0",
           "-map", "0:a:0?", "-c:v", "libx264", "-preset", "veryfast", "-crf", "26", "-pix_fmt", "yuv420p",
           "-vf", "scale=-2:'trunc(min(480,ih)/2)*2'", "-c:a", "aac", "-b:a", "96k", "-ac", "2",
           "-movflags", "+faststart", "-f", "mp4", "-progress", "pipe:1", "-nostats", str(dst)]
    # a stuck conversion is ended: four times the video's length and two minutes (an hour when unknown)
    deadline = time.monotonic() + (120 + 4 * length if length else 3600)
    with tempfile.TemporaryFile() as err:
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL, text=True,
                                    creationflags=_NO_WINDOW)
        except OSError as e:
            raise VideoError(str(src), "video_convert_failed", f"ffmpeg could not be started ({e})") from e
        stop = threading.Event()
        threading.Thread(target=_watch, args=(proc, stop, deadline, cancelled), daemon=True).start()
        try:
            said = None
            for line in proc.stdout:
                m = re.match(r"out_time_(?:us|ms)=(\d+)", line)  # both in microseconds; older ffmpegs give _ms only
                if m and progress and m.group(1) != said:
                    said = m.group(1)
                    progress(min(1.0, int(said) / 1e6 / length) if length else None)
            code = proc.wait()
        finally:
            stop.set()
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        err.seek(0)
        why = err.read().decode("utf-8", "replace").replace(f"{src}: ", "").strip().splitlines()
    if cancelled():
        dst.unlink(missing_ok=True)
        raise VideoError(str(src), "cancelled", "cancelled")
    if code != 0 or not dst.is_file() or dst.stat().st_size == 0:
        dst.unlink(missing_ok=True)
        reason = why[-1][:300] if why else ("it took too long" if time.monotonic() > deadline else f"exit code {code}")
        raise VideoError(str(src), "video_convert_failed", f"ffmpeg could not convert it to MP4 ({reason})")


def _watch(proc: subprocess.Popen, stop: threading.Event, deadline: float, cancelled: Callable[[], bool]) -> None:
    """Ends the conversion when it is cancelled or past its deadline (ffmpeg may stop writing progress)."""
    while not stop.wait(0.2):
        if cancelled() or time.monotonic() > deadline:
            proc.kill()
            return


class _Log:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def debug(self, msg: str) -> None:
        pass

    def info(self, msg: str) -> None:
        pass

    def warning(self, msg: str) -> None:
        pass

    def error(self, msg: str) -> None:
        self.errors.append(msg)


def fetch_video(url: str, folder: Path, *, max_bytes: int, timeout: float = 20.0, user_agent: str = "",
                progress: Callable[[float | None], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> Video:
    """Download one video (and its ky/ru subtitles) into ``folder``; one in another format is converted to MP4
    (:func:`to_mp4`, ``progress`` and ``cancelled`` are its). Raises :class:`VideoError`."""
    yt_dlp = need("yt_dlp")
    folder.mkdir(parents=True, exist_ok=True)
    log = _Log()
    ffmpeg = shutil.which("ffmpeg") is not None
    opts = {
        "format": format_spec(ffmpeg=ffmpeg), "outtmpl": str(folder / "%(id).60B.%(ext)s"), "paths": {},
        "writesubtitles": True, "writeautomaticsub": False, "subtitleslangs": list(SUB_LANGS),
        "subtitlesformat": "vtt/best", "max_filesize": max_bytes, "noplaylist": True, "quiet": True,
        "no_warnings": True, "noprogress": True, "socket_timeout": timeout, "retries": 2,
        "fragment_retries": 2, "logger": log, "overwrites": True, "merge_output_format": "mp4",
        "restrictfilenames": True, "windowsfilenames": True, "color": "never",
    }
    if user_agent:
        opts["http_headers"] = {"User-Agent": user_agent}
    try:
        with yt_dlp.YoutubeDL(opts) as ydl:
            info = ydl.extract_info(url, download=True)
    except yt_dlp.utils.DownloadError as e:
        text = str(e).removeprefix("ERROR: ")
        code = "video_unreachable" if any(w in text.lower() for w in ("unable to download", "connection",
                                                                      "timed out", "resolve", "refused")) \
            else "video_failed"
        raise VideoError(url, code, f"the video could not be fetched: {text[:300]}") from e
    except Exception as e:  # an extractor's bug must stay this page's problem
        raise VideoError(url, "video_failed", f"the video could not be fetched ({type(e).__name__}: {e})") from e
    if info is None:
        raise VideoError(url, "video_failed", "; ".join(log.errors) or "no video found")
    if info.get("_type") == "playlist":
        entries = [e for e in info.get("entries") or [] if e]
        if not entries:
            raise VideoError(url, "no_video", "no video found on that page")
        info = entries[0]
    downloads = info.get("requested_downloads") or []
    path = Path(downloads[0]["filepath"]) if downloads and downloads[0].get("filepath") else None
    if path is None or not path.is_file():
        reason = "; ".join(log.errors) or "larger than the budget left, or no MP4 format offered"
        raise VideoError(url, "video_skipped", f"no video was downloaded ({reason})")
    if path.suffix.lower() not in (".mp4", ".m4v"):
        if not ffmpeg:
            path.unlink(missing_ok=True)
            raise VideoError(url, "video_format", f"only a {path.suffix} file is offered and village PCs play MP4; "
                             f"{INSTALL_FFMPEG}")
        mp4 = path.with_name(path.stem + ".converted.mp4")
        try:
            to_mp4(path, mp4, progress=progress, cancelled=cancelled)
        except VideoError as e:
            raise VideoError(url, e.code, str(e)) from e
        finally:
            path.unlink(missing_ok=True)
        path = mp4
    subs = {}
    for lang, sub in (info.get("requested_subtitles") or {}).items():
        if lang in SUB_LANGS and sub.get("filepath") and Path(sub["filepath"]).is_file():
            subs[lang] = Path(sub["filepath"])
    return Video(path, subs, info.get("title") or "", path.stat().st_size)
