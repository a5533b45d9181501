"""Keys and signatures: what a publisher makes, what a reader accepts, and what it refuses."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sync import signing
from sync.errors import KeyFileError, SignatureError
from sync.keys import public_to_pem
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
    pem = public_to_pem(signing.load_private(pair.private).public_key())
    assert pem.startswith(b"-----BEGIN PUBLIC KEY-----")
    assert signing.key_id(signing.parse_public(pem)) == pair.key_id


# --- the key files are the standard ones: OpenSSL reads ours and we read OpenSSL's (RFC 8410) ----------------


def _openssl(*args: str, data: bytes | None = None) -> bytes:
    return subprocess.run(["openssl", *args], input=data, capture_output=True, check=True).stdout


needs_openssl = pytest.mark.skipif(shutil.which("openssl") is None, reason="the openssl command is not installed")


@needs_openssl
def test_keys_and_signatures_agree_with_openssl(tmp_path: Path, pair: signing.KeyPairFiles) -> None:
    ours = signing.load_private(pair.private)
    # OpenSSL reads our private key and derives the same public key we write
    assert _openssl("pkey", "-in", str(pair.private), "-pubout") == public_to_pem(ours.public_key())
    # a key OpenSSL made reads here, and each side checks the other's signatures
    theirs_file = tmp_path / "openssl.pem"
    _openssl("genpkey", "-algorithm", "ed25519", "-out", str(theirs_file))
    theirs = signing.load_private(theirs_file)
    their_public = signing.parse_public(_openssl("pkey", "-in", str(theirs_file), "-pubout"))
    assert their_public == theirs.public_key()
    data_file = tmp_path / "data"
    data_file.write_bytes(DATA)
    their_sig = _openssl("pkeyutl", "-sign", "-rawin", "-inkey", str(theirs_file), "-in", str(data_file))
    assert signing.verify(DATA, their_sig, [their_public]) == signing.key_id(their_public)
    (tmp_path / "sig").write_bytes(signing.sign(DATA, ours))
    out = _openssl("pkeyutl", "-verify", "-rawin", "-inkey", str(pair.private), "-in", str(data_file),
                   "-sigfile", str(tmp_path / "sig"))
    assert b"Verified Successfully" in out


@needs_openssl
def test_other_keys_are_refused_by_name(tmp_path: Path) -> None:
    locked = tmp_path / "locked.pem"
    _openssl("genpkey", "-algorithm", "ed25519", "-aes256", "-pass", "pass:secret", "-out", str(locked))
    with pytest.raises(KeyFileError, match="protected by a password"):
        signing.load_private(locked)
    ec = tmp_path / "ec.pem"
    _openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", str(ec))
    with pytest.raises(KeyFileError, match="not an Ed25519 key"):
        signing.load_private(ec)
    with pytest.raises(KeyFileError, match="not an Ed25519 key"):
        signing.parse_public(_openssl("pkey", "-in", str(ec), "-pubout"))
    damaged = tmp_path / "damaged.pem"
    good = _openssl("genpkey", "-algorithm", "ed25519")
    damaged.write_bytes(good.replace(good.splitlines()[1][:8], b"!!!!!!!!"))
    with pytest.raises(KeyFileError, match="damaged"):
        signing.load_private(damaged)


def test_the_shipped_portal_key_is_a_public_key_only() -> None:
    keys = ROOT / "resources" / "keys"
    public = signing.load_public(keys / "portal.pub")
    assert len(signing.key_id(public)) == 16
    for p in keys.rglob("*"):
        if p.is_file():
            assert b"PRIVATE KEY" not in p.read_bytes(), f"{p} holds a private key"
