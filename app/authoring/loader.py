"""Reading an authoring folder into validated records.

The whole folder is read and checked before anything is written anywhere: every problem is collected
(file, field, what is wrong) and raised together as one :class:`AuthoringError`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import mimetypes
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

import yaml

from app import mp4
from app.authoring import taxonomy as tax
from app.db.models import KINDS, LANGS
from app.errors import AuthoringError, CancelledError, Problem
from app.fsutil import MAX_NAME_CHARS, unsafe_name_reason
from app.incoming import FileRef, ItemRecord, TaxonomyEntry
from app.markdown import image_targets
from app.media import sha256_file

ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")
REQUIRED = ("id", "kind", "lang", "title")
FIELDS = {
    "id", "kind", "lang", "title", "summary", "topics", "region", "target_groups", "year", "authors",
    "organisation", "award", "attachments", "video", "thumbnail", "subtitles", "duration", "course",
    "course_order", "file", "translation_of", "related", "starts", "ends", "format", "location", "recording",
    "source_url",
}
EVENT_FORMATS = ("offline", "online", "hybrid")
VIDEO_EXT = {".mp4", ".m4v"}
IMAGE_EXT = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
MIME_FALLBACK = {".vtt": "text/vtt", ".md": "text/markdown", ".docx":
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}

Progress = Callable[[int, int, str], None]


@dataclass
class Catalog:
    """A validated authoring folder."""

    root: Path
    items: list[ItemRecord]
    topics: list[TaxonomyEntry] = field(default_factory=list)
    target_groups: list[TaxonomyEntry] = field(default_factory=list)
    regions: list[TaxonomyEntry] = field(default_factory=list)
    # sha256 -> a file on disk with that content
    media: dict[str, Path] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # item id -> relative file name


def mime_of(path: Path) -> str:
    ext = path.suffix.lower()
    return MIME_FALLBACK.get(ext) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def item_files(root: Path) -> list[Path]:
    """Every item file below ``root``: ``*.md``, skipping ``_``/``.`` names and README.md."""
    found = []
    for p in sorted(root.rglob("*.md")):
        rel = p.relative_to(root).parts
        if any(part.startswith(("_", ".")) for part in rel):
            continue
        if p.name.lower() == "readme.md":
            continue
        found.append(p)
    return found


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Return (yaml text, body, line number where the body starts) or None if there is no front matter."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    return None


class _FileCheck:
    """Checks one item file; problems are appended to a shared list."""

    def __init__(self, loader: _Loader, path: Path) -> None:
        self.loader = loader
        self.path = path
        self.rel = path.relative_to(loader.root).as_posix()
        self.ok = True

    def problem(self, fld: str | None, message: str) -> None:
        self.ok = False
        self.loader.problems.append(Problem(self.rel, fld, message))

    # --- scalar fields ---

    def text(self, meta: dict, key: str, *, required: bool = False, max_len: int = 500) -> str:
        value = meta.get(key)
        if value is None:
            if required:
                self.problem(key, "is required")
            return ""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.problem(key, f"must be text, not {type(value).__name__}")
            return ""
        value = value.strip()
        if required and not value:
            self.problem(key, "must not be empty")
        if len(value) > max_len:
            self.problem(key, f"is too long ({len(value)} characters, at most {max_len})")
        return value

    def str_list(self, meta: dict, key: str) -> tuple[str, ...]:
        value = meta.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            self.problem(key, "must be a list of texts")
            return ()
        return tuple(str(v).strip() for v in value if str(v).strip())

    def choice(self, meta: dict, key: str, choices: tuple[str, ...], *, required: bool = False) -> str:
        value = meta.get(key)
        if value is None:
            if required:
                self.problem(key, "is required")
            return ""
        if value not in choices:
            self.problem(key, f"{value!r} is not one of: {', '.join(choices)}")
            return ""
        return value

    def integer(self, meta: dict, key: str, lo: int, hi: int) -> int | None:
        value = meta.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(key, f"must be a whole number, not {value!r}")
            return None
        if not lo <= value <= hi:
            self.problem(key, f"{value} is outside {lo}–{hi}")
            return None
        return value

    def when(self, meta: dict, key: str) -> dt.datetime | None:
        value = meta.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.replace(tzinfo=None)
        if isinstance(value, dt.date):
            return dt.datetime(value.year, value.month, value.day)
        if isinstance(value, str):
            try:
                return dt.datetime.fromisoformat(value.strip()).replace(tzinfo=None)
            except ValueError:
                pass
        self.problem(key, f"{value!r} is not a date like 2024-05-14 or a date-time like 2024-05-14 10:00")
        return None

    def duration(self, meta: dict) -> float | None:
        value = meta.get("duration")
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
            return float(value)
        if isinstance(value, str) and re.fullmatch(r"(\d+:)?\d{1,2}:\d{2}(\.\d+)?", value.strip()):
            secs = 0.0
            for part in value.strip().split(":"):
                secs = secs * 60 + float(part)
            return secs
        self.problem("duration", f"{value!r} is not a number of seconds or m:ss")
        return None

    # --- media paths ---

    def media(self, key: str, value: object, *, role: str, exts: set[str] | None = None, lang: str | None = None,
              title: str | None = None) -> FileRef | None:
        if not isinstance(value, str) or not value.strip():
            self.problem(key, f"must be a relative file path, not {value!r}")
            return None
        raw = value.strip()
        if "\\" in raw:
            self.problem(key, f"'{raw}': use '/' in paths, not '\\'")
            return None
        pure = PurePosixPath(raw)
        if pure.is_absolute() or re.match(r"^[A-Za-z]:", raw):
            self.problem(key, f"'{raw}' is an absolute path; give a path relative to this file")
            return None
        target = (self.path.parent / pure).resolve()
        try:
            target.relative_to(self.loader.root_resolved)
        except ValueError:
            self.problem(key, f"'{raw}' points outside the authoring folder")
            return None
        if not target.is_file():
            self.problem(key, f"file '{raw}' does not exist")
            return None
        if exts is not None and target.suffix.lower() not in exts:
            self.problem(key, f"'{raw}' must be one of: {', '.join(sorted(exts))}")
            return None
        reason = unsafe_name_reason(target.name)
        if reason:
            self.problem(key, f"file name '{target.name}' {reason}")
            return None
        if role == "subtitles" and not self.loader.valid_vtt(target):
            self.problem(key, f"'{raw}' is not a valid WebVTT file")
            return None
        stored = self.loader.hash(target)
        return FileRef(role=role, sha256=stored.sha256, size=stored.size, name=target.name, mime=mime_of(target),
                       lang=lang, title=title)


class _Loader:
    def __init__(self, root: Path, known_ids: set[str], known_taxonomy: tax.Known,
                 progress: Progress | None, cancelled: Callable[[], bool] | None) -> None:
        self.root = root
        self.root_resolved = root.resolve()
        self.known_ids = known_ids
        self.known = known_taxonomy
        self.progress = progress
        self.cancelled = cancelled
        self.problems: list[Problem] = []
        self.media: dict[str, Path] = {}
        self._hashes: dict[Path, object] = {}
        self._vtt: dict[Path, bool] = {}

    def hash(self, path: Path):
        if path not in self._hashes:
            stored = sha256_file(path, cancelled=self.cancelled)
            self._hashes[path] = stored
            self.media.setdefault(stored.sha256, path)
        return self._hashes[path]

    def valid_vtt(self, path: Path) -> bool:
        if path not in self._vtt:
            from app.subtitles import read_cues

            try:
                read_cues(path.read_bytes())
                self._vtt[path] = True
            except ValueError:
                self._vtt[path] = False
        return self._vtt[path]

    def run(self) -> Catalog:
        topics, groups, regions = tax.load(self.root, self.problems)
        known = self.known.merged(topics, groups, regions)
        files = item_files(self.root)
        if not files:
            self.problems.append(Problem(".", None, "no item files (*.md) found in this folder"))
        parsed: list[tuple[_FileCheck, dict, str]] = []
        for n, path in enumerate(files):
            if self.cancelled and self.cancelled():
                raise CancelledError("cancelled; nothing half-done was kept")
            if self.progress:
                self.progress(n, len(files), path.name)
            check = _FileCheck(self, path)
            meta_body = self._read(check)
            if meta_body is not None:
                parsed.append((check, *meta_body))

        # ids first: references may point at any file in the folder
        by_id: dict[str, _FileCheck] = {}
        langs: dict[str, str] = {}
        for check, meta, _body in parsed:
            item_id = meta.get("id")
            if not isinstance(item_id, str) or not ID_RE.match(item_id):
                if item_id is None:
                    check.problem("id", "is required")
                else:
                    check.problem("id", f"{item_id!r} must be lowercase Latin letters, digits, '-', '_' or '.'"
                                        " (at most 100)")
                continue
            if item_id in by_id:
                check.problem("id", f"'{item_id}' is already used by {by_id[item_id].rel}")
                continue
            by_id[item_id] = check
            langs[item_id] = meta.get("lang")
        all_ids = set(by_id) | self.known_ids

        records: list[ItemRecord] = []
        sources: dict[str, str] = {}
        for check, meta, body in parsed:
            record = self._record(check, meta, body, known, all_ids, by_id)
            if record is not None and check.ok:
                records.append(record)
                sources[record.id] = check.rel
        self._check_translations(records, by_id)
        if self.progress:
            self.progress(len(files), len(files), "")
        if self.problems:
            raise AuthoringError(self.problems)
        return Catalog(root=self.root, items=records, topics=topics, target_groups=groups, regions=regions,
                       media=self.media, sources=sources)

    def _read(self, check: _FileCheck) -> tuple[dict, str] | None:
        raw = check.path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            check.problem(None, f"is not UTF-8 text (byte 0x{raw[e.start]:02x} at position {e.start}); "
                                "save it as UTF-8")
            return None
        text = text.replace("\r\n", "\n")
        split = split_front_matter(text)
        if split is None:
            check.problem(None, "has no front matter: the file must start with a line '---', then the fields, "
                                "then another '---'")
            return None
        front, body, _ = split
        try:
            meta = yaml.safe_load(front)
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            where = f" at line {mark.line + 2}" if mark is not None else ""
            what = getattr(e, "problem", None) or str(e).splitlines()[0]
            check.problem(None, f"broken YAML front matter{where}: {what}")
            return None
        if not isinstance(meta, dict):
            check.problem(None, "front matter must be a set of 'field: value' lines")
            return None
        for key in meta:
            if key not in FIELDS:
                close = difflib.get_close_matches(str(key), FIELDS, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                check.problem(str(key), f"unknown field{hint}")
        return meta, body

    def _record(self, c: _FileCheck, meta: dict, body: str, known: tax.Known, all_ids: set[str],
                by_id: dict[str, _FileCheck]) -> ItemRecord | None:
        item_id = meta.get("id") if isinstance(meta.get("id"), str) else None
        kind = c.choice(meta, "kind", KINDS, required=True)
        lang = c.choice(meta, "lang", LANGS, required=True)
        title = c.text(meta, "title", required=True)
        summary = c.text(meta, "summary", max_len=2000)

        topics = c.str_list(meta, "topics")
        for t in topics:
            if t not in known.topics:
                c.problem("topics", f"unknown topic '{t}'" + _hint(t, known.topics))
        groups = c.str_list(meta, "target_groups")
        for g in groups:
            if g not in known.target_groups:
                c.problem("target_groups", f"unknown target group '{g}'" + _hint(g, known.target_groups))
        region = c.text(meta, "region", max_len=200) or None
        if region and region not in known.regions:
            c.problem("region", f"unknown region '{region}'" + _hint(region, known.regions))

        def ref(key: str, value: str | None) -> str | None:
            if value and value not in all_ids:
                c.problem(key, f"no item with id '{value}' in this folder or the library")
            if value and value == item_id:
                c.problem(key, "an item cannot refer to itself")
            return value or None

        translation_of = ref("translation_of", c.text(meta, "translation_of", max_len=100))
        related = c.str_list(meta, "related")
        for r in related:
            ref("related", r)
        recording = ref("recording", c.text(meta, "recording", max_len=100))

        source_url = c.text(meta, "source_url", max_len=1000)
        if source_url and not re.match(r"^https?://\S+$", source_url):
            c.problem("source_url", f"'{source_url}' is not an http(s) address")

        starts, ends = c.when(meta, "starts"), c.when(meta, "ends")
        if starts and ends and ends < starts:
            c.problem("ends", "is before 'starts'")
        fmt = c.choice(meta, "format", EVENT_FORMATS)

        files: list[FileRef] = []
        attachments = meta.get("attachments")
        if attachments is not None:
            if not isinstance(attachments, list):
                c.problem("attachments", "must be a list of paths")
            else:
                for a in attachments:
                    if isinstance(a, dict):
                        extra = set(a) - {"path", "title"}
                        if extra:
                            c.problem("attachments", f"unknown key(s) {', '.join(map(str, extra))} (use path, title)")
                            continue
                        title_a = a.get("title")
                        f = c.media("attachments", a.get("path"), role="attachment",
                                    title=str(title_a) if title_a else None)
                    else:
                        f = c.media("attachments", a, role="attachment")
                    if f:
                        files.append(f)
        for key, role, exts in (("file", "file", None), ("video", "video", VIDEO_EXT),
                                ("thumbnail", "thumbnail", IMAGE_EXT)):
            if meta.get(key) is not None:
                f = c.media(key, meta[key], role=role, exts=exts)
                if f:
                    files.append(f)
        subtitles = meta.get("subtitles")
        if subtitles is not None:
            if not isinstance(subtitles, dict):
                c.problem("subtitles", "must map a language to a .vtt file, e.g. {ky: media/x.ky.vtt}")
            else:
                for sub_lang, sub_path in subtitles.items():
                    if sub_lang not in LANGS:
                        c.problem("subtitles", f"{sub_lang!r} is not one of: {', '.join(LANGS)}")
                        continue
                    f = c.media("subtitles", sub_path, role="subtitles", exts={".vtt"}, lang=sub_lang)
                    if f:
                        files.append(f)
        for src in image_targets(body):
            if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.IGNORECASE):
                c.problem("body", f"image '{src}' must be a local file next to the item, not a web address")
                continue
            if len(src) > MAX_NAME_CHARS:  # the address travels in the feed beside the picture (sync/changes.py)
                c.problem("body", f"image '{src[:40]}…' has an address longer than {MAX_NAME_CHARS} characters")
                continue
            f = c.media("body", unquote(src), role="image", exts=IMAGE_EXT)
            if f:
                files.append(replace(f, name=src))  # the reader maps this src to the stored file

        duration = c.duration(meta)
        video = next((f for f in files if f.role == "video"), None)
        if duration is None and video is not None:
            duration = mp4.duration_seconds(self.media[video.sha256])

        authors = c.str_list(meta, "authors")
        year = c.integer(meta, "year", 1991, 2100)
        course_order = c.integer(meta, "course_order", 0, 10000)
        if not c.ok or not kind or not lang or not item_id:
            return None
        return ItemRecord(
            id=item_id, kind=kind, lang=lang, title=title, summary=summary, body_md=body.strip() + "\n",
            topics=topics, region=region, target_groups=groups, year=year, authors=authors,
            organisation=c.text(meta, "organisation"), award=c.text(meta, "award"),
            translation_of=translation_of, related=related, source_url=source_url, duration=duration,
            course=c.text(meta, "course", max_len=300), course_order=course_order,
            starts=starts.isoformat() if starts else None, ends=ends.isoformat() if ends else None,
            format=fmt, location=c.text(meta, "location"), recording=recording, files=tuple(files),
        )

    def _check_translations(self, records: list[ItemRecord], by_id: dict[str, _FileCheck]) -> None:
        by = {r.id: r for r in records}
        for r in records:
            if r.translation_of and r.translation_of in by:
                original = by[r.translation_of]
                if original.lang == r.lang:
                    self.problems.append(Problem(by_id[r.id].rel, "translation_of",
                                                 f"'{original.id}' is in the same language ({r.lang})"))
            if r.recording and r.recording in by and by[r.recording].kind != "lesson":
                self.problems.append(Problem(by_id[r.id].rel, "recording",
                                             f"'{r.recording}' is a {by[r.recording].kind}, not a lesson"))


def _hint(value: str, options) -> str:
    close = difflib.get_close_matches(value, list(options), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def load_folder(root: Path, *, known_ids: set[str] | None = None, known_taxonomy: tax.Known | None = None,
                progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> Catalog:
    """Read and validate a whole authoring folder. Raises :class:`AuthoringError` listing every problem."""
    root = Path(root)
    if not root.is_dir():
        raise AuthoringError([Problem(str(root), None, "is not a folder")])
    loader = _Loader(root, known_ids or set(), known_taxonomy or tax.Known(), progress, cancelled)
    return loader.run()
