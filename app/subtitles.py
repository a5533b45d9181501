"""WebVTT subtitles to transcript cues (start/end seconds and plain text)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class CueText:
    start: float
    end: float
    text: str


def read_cues(data: bytes) -> list[CueText]:
    """Parse WebVTT bytes. Raises ValueError for anything that is not valid WebVTT."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ValueError("subtitles are not UTF-8") from e
    if not text.lstrip().startswith("WEBVTT"):
        raise ValueError("not valid WebVTT: no WEBVTT header")
    try:
        import webvtt  # (imported by the imports and syncs that read subtitles, not at every start)

        captions = webvtt.from_buffer(io.StringIO(text))
    except Exception as e:  # webvtt raises its own MalformedFileError / MalformedCaptionError
        raise ValueError(f"not valid WebVTT: {e}") from e
    cues = []
    for c in captions:
        body = re.sub(r"<[^>]+>", "", c.text).strip()
        if body:
            cues.append(CueText(_secs(c.start), _secs(c.end), " ".join(body.split())))
    return cues


def _secs(stamp: str) -> float:
    parts = stamp.split(":")
    secs = 0.0
    for p in parts:
        secs = secs * 60 + float(p)
    return round(secs, 3)
