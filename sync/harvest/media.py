"""Videos from video hosts (YouTube and the like) through yt-dlp, in a format village PCs play: at most 480p,
H.264 video with AAC sound in an MP4 file; subtitles in Kyrgyz and Russian when the host offers them.

Without ffmpeg yt-dlp cannot join a separate video and audio stream, so then only single-file MP4 formats are
asked for. A host that does not answer is a problem of that page, never of the run.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sync.harvest.errors import need

SUB_LANGS = ("ky", "ru")


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
    if ffmpeg:  # YouTube serves 480p only as separate streams
        return f"{single}/bv*[height<=480][ext=mp4][vcodec^=avc1]+ba[ext=m4a]/{single.split('/')[0]}/b[ext=mp4]"
    return f"{single}/b[ext=mp4]/b[ext=m4v]"


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


def fetch_video(url: str, folder: Path, *, max_bytes: int, timeout: float = 20.0, user_agent: str = "") -> Video:
    """Download one video (and its ky/ru subtitles) into ``folder``. Raises :class:`VideoError`."""
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
        path.unlink(missing_ok=True)
        raise VideoError(url, "video_format", f"only a {path.suffix} file is offered; village PCs play MP4")
    subs = {}
    for lang, sub in (info.get("requested_subtitles") or {}).items():
        if lang in SUB_LANGS and sub.get("filepath") and Path(sub["filepath"]).is_file():
            subs[lang] = Path(sub["filepath"])
    return Video(path, subs, info.get("title") or "", path.stat().st_size)
