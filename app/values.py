"""Plain values the core hands to the CLI and the GUI (never ORM rows).

Content coming in (from an authoring folder or a feed, before it is stored) has its own records in
:mod:`app.incoming`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum

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



# --- search --------------------------------------------------------------------------------------------------
# The one way into the search: ``Library.search(SearchRequest(...)) -> SearchResponse``, the same for the app's
# search box, the reading room, the CLI and the tests. Plain values: no Whoosh type crosses this line.

SORTS = ("relevance", "date")  # SearchRequest.sort


@dataclass(frozen=True)
class SearchRequest:
    """What to search for. Empty text lists the items that pass the filters, newest first."""

    text: str = ""
    # filters (None: any); a value is a taxonomy id, a language code, a kind (KINDS) or a year
    kind: str | None = None
    lang: str | None = None
    topic: str | None = None
    region: str | None = None  # matches the region and everything inside it
    target_group: str | None = None
    year: str | None = None
    sort: str = "relevance"  # one of SORTS
    limit: int = 20
    offset: int = 0
    snippets: bool = True  # cut a snippet of each hit's text around the words found
    facets: bool = True  # count the results per kind, language, topic, region, target group and year
    as_you_type: bool = True  # the last word may be unfinished (search-as-you-type): it is also completed
    ui_lang: str | None = None  # the interface language: breaks ties between languages, never filters


@dataclass(frozen=True)
class SearchHit:
    id: str
    kind: str
    lang: str
    title: str
    score: float  # 0.0 in a listing (empty text): it has no relevance
    snippet: str = ""  # HTML: the words found in <b>, the rest escaped
    time: float | None = None  # a hit inside a video transcript: open the lesson here (seconds)


@dataclass(frozen=True)
class SearchResponse:
    query: str  # the request's text
    total: int  # every match, not only this page
    hits: tuple[SearchHit, ...]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)  # field -> value -> results with it
    suggestion: str | None = None  # "did you mean"
    corrected: bool = False  # nothing matched the query, so the suggestion's results are shown
    partial: bool = False  # no item has all the words: the best partial matches are shown

    def to_dict(self) -> dict:
        return asdict(self)


class IndexStatus(StrEnum):
    """The search index against the library's database (``SearchIndex.status``)."""

    OK = "ok"  # in step
    STALE = "stale"  # behind the database: repairable item by item
    REBUILD = "rebuild"  # missing, damaged or of another schema version: built again from the database


class IndexOutcome(StrEnum):
    """What ``Library.ensure_index`` (``IndexManager.ensure``) did to bring the index in step."""

    OK = "ok"  # nothing: it was in step
    REPAIRED = "repaired"  # the items whose hash differed were indexed again
    REBUILT = "rebuilt"
    # another process (the app) has the library for writing and brings the index along itself; this one
    # searches the index as it is meanwhile
    STALE = "stale"
