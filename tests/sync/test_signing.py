"""Keys and signatures: what a publisher makes, what a reader accepts, and what it refuses."""

import json
import os
from pathlib import Path

import pytest

from sync import signing
from sync.errors import KeyFileError, SignatureError
from tests.conftest import ROOT

DATA = '{"format": 1, "feed_id": "x", "title": "Айыл китепканасы"}\n'.encode()


@pytest.fixture
def pair(tmp_path: Path) -> signing.KeyPairFiles:
    return signing.generate_keypair(tmp_path / "feed.key")


def test_keygen_writes_a_private_and_a_public_key(pair: signing.KeyPairFiles) -> None:
    assert pair.public == pair.private.with_name("feed.key.pub")
    assert b"BEGIN PRIVATE KEY" in pair.private.read_bytes()
    if os.name == "posix":
        assert pair.private.stat().st_mode & 0o777 == 0o600
    pub = json.loads(pair.public.read_text(encoding="utf-8"))
    assert pub["type"] == "kitepkana-public-key" and pub["algorithm"] == "ed25519"
    assert pub["key_id"] == pair.key_id and len(pair.key_id) == 16
    private = signing.load_private(pair.private)
    public = signing.load_public(pair.public)
    assert signing.key_id(public) == signing.key_id(private.public_key()) == pair.key_id


def test_keygen_never_overwrites_a_key(pair: signing.KeyPairFiles) -> None:
    before = pair.private.read_bytes()
    with pytest.raises(KeyFileError) as e:
        signing.generate_keypair(pair.private)
    assert e.value.code == "key_exists" and "already exists" in str(e.value)
    assert pair.private.read_bytes() == before


def test_sign_and_verify(pair: signing.KeyPairFiles) -> None:
    private, public = signing.load_private(pair.private), signing.load_public(pair.public)
    sig = signing.sign(DATA, private)
    assert len(sig) == 64
    assert signing.verify(DATA, sig, [public]) == pair.key_id


def test_a_tampered_byte_is_refused(pair: signing.KeyPairFiles) -> None:
    private, public = signing.load_private(pair.private), signing.load_public(pair.public)
    sig = signing.sign(DATA, private)
    tampered = bytearray(DATA)
    tampered[10] ^= 0x01
    with pytest.raises(SignatureError) as e:
        signing.verify(bytes(tampered), sig, [public])
    assert e.value.code == "bad_signature"
    sig_file = signing.encode_signature_file([signing.signature_entry(DATA, private)])
    # the same through a signature file: the tampered manifest no longer matches the signed hash ...
    with pytest.raises(SignatureError) as e:
        signing.verify_detached(bytes(tampered), sig_file, [public])
    assert e.value.code == "signature_mismatch"
    # ... and a forger who also fixes the hash in the file is caught by the signature itself
    doc = json.loads(sig_file)
    doc["signatures"][0]["sha256"] = signing.hashlib.sha256(bytes(tampered)).hexdigest()
    with pytest.raises(SignatureError) as e:
        signing.verify_detached(bytes(tampered), json.dumps(doc).encode(), [public])
    assert e.value.code == "bad_signature" and "changed after it was signed" in str(e.value)


def test_another_key_is_refused(pair: signing.KeyPairFiles, tmp_path: Path) -> None:
    other = signing.generate_keypair(tmp_path / "other.key")
    sig_file = signing.encode_signature_file([signing.signature_entry(DATA, signing.load_private(other.private))])
    trusted = [signing.load_public(pair.public)]
    with pytest.raises(SignatureError) as e:
        signing.verify(DATA, signing.sign(DATA, signing.load_private(other.private)), trusted)
    assert e.value.code == "bad_signature"
    with pytest.raises(SignatureError) as e:
        signing.verify_detached(DATA, sig_file, trusted)
    assert e.value.code == "untrusted_key" and other.key_id in str(e.value)
    # trusting the other key too makes it pass, and says which key signed
    assert signing.verify_detached(DATA, sig_file, [*trusted, signing.load_public(other.public)]) == other.key_id


@pytest.mark.parametrize("sig_file", [None, b"", b"  \n"])
def test_unsigned_is_refused(pair: signing.KeyPairFiles, sig_file: bytes | None) -> None:
    with pytest.raises(SignatureError) as e:
        signing.verify_detached(DATA, sig_file, [signing.load_public(pair.public)])
    assert e.value.code == "unsigned" and "not signed" in str(e.value)
    with pytest.raises(SignatureError) as e:
        signing.verify(DATA, b"", [signing.load_public(pair.public)])
    assert e.value.code == "unsigned"


@pytest.mark.parametrize("sig_file", [
    b"not json", b"[]", b'{"signatures": []}', b'{"signatures": [{"algorithm": "rsa"}]}',
    b'{"signatures": [{"algorithm": "ed25519", "key_id": "a", "sha256": "b", "signature": "!!"}]}',
    b'{"signatures": [{"algorithm": "ed25519", "key_id": "a", "sha256": "b", "signature": "AAAA"}]}',
])
def test_malformed_signature_files_are_refused(pair: signing.KeyPairFiles, sig_file: bytes) -> None:
    with pytest.raises(SignatureError) as e:
        signing.verify_detached(DATA, sig_file, [signing.load_public(pair.public)])
    assert e.value.code == "signature_malformed"
    with pytest.raises(SignatureError) as e:
        signing.verify(DATA, b"\x00" * 10, [signing.load_public(pair.public)])
    assert e.value.code == "signature_malformed"


def test_key_files_that_are_wrong_say_so(pair: signing.KeyPairFiles, tmp_path: Path) -> None:
    with pytest.raises(KeyFileError) as e:
        signing.load_private(tmp_path / "missing.key")
    assert e.value.code == "key_missing"
    with pytest.raises(KeyFileError) as e:
        signing.load_private(pair.public)
    assert "public key" in str(e.value)
    with pytest.raises(KeyFileError) as e:
        signing.load_public(pair.private)
    assert "PRIVATE" in str(e.value)
    edited = json.loads(pair.public.read_text())
    edited["key_id"] = "0" * 16
    bad = tmp_path / "edited.pub"
    bad.write_text(json.dumps(edited))
    with pytest.raises(KeyFileError) as e:
        signing.load_public(bad)
    assert "does not match" in str(e.value)


def test_a_pem_public_key_is_accepted(pair: signing.KeyPairFiles) -> None:
    from cryptography.hazmat.primitives import serialization

    pem = signing.load_private(pair.private).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    assert signing.key_id(signing.parse_public(pem)) == pair.key_id


def test_the_shipped_portal_key_is_a_public_key_only() -> None:
    keys = ROOT / "resources" / "keys"
    public = signing.load_public(keys / "portal.pub")
    assert len(signing.key_id(public)) == 16
    for p in keys.rglob("*"):
        if p.is_file():
            assert b"PRIVATE KEY" not in p.read_bytes(), f"{p} holds a private key"
