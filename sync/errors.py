"""Typed errors of sync. Each carries a stable ``code`` (the UI translates by code) and a plain-words message."""

from __future__ import annotations

from app.errors import KitepkanaError


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
