"""Plain values the core hands to the CLI and the GUI (never ORM rows).

Content coming in (from an authoring folder or a feed, before it is stored) has its own records in
:mod:`app.incoming`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

KINDS = ("practice", "lesson", "document", "event")
LANGS = ("ky", "ru", "en")


@dataclass(frozen=True)
class Label:
    id: str
    ky: str
    ru: str
    en: str

    def text(self, lang: str) -> str:
        return getattr(self, lang, None) or self.en


@dataclass(frozen=True)
class FileInfo:
    role: str
    sha256: str
    name: str
    mime: str
    size: int
    present: bool
    lang: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class ItemSummary:
    id: str
    kind: str
    lang: str
    title: str
    summary: str
    year: int | None
    region: str | None
    topics: tuple[str, ...]
    updated_at: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class CueInfo:
    lang: str
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class ItemDetail:
    id: str
    kind: str
    lang: str
    title: str
    summary: str
    body_md: str
    body_html: str
    body_text: str
    year: int | None
    region: Label | None
    region_path: tuple[Label, ...]  # oblast → … → the item's region
    topics: tuple[Label, ...]
    target_groups: tuple[Label, ...]
    authors: tuple[str, ...]
    organisation: str
    source_url: str
    translation_group: str
    translations: dict[str, str]  # lang -> id, including this item
    related: tuple[str, ...]
    files: tuple[FileInfo, ...]
    created_at: str
    updated_at: str
    award: str = ""
    duration: float | None = None
    course: str = ""
    course_order: int | None = None
    cues: tuple[CueInfo, ...] = ()
    starts: str | None = None
    ends: str | None = None
    format: str = ""
    location: str = ""
    recording: str | None = None

    def to_dict(self, *, with_cues: bool = True) -> dict:
        d = asdict(self)
        if not with_cues:
            d.pop("cues")
        return d


@dataclass(frozen=True)
class ChangedItem:
    """An item a sync added, changed or removed, as What's new shows it (a removed one: as it was)."""

    id: str
    kind: str
    lang: str
    title: str
    translation_group: str  # the item and its translations share it: What's new lists them together


@dataclass(frozen=True)
class ImportReport:
    folder: str
    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]
    taxonomy_changes: int
    media_files: int
    # items of the folder that were not written: they came from a feed, which owns them (id, the feed)
    refused: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class LibraryStats:
    items: int
    by_kind: dict[str, int]
    by_lang: dict[str, int]
    topics: int
    regions: int
    target_groups: int
    media_files: int
    media_bytes: int
    media_missing: int
    bookmarks: int
    notes: int
    history: int
    schema_revision: str | None
    data_dir: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[str, ...]
    files_checked: int
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {"ok": self.ok, **asdict(self)}


@dataclass(frozen=True)
class NoteInfo:
    id: int
    item_id: str
    text: str
    position: float | None
    created_at: str
    updated_at: str
    orphaned: bool  # the item is no longer in the library
    visit_id: str | None = None  # visitor mode: the visit that wrote it (None: the librarian's)


@dataclass(frozen=True)
class ItemPage:
    """Everything an item's screen (reader, lesson player) shows, read at once: ``Library.item_page``."""

    item: ItemDetail
    related: tuple[ItemSummary, ...]  # the related items still in the library, in the item's order
    bookmarked: bool
    notes: tuple[NoteInfo, ...]
    resume: float | None  # where the reader or viewer left it

