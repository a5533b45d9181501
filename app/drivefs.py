"""What kind of drive a path is on, and its file system — the facts the USB lists and the USB kit need.

On Windows the drive type comes from ``GetDriveTypeW`` (a USB stick or a memory card is "removable"; a second
disk, and many USB hard disks, are "fixed"; a mapped share is "network") and the file system from
``GetVolumeInformationW``. On Linux the file system comes from ``/proc/self/mounts``. Every function answers ""
when it cannot tell, and never raises: a drive pulled out while we look is simply unknown.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

# GetDriveTypeW's answers
WINDOWS_DRIVE_TYPES = {0: "unknown", 1: "unknown", 2: "removable", 3: "fixed", 4: "network", 5: "cdrom", 6: "ramdisk"}
# The order the USB lists show drives in: what a person plugged in first, never a share before a stick
KIND_ORDER = ("removable", "fixed", "cdrom", "ramdisk", "unknown", "network")
# File systems that cannot hold a file of 4 GB or more (FAT32's limit is 4 GB - 1 byte)
FAT_FILE_SYSTEMS = frozenset({"fat", "fat12", "fat16", "fat32", "vfat", "msdos"})
NETWORK_FILE_SYSTEMS = frozenset({"nfs", "nfs4", "cifs", "smb", "smb2", "smbfs", "smb3", "9p", "sshfs",
                                  "fuse.sshfs", "davfs", "afpfs", "ncpfs"})


def drive_root(path: Path | str) -> str:
    """The drive's root as Windows names it ("E:\\", "\\\\server\\share\\"); on POSIX the mount point."""
    text = str(path)
    if os.name == "nt":
        drive = os.path.splitdrive(os.path.abspath(text))[0]
        return drive + "\\" if drive else ""
    return _mount_of(text)[0]


def drive_kind(path: Path | str) -> str:
    """"removable", "fixed", "network", "cdrom", "ramdisk" or "unknown" for the drive holding ``path``."""
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        root = drive_root(path)
        if root.startswith("\\\\"):
            return "network"
        try:
            return WINDOWS_DRIVE_TYPES.get(ctypes.windll.kernel32.GetDriveTypeW(root), "unknown")
        except OSError:
            return "unknown"
    mount, fs = _mount_of(str(path))
    if fs in NETWORK_FILE_SYSTEMS:
        return "network"
    if mount.startswith(("/media/", "/run/media/", "/Volumes/")):
        return "removable"
    return "fixed" if mount else "unknown"


def file_system(path: Path | str) -> str:
    """The file system of the drive holding ``path``, lower-case ("fat32", "exfat", "ntfs", "vfat"), or ""."""
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        name = ctypes.create_unicode_buffer(64)
        ok = ctypes.windll.kernel32.GetVolumeInformationW(ctypes.c_wchar_p(drive_root(path)), None, 0, None,
                                                          None, None, name, len(name))
        return name.value.lower() if ok else ""
    return _mount_of(str(path))[1]


def drive_label(root: Path | str, label: str = "") -> str:
    """How a person names a drive, never as a path: its label and letter ("KINGSTON (E:)"), the letter alone
    ("E:") when it has no label; elsewhere the label, else the mount point's own name ("/media/ana/KINGSTON" →
    "KINGSTON"); a share by its share name."""
    text = str(root).rstrip("\\/")
    letter = re.fullmatch(r"([A-Za-z]:)", text)
    if letter:
        return f"{label} ({letter.group(1).upper()})" if label else letter.group(1).upper()
    return label or re.split(r"[\\/]", text)[-1] or str(root)


def holds_big_files(fs: str) -> bool:
    """False only for a FAT file system (no file of 4 GB or more); True for exFAT, NTFS, ext4 and unknown ones
    (where the copy itself reports a refusal)."""
    return fs.lower() not in FAT_FILE_SYSTEMS


def kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def _mount_of(path: str) -> tuple[str, str]:
    """(mount point, file system type) of the longest mount containing ``path``, from /proc/self/mounts."""
    try:
        with open("/proc/self/mounts", encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return "", ""
    target = os.path.realpath(path)
    best = ("", "")
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount = parts[1].replace("\\040", " ")
        inside = target == mount or target.startswith(mount.rstrip("/") + "/")
        if inside and len(mount) >= len(best[0]):
            best = (mount, parts[2].lower())
    return best
