"""Text of stored files for the search index: PDF (pypdf); plain text and Markdown as they are."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

MAX_CHARS = 2_000_000  # a runaway PDF must not blow up the index


@dataclass(frozen=True)
class Extracted:
    text: str
    pages: int
    error: str = ""


def extractable(mime: str) -> bool:
    return mime in ("application/pdf", "text/plain", "text/markdown")


def extract(path: Path, mime: str) -> Extracted:
    try:
        if mime == "application/pdf":
            return _pdf(path)
        if mime in ("text/plain", "text/markdown"):
            return Extracted(path.read_text(encoding="utf-8", errors="replace")[:MAX_CHARS], 1)
    except Exception as e:  # noqa: BLE001 — a damaged file must not stop an import: record why, index what we have
        log.warning("could not extract text from %s: %s", path, e)
        return Extracted("", 0, f"{type(e).__name__}: {e}"[:500])
    return Extracted("", 0, f"no text extraction for {mime}")


def _pdf(path: Path) -> Extracted:
    import pypdf

    reader = pypdf.PdfReader(path)
    parts: list[str] = []
    size = 0
    for page in reader.pages:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size > MAX_CHARS:
            break
    return Extracted("\n\f".join(parts)[:MAX_CHARS], len(reader.pages))
