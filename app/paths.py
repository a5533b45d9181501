"""Every folder Kitepkana uses is resolved here, and only here.

Order of precedence for the data folder:
1. an explicit ``--data-dir DIR`` (passed in as ``data_dir``),
2. the ``KITEPKANA_HOME`` environment variable,
3. portable mode: a marker file ``kitepkana-portable`` beside the executable (or beside the source
   checkout when not frozen) puts everything in a ``kitepkana-data`` folder next to it, so a USB stick
   carries a running copy,
4. a data folder the user chose in the settings dialog for the next start, remembered in
   ``data-location.txt`` in platformdirs' per-user config folder (one absolute path; a missing, empty or
   relative entry is ignored). The library always goes into a ``Kitepkana`` folder of its own inside the
   folder chosen (``D:\\Documents`` -> ``D:\\Documents\\Kitepkana``), so the uninstaller's "delete my library"
   can never take the user's own files with it; even there it deletes only :data:`OWN_ENTRIES`,
5. platformdirs' per-user folders (on Windows ``%LOCALAPPDATA%\\Kitepkana``).

With 1–3 all folders (data, config, cache, logs) live under that single root, so one folder is the
whole library and can be copied as such. With 4 only the library data moves (e.g. to a bigger D: drive);
settings, cache and logs stay in the per-user folders, so the user's settings survive the move.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Kitepkana"
ENV_HOME = "KITEPKANA_HOME"
PORTABLE_MARKER = "kitepkana-portable"
PORTABLE_DATA = "kitepkana-data"
LOCATION_FILE = "data-location.txt"
# Everything Kitepkana makes in a data folder (fnmatch patterns): the uninstaller (build/installer.iss,
# OwnEntries) deletes only these, then the folder if it is empty. Keep the two lists the same (a test does).
OWN_ENTRIES = ("library.sqlite*", "library-damaged-*", "media", "index*", "backups", "feeds", "config", "cache",
               "logs", "kitepkana.lock", "visitor-lock.json")


@dataclass(frozen=True)
class Paths:
    """The folders of one library. Create them with :meth:`ensure`."""

    data: Path
    config: Path
    cache: Path
    logs: Path
    mode: str  # "explicit" | "env" | "portable" | "chosen" | "user"

    @property
    def database(self) -> Path:
        return self.data / "library.sqlite"

    @property
    def media(self) -> Path:
        return self.data / "media"

    @property
    def index(self) -> Path:
        return self.data / "index"

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def lock_file(self) -> Path:
        return self.data / "kitepkana.lock"

    def ensure(self) -> Paths:
        for folder in (self.data, self.config, self.cache, self.logs, self.media, self.backups):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def install_dir() -> Path:
    """The folder holding the executable (frozen) or the source checkout (not frozen)."""
    if is_frozen():
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """Bundled resources: sample catalog, keys, translations.

    Frozen: PyInstaller's bundle folder. Installed from a wheel: ``app/resources``. From a checkout:
    the repository's ``resources/``.
    """
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", install_dir())) / "resources"
    packaged = Path(__file__).resolve().parent / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"


def sample_catalog_dir() -> Path:
    return resources_dir() / "sample"


def _rooted(root: Path, mode: str) -> Paths:
    root = root.expanduser().resolve()
    return Paths(data=root, config=root / "config", cache=root / "cache", logs=root / "logs", mode=mode)


def data_location_file() -> Path:
    """Where the data folder chosen for the next start is remembered (per user, outside any library)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / LOCATION_FILE


def read_data_location(location_file: Path | None = None) -> Path | None:
    """The chosen data folder, or None when none was chosen (or the entry is unusable)."""
    file = data_location_file() if location_file is None else location_file
    try:
        text = file.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    chosen = Path(text).expanduser() if text else None
    # a relative path would depend on the folder the program was started from: never what was meant
    return chosen if chosen is not None and chosen.is_absolute() else None


def own_folder(chosen: Path) -> Path:
    """The library's folder in the folder the user ``chosen``: a ``Kitepkana`` folder of its own inside it (or
    ``chosen`` itself when it is one already)."""
    chosen = Path(chosen).expanduser().resolve()
    return chosen if chosen.name.casefold() == APP_NAME.casefold() else chosen / APP_NAME


def write_data_location(folder: Path | None, location_file: Path | None = None) -> None:
    """Remember ``folder`` (its :func:`own_folder`) as the data folder for the next start; None goes back to
    the default."""
    file = data_location_file() if location_file is None else location_file
    if folder is None:
        file.unlink(missing_ok=True)
        return
    folder = own_folder(folder)
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_name(file.name + ".part")
    tmp.write_text(str(folder) + "\n", encoding="utf-8")  # closed before the rename (Windows)
    os.replace(tmp, file)


def resolve(data_dir: str | os.PathLike[str] | None = None, *, environ: dict[str, str] | None = None,
            portable_root: Path | None = None, location_file: Path | None = None) -> Paths:
    """Resolve the folders for this run (see the module docstring for the order)."""
    env = os.environ if environ is None else environ
    if data_dir:
        return _rooted(Path(data_dir), "explicit")
    if env.get(ENV_HOME):
        return _rooted(Path(env[ENV_HOME]), "env")
    base = install_dir() if portable_root is None else portable_root
    if (base / PORTABLE_MARKER).exists():
        return _rooted(base / PORTABLE_DATA, "portable")
    chosen = read_data_location(location_file)
    return Paths(
        data=chosen.resolve() if chosen else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        mode="chosen" if chosen else "user",
    )
