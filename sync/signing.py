"""Ed25519 keys and detached signatures of feed manifests (see FEED.md, "Signing").

A key pair is two files: ``KEY`` (the private key, PEM PKCS#8, readable by its owner only) and
``KEY.pub`` (the public key as a small JSON file a librarian can copy and trust). A key is known by its
*key id*: the first 16 hex digits of the SHA-256 of the raw 32-byte public key.

The signature file beside a manifest (``feed.json.sig``) holds a list of signatures, each naming its
key id and the SHA-256 of the manifest bytes it signs. The publisher keeps the signature of the
previous manifest in the list too, so a reader that fetches ``feed.json`` and ``feed.json.sig`` while a
publish replaces them still finds a matching pair.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sync.errors import KeyFileError, SignatureError
from sync.keys import KeyFormatError, PrivateKey, PublicKey, private_from_pem, public_from_pem

ALGORITHM = "ed25519"
PUBLIC_KEY_TYPE = "kitepkana-public-key"
SIGNATURE_SIZE = 64
MAX_KEY_FILE = 64 * 1024
MAX_SIGNATURE_FILE = 64 * 1024


def public_key_path(private_path: Path) -> Path:
    """Where the public half of ``private_path`` lives: ``KEY`` → ``KEY.pub``."""
    private_path = Path(private_path)
    return private_path.with_name(private_path.name + ".pub")


def _raw(public: PublicKey) -> bytes:
    return public.raw


def key_id(public: PublicKey) -> str:
    """The short stable name of a public key: first 16 hex digits of SHA-256 of its raw bytes."""
    return hashlib.sha256(_raw(public)).hexdigest()[:16]


# --- key files ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyPairFiles:
    private: Path
    public: Path
    key_id: str


def public_key_text(public: PublicKey, *, comment: str = "") -> str:
    data = {"type": PUBLIC_KEY_TYPE, "algorithm": ALGORITHM, "key_id": key_id(public),
            "public_key": base64.b64encode(_raw(public)).decode("ascii"), "comment": comment}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _write_new(path: Path, data: bytes, mode: int) -> None:
    # O_EXCL: never overwrite a key; mode 0600 keeps the private key to its owner (ignored on Windows,
    # where the file inherits the folder's permissions — keep it in a private folder there).
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def generate_keypair(out: Path, *, comment: str | None = None) -> KeyPairFiles:
    """Create ``out`` (private key) and ``out.pub`` (public key). Refuses to overwrite either file."""
    out = Path(out)
    pub = public_key_path(out)
    for p in (out, pub):
        if p.exists():
            raise KeyFileError(f"{p} already exists; choose another name (an existing key is never overwritten)",
                               code="key_exists")
    if not out.parent.is_dir():
        raise KeyFileError(f"the folder {out.parent} does not exist", code="key_missing")
    private = PrivateKey.generate()
    public = private.public_key()
    pem = private.to_pem()
    if comment is None:
        comment = f"Kitepkana feed key, created {dt.datetime.now(dt.UTC):%Y-%m-%d}"
    _write_new(out, pem, 0o600)
    try:
        _write_new(pub, public_key_text(public, comment=comment).encode("utf-8"), 0o644)
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    return KeyPairFiles(private=out, public=pub, key_id=key_id(public))


def _read_key_file(path: Path, what: str) -> bytes:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_KEY_FILE:
            raise KeyFileError(f"{path} is too big to be a {what}", code="key_invalid")
        return path.read_bytes()
    except FileNotFoundError:
        raise KeyFileError(f"the {what} file {path} does not exist", code="key_missing") from None
    except IsADirectoryError:
        raise KeyFileError(f"{path} is a folder, not a {what} file", code="key_invalid") from None
    except OSError as e:
        raise KeyFileError(f"cannot read the {what} file {path}: {e.strerror or e}", code="key_missing") from None


def load_private(path: Path) -> PrivateKey:
    """Read a private key written by :func:`generate_keypair` (PEM PKCS#8, unencrypted)."""
    data = _read_key_file(path, "private key")
    if b"PRIVATE KEY" not in data:
        hint = " (this is a public key: give the private key file, without .pub)" if data.lstrip()[:1] == b"{" \
            or b"PUBLIC KEY" in data else ""
        raise KeyFileError(f"{path} is not a private key{hint}", code="key_invalid")
    try:
        return private_from_pem(data)
    except KeyFormatError as e:
        if e.reason == "password":
            raise KeyFileError(f"{path} is protected by a password, which Kitepkana does not support",
                               code="key_invalid") from None
        if e.reason == "algorithm":
            raise KeyFileError(f"{path} is not an Ed25519 key; make one with 'kitepkana keygen'",
                               code="key_invalid") from None
        raise KeyFileError(f"{path} is not a readable private key (the file is damaged?)", code="key_invalid") \
            from None


def parse_public(data: bytes, *, source: str = "the public key") -> PublicKey:
    """A public key from the JSON of a ``.pub`` file, or from a PEM ``PUBLIC KEY`` block."""
    text = data.decode("utf-8-sig", errors="replace").strip()
    if text.startswith("-----BEGIN PUBLIC KEY-----"):
        try:
            return public_from_pem(text.encode("ascii", errors="replace"))
        except KeyFormatError as e:
            if e.reason == "algorithm":
                raise KeyFileError(f"{source} is not an Ed25519 key", code="key_invalid") from None
            raise KeyFileError(f"{source} is not a readable public key (damaged?)", code="key_invalid") from None
    if "PRIVATE KEY" in text:
        raise KeyFileError(f"{source} is a PRIVATE key: never share it; give the .pub file instead",
                           code="key_invalid")
    try:
        doc = json.loads(text)
    except ValueError:
        doc = None
    if not isinstance(doc, dict) or doc.get("type") != PUBLIC_KEY_TYPE:
        raise KeyFileError(f"{source} is not a Kitepkana public key file", code="key_invalid")
    if doc.get("algorithm") != ALGORITHM:
        raise KeyFileError(f"{source} uses the algorithm {doc.get('algorithm')!r}, not {ALGORITHM}", code="key_invalid")
    try:
        raw = base64.b64decode(str(doc.get("public_key", "")), validate=True)
        key = PublicKey(raw)
    except (binascii.Error, ValueError):
        raise KeyFileError(f"{source}: the key itself is damaged", code="key_invalid") from None
    stated = doc.get("key_id")
    if stated is not None and stated != key_id(key):
        raise KeyFileError(f"{source}: its key id {stated!r} does not match the key (the file was edited?)",
                           code="key_invalid")
    return key


def load_public(path: Path) -> PublicKey:
    """Read a ``.pub`` file (or a PEM public key)."""
    return parse_public(_read_key_file(path, "public key"), source=str(path))


# --- signatures --------------------------------------------------------------------------------------


def sign(data: bytes, private: PrivateKey) -> bytes:
    """The 64-byte Ed25519 signature of ``data``."""
    return private.sign(data)


def _trusted_map(trusted_publics: Iterable[PublicKey]) -> dict[str, PublicKey]:
    return {key_id(k): k for k in trusted_publics}


def verify(data: bytes, signature: bytes | None, trusted_publics: Iterable[PublicKey]) -> str:
    """Check a raw signature against the trusted keys; return the id of the key that made it."""
    if not signature:
        raise SignatureError("the data is not signed, so it cannot be trusted", code="unsigned")
    if len(signature) != SIGNATURE_SIZE:
        raise SignatureError(f"the signature is malformed ({len(signature)} bytes instead of {SIGNATURE_SIZE})",
                             code="signature_malformed")
    for kid, public in _trusted_map(trusted_publics).items():
        if public.verifies(signature, data):
            return kid
    raise SignatureError("the signature does not match any trusted key: the data was changed after it was signed, "
                         "or it was signed by a publisher you do not trust", code="bad_signature")


@dataclass(frozen=True)
class SignatureEntry:
    key_id: str
    sha256: str  # of the signed bytes: tells a reader which entry belongs to which manifest
    signature: bytes

    def to_dict(self) -> dict:
        return {"key_id": self.key_id, "algorithm": ALGORITHM, "sha256": self.sha256,
                "signature": base64.b64encode(self.signature).decode("ascii")}


def signature_entry(data: bytes, private: PrivateKey) -> SignatureEntry:
    return SignatureEntry(key_id=key_id(private.public_key()), sha256=hashlib.sha256(data).hexdigest(),
                          signature=sign(data, private))


def encode_signature_file(entries: Iterable[SignatureEntry]) -> bytes:
    return (json.dumps({"signatures": [e.to_dict() for e in entries]}, indent=2) + "\n").encode("utf-8")


def decode_signature_file(raw: bytes | None) -> list[SignatureEntry]:
    """Parse ``feed.json.sig``. Raises :class:`SignatureError` if missing/empty (unsigned) or malformed."""
    if raw is None or not raw.strip():
        raise SignatureError("the feed is not signed (feed.json.sig is missing or empty), so it cannot be trusted",
                             code="unsigned")
    bad = SignatureError("the feed's signature file (feed.json.sig) is malformed", code="signature_malformed")
    if len(raw) > MAX_SIGNATURE_FILE:
        raise bad
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise bad from None
    items = doc.get("signatures") if isinstance(doc, dict) else None
    if not isinstance(items, list) or not items:
        raise bad
    entries = []
    for item in items:
        if not isinstance(item, dict) or item.get("algorithm") != ALGORITHM:
            raise bad
        kid, sha, sig = item.get("key_id"), item.get("sha256"), item.get("signature")
        if not (isinstance(kid, str) and isinstance(sha, str) and isinstance(sig, str)):
            raise bad
        try:
            sig_bytes = base64.b64decode(sig, validate=True)
        except binascii.Error:
            raise bad from None
        if len(sig_bytes) != SIGNATURE_SIZE:
            raise bad
        entries.append(SignatureEntry(key_id=kid, sha256=sha, signature=sig_bytes))
    return entries


def matching_entry(data: bytes, entries: Iterable[SignatureEntry],
                   trusted_publics: Iterable[PublicKey]) -> SignatureEntry:
    """The entry of a signature file that validly signs ``data`` with a trusted key, or a SignatureError."""
    trusted = _trusted_map(trusted_publics)
    digest = hashlib.sha256(data).hexdigest()
    entries = list(entries)
    mine = [e for e in entries if e.sha256 == digest]
    if not mine:
        raise SignatureError("the feed's manifest (feed.json) and its signature (feed.json.sig) do not belong "
                             "together; the feed is probably being updated right now — try again in a few minutes. "
                             "If this keeps happening, the feed was tampered with.", code="signature_mismatch")
    known = [e for e in mine if e.key_id in trusted]
    if not known:
        ids = ", ".join(sorted({e.key_id for e in mine}))
        raise SignatureError(f"the feed is signed by key {ids}, which is not one of your trusted keys; "
                             "add the publisher's public key if you trust it", code="untrusted_key")
    for e in known:
        if trusted[e.key_id].verifies(e.signature, data):
            return e
    raise SignatureError("the feed's signature is not valid: feed.json was changed after it was signed "
                         "(tampered with or damaged)", code="bad_signature")


def verify_detached(data: bytes, signature_file: bytes | None, trusted_publics: Iterable[PublicKey]) -> str:
    """Check ``data`` against the contents of its ``.sig`` file; return the signing key's id."""
    return matching_entry(data, decode_signature_file(signature_file), trusted_publics).key_id


# --- key rotation ------------------------------------------------------------------------------------
# A feed is pinned to the key that signed it when a library first followed it (FEED.md, "Feed keys"). The only
# way to move a feed to another key is a rotation statement signed by the key it is pinned to, naming the new
# key; the publisher keeps every statement in the manifest, so a library that missed a publish can still
# follow the chain.

ROTATION_CONTEXT = b"kitepkana-key-rotation/1\n"


@dataclass(frozen=True)
class KeyRotation:
    """``from_key`` hands the feed ``feed_id`` over to the key ``public_key`` (id ``to_key``)."""

    feed_id: str
    from_key: str
    to_key: str
    public_key: bytes  # the raw 32 bytes of the new key
    signature: bytes  # by the old key, over :meth:`statement`

    def statement(self) -> bytes:
        body = {"feed_id": self.feed_id, "from": self.from_key, "to": self.to_key,
                "public_key": base64.b64encode(self.public_key).decode("ascii")}
        return ROTATION_CONTEXT + json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")

    def new_public(self) -> PublicKey:
        return PublicKey(self.public_key)

    def signed_by(self, old_public: PublicKey) -> bool:
        """True when ``old_public`` (the key the feed is handed over from) made this statement."""
        if key_id(old_public) != self.from_key:
            return False
        return old_public.verifies(self.signature, self.statement())

    def to_dict(self) -> dict:
        return {"feed_id": self.feed_id, "from": self.from_key, "to": self.to_key,
                "public_key": base64.b64encode(self.public_key).decode("ascii"),
                "signature": base64.b64encode(self.signature).decode("ascii")}


def rotation(feed_id: str, old_private: PrivateKey, new_public: PublicKey) -> KeyRotation:
    """The statement, signed by ``old_private``, that hands ``feed_id`` over to ``new_public``."""
    unsigned = KeyRotation(feed_id=feed_id, from_key=key_id(old_private.public_key()), to_key=key_id(new_public),
                           public_key=_raw(new_public), signature=b"")
    return KeyRotation(**{**unsigned.__dict__, "signature": sign(unsigned.statement(), old_private)})


def rotation_from_dict(data: object) -> KeyRotation:
    """Parse one entry of a manifest's ``key_rotations``; ValueError (in plain words) if it is malformed.

    Only the form is checked here; whether the old key really made it is :meth:`KeyRotation.signed_by`."""
    if not isinstance(data, dict):
        raise ValueError("must be an object")  # noqa: TRY004 — a malformed manifest field, not a wrong call
    texts = {k: data.get(k) for k in ("feed_id", "from", "to", "public_key", "signature")}
    missing = [k for k, v in texts.items() if not isinstance(v, str)]
    if missing:
        raise ValueError(f"'{missing[0]}' is missing or not text")
    try:
        raw = base64.b64decode(texts["public_key"], validate=True)
        sig = base64.b64decode(texts["signature"], validate=True)
        public = PublicKey(raw)
    except (binascii.Error, ValueError):
        raise ValueError("the key or the signature is damaged") from None
    if len(sig) != SIGNATURE_SIZE:
        raise ValueError("the signature is damaged")
    if texts["to"] != key_id(public):
        raise ValueError(f"'to' is {texts['to']!r:.20}, but the key it names has the id {key_id(public)}")
    return KeyRotation(feed_id=texts["feed_id"], from_key=texts["from"], to_key=texts["to"], public_key=raw,
                       signature=sig)
