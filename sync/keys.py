"""Ed25519 key pairs over PyNaCl (libsodium), and their PEM files (RFC 8410).

PyNaCl does the cryptography; this module only gives the two halves of a key pair the small interface the
rest of sync/ uses, and reads and writes the one PEM form Kitepkana's key files have always had: an
unencrypted PKCS#8 ``PRIVATE KEY`` and, for a public key given as PEM, a ``PUBLIC KEY`` (SubjectPublicKeyInfo).
For Ed25519 both are fixed DER prefixes followed by the 32 raw key bytes (RFC 8410, section 7), so no ASN.1
parser is needed: anything else — another algorithm, an encrypted key, extra attributes — is refused by
name. Keys written by OpenSSL (``openssl genpkey -algorithm ed25519``) and by the ``cryptography`` package
(which Kitepkana used before) read the same.

Why PyNaCl and not ``cryptography``: the latter's compiled part is ~4 MB of the portable zip, which must stay
≤ 75 MB; libsodium does the same Ed25519 in a quarter of that.
"""

from __future__ import annotations

import base64
import binascii

import nacl.exceptions
import nacl.signing

RAW_SIZE = 32
# DER of PrivateKeyInfo { version 0, AlgorithmIdentifier { id-Ed25519 }, OCTET STRING { OCTET STRING(32) } }
_PKCS8_PREFIX = bytes.fromhex("302e020100300506032b657004220420")
# DER of SubjectPublicKeyInfo { AlgorithmIdentifier { id-Ed25519 }, BIT STRING (32 bytes, no unused bits) }
_SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")
_ED25519_OID = bytes.fromhex("06032b6570")


class KeyFormatError(ValueError):
    """A key's bytes or PEM text are not an Ed25519 key in the form Kitepkana reads; the message says why.

    ``reason`` names the case for callers that word their own message: "password" (an encrypted key),
    "algorithm" (a key of another kind) or "damaged" (anything else)."""

    def __init__(self, message: str, *, reason: str = "damaged") -> None:
        super().__init__(message)
        self.reason = reason


class PublicKey:
    """The public half: checks signatures. Compared and hashed by its 32 raw bytes."""

    __slots__ = ("_key",)

    def __init__(self, raw: bytes) -> None:
        if not isinstance(raw, bytes | bytearray) or len(raw) != RAW_SIZE:
            raise KeyFormatError(f"an Ed25519 public key is {RAW_SIZE} bytes")
        try:
            self._key = nacl.signing.VerifyKey(bytes(raw))
        except (nacl.exceptions.CryptoError, ValueError, TypeError):
            raise KeyFormatError("not an Ed25519 public key") from None

    @property
    def raw(self) -> bytes:
        return bytes(self._key)

    def verifies(self, signature: bytes, data: bytes) -> bool:
        """True when ``signature`` is this key's signature of ``data``."""
        try:
            self._key.verify(data, signature)
        except (nacl.exceptions.BadSignatureError, nacl.exceptions.ValueError, ValueError, TypeError):
            return False
        return True

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PublicKey) and other.raw == self.raw

    def __hash__(self) -> int:
        return hash(self.raw)

    def __repr__(self) -> str:
        return f"PublicKey({self.raw.hex()[:16]}…)"


class PrivateKey:
    """The private half: makes signatures. Never printed."""

    __slots__ = ("_key",)

    def __init__(self, seed: bytes) -> None:
        if not isinstance(seed, bytes | bytearray) or len(seed) != RAW_SIZE:
            raise KeyFormatError(f"an Ed25519 private key is {RAW_SIZE} bytes")
        self._key = nacl.signing.SigningKey(bytes(seed))

    @classmethod
    def generate(cls) -> PrivateKey:
        return cls(bytes(nacl.signing.SigningKey.generate()))

    def public_key(self) -> PublicKey:
        return PublicKey(bytes(self._key.verify_key))

    def sign(self, data: bytes) -> bytes:
        """The 64-byte detached signature of ``data``."""
        return self._key.sign(data).signature

    def to_pem(self) -> bytes:
        """Unencrypted PKCS#8 PEM, as ``openssl genpkey -algorithm ed25519`` writes it."""
        return _pem("PRIVATE KEY", _PKCS8_PREFIX + bytes(self._key))

    def __repr__(self) -> str:
        return "PrivateKey(…)"


def public_to_pem(public: PublicKey) -> bytes:
    return _pem("PUBLIC KEY", _SPKI_PREFIX + public.raw)


def private_from_pem(data: bytes) -> PrivateKey:
    """The key of a ``PRIVATE KEY`` PEM block; KeyFormatError naming what is wrong."""
    if b"ENCRYPTED PRIVATE KEY" in data:
        raise KeyFormatError("the key is protected by a password", reason="password")
    der = _der(data, "PRIVATE KEY")
    if der.startswith(_PKCS8_PREFIX) and len(der) == len(_PKCS8_PREFIX) + RAW_SIZE:
        return PrivateKey(der[len(_PKCS8_PREFIX):])
    raise _what_else(der)


def public_from_pem(data: bytes) -> PublicKey:
    """The key of a ``PUBLIC KEY`` PEM block; KeyFormatError naming what is wrong."""
    der = _der(data, "PUBLIC KEY")
    if der.startswith(_SPKI_PREFIX) and len(der) == len(_SPKI_PREFIX) + RAW_SIZE:
        return PublicKey(der[len(_SPKI_PREFIX):])
    raise _what_else(der)


def _what_else(der: bytes) -> KeyFormatError:
    if _ED25519_OID not in der[:24]:
        return KeyFormatError("not an Ed25519 key", reason="algorithm")
    return KeyFormatError("an Ed25519 key in a form Kitepkana does not read (extra attributes?)")


def _pem(label: str, der: bytes) -> bytes:
    body = base64.b64encode(der).decode("ascii")
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return ("\n".join([f"-----BEGIN {label}-----", *lines, f"-----END {label}-----"]) + "\n").encode("ascii")


def _der(data: bytes, label: str) -> bytes:
    text = data.decode("ascii", errors="replace")
    begin, end = f"-----BEGIN {label}-----", f"-----END {label}-----"
    start = text.find(begin)
    stop = text.find(end, start + len(begin)) if start >= 0 else -1
    if start < 0 or stop < 0:
        raise KeyFormatError(f"no complete {label} block")
    body = "".join(text[start + len(begin):stop].split())
    try:
        der = base64.b64decode(body, validate=True)
    except binascii.Error:
        raise KeyFormatError("the key's text is damaged") from None
    if not der:
        raise KeyFormatError("the key's text is empty")
    return der
