"""Just enough of the ISO base media format to read a video's duration (the ``mvhd`` box)."""

from __future__ import annotations

import struct
from pathlib import Path

CONTAINERS = {b"moov", b"trak", b"mdia"}


def _boxes(f, end: int):
    while f.tell() + 8 <= end:
        start = f.tell()
        header = f.read(8)
        size, kind = struct.unpack(">I4s", header)
        if size == 1:
            size = struct.unpack(">Q", f.read(8))[0]
        elif size == 0:
            size = end - start
        if size < 8:
            return
        yield kind, start, size, f.tell()
        f.seek(start + size)


def duration_seconds(path: Path) -> float | None:
    """The movie duration, or None when the file is not an MP4/MOV we can read."""
    try:
        with open(path, "rb") as f:
            f.seek(0, 2)
            total = f.tell()
            f.seek(0)
            for kind, start, size, body in _boxes(f, total):
                if kind != b"moov":
                    continue
                for inner, _s, _z, ibody in _boxes(f, start + size):
                    if inner == b"mvhd":
                        f.seek(ibody)
                        version = f.read(1)[0]
                        f.read(3)
                        if version == 1:
                            _c, _m, scale, dur = struct.unpack(">QQIQ", f.read(28))
                        else:
                            _c, _m, scale, dur = struct.unpack(">IIII", f.read(16))
                        return round(dur / scale, 3) if scale else None
                return None
    except (OSError, struct.error, IndexError):
        return None
    return None
