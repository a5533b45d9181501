"""The command line's text on the Windows console: Kyrgyz letters that arrive whole, escapes only where understood.

Windows gives a redirected or piped stdout the PC's ANSI code page (cp1251 on a Russian or Kyrgyz Windows), which
has no ө, ү or ң: Python would write "?" or fail. Such a stream is switched to UTF-8 (what Notepad and every
current tool read); the console itself is switched to the UTF-8 code page. ANSI escapes (bold search hits) are
written only to a terminal that understands them: on Windows only after virtual-terminal processing was turned on.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

KYRGYZ_LETTERS = "өүңӨҮҢ"
_ENABLE_VIRTUAL_TERMINAL_PROCESSING = 0x0004
_STD_HANDLES = {1: -11, 2: -12}  # fd -> STD_OUTPUT_HANDLE, STD_ERROR_HANDLE
_vt_enabled: set[int] = set()


def setup(streams: tuple[TextIO, ...] | None = None) -> None:
    """Make ``streams`` (default stdout and stderr) able to carry Kyrgyz text; never raise."""
    if os.name == "nt":
        _windows_console()
    for stream in streams if streams is not None else (sys.stdout, sys.stderr):
        if stream is None or not hasattr(stream, "reconfigure"):
            continue
        try:
            if not _can_encode(stream, KYRGYZ_LETTERS):
                stream.reconfigure(encoding="utf-8", errors="replace")
            else:
                stream.reconfigure(errors="replace")  # a last resort that never crashes a command
        except (ValueError, OSError, LookupError):
            pass


def supports_ansi(stream: TextIO) -> bool:
    """True if escapes such as bold may be written to ``stream``: a terminal that understands them."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        if not stream.isatty():
            return False
    except (AttributeError, ValueError, OSError):
        return False
    if os.name != "nt":
        return True
    try:
        return stream.fileno() in _vt_enabled
    except (AttributeError, ValueError, OSError):
        return False


def _can_encode(stream: TextIO, text: str) -> bool:
    try:
        text.encode(stream.encoding or "ascii")
        return True
    except (UnicodeEncodeError, LookupError):
        return False


def _windows_console() -> None:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32
    try:
        kernel32.SetConsoleOutputCP(65001)
        kernel32.SetConsoleCP(65001)
    except OSError:
        pass
    for fd, std in _STD_HANDLES.items():
        handle = kernel32.GetStdHandle(std)
        mode = ctypes.c_uint32()
        if not kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
            continue  # not a console (a file or a pipe)
        if mode.value & _ENABLE_VIRTUAL_TERMINAL_PROCESSING or \
                kernel32.SetConsoleMode(handle, mode.value | _ENABLE_VIRTUAL_TERMINAL_PROCESSING):
            _vt_enabled.add(fd)  # Windows 10+; older consoles refuse and get no escapes
