"""Which keys may speak for which feed (FEED.md, "Feed keys").

A library trusts a few keys: the portal's, shipped with the program; those the user added (`kitepkana trust`,
Settings); and, for one run, `sync --trust FILE`. Trusting a key is not enough to write a feed: the first
accepted sync of a feed pins it to the key that signed it, and from then on only that key — or a key it handed
the feed over to in a rotation statement it signed (``key_rotations`` in the manifest) — is accepted for that
feed id. So a key trusted for one feed can never rewrite another, however high its sequence number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from app.paths import resources_dir
from app.settings import Settings
from sync import signing
from sync.errors import KeyFileError, SignatureError
from sync.feedformat import Manifest, read_manifest
from sync.keys import PublicKey


class FeedKeyChangedError(SignatureError):
    """A manifest for a feed this library follows is signed by another key than the one the feed is pinned to,
    and no rotation signed by the pinned key vouches for it."""

    code = "feed_key_changed"


@dataclass(frozen=True)
class TrustedKeys:
    keys: dict[str, PublicKey]  # key id -> key
    problems: tuple[str, ...] = ()  # key files that were skipped, in plain words


def load_trusted(settings: Settings, extra: Iterable[Path] = ()) -> TrustedKeys:
    """The shipped portal key(s), the keys the user added, and ``extra`` (``sync --trust``: this run only).

    A damaged ``.pub`` among the user's keys is reported and skipped: one bad file must not stop every sync.
    An ``extra`` key the user named on this very command is checked strictly (a mistake they can fix now)."""
    files = sorted((resources_dir() / "keys").glob("*.pub"))
    folder = settings.trusted_keys_dir()
    if folder.is_dir():
        files += sorted(folder.glob("*.pub"))
    keys: dict[str, PublicKey] = {}
    problems: list[str] = []
    for path in files:
        try:
            public = signing.load_public(path)
        except KeyFileError as e:
            problems.append(f"the trusted key file {path.name} was skipped: {e}")
            continue
        keys[signing.key_id(public)] = public
    for path in extra:
        public = signing.load_public(path)
        keys[signing.key_id(public)] = public
    return TrustedKeys(keys=keys, problems=tuple(problems))


@dataclass(frozen=True)
class Verdict:
    """A manifest whose signature holds, and what it means for the feed's pin."""

    manifest: Manifest
    key_id: str  # the key that signed it: the feed's key from now on
    learned: dict[str, PublicKey]  # keys met through rotations on the way (to keep, for later syncs)


def verify_feed(raw: bytes, signature_file: bytes | None, trusted: TrustedKeys, *,
                pins: Mapping[str, str]) -> Verdict:
    """Check a fetched ``feed.json`` and ``feed.json.sig`` against the keys and the pin of the feed it claims to be.

    ``pins``: feed id -> the key the library follows that feed with (a feed not in it is new to this library, and
    any trusted key may introduce it). Raises :class:`SignatureError` (or :class:`FeedKeyChangedError`) in
    plain words, or :class:`~sync.errors.FeedError` for a manifest that is not a valid one."""
    entries = signing.decode_signature_file(signature_file)
    manifest = read_manifest(raw)
    pinned = pins.get(manifest.feed_id)
    if pinned is None:
        known = dict(trusted.keys)
    elif pinned in trusted.keys:
        known = {pinned: trusted.keys[pinned]}
    else:
        raise SignatureError(f"the feed '{manifest.feed_id}' is followed with key {pinned}, which is no longer one "
                             "of your trusted keys; add it again to update from this feed", code="untrusted_key")
    learned = _follow_rotations(manifest, known)
    public = known.get(manifest.key_id)
    if public is None:
        if pinned is not None:
            raise FeedKeyChangedError(
                f"this update claims to be '{manifest.title}' (feed '{manifest.feed_id}') but is signed by "
                f"someone else (key {manifest.key_id}, while this library follows that feed with key {pinned}); "
                "nothing was changed", code="feed_key_changed")
        ids = sorted({e.key_id for e in entries})
        raise SignatureError(f"the feed is signed by key {', '.join(ids)}, which is not one of your trusted keys; "
                             "add the publisher's public key if you trust it", code="untrusted_key")
    signing.matching_entry(raw, [e for e in entries if e.key_id == manifest.key_id], [public])
    return Verdict(manifest=manifest, key_id=manifest.key_id,
                   learned={k: v for k, v in learned.items() if k == manifest.key_id})


def _follow_rotations(manifest: Manifest, known: dict[str, PublicKey]) -> dict[str, PublicKey]:
    """Add to ``known`` every key a known key handed the feed over to (a chain, followed to its end)."""
    learned: dict[str, PublicKey] = {}
    grew = True
    while grew:
        grew = False
        for rot in manifest.key_rotations:
            old = known.get(rot.from_key)
            if old is not None and rot.to_key not in known and rot.signed_by(old):
                known[rot.to_key] = learned[rot.to_key] = rot.new_public()
                grew = True
    return learned
