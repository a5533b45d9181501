"""Files for the reading room: media by hash, and the library's feed for other Kitepkana PCs (``/feed/``).

No path from a request ever reaches the file system. A media request names a SHA-256, which must be a file
the library knows and holds (``Library.media_info``); the file's path comes from the media store. A feed
request names either the manifest or its signature (fixed names), a segment or snapshot that the kept manifest
lists (its own, already checked paths are used, not the request's), or a blob by hash — again the media store.
Ranges (206) come from werkzeug's conditional responses, so downloads and video seeking resume.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from flask import Response, abort, current_app, request, send_file

from sync import feedformat
from sync.errors import FeedError

if TYPE_CHECKING:
    from app.library import Library

SHA = re.compile(r"[0-9a-f]{64}")
# shown in the browser; anything else is sent as a download, so a file can never run as a page of this site
INLINE = re.compile(r"(video|audio)/[a-z0-9.+-]+|image/(png|jpeg|gif|webp)|text/vtt|application/pdf")
BIG = 1_000_000  # bytes: a response this large (or any video) takes one of the limited stream slots
BLOCK = 256 * 1024  # bytes read and handed to the server at a time for a big file
DAY = 86_400
log = logging.getLogger("kitepkana.web")
YEAR = 365 * DAY


def send_media(library: Library, sha256: str, *, download_name: str | None = None):
    """A media file by hash, with Range; 404 for anything the library does not hold."""
    if not SHA.fullmatch(sha256):
        abort(404)
    info = library.media_info(sha256)
    if info is None:
        abort(404)
    mime, size = info
    inline = download_name is None and INLINE.fullmatch(mime or "") is not None
    response = _send(library.media_path(sha256), mimetype=mime if inline else "application/octet-stream",
                     etag=sha256, size=size, big=size >= BIG or mime.startswith("video/"),
                     as_attachment=not inline, download_name=download_name or sha256)
    # named by its hash, a file never changes: a phone keeps its pictures and never asks again
    response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    return response


def _send(path, *, mimetype: str, etag: str, size: int, big: bool, as_attachment: bool = False,
          download_name: str | None = None) -> Response:
    slots = current_app.config["ROOM"].streams
    if big and request.method == "GET":
        if not slots.take():
            abort(503)
    else:
        big = False
    try:
        response = send_file(path, mimetype=mimetype, conditional=True, etag=etag, max_age=DAY,
                             as_attachment=as_attachment, download_name=download_name)
    except BaseException:
        if big:
            slots.give_back()
        raise
    if big:
        # the body is read in large blocks by our own iterator, which gives the slot back when waitress closes
        # it (after the last byte, or when the visitor goes away): werkzeug's file wrappers read 8 KB at a time,
        # and waitress wakes its main loop for every block — ten videos at 1 MB/s each took a whole core
        if response.status_code in (200, 206) and response.direct_passthrough:
            start, stop = (response.content_range.start, response.content_range.stop) \
                if response.status_code == 206 and response.content_range else (0, size)
            getattr(response.response, "close", lambda: None)()  # werkzeug's own file object
            response.response = FileBlocks(path, start, stop, slots.give_back)
        else:  # 304, 416: no body to send
            slots.give_back()
    response.headers["Accept-Ranges"] = "bytes"
    return response


class FileBlocks:
    """Bytes ``start``..``stop`` of a file in blocks of :data:`BLOCK`; ``done`` is called once when closed."""

    def __init__(self, path, start: int, stop: int, done: Callable[[], None]) -> None:
        self._file = open(path, "rb")  # noqa: SIM115 — closed by close(), which the server calls
        self._file.seek(start)
        self._left = stop - start
        self._done: Callable[[], None] | None = done

    def __iter__(self) -> Iterator[bytes]:
        while self._left > 0:
            data = self._file.read(min(BLOCK, self._left))
            if not data:
                return
            self._left -= len(data)
            yield data

    def close(self) -> None:
        done, self._done = self._done, None
        try:
            self._file.close()
        finally:
            if done is not None:
                done()


# --- the feed -------------------------------------------------------------------------------------


def _feed_folder(library: Library):
    """The kept copy of the feed this library follows (``data/feeds/<id>/``, as sync keeps it), or None: a
    library that follows several feeds serves the portal's (settings), one that follows none serves none."""
    from app.settings import Settings
    from app.syncstore import SyncStore

    feeds = SyncStore(library).feeds()
    if len(feeds) > 1:
        chosen = Settings(library.paths).get("portal_feed_id")
        feeds = {chosen: None} if chosen in feeds else {}
    if not feeds:
        return None
    folder = library.paths.data / "feeds" / next(iter(feeds))
    signed = (folder / feedformat.MANIFEST_NAME).is_file() and (folder / feedformat.SIGNATURE_NAME).is_file()
    return folder if signed else None


def feed_summary(library: Library) -> tuple[str, int] | None:
    """(feed id, sequence number) of the feed ``/feed/`` serves, or None (PCs nearby announce it)."""
    folder = _feed_folder(library)
    if folder is None:
        return None
    try:
        manifest = feedformat.read_manifest((folder / feedformat.MANIFEST_NAME).read_bytes())
    except (FeedError, OSError):
        return None
    return manifest.feed_id, manifest.seq


def send_feed_file(library: Library, rel: str) -> Response:
    """``/feed/<rel>``: the manifest and signature exactly as the portal signed them, its segments and
    snapshot as kept, blobs from the media store."""
    folder = _feed_folder(library)
    if folder is None:
        abort(404)
    if rel in (feedformat.MANIFEST_NAME, feedformat.SIGNATURE_NAME):
        data = (folder / rel).read_bytes()
        mime = "application/json" if rel == feedformat.MANIFEST_NAME else "application/octet-stream"
        response = Response(data, mimetype=mime)
        response.headers["Cache-Control"] = "no-cache"  # a new sync changes it: always ask again
        return response
    parts = rel.split("/")
    if len(parts) == 3 and parts[0] == feedformat.BLOBS_DIR and SHA.fullmatch(parts[2]) and parts[1] == parts[2][:2]:
        info = library.media_info(parts[2])
        if info is None:
            abort(404)
        return _send(library.media_path(parts[2]), mimetype="application/octet-stream", etag=parts[2],
                     size=info[1], big=info[1] >= BIG)
    try:
        manifest = feedformat.read_manifest((folder / feedformat.MANIFEST_NAME).read_bytes())
        entries = [*manifest.segments, *([manifest.snapshot] if manifest.snapshot else [])]
        entry = next((e for e in entries if e.path == rel), None)
        # the manifest's own path, checked by the feed format (never the request's)
        path = feedformat.resolve(folder, entry.path) if entry is not None else None
    except (FeedError, OSError) as e:  # a kept copy damaged or half-replaced (a sync writing it now)
        log.warning("the kept feed at %s cannot be served: %s", folder, e)
        abort(404)
    if path is None or not path.is_file():
        abort(404)  # not kept here (sync keeps only what it needed): `kitepkana export` would fetch it
    return _send(path, mimetype="application/octet-stream", etag=entry.sha256, size=entry.size,
                 big=entry.size >= BIG)
