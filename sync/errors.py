"""Typed errors of sync. Each carries a stable ``code`` (the UI translates by code) and a plain-words message."""

from __future__ import annotations

from app.errors import CancelledError, KitepkanaError


class _Coded(KitepkanaError):
    code = "sync_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class FeedError(_Coded):
    """A feed (manifest, segment, snapshot or blob) is damaged, incomplete or not what it claims to be.

    Codes: ``manifest_invalid``, ``feed_too_new``, ``file_missing``, ``file_mismatch`` (size or SHA-256
    differs from the manifest), ``file_damaged`` (not gzip, cut off, not UTF-8/JSON), ``record_invalid``.
    """

    code = "feed_invalid"


class SignatureError(_Coded):
    """The manifest's signature is missing, malformed, from an untrusted key, or does not match.

    Codes: ``unsigned``, ``signature_malformed``, ``signature_mismatch`` (the signature belongs to another
    version of feed.json — usually a publish in progress; retry later), ``untrusted_key``, ``bad_signature``.
    """

    code = "signature_invalid"


class KeyFileError(_Coded):
    """A key file is missing, unreadable, not an Ed25519 key, or would be overwritten.

    Codes: ``key_missing``, ``key_invalid``, ``key_exists``.
    """

    code = "key_invalid"


class PublishError(_Coded):
    """Publishing cannot go ahead; the feed was left as it was.

    Codes: ``feed_dir_invalid``, ``feed_key_mismatch``, ``feed_id_mismatch``, ``feed_id_invalid``,
    ``publish_running``, ``file_changed``, ``file_too_big``, ``bad_option``.
    """

    code = "publish_failed"


class SourceError(_Coded):
    """A feed source (a web address or a folder) could not be read.

    Codes: ``unreachable`` (no connection, refused, the folder or drive is gone), ``timeout`` (the server
    stopped answering), ``http_error`` (the server answered with an error, e.g. 403 or 5xx after retries),
    ``not_found`` (the file is not on the source: 404/410 or missing in the folder), ``not_a_feed`` (the
    location holds no feed: no ``feed.json``, or an answer that is not one — a Wi-Fi login page),
    ``read_failed`` (reading a file of a folder source failed, e.g. a USB drive pulled out), ``too_slow`` (the
    server sent less than the minimum speed over a whole window: stopped, tried again at the next update),
    ``deadline`` (a request took longer than its overall deadline), ``redirect_refused`` (the server sent the
    request on to another server that the user has not allowed: setting ``sync_extra_hosts``), ``access_code``
    (HTTP 401: another PC's reading room asks for its access code, and none or a wrong one was given).

    ``status`` is the HTTP status when there was one. ``transient`` says whether trying again later may help.
    ``location`` is the source's address (never with an access code in it) where the user must act on that
    source: set with ``access_code``, so that a later download asks for the code of that PC, once for all its files.
    """

    code = "source_error"

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None,
                 location: str | None = None) -> None:
        super().__init__(message, code=code)
        self.status = status
        self.location = location

    @property
    def transient(self) -> bool:
        if self.code in ("unreachable", "timeout", "read_failed", "too_slow", "deadline"):
            return True
        return self.code == "http_error" and self.status is not None and (self.status >= 500 or self.status == 429)


class DownloadError(_Coded):
    """A file could not be downloaded or copied into place; the destination was not touched.

    Codes: ``hash_mismatch`` (the content is not what the feed promised; the ``.part`` file was deleted so the
    next try starts clean), ``size_mismatch`` (the source's file has another size; ``.part`` deleted),
    ``no_space`` (not enough free disk space), ``write_failed`` (the partial file could not be written),
    ``cancelled`` (raised as :class:`DownloadCancelled`; the ``.part`` file is kept for resuming).
    """

    code = "download_failed"

    def __init__(self, message: str, *, code: str | None = None, path: str | None = None) -> None:
        super().__init__(message, code=code)
        self.path = path


class DownloadCancelled(DownloadError, CancelledError):
    """The user cancelled a download (code ``cancelled``). Also an :class:`app.errors.CancelledError`, so code
    that handles any cancellation catches it too."""

    code = "cancelled"
