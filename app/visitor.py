"""Visitor (kiosk) mode's lock state, kept where a damaged settings file cannot erase it.

Whether visitor mode is on, the librarian PIN (a salted PBKDF2 hash), the current visit's id and the wrong
PIN tries are kept in ``visitor-lock.json`` in the data folder, written atomically (a temporary file, fsync,
rename). Whether it is on and the PIN hash are also kept in the database (``library_meta``), so a lock file
that is lost or damaged comes back from there. Only when neither holds anything are the settings of older
versions (``kiosk_enabled``/``kiosk_pin_hash`` in settings.json) read, once, and moved here. A lock file that
cannot be read while nothing else remembers the PIN keeps visitor mode on (and locked): a damaged file must
never mean "no PIN".

Wrong PINs are counted here too, so quitting the program does not reset the wait: ``FREE_TRIES`` wrong tries in
a row, then ``FIRST_WAIT`` seconds, doubling with each further wrong try (at most ``MAX_WAIT``). The end of a
wait is a wall-clock time with the wait's length beside it: a clock set back cannot stretch it beyond that.

Visits: each visit has an id (``new_visit_id``); notes, bookmarks and history written during a visit carry it
and ``Library.clear_visitor_data(visit_id=…)`` deletes exactly those rows. Times are never compared, so a PC
clock that jumps backwards cannot make the librarian's notes look like a visitor's. Visits whose clearing has
not finished yet (a failure, a power cut) stay listed in ``uncleared`` and are cleared with the next one.

Forgotten PIN: ``kitepkana visitor-off`` (with ``--data-dir`` if the library is elsewhere) turns visitor mode off
and forgets the PIN; whoever can run programs on the PC can do it, as they could edit the files.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from app import fsutil

if TYPE_CHECKING:
    from app.library import Library

LOCK_FILE = "visitor-lock.json"
PIN_MIN, PIN_MAX = 4, 12
PIN_ITERATIONS = 200_000  # ~0.1–0.3 s on an old PC: slow enough to make guessing from a copied file costly
FREE_TRIES = 5  # wrong PINs in a row before the first wait
FIRST_WAIT = 60.0  # seconds; doubled at each further wrong try
MAX_WAIT = 3600.0  # a visitor typing wrong PINs must not keep the librarian out for days
_SCHEME = "pbkdf2_sha256"


def utcnow() -> dt.datetime:
    """Naive UTC, as the library stores times (``app.content.utcnow``, without importing SQLAlchemy)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def valid_pin(pin: str) -> bool:
    """A PIN is 4 to 12 digits: easy to type on any keyboard layout."""
    return pin.isascii() and pin.isdigit() and PIN_MIN <= len(pin) <= PIN_MAX


def hash_pin(pin: str, *, iterations: int = PIN_ITERATIONS) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)
    b64 = lambda b: base64.b64encode(b).decode("ascii")
    return f"{_SCHEME}${iterations}${b64(salt)}${b64(digest)}"


def check_pin(pin: str, stored: str) -> bool:
    try:
        scheme, iterations, salt, digest = stored.split("$")
        if scheme != _SCHEME:
            return False
        expected = base64.b64decode(digest)
        got = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), base64.b64decode(salt), int(iterations))
    except ValueError:  # a damaged entry never matches
        return False
    return hmac.compare_digest(got, expected)


def new_visit_id() -> str:
    return secrets.token_hex(8)


@dataclass(frozen=True)
class LockState:
    enabled: bool = False
    pin_hash: str = ""  # empty while enabled: the PIN was lost with a damaged file (locked until reset)
    visit_id: str = ""  # the current visit (while enabled)
    visit_started: str = ""  # when it began (UTC, ISO): shown only, never used to choose what is deleted
    uncleared: tuple[str, ...] = ()  # earlier visits whose clearing has not finished yet
    failures: int = 0  # wrong PINs in a row
    blocked_until: float = 0.0  # wall-clock end of the current wait (time.time())
    wait: float = 0.0  # the length of that wait, in seconds

    def seconds_blocked(self, now: float | None = None) -> int:
        """Seconds still to wait before the next PIN try (never more than the wait's own length)."""
        left = min(self.blocked_until - (time.time() if now is None else now), self.wait)
        return max(0, int(left + 0.999))


