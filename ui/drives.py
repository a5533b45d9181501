"""Finding the drives a feed travels on: USB sticks, memory cards and other mounted volumes (drive letters on
Windows), and whether one carries a Kitepkana feed.

An export writes the feed into a ``kitepkana-feed`` folder at the root of the drive (``E:\\kitepkana-feed``, the
name the CLI help suggests too), so a drive carries a feed when ``feed.json`` is at its root (a drive that *is*
a feed, e.g. written with ``kitepkana export E:\\``) or in that folder.

The lists show removable drives (USB sticks, memory cards: Windows' drive type) first, then other disks, network
drives last; a drive is named by its label and its letter ("KINGSTON (E:)"), and only a removable drive or a
folder the user chose is ever selected for them (:attr:`Volume.preselect`): never the second hard disk or a share.

No widgets here, but it uses ``QStorageInfo``, so it lives in ``ui/``. Looking at a slow or dying USB drive (or
a network drive) can take seconds: call :func:`scan_volumes` from a worker (the task manager's "read" queue).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QStorageInfo

from app import drivefs
from sync.feedformat import MANIFEST_NAME

FEED_SUBFOLDER = "kitepkana-feed"  # where the export dialog writes on a drive
# file systems that are never a drive a person plugs in (Linux/macOS pseudo and system file systems)
_PSEUDO_FS = {"tmpfs", "devtmpfs", "proc", "sysfs", "cgroup", "cgroup2", "overlay", "squashfs", "autofs", "devpts",
              "securityfs", "debugfs", "tracefs", "pstore", "bpf", "mqueue", "hugetlbfs", "fusectl", "configfs",
              "efivarfs", "binfmt_misc", "nsfs", "ramfs", "rpc_pipefs", "fuse.gvfsd-fuse", "fuse.portal"}
# where Linux and macOS mount drives that are plugged in (anything else is part of the system)
_POSIX_MOUNT_PARENTS = ("/media", "/mnt", "/run/media", "/Volumes")


@dataclass(frozen=True)
class Volume:
    """A drive (or a folder the user chose) as the dialogs show it."""

    root: Path  # the drive's root (or the chosen folder)
    name: str  # the drive's label ("KINGSTON"), else its root as text
    feed: Path | None  # the folder holding a feed on it, if there is one
    free: int  # bytes free (0 if unknown)
    total: int
    read_only: bool
    kind: str = "folder"  # app.drivefs's drive kind ("removable", "fixed", "network", ...) or "folder": chosen
    label: str = ""  # the volume's own label ("KINGSTON"), "" if none (or a folder)

    @property
    def display_name(self) -> str:
        """The drive as a person names it, never a path: "KINGSTON (E:)" (app.drivefs.drive_label)."""
        return drivefs.drive_label(self.root, self.label)

    @property
    def preselect(self) -> bool:
        """May a list select this one by itself? Only a USB stick or card, or a folder the user chose."""
        return self.kind in ("removable", "folder")


def feed_folder(path: Path) -> Path | None:
    """The folder holding a feed at ``path``: ``path`` itself or its ``kitepkana-feed`` folder; None if neither."""
    for candidate in (path, path / FEED_SUBFOLDER):
        try:
            if (candidate / MANIFEST_NAME).is_file():
                return candidate
        except OSError:  # a drive pulled out while we look, a folder we may not read
            continue
    return None


def export_folder(path: Path) -> Path:
    """Where an export to ``path`` goes: a drive's root gets a ``kitepkana-feed`` folder (so the drive can carry
    other files and the feed is found again); a folder the user chose (or one already holding a feed) is used
    as it is."""
    found = feed_folder(path)
    if found is not None:
        return found
    return path / FEED_SUBFOLDER if _is_drive_root(path) else path


def _is_drive_root(path: Path) -> bool:
    info = QStorageInfo(str(path))
    return info.isValid() and Path(info.rootPath()) == Path(path)


def _is_plugged_in_drive(info: QStorageInfo) -> bool:
    """A volume a person could have plugged in (or a second disk), not the system's own file systems."""
    fs = bytes(info.fileSystemType()).decode("ascii", "replace").lower()
    if fs in _PSEUDO_FS:
        return False
    root = info.rootPath()
    if sys.platform == "win32":
        system_drive = os.environ.get("SystemDrive", "C:").rstrip("\\/").upper()
        return root.rstrip("\\/").upper() != system_drive
    return any(root == parent or root.startswith(parent + "/") for parent in _POSIX_MOUNT_PARENTS) \
        and root not in _POSIX_MOUNT_PARENTS


def drive_name(label: str, root: str) -> str:
    """How a drive is named in the lists: its label and its letter ("KINGSTON (E:)"), or the root alone."""
    return f"{label} ({root.rstrip(chr(92) + '/') or root})" if label else root


def volume_at(root: Path, info: QStorageInfo | None = None, *, kind: str = "folder") -> Volume:
    """Describe the drive or folder at ``root`` (free space, label, the feed on it); ``kind`` as app.drivefs
    names it, "folder" for one the user chose."""
    info = info if info is not None else QStorageInfo(str(root))
    # the volume label ("KINGSTON"), for a drive's root only: a folder on it is named by its path
    label = info.name() if info.isValid() and Path(info.rootPath()) == Path(root) else ""
    return Volume(root=root, name=drive_name(label, str(root)), feed=feed_folder(root),
                  free=max(int(info.bytesAvailable()), 0), total=max(int(info.bytesTotal()), 0),
                  read_only=info.isReadOnly(), kind=kind, label=label)


def scan_volumes(*, extra: Iterable[Path] = (), mounted: Iterable[QStorageInfo] | None = None,
                 kind_of: Callable[[Path], str] = drivefs.drive_kind) -> list[Volume]:
    """The plugged-in drives (on Windows every drive letter but the system drive; elsewhere what is mounted under
    /media, /mnt, /run/media or /Volumes) — removable ones first, network drives last (``kind_of``: the drive's
    kind, app.drivefs) — then the ``extra`` folders (ones the user chose), without duplicates. ``mounted``: the
    volumes to look at (default: QStorageInfo's)."""
    seen: set[str] = set()
    found: list[Volume] = []
    for info in (QStorageInfo.mountedVolumes() if mounted is None else mounted):
        if not (info.isValid() and info.isReady()) or not _is_plugged_in_drive(info):
            continue
        root = Path(info.rootPath())
        if str(root) not in seen:
            seen.add(str(root))
            found.append(volume_at(root, info, kind=kind_of(root)))
    found.sort(key=lambda v: drivefs.kind_rank(v.kind))  # stable: the system's order within a kind
    for path in extra:
        path = Path(path)
        if str(path) not in seen and path.is_dir():
            seen.add(str(path))
            found.append(volume_at(path))
    return found


def format_size(size: int) -> str:
    """A size in the units a librarian reads ("1.2 GB"), translatable."""
    # literal QCoreApplication.translate calls (not an alias): lupdate only then files them under "Sizes"
    if size >= 1024**3:
        return QCoreApplication.translate("Sizes", "%1 GB").replace("%1", QLocale().toString(size / 1024**3, "f", 1))
    if size >= 1024**2:
        return QCoreApplication.translate("Sizes", "%1 MB").replace("%1", QLocale().toString(size / 1024**2, "f", 1))
    if size >= 1024:
        return QCoreApplication.translate("Sizes", "%1 KB").replace("%1", f"{max(size // 1024, 1)}")
    return QCoreApplication.translate("Sizes", "%1 bytes").replace("%1", str(size))
