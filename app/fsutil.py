"""File-system helpers written for Windows first: atomic replace with retries, fsync, safe names."""

from __future__ import annotations

import os
import time
from pathlib import Path

# Characters FAT32 and Windows refuse in file names.
FORBIDDEN_NAME_CHARS = set('<>:"|?*') | {chr(c) for c in range(32)}
# Characters that hide or reorder what a name shows: DEL and C1 controls, and the text-direction marks
# ("invoice\u202efdp.exe" is shown as "invoiceexe.pdf").
HIDDEN_CONTROL_CHARS = ({chr(0x7F)} | {chr(c) for c in range(0x80, 0xA0)} | set("\u061c\u200e\u200f")
                        | {chr(c) for c in range(0x202A, 0x202F)} | {chr(c) for c in range(0x2066, 0x206A)})
# Device names Windows opens instead of a file, whatever the folder or extension ("CON.txt", "COM¹").
RESERVED_NAMES = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                            *(f"{dev}{n}" for dev in ("COM", "LPT") for n in "0123456789¹²³")})
MAX_NAME_CHARS = 200  # one file name; Windows' whole path limit is 260 unless long paths are enabled


def fsync_dir(folder: Path) -> None:
    """Make a rename durable on POSIX; Windows has no directory handles to sync (and needs none)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace(src: Path, dst: Path, *, attempts: int = 10, delay: float = 0.05) -> None:
    """``os.replace`` that retries briefly: on Windows a reader or a virus scanner may hold ``dst`` open."""
    for attempt in range(attempts):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(delay * (attempt + 1))


def unlink_quietly(path: Path) -> bool:
    try:
        path.unlink()
        return True
    except FileNotFoundError:
        return True
    except OSError:
        return False  # in use (Windows): tried again on the next clean-up


def long_path(path: str) -> str:
    """A Windows path (absolute, with backslashes) in its long form when it is near the 260-character limit:
    ``\\\\?\\C:\\...``, and ``\\\\?\\UNC\\server\\share\\...`` for a network share (``\\\\?\\\\\\server`` would
    name no file at all)."""
    if len(path) < 240 or path.startswith("\\\\?\\"):
        return path
    if path.startswith("\\\\"):
        return "\\\\?\\UNC\\" + path[2:]
    return "\\\\?\\" + path


def file_url_path(url: str, *, windows: bool = os.name == "nt") -> str:
    """The folder a ``file:`` address names, keeping its server: ``file://server/share/feed`` is the share
    ``\\\\server\\share\\feed`` on Windows (``url2pathname`` of the path alone would drop the server), and
    ``file:///E:/kitepkana-feed`` is ``E:\\kitepkana-feed``."""
    import urllib.parse

    parts = urllib.parse.urlparse(url)
    path = parts.path
    if parts.netloc and parts.netloc.lower() != "localhost":
        path = f"//{parts.netloc}{path}"
    if windows:
        import nturl2path

        return nturl2path.url2pathname(path)
    import urllib.request

    return urllib.request.url2pathname(path)


def unsafe_name_reason(name: str) -> str | None:
    """Why ``name`` is not one safe file name — for a FAT32 drive, for Windows, and as a name from a feed or an
    authoring folder that must never turn into another path or a device — or None.

    One path part only: no folder separators, not ``.``/``..``, no drive (``C:`` has a ``:``), no control or
    text-direction characters ("invoice<U+202E>fdp.exe" shows as "invoiceexe.pdf"), no reserved device name
    (also with an extension or superscript digits: ``CON.txt``, ``COM¹``), no trailing dot or space, and at
    most :data:`MAX_NAME_CHARS` characters.
    """
    if not name:
        return "is empty"
    if len(name) > MAX_NAME_CHARS:
        return f"is longer than {MAX_NAME_CHARS} characters"
    if "/" in name or "\\" in name:
        return "contains a folder separator ('/' or '\\'); a file name must be one name, not a path"
    if name in (".", ".."):
        return "is not a file name ('.' or '..')"
    bad = sorted({c for c in name if c in FORBIDDEN_NAME_CHARS or c in HIDDEN_CONTROL_CHARS})
    if bad:
        return "contains characters not allowed on Windows/USB drives: " + " ".join(repr(c) for c in bad)
    if name.rstrip(" .") != name:
        return "ends with a space or a dot"
    # Windows ignores what follows the first dot, and spaces before it: "CON .txt" is the console too
    if name.split(".")[0].rstrip(" ").upper() in RESERVED_NAMES:
        return "is a reserved device name on Windows"
    return None