def next_wait(failures: int, *, free_tries: int = FREE_TRIES, first_wait: float = FIRST_WAIT,
              max_wait: float = MAX_WAIT) -> float:
    """The wait after the ``failures``-th wrong PIN in a row: none, then ``first_wait``, doubling."""
    if failures < free_tries:
        return 0.0
    return min(first_wait * 2 ** min(failures - free_tries, 30), max_wait)


def _state_from(data: object) -> LockState:
    if not isinstance(data, dict):
        raise TypeError("not an object")
    kinds = {"enabled": bool, "pin_hash": str, "visit_id": str, "visit_started": str, "failures": int,
             "blocked_until": (int, float), "wait": (int, float)}
    values: dict = {}
    for key, kind in kinds.items():
        if key in data:
            if not isinstance(data[key], kind):
                raise TypeError(f"'{key}' has the wrong type")
            values[key] = data[key]
    uncleared = data.get("uncleared", [])
    if not isinstance(uncleared, list) or not all(isinstance(v, str) for v in uncleared):
        raise TypeError("'uncleared' has the wrong type")
    return LockState(**values, uncleared=tuple(uncleared))


class VisitorLock:
    """Reads and writes the lock state of one library (the Kiosk and the settings dialog share it)."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.file: Path = library.paths.data / LOCK_FILE

    def load(self) -> LockState:
        """The state, from the lock file, else the database, else old settings; repaired on disk when needed."""
        damaged = False
        try:
            return _state_from(json.loads(self.file.read_text(encoding="utf-8")))
        except FileNotFoundError:
            pass
        except (OSError, ValueError, TypeError):
            damaged = True
        state = self._from_database() or self._from_old_settings()
        if state is None:
            if not damaged:
                return LockState()  # visitor mode was never turned on here
            state = LockState(enabled=True)  # unreadable, and nothing else remembers the PIN: it stays on
        if state.enabled and not state.visit_id:
            state = replace(state, visit_id=new_visit_id(), visit_started=utcnow().isoformat())
        try:
            if damaged:
                fsutil.replace(self.file, self.file.with_name(self.file.name + ".damaged"))
            return self.save(state)
        except Exception:  # noqa: BLE001 — not written back now (a full disk, a busy file): it holds all the same
            return state

    def save(self, state: LockState) -> LockState:
        """Write ``state`` atomically; the database copy follows when "on" or the PIN changed."""
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_name(self.file.name + ".part")
        data = {"version": 1, **asdict(state), "uncleared": list(state.uncleared)}
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=2)
            f.flush()
            os.fsync(f.fileno())
        fsutil.replace(tmp, self.file)
        fsutil.fsync_dir(self.file.parent)
        mirrored = {"enabled": state.enabled, "pin_hash": state.pin_hash}
        if self._database_copy() != mirrored:
            self.library.save_visitor_lock_record(json.dumps(mirrored))
        return state

    def update(self, **changes: object) -> LockState:
        """Load, change some fields, save. Turning visitor mode on or off starts a new visit (or none)."""
        old = self.load()
        new = replace(old, **changes)
        if new.enabled and not old.enabled:
            # what was written before belongs to the library, not to a visitor
            new = replace(new, visit_id=new_visit_id(), visit_started=utcnow().isoformat())
        elif not new.enabled and old.enabled:
            # visitor mode off: the visit in progress is kept (it is the librarian's now), nothing is cleared
            new = replace(new, visit_id="", visit_started="", uncleared=())
        return self.save(new)

    # --- the other places the state may be --------------------------------------------------------------

    def _database_copy(self) -> dict | None:
        try:
            data = json.loads(self.library.visitor_lock_record() or "null")
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def _from_database(self) -> LockState | None:
        data = self._database_copy()
        if data is None:
            return None
        try:
            return _state_from({k: data[k] for k in ("enabled", "pin_hash") if k in data})
        except TypeError:
            return None

    def _from_old_settings(self) -> LockState | None:
        from app.settings import Settings

        settings = Settings(self.library.paths)
        if not (settings.get("kiosk_enabled") and settings.get("kiosk_pin_hash")):
            return None
        return LockState(enabled=True, pin_hash=settings.get("kiosk_pin_hash"))
