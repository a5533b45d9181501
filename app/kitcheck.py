"""The USB kit's program check: may a receiving PC trust the installer or zip on a drive?

A library holds no private key, so a kit can only carry a signature it was given: the portal's publisher lists
the official program files (name, size, SHA-256) in the signed feed manifest (``kitepkana publish --program``,
FEED.md "Program files"), and a library keeps the exact bytes of the last manifest and signature it accepted
(``data/feeds/<feed id>/feed.json`` and ``.sig``). When such a kept copy names the program files a kit carries,
the kit carries that copy too::

    <drive>/kitepkana-install/SHA256SUMS.txt            the SHA-256 of every program file (sha256sum format)
    <drive>/kitepkana-install/signed-feed.json(.sig)    the manifest and its signature, exactly as received

and :func:`verify_kit` (``kitepkana usb-kit --verify DRIVE``) checks each program file on a drive against it.
Only the keys shipped with Kitepkana (``resources/keys``) vouch for the program: a publisher the user trusts
for content is not thereby trusted to hand out the program itself. No signed list, or one that does not name
a file, means that file could not be checked — and the kit's README says so in plain words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from app.paths import resources_dir

CHECKSUM_NAME = "SHA256SUMS.txt"
SIGNED_NAME = "signed-feed.json"  # not feed.json: the program folder is not a feed to sync from
SIGNED_SIG_NAME = SIGNED_NAME + ".sig"
PROGRAM_SUFFIXES = (".exe", ".zip")

# what each program file is found to be
CHECKED = "checked"  # the signed list names exactly this file (SHA-256 and size)
ALTERED = "altered"  # the signed list names a file of this name, with other content: damaged or changed
NOT_LISTED = "not_listed"  # nothing signed names it: it could not be checked


def program_keys() -> list:
    """The keys that may vouch for program files: the ones shipped with Kitepkana (the portal's)."""
    from sync import signing

    return [signing.load_public(p) for p in sorted((resources_dir() / "keys").glob("*.pub"))]


def program_files(folder: Path) -> list[Path]:
    """The installers and zips in a kit's program folder."""
    try:
        return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in PROGRAM_SUFFIXES)
    except OSError:
        return []


# --- the maker's side ---------------------------------------------------------------------------------------


def signed_copy_for(data_dir: Path | None, shas: Iterable[str], *, trusted: list | None = None
                    ) -> tuple[bytes, bytes] | None:
    """``(feed.json bytes, feed.json.sig bytes)`` of the kept feed copy in ``data_dir/feeds`` whose manifest,
    signed by a key in ``trusted`` (default :func:`program_keys`), names the most of ``shas``; None if none does."""
    from sync import feedformat, signing
    from sync.errors import FeedError, SignatureError

    wanted = set(shas)
    root = Path(data_dir) / "feeds" if data_dir is not None else None
    if not wanted or root is None or not root.is_dir():
        return None
    best, best_count = None, 0
    keys = program_keys() if trusted is None else trusted
    for kept in sorted(p for p in root.iterdir() if p.is_dir()):
        try:
            raw = (kept / feedformat.MANIFEST_NAME).read_bytes()
            sig = (kept / feedformat.SIGNATURE_NAME).read_bytes()
            listed = {p.sha256 for p in feedformat.read_manifest(raw).programs}
            count = len(wanted & listed)
            if count > best_count:
                signing.verify_detached(raw, sig, keys)
                best, best_count = (raw, sig), count
        except (OSError, FeedError, SignatureError):
            continue  # a copy that cannot vouch is no worse than none
    return best


def write_checks(folder: Path, files: list[tuple[str, str]], signed: tuple[bytes, bytes] | None) -> int:
    """Write ``SHA256SUMS.txt`` for ``files`` ((name, sha256) pairs) and the signed copy (or remove an old one),
    each read back; returns the bytes written."""
    from app.usbkit import UsbKitError
    from sync.files import write_atomic

    outputs = [(CHECKSUM_NAME, "".join(f"{sha} *{name}\n" for name, sha in files).encode("ascii", "replace"))]
    if signed is None:
        for name in (SIGNED_NAME, SIGNED_SIG_NAME):
            (folder / name).unlink(missing_ok=True)  # an older kit's list must not seem to vouch for new files
    else:  # the signature first, the manifest last (as a feed is written)
        outputs += [(SIGNED_SIG_NAME, signed[1]), (SIGNED_NAME, signed[0])]
    for name, data in outputs:
        write_atomic(folder / name, data)
        if (folder / name).read_bytes() != data:
            raise UsbKitError(f"{name} was damaged while writing to the drive; the drive may be failing",
                              code="write_verify_failed")
    return sum(len(data) for _name, data in outputs)


# --- the receiver's side ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgramCheck:
    path: str  # relative to the drive, with '/'
    size: int
    sha256: str
    status: str  # CHECKED, ALTERED or NOT_LISTED


@dataclass(frozen=True)
class KitCheck:
    drive: str
    ok: bool  # every program file on the drive is the portal's
    files: list[ProgramCheck] = field(default_factory=list)
    feed_id: str | None = None  # whose signed list vouched
    key_id: str | None = None
    problem: str | None = None  # why nothing could be checked

    def to_dict(self) -> dict:
        return asdict(self)


def verify_kit(drive: Path, *, trusted: list | None = None) -> KitCheck:
    """Check every program file in ``<drive>/kitepkana-install`` against the signed list beside it, verified with
    ``trusted`` (default :func:`program_keys`). Only reads."""
    from app.usbkit import PROGRAM_FOLDER
    from sync import feedformat, signing
    from sync.errors import FeedError, SignatureError

    folder = Path(drive) / PROGRAM_FOLDER
    files = program_files(folder)
    if not files:
        return KitCheck(drive=str(drive), ok=False, problem=f"there is no installer or portable zip in {folder}")
    vouched: dict[str, int] = {}
    names: set[str] = set()
    feed_id = key_id = problem = None
    try:
        raw = (folder / SIGNED_NAME).read_bytes()
        sig = (folder / SIGNED_SIG_NAME).read_bytes()
    except OSError:
        problem = "this drive carries no list of the program files signed by the portal"
    else:
        try:
            key_id = signing.verify_detached(raw, sig, program_keys() if trusted is None else trusted)
            manifest = feedformat.read_manifest(raw)
        except (SignatureError, FeedError) as e:
            problem = ("the list of the program files on this drive is not signed with the portal's key, so it "
                       "proves nothing" if e.code == "untrusted_key" else
                       f"the signed list of the program files on this drive is not valid: {e}")
        else:
            feed_id = manifest.feed_id
            vouched = {p.sha256: p.size for p in manifest.programs}
            names = {p.name.casefold() for p in manifest.programs}
    checks = []
    for path in files:
        sha, size = feedformat.file_digest(path)
        status = (CHECKED if vouched.get(sha) == size else ALTERED if path.name.casefold() in names else NOT_LISTED)
        checks.append(ProgramCheck(path=f"{PROGRAM_FOLDER}/{path.name}", size=size, sha256=sha, status=status))
    return KitCheck(drive=str(drive), ok=problem is None and all(c.status == CHECKED for c in checks), files=checks,
                    feed_id=feed_id, key_id=key_id, problem=problem)
