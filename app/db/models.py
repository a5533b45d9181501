"""SQLAlchemy 2 typed models of the local library.

Content (items and their files, taxonomies) is replaced by imports and syncs. User data (bookmarks,
notes, history) refers to items by id only — no foreign keys — so no content update can cascade into
it: a note on an item deleted upstream stays, and is shown as orphaned.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.values import KINDS, LANGS  # noqa: F401 — re-exported; defined there so the CLI reads them without SQLAlchemy

FILE_ROLES = ("attachment", "video", "thumbnail", "subtitles", "file", "image")

# Named constraints, so batch migrations on SQLite can find them again.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {list: JSON, dict: JSON}


# --- taxonomies ---------------------------------------------------------------------------------

class Labelled:
    """A taxonomy entry's name in the three languages."""

    label_ky: Mapped[str] = mapped_column(String(200))
    label_ru: Mapped[str] = mapped_column(String(200))
    label_en: Mapped[str] = mapped_column(String(200))


class Topic(Labelled, Base):
    __tablename__ = "topics"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)


class TargetGroup(Labelled, Base):
    __tablename__ = "target_groups"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)


class Region(Labelled, Base):
    """Oblast, city of republican significance, district or aiyl aimak."""

    __tablename__ = "regions"
    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(20))


class ItemTopic(Base):
    __tablename__ = "item_topics"
    item_id: Mapped[str] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    topic_id: Mapped[str] = mapped_column(ForeignKey("topics.id", ondelete="CASCADE"), primary_key=True, index=True)


class ItemTargetGroup(Base):
    __tablename__ = "item_target_groups"
    item_id: Mapped[str] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[str] = mapped_column(ForeignKey("target_groups.id", ondelete="CASCADE"), primary_key=True,
                                          index=True)


# --- media --------------------------------------------------------------------------------------

class Blob(Base):
    """A file in the content-addressed media store, named by its SHA-256.

    ``present`` is false for a file the library knows of but has not downloaded (videos on demand).
    """

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(100))
    present: Mapped[bool] = mapped_column(default=True)


class ItemFile(Base):
    """A media reference of an item: attachment, video, thumbnail, subtitles, main file or body image."""

    __tablename__ = "item_files"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    item_id: Mapped[str] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    lang: Mapped[str | None] = mapped_column(String(2))
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    title: Mapped[str | None] = mapped_column(String(500))
    position: Mapped[int] = mapped_column(Integer, default=0)

    blob: Mapped[Blob] = relationship(lazy="joined")


# --- content ------------------------------------------------------------------------------------

class Item(Base):
    """Common part of every content item; the kind-specific parts live in joined tables."""

    __tablename__ = "items"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    lang: Mapped[str] = mapped_column(String(2), index=True)
    title: Mapped[str] = mapped_column(String(500))
    summary: Mapped[str] = mapped_column(Text, default="")
    body_md: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    body_text: Mapped[str] = mapped_column(Text, default="")
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    region_id: Mapped[str | None] = mapped_column(ForeignKey("regions.id", ondelete="SET NULL"), index=True)
    organisation: Mapped[str] = mapped_column(String(500), default="")
    authors: Mapped[list] = mapped_column(default=list)
    source_url: Mapped[str] = mapped_column(String(1000), default="")
    # All translations of one text share a group: the id of the original.
    translation_group: Mapped[str] = mapped_column(String(100), index=True)
    # Hash of the whole record as imported/synced: an unchanged record is never rewritten.
    content_hash: Mapped[str] = mapped_column(String(64))
    origin: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column()

    topics: Mapped[list[Topic]] = relationship(secondary="item_topics", order_by=Topic.id)
    target_groups: Mapped[list[TargetGroup]] = relationship(secondary="item_target_groups", order_by=TargetGroup.id)
    region: Mapped[Region | None] = relationship()
    files: Mapped[list[ItemFile]] = relationship(order_by=ItemFile.position, cascade="all, delete-orphan",
                                                 passive_deletes=True)
    relations: Mapped[list[ItemRelation]] = relationship(order_by="ItemRelation.position",
                                                         cascade="all, delete-orphan", passive_deletes=True)

    __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_abstract": True}


class Practice(Item):
    __tablename__ = "practices"
    id: Mapped[str] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    award: Mapped[str] = mapped_column(String(500), default="")
    __mapper_args__ = {"polymorphic_identity": "practice"}


class Lesson(Item):
    __tablename__ = "lessons"
    id: Mapped[str] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    duration: Mapped[float | None] = mapped_column(Float)
    course: Mapped[str] = mapped_column(String(300), default="")
    course_order: Mapped[int | None] = mapped_column(Integer)
    cues: Mapped[list[Cue]] = relationship(order_by="(Cue.lang, Cue.start)", cascade="all, delete-orphan",
                                           passive_deletes=True)
    __mapper_args__ = {"polymorphic_identity": "lesson"}


