"""Change records of the feed (FEED.md, "Change records"): one JSON object per line, gzip-compressed.

``{"seq": n, "op": "upsert", "record": {...}}`` carries a whole :class:`~app.incoming.ItemRecord`,
``{"seq": n, "op": "delete", "id": "..."}`` is a tombstone, and ``{"seq": n, "op": "taxonomy", "kind":
"topics"|"target_groups"|"regions", "entry": {...}}`` adds or relabels a taxonomy entry.

Every field of every line is checked against the record types before a caller sees it. A damaged file
(not gzip, cut off, corrupt, not UTF-8, not JSON, a wrong field) raises :class:`~sync.errors.FeedError`
in plain words. A gzip stream's checksum is only known at its end, so a caller must treat a whole file
as one unit (e.g. one database transaction) and discard what it read if iteration raises.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import math
import types
import typing
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import MISSING, dataclass, fields, is_dataclass
from pathlib import Path
from typing import Any, BinaryIO, ClassVar

from app.authoring.loader import ID_RE
from app.authoring.taxonomy import REGION_TYPES
from app.db.models import KINDS, LANGS
from app.fsutil import HIDDEN_CONTROL_CHARS, MAX_NAME_CHARS, unsafe_name_reason
from app.incoming import FileRef, ItemRecord, TaxonomyEntry
from sync.errors import FeedError
from sync.feedformat import MAX_SEQ, SHA256_RE, SegmentEntry, SnapshotEntry, check_file, strict_json

TAXONOMY_KINDS = ("topics", "target_groups", "regions")
FILE_ROLES = ("attachment", "video", "thumbnail", "subtitles", "file", "image")
MAX_LINE_BYTES = 32 * 1024 * 1024  # one record; a bigger line is damage (or a decompression bomb)
# What a change file may unpack to: JSON lines compress 3-10 times, gzip at most ~1000 times, so a file that
# unpacks to a hundred times its size (and more than the floor) is a decompression bomb, refused before it
# costs memory or minutes.
MAX_EXPANSION = 100
MIN_UNPACKED_LIMIT = 32 * 1024 * 1024


def unpacked_limit(size: int) -> int:
    """The most a change file of ``size`` compressed bytes may unpack to."""
    return max(MIN_UNPACKED_LIMIT, size * MAX_EXPANSION)


@dataclass(frozen=True)
class Upsert:
    seq: int
    record: ItemRecord
    op: ClassVar[str] = "upsert"


@dataclass(frozen=True)
class Delete:
    seq: int
    id: str
    op: ClassVar[str] = "delete"


@dataclass(frozen=True)
class TaxonomyUpsert:
    seq: int
    kind: str  # topics | target_groups | regions
    entry: TaxonomyEntry
    op: ClassVar[str] = "taxonomy"


Change = Upsert | Delete | TaxonomyUpsert


# --- encoding ----------------------------------------------------------------------------------------


def change_dict(change: Change) -> dict:
    if isinstance(change, Upsert):
        return {"seq": change.seq, "op": "upsert", "record": change.record.to_dict()}
    if isinstance(change, Delete):
        return {"seq": change.seq, "op": "delete", "id": change.id}
    if isinstance(change, TaxonomyUpsert):
        return {"seq": change.seq, "op": "taxonomy", "kind": change.kind,
                "entry": {f.name: getattr(change.entry, f.name) for f in fields(TaxonomyEntry)}}
    raise TypeError(f"not a change: {change!r}")


def encode_change(change: Change) -> bytes:
    """One line of a segment or snapshot, with its newline."""
    line = json.dumps(change_dict(change), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return line.encode("utf-8") + b"\n"


def write_changes(fileobj: BinaryIO, changes: Iterable[Change]) -> int:
    """Write gzip-compressed change lines to an open binary file; return how many were written.

    The gzip header carries no name and no time, so the same changes always give the same bytes.
    """
    n = 0
    with gzip.GzipFile(fileobj=fileobj, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
        for change in changes:
            gz.write(encode_change(change))
            n += 1
    return n


# --- decoding ----------------------------------------------------------------------------------------


def _bad(where: str, message: str) -> FeedError:
    return FeedError(f"{where}: {message}", code="record_invalid")


def _what(value: object) -> str:
    if value is None:
        return "null"
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "an object"}.get(type(value), type(value).__name__)


_HINTS: dict[type, dict[str, Any]] = {}


def _build(cls: type, data: object, where: str, path: str) -> Any:
    """Construct dataclass ``cls`` from JSON, checking every field against its type annotation.

    Unknown keys are ignored (FEED.md: readers ignore fields they do not know); a missing field takes the
    dataclass default, or is an error if there is none.
    """
    if not isinstance(data, dict):
        raise _bad(where, f"'{path}' must be an object, not {_what(data)}")
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    values = {}
    for f in fields(cls):
        if f.name not in data:
            if f.default is MISSING and f.default_factory is MISSING:
                raise _bad(where, f"'{path}.{f.name}' is missing")
            continue
        values[f.name] = _value(data[f.name], hints[f.name], where, f"{path}.{f.name}")
    return cls(**values)


def _value(value: object, hint: Any, where: str, path: str) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if value is None and len(args) < len(typing.get_args(hint)):
            return None
        hint = args[0]
        origin = typing.get_origin(hint)
    if hint is str:
        if not isinstance(value, str):
            raise _bad(where, f"'{path}' must be text, not {_what(value)}")
        return value
    if hint is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise _bad(where, f"'{path}' must be a whole number, not {_what(value)}")
        return value
    if hint is float:
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
            raise _bad(where, f"'{path}' must be a number, not {_what(value)}")
        return float(value)
    if origin is tuple:
        if not isinstance(value, list):
            raise _bad(where, f"'{path}' must be a list, not {_what(value)}")
        inner = typing.get_args(hint)[0]
        return tuple(_value(v, inner, where, f"{path}[{i}]") for i, v in enumerate(value))
    if is_dataclass(hint):
        return _build(hint, value, where, path)
    raise TypeError(f"no rule for the type {hint!r} of '{path}'")  # a new record field type: teach _value


def _check_id(value: str | None, where: str, path: str) -> None:
    if value is not None and not ID_RE.match(value):
        raise _bad(where, f"'{path}' is not a valid item id: {value[:80]!r}")


def _check_item(r: ItemRecord, where: str) -> ItemRecord:
    _check_id(r.id, where, "record.id")
    if r.kind not in KINDS:
        raise _bad(where, f"'record.kind' is {r.kind!r}, not one of {', '.join(KINDS)}")
    if r.lang not in LANGS:
        raise _bad(where, f"'record.lang' is {r.lang!r}, not one of {', '.join(LANGS)}")
    if not r.title.strip():
        raise _bad(where, "'record.title' is empty")
    _check_id(r.translation_of, where, "record.translation_of")
    _check_id(r.recording, where, "record.recording")
    for i, rel in enumerate(r.related):
        _check_id(rel, where, f"record.related[{i}]")
    for key in ("starts", "ends"):
        value = getattr(r, key)
        if value is not None:
            try:
                dt.datetime.fromisoformat(value)
            except ValueError:
                raise _bad(where, f"'record.{key}' is not an ISO date-time: {value[:40]!r}") from None
    for i, f in enumerate(r.files):
        p = f"record.files[{i}]"
        if not SHA256_RE.match(f.sha256):
            raise _bad(where, f"'{p}.sha256' is not a SHA-256 (64 lowercase hex digits)")
        if f.size < 0:
            raise _bad(where, f"'{p}.size' is negative")
        if f.role not in FILE_ROLES:
            raise _bad(where, f"'{p}.role' is {f.role!r}, not one of {', '.join(FILE_ROLES)}")
        if f.lang is not None and f.lang not in LANGS:
            raise _bad(where, f"'{p}.lang' is {f.lang!r}, not one of {', '.join(LANGS)}")
        if f.role == "image":  # the picture's address in the body (app/content.py maps it), never a file name
            if not f.name or len(f.name) > MAX_NAME_CHARS or any(c < " " or c in HIDDEN_CONTROL_CHARS for c in f.name):
                raise _bad(where, f"'{p}.name' is not a picture address of the body: {f.name[:80]!r}")
        elif reason := unsafe_name_reason(f.name):  # saved and opened under this name on the user's PC
            raise _bad(where, f"'{p}.name' {f.name[:80]!r} {reason}")
    return r


def _check_entry(kind: str, e: TaxonomyEntry, where: str) -> TaxonomyEntry:
    if not e.id or len(e.id) > 200 or e.id != e.id.strip():
        raise _bad(where, f"'entry.id' is not a valid taxonomy id: {e.id[:80]!r}")
    for lang in LANGS:
        if not getattr(e, lang).strip():
            raise _bad(where, f"'entry.{lang}' (the {lang} label) is empty")
    if kind == "regions" and e.type not in REGION_TYPES:
        raise _bad(where, f"'entry.type' is {e.type!r}, not one of {', '.join(REGION_TYPES)}")
    return e


def decode_change(obj: object, *, where: str = "change") -> Change:
    """Validate one parsed JSON line and turn it into a :data:`Change`."""
    if not isinstance(obj, dict):
        raise _bad(where, f"a change must be a JSON object, not {_what(obj)}")
    seq = obj.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or not 1 <= seq <= MAX_SEQ:
        raise _bad(where, f"'seq' must be a whole number from 1 to {MAX_SEQ}, not {seq!r:.40}")
    op = obj.get("op")
    if op == "upsert":
        return Upsert(seq=seq, record=_check_item(_build(ItemRecord, obj.get("record"), where, "record"), where))
    if op == "delete":
        item_id = obj.get("id")
        if not isinstance(item_id, str):
            raise _bad(where, f"'id' must be text, not {_what(item_id)}")
        _check_id(item_id, where, "id")
        return Delete(seq=seq, id=item_id)
    if op == "taxonomy":
        kind = obj.get("kind")
        if kind not in TAXONOMY_KINDS:
            raise _bad(where, f"'kind' is {kind!r:.40}, not one of {', '.join(TAXONOMY_KINDS)}")
        entry = _build(TaxonomyEntry, obj.get("entry"), where, "entry")
        return TaxonomyUpsert(seq=seq, kind=kind, entry=_check_entry(kind, entry, where))
    raise _bad(where, f"unknown operation 'op': {op!r:.40} (expected upsert, delete or taxonomy)")


def iter_changes(stream: BinaryIO, *, name: str, max_unpacked: int | None = None) -> Iterator[Change]:
    """Decompress and decode a gzip-compressed change file, line by line. ``name`` is used in messages;
    ``max_unpacked`` bounds the decompressed bytes (see :func:`unpacked_limit`)."""
    line_no = 0
    unpacked = 0
    budget = max_unpacked if max_unpacked is not None else MAX_LINE_BYTES * 1024
    try:
        with gzip.GzipFile(fileobj=stream, mode="rb") as gz:
            # never read more than the budget left, so a bomb costs no more memory than the budget
            while line := gz.readline(min(MAX_LINE_BYTES, budget - unpacked) + 1):
                line_no += 1
                unpacked += len(line)
                if unpacked > budget:
                    raise FeedError(f"{name} is damaged: it unpacks to more than {budget / 2**20:,.0f} MB, far more "
                                    "than a change file of its size can hold", code="file_damaged")
                where = f"{name}, line {line_no}"
                if len(line) > MAX_LINE_BYTES:
                    raise FeedError(f"{where} is longer than {MAX_LINE_BYTES // 2**20} MB: the file is damaged",
                                    code="file_damaged")
                if not line.endswith(b"\n"):
                    raise FeedError(f"{where} is incomplete (no line end): the file is damaged", code="file_damaged")
                try:
                    obj = strict_json(line.decode("utf-8"))
                except UnicodeDecodeError:
                    raise FeedError(f"{where} is not UTF-8 text: the file is damaged", code="file_damaged") from None
                except ValueError as e:
                    raise FeedError(f"{where} is not valid JSON ({e}): the file is damaged",
                                    code="file_damaged") from None
                yield decode_change(obj, where=where)
    except EOFError:
        raise FeedError(f"{name} is cut off: the compressed data ends too early (an interrupted download or "
                        "copy?)", code="file_damaged") from None
    except gzip.BadGzipFile as e:
        if line_no == 0 and "Not a gzipped file" in str(e):
            raise FeedError(f"{name} is not a gzip-compressed change file (perhaps an error page was saved "
                            "instead of the file)", code="file_damaged") from None
        raise FeedError(f"{name} is damaged: {e}", code="file_damaged") from None
    except zlib.error as e:
        raise FeedError(f"{name} is damaged: the compressed data is corrupt ({e})", code="file_damaged") from None


def _open(path: Path, name: str) -> BinaryIO:
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise FeedError(f"{name} is missing from the feed", code="file_missing") from None
    except OSError as e:
        raise FeedError(f"cannot read {name}: {e.strerror or e}", code="file_missing") from None


def read_segment(path: Path, entry: SegmentEntry, *, verify: bool = True) -> Iterator[Change]:
    """The changes of a segment file, checked: size and SHA-256 (unless ``verify`` is False because the
    caller just did), then one record per sequence number from ``entry.first`` to ``entry.last``."""
    if verify:
        check_file(path, size=entry.size, sha256=entry.sha256, name=entry.path)
    expected = entry.first
    with _open(path, entry.path) as f:
        for change in iter_changes(f, name=entry.path, max_unpacked=unpacked_limit(entry.size)):
            if change.seq != expected:
                raise FeedError(f"{entry.path}: found record {change.seq} where {expected} should be "
                                f"(the segment covers {entry.first}..{entry.last})", code="file_damaged")
            if expected > entry.last:
                raise FeedError(f"{entry.path} holds more records than the manifest says", code="file_damaged")
            expected += 1
            yield change
    if expected != entry.last + 1:
        raise FeedError(f"{entry.path} ends at record {expected - 1}, but the manifest says it goes to {entry.last}: "
                        "the file is incomplete", code="file_damaged")


def read_snapshot(path: Path, entry: SnapshotEntry, *, verify: bool = True) -> Iterator[Change]:
    """The lines of a snapshot: taxonomy entries, then one upsert per item, all at ``entry.seq``.

    Raises as soon as a line beyond ``entry.records`` is read, so even ``list(read_snapshot(...))`` of a
    snapshot stuffed with a million lines stops after ``entry.records + 1``."""
    if verify:
        check_file(path, size=entry.size, sha256=entry.sha256, name=entry.path)
    n = 0
    seen: set[str] = set()
    with _open(path, entry.path) as f:
        for change in iter_changes(f, name=entry.path, max_unpacked=unpacked_limit(entry.size)):
            n += 1
            if n > entry.records:
                raise FeedError(f"{entry.path} holds more records than the {entry.records} the manifest says: the "
                                "file is damaged", code="file_damaged")
            if change.seq != entry.seq:
                raise FeedError(f"{entry.path}, line {n}: seq {change.seq}, but every line of this snapshot must "
                                f"have seq {entry.seq}", code="file_damaged")
            if isinstance(change, Delete):
                raise FeedError(f"{entry.path}, line {n}: a snapshot holds no deletions", code="file_damaged")
            if isinstance(change, Upsert):
                if change.record.id in seen:
                    raise FeedError(f"{entry.path}, line {n}: item '{change.record.id}' appears twice",
                                    code="file_damaged")
                seen.add(change.record.id)
            yield change
    if n != entry.records:
        raise FeedError(f"{entry.path} holds {n} records, but the manifest says {entry.records}: the file is "
                        "incomplete", code="file_damaged")


__all__ = [
    "FILE_ROLES",
    "TAXONOMY_KINDS",
    "Change",
    "Delete",
    "FileRef",
    "TaxonomyUpsert",
    "Upsert",
    "change_dict",
    "decode_change",
    "encode_change",
    "iter_changes",
    "read_segment",
    "read_snapshot",
    "unpacked_limit",
    "write_changes",
]
