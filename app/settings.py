"""User settings, declared once (key, type, default, label) and stored as JSON in the config folder.

Unknown keys in the file are kept (a newer version may have written them); a damaged file is moved
aside and the defaults are used, so a bad settings file never stops the library from opening. A file another
program holds locked for a moment (Windows: a backup tool or a virus scanner) is read again a few times, then
refused: the defaults would silently replace the librarian's settings at the next save.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import fsutil
from app.errors import SettingsUnreadableError
from app.paths import Paths

SETTINGS_VERSION = 1
VIDEO_POLICIES = ("none", "topics", "all")


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    label: str


DECLARED = (
    Setting("portal_url", str, "", "Portal feed address (http or https)"),
    Setting("portal_feed_id", str, "", "The portal feed's id (synced without asking)"),
    Setting("video_policy", str, "none", "Which videos to download: none, topics (chosen topics) or all"),
    Setting("video_topics", list, [], "Topics whose videos are downloaded when the policy is 'topics'"),
    Setting("bandwidth_limit", int, 0, "Download speed limit in KB/s (0: no limit)"),
    Setting("stale_after_days", int, 90, "Say the library is out of date when its newest update is older than "
                                         "this many days"),
    Setting("sync_extra_hosts", list, [], "Other servers a feed may send its downloads to, by name (e.g. the "
                                          "publisher's mirror); any other redirect is refused"),
    Setting("ui_language", str, "", "Interface language: ky, ru or en (empty: the system language)"),
    Setting("reader_text_size", int, 100, "The reader's text size in percent of the system font (its A−/A+)"),
    Setting("welcome_done", bool, False, "The first window's welcome panel was used or closed (it stays gone)"),
    # Visitor (kiosk) mode for shared library PCs: see ui/kiosk.py. Whether it is on and the PIN are kept by
    # app/visitor.py (the data folder and the database), where a damaged settings file cannot erase them; the
    # first two keys are only read once, to take over what an older version wrote here.
    Setting("kiosk_enabled", bool, False, "Visitor mode (older versions; now kept in visitor-lock.json)"),
    Setting("kiosk_pin_hash", str, "", "The librarian PIN hash (older versions; now kept in visitor-lock.json)"),
    Setting("kiosk_idle_minutes", int, 10, "Visitor mode: clear a visitor's notes and history after this many "
                                           "quiet minutes"),
    # The reading room (app/web/): on/off for the desktop's "Share on this network", the port, and an optional code
    # visitors' browsers must give first (empty: none)
    Setting("share_enabled", bool, False, "Share the library with browsers on this network (the reading room)"),
    Setting("share_port", int, 8080, "The reading room's port"),
    Setting("share_access_code", str, "", "A code the reading room asks visitors for (empty: no code)"),
    Setting("kiosk_visit_started", str, "", "Unused: visits are told apart by an id (app/visitor.py)"),
)
BY_KEY = {s.key: s for s in DECLARED}


class Settings:
    def __init__(self, paths: Paths) -> None:
        self.file = paths.settings_file
        self._values: dict[str, Any] = {}
        self.load()

    def load(self, *, attempts: int = 10, delay: float = 0.1) -> None:
        try:
            data = json.loads(self._read(attempts=attempts, delay=delay))
            if not isinstance(data, dict):
                raise ValueError("not an object")  # noqa: TRY004 — a damaged file, caught below
        except FileNotFoundError:
            data = {}
        except (OSError, ValueError):
            aside = self.file.with_name(self.file.name + ".damaged")
            try:
                fsutil.replace(self.file, aside)
            except OSError:
                pass
            data = {}
        self._values = data

    def _read(self, *, attempts: int, delay: float) -> str:
        for attempt in range(attempts):
            try:
                return self.file.read_text(encoding="utf-8")
            except PermissionError as e:
                if attempt == attempts - 1:
                    raise SettingsUnreadableError(
                        f"the settings file {self.file} is locked by another program; close it (or wait for the "
                        "backup or virus check to finish) and start Kitepkana again") from e
                time.sleep(delay)
        raise AssertionError("unreachable")

    def get(self, key: str) -> Any:
        decl = BY_KEY[key]
        value = self._values.get(key, decl.default)
        if not isinstance(value, decl.type):
            return decl.default
        if key == "video_policy" and value not in VIDEO_POLICIES:
            return decl.default
        return value

    def set(self, key: str, value: Any) -> None:
        decl = BY_KEY[key]
        if not isinstance(value, decl.type):
            raise TypeError(f"setting '{key}' must be {decl.type.__name__}")
        self._values[key] = value
        self.save()

    def save(self) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_name(self.file.name + ".part")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"version": SETTINGS_VERSION, **self._values}, f, ensure_ascii=False, indent=2)
            f.flush()
            os.fsync(f.fileno())
        fsutil.replace(tmp, self.file)

    def trusted_keys_dir(self) -> Path:
        return self.file.parent / "trusted-keys"