def safe_name(name: str, fallback: str) -> str:
    """``name`` made into a safe file name (see :func:`unsafe_name_reason`): separators and forbidden characters
    become ``_``, a device name gets a ``_`` in front; ``fallback`` (itself safe) if nothing usable is left."""
    cleaned = "".join("_" if c in FORBIDDEN_NAME_CHARS or c in HIDDEN_CONTROL_CHARS or c in "/\\" else c
                      for c in name)
    cleaned = cleaned.strip(" ").rstrip(" .")
    if cleaned and unsafe_name_reason(cleaned):
        cleaned = "_" + cleaned  # a reserved device name (or too long, cut below)
    cleaned = cleaned[:MAX_NAME_CHARS].rstrip(" .")
    return cleaned if cleaned and unsafe_name_reason(cleaned) is None else fallback


def inside(folder: Path, name: str) -> Path:
    """The file ``name`` in ``folder``, checked again where it is used: a safe name (:func:`unsafe_name_reason`)
    whose resolved path stays inside ``folder``. Raises ValueError otherwise."""
    reason = unsafe_name_reason(name)
    if reason:
        raise ValueError(f"the file name {name[:80]!r} {reason}")
    base = Path(folder).resolve()
    target = (base / name).resolve()
    if target.parent != base:
        raise ValueError(f"the file name {name[:80]!r} leads outside {base}")
    return base / name


# What may be handed to the PC's own program: documents, pictures and text, by extension and the MIME type the
# record gives, both (a name alone can lie: "invoice.pdf.exe"; a MIME type alone too). Nothing that runs code by
# itself: no programs, scripts, shortcuts, HTML or SVG pages, macro-enabled office files (.docm, .xlsm).
# Several types per extension: the publisher's PC names them (Python's mimetypes reads the Windows registry,
# where Excel claims .csv).
OPENABLE = {
    ".pdf": {"application/pdf"},
    ".jpg": {"image/jpeg"}, ".jpeg": {"image/jpeg"}, ".png": {"image/png"}, ".gif": {"image/gif"},
    ".webp": {"image/webp"}, ".bmp": {"image/bmp", "image/x-ms-bmp"},
    ".txt": {"text/plain"}, ".csv": {"text/csv", "text/plain", "application/vnd.ms-excel"}, ".md": {"text/markdown", "text/plain"},
    ".rtf": {"application/rtf", "text/rtf"},
    ".doc": {"application/msword"}, ".xls": {"application/vnd.ms-excel"}, ".ppt": {"application/vnd.ms-powerpoint"},
    ".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    ".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    ".pptx": {"application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    ".odt": {"application/vnd.oasis.opendocument.text"},
    ".ods": {"application/vnd.oasis.opendocument.spreadsheet"},
    ".odp": {"application/vnd.oasis.opendocument.presentation"},
}


def openable(name: str, mime: str) -> bool:
    """True if a file called ``name`` with the MIME type ``mime`` (both from the record) may be opened with the
    PC's own program; anything else is only saved as a copy where the user chooses."""
    if unsafe_name_reason(name):
        return False
    ext = os.path.splitext(name)[1].lower()
    return mime.split(";")[0].strip().lower() in OPENABLE.get(ext, ())