class Document(Item):
    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    __mapper_args__ = {"polymorphic_identity": "document"}


class Event(Item):
    __tablename__ = "events"
    id: Mapped[str] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    starts: Mapped[datetime | None] = mapped_column(index=True)
    ends: Mapped[datetime | None] = mapped_column()
    format: Mapped[str] = mapped_column(String(20), default="")
    location: Mapped[str] = mapped_column(String(500), default="")
    # A soft reference (no foreign key): the recording may arrive later than the event.
    recording_id: Mapped[str | None] = mapped_column(String(100))
    __mapper_args__ = {"polymorphic_identity": "event"}


class ItemRelation(Base):
    """"Related items". The target is a soft reference: it may be in another language pack or not synced yet."""

    __tablename__ = "item_relations"
    item_id: Mapped[str] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    related_id: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Cue(Base):
    """One subtitle cue of a lesson: the transcript, with times, per language."""

    __tablename__ = "transcript_cues"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    item_id: Mapped[str] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(String(2))
    start: Mapped[float] = mapped_column(Float)
    end: Mapped[float] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    __table_args__ = (Index("ix_transcript_cues_item_lang_start", "item_id", "lang", "start"),)


class Meta(Base):
    """Key/value facts about the library, e.g. ``content_version`` (bumped on every content change)."""

    __tablename__ = "library_meta"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# --- sync state -----------------------------------------------------------------------------------

class Feed(Base):
    """A feed this library follows, and how far it has applied it (the cursor)."""

    __tablename__ = "feeds"
    feed_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(500), default="")
    key_id: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(Integer, default=0)  # every change up to here is applied
    updated_at: Mapped[datetime] = mapped_column()
    # the `created` time of the newest manifest applied (UTC ISO, as the publisher wrote it): how old the
    # library's content is, whatever the PC's clock says about when it was copied
    manifest_created: Mapped[str | None] = mapped_column(String(40))
    # the first accepted sync pinned the feed to `key_id`; only a rotation signed by that key moves it
    pinned_at: Mapped[datetime | None] = mapped_column()


class SyncSource(Base):
    """A place a feed was fetched from (URL or folder), with the HTTP validators of its manifest."""

    __tablename__ = "sync_sources"
    location: Mapped[str] = mapped_column(String(1000), primary_key=True)
    feed_id: Mapped[str | None] = mapped_column(String(64))
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    last_checked_at: Mapped[datetime | None] = mapped_column()


class SyncRun(Base):
    """One sync: what it brought ("what's new"), or why it failed."""

    __tablename__ = "sync_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    location: Mapped[str] = mapped_column(String(1000))
    feed_id: Mapped[str | None] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column()
    finished_at: Mapped[datetime | None] = mapped_column()
    from_seq: Mapped[int] = mapped_column(Integer, default=0)
    to_seq: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20))  # ok | unchanged | failed | cancelled
    summary: Mapped[dict] = mapped_column(default=dict)  # {"added": {kind: [ids]}, "updated": …, "removed": …}
    error: Mapped[str] = mapped_column(Text, default="")


# --- local-only user data (sync never touches these tables) ----------------------------------------

class Bookmark(Base):
    __tablename__ = "bookmarks"
    item_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    created_at: Mapped[datetime] = mapped_column()
    visit_id: Mapped[str | None] = mapped_column(String(40), index=True)  # visitor mode: the visit that made it


class Note(Base):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    item_id: Mapped[str] = mapped_column(String(100), index=True)
    text: Mapped[str] = mapped_column(Text)
    # Where in the item: a PDF page or a video second; None for the item as a whole.
    position: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column()
    visit_id: Mapped[str | None] = mapped_column(String(40), index=True)  # visitor mode: the visit that made it


class HistoryEntry(Base):
    __tablename__ = "history"
    item_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    first_opened_at: Mapped[datetime] = mapped_column()
    last_opened_at: Mapped[datetime] = mapped_column(index=True)
    open_count: Mapped[int] = mapped_column(Integer, default=1)
    # Resume position: seconds into a video, or a page / scroll fraction in a reader.
    position: Mapped[float | None] = mapped_column(Float)
    finished: Mapped[bool] = mapped_column(default=False)
    visit_id: Mapped[str | None] = mapped_column(String(40), index=True)  # visitor mode: the visit that made it


USER_DATA_TABLES = ("bookmarks", "notes", "history")


class FileText(Base):
    """Text extracted from a stored file (PDF attachments and documents), cached by content hash.

    The search index is rebuilt from the database; caching the text here keeps rebuilds fast and
    lets them run without re-parsing every PDF.
    """

    __tablename__ = "file_texts"
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256", ondelete="CASCADE"), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")
    pages: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str] = mapped_column(String(500), default="")
