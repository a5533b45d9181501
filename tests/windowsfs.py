"""The Windows file-system mode of the test suite (``python -m pytest --windows-fs``): Linux made to act like Windows.

Library PCs run Windows and nobody here can; Linux lets a program rename and delete files that are still open,
Windows does not. While the mode is on (in the pytest process and, see below, its Python children):

* ``os.rename``/``os.replace``/``os.unlink``/``os.remove``/``os.rmdir`` — and so every ``Path`` method,
  ``shutil.rmtree`` and ``shutil.move`` built on them — of a file some handle still holds open, or of a folder
  with an open file somewhere inside, raise ``PermissionError`` with ``winerror`` 32 ("being used by another
  process"), the error Windows gives. ``rmtree`` deletes what it can and stops at the open file, as on Windows.
* ``os.rename`` onto a name that exists raises ``FileExistsError`` (``winerror`` 183): only ``os.replace``
  replaces on Windows.
* Names are case-insensitive in the temporary folder (where tests keep their files): opening, creating,
  ``mkdir`` or renaming onto ``Feed.json`` where ``feed.json`` exists reaches ``feed.json``, and ``exists()``
  sees it. The checkout and site-packages stay case-sensitive, so Python's imports are not fooled.

Which handles are open is read from the kernel (``/proc/<pid>/fd`` of the pytest process and all its
descendants: on Windows a handle in any process blocks), not from wrappers around ``open``: it sees every
handle — ``open``/``io.open``/``Path.open``, ``os.open``/``os.fdopen``, the duplicate handle ``mmap`` keeps, the
``kitepkana`` commands and Whoosh's indexing workers a test starts, and those opened in C: **SQLite's database, journal and WAL files, and Whoosh's segment
files**. That is what Windows does too (SQLite opens its files without ``FILE_SHARE_DELETE``), so a database
is "in use" until its last connection is closed (``Library.close()``/``engine.dispose()``), exactly as on a
library PC. A close can never be missed, whoever closes (``with``, ``os.close``, the garbage collector).
Folder handles are ignored (``shutil.rmtree`` itself holds them while it deletes; Windows' rmtree has none).

Another program holding a file open without sharing (a backup tool, a virus scanner) is played by
:func:`held_by_another_program`: opening that file raises the same sharing violation until it lets go.

Child Python processes of a ``--windows-fs`` run (the ``kitepkana`` commands tests run, the crash tests'
children) are in the mode too: tests/windowsfs_site/sitecustomize.py turns it on in them, and they append what
they meet to the file KITEPKANA_WINDOWS_FS_LOG names, for the run's summary.

Not modelled: handles held by processes outside the test run's tree, virus scanners, and the delayed delete of
a file opened with ``FILE_SHARE_DELETE``. Linux only (``/proc``).
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import io
import os
import stat
import sysconfig
import tempfile
import threading
import traceback

WINERROR_SHARING_VIOLATION = 32
WINERROR_ALREADY_EXISTS = 183

_STDLIB = sysconfig.get_paths()["stdlib"]
_lock = threading.RLock()
_depth = 0
_saved: dict[tuple[object, str], object] = {}
_case_root = ""
_exclusive: set[str] = set()  # real paths "another program" holds without sharing
# Every sharing violation raised, caught or not: (where in our code, the path, what held it). A retry that
# later succeeds still shows here — on Windows that was a wait or a race.
violations: list[tuple[str, str, str]] = []


def available() -> bool:
    return os.path.isdir("/proc/self/fd")


def sharing_violation(path: object, held: list[str] | None = None) -> PermissionError:
    """Windows' error for a file in use; ``held`` (the open files in the way) is added to the message, to show
    the test's reader which handle was left open."""
    message = "The process cannot access the file because it is being used by another process"
    if held:
        message += f" [windows-fs: open here: {', '.join(held[:3])}]"
    exc = PermissionError(errno.EACCES, message, os.fsdecode(path) if isinstance(path, (str, bytes)) else str(path))
    exc.winerror = WINERROR_SHARING_VIOLATION
    return exc


def _process_tree() -> list[int]:
    """The processes of this test run: the pytest process (or this one) and all its descendants (a ``kitepkana``
    command a test runs, Whoosh's indexing workers) — on Windows a handle in any process blocks a rename."""
    root = int(os.environ.get("KITEPKANA_WINDOWS_FS_PID") or 0)
    pids, seen = [root if root and os.path.isdir(f"/proc/{root}") else os.getpid()], set()
    while pids:
        pid = pids.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            for task in _saved_call(os, "listdir", f"/proc/{pid}/task"):
                with _saved_call(io, "open", f"/proc/{pid}/task/{task}/children", encoding="ascii") as f:
                    pids += [int(child) for child in f.read().split()]
        except OSError:
            continue  # ended meanwhile, or a kernel without the children files: this process only
    return sorted(seen)


def open_files(under: str | None = None) -> list[str]:
    """The real paths of the regular files the processes of this run hold open now (folders and deleted files
    left out); ``under``: only that file or what is inside that folder (much cheaper: one stat per match)."""
    found = []
    for pid in _process_tree():
        found += _open_files_of(pid, under)
    return found


def _open_files_of(pid: int, under: str | None) -> list[str]:
    found = []
    try:
        names = _saved_call(os, "listdir", f"/proc/{pid}/fd")
    except OSError:
        return found
    inside = under.rstrip("/") + "/" if under else ""
    for name in names:
        link = f"/proc/{pid}/fd/{name}"
        try:
            target = os.readlink(link)
            if not target.startswith("/") or target.endswith(" (deleted)"):
                continue
            if under and target != under and not target.startswith(inside):
                continue
            if stat.S_ISREG(_saved_call(os, "stat", link).st_mode):
                found.append(target)
        except OSError:
            continue  # closed meanwhile (another thread) or not a file
    return found


def holders(path: str) -> list[str]:
    """The open files that stop ``path`` (a file, or a folder and all inside it) from being renamed or deleted."""
    return open_files(os.path.realpath(path))


def _resolve(path: object, dir_fd: int | None) -> str:
    text = os.fsdecode(os.fspath(path))
    if dir_fd is not None and not os.path.isabs(text):
        text = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), text)
    parent, name = os.path.split(os.path.abspath(text))
    # Resolve the folder, not the last part: unlinking a symbolic link must not look at what it points to
    return os.path.join(os.path.realpath(parent), name)


def _check_not_open(path: object, dir_fd: int | None = None) -> None:
    if isinstance(path, int):
        return
    try:
        real = _resolve(path, dir_fd)
    except OSError:
        return
    if real in _exclusive:
        raise sharing_violation(path, ["(another program)"])
    held = holders(real)
    if held:
        _record(real, held[0])
        raise sharing_violation(path, held)


def _record(path: str, held: str) -> None:
    """Remember where in the project a violation came from (the innermost frame outside this module and
    app/fsutil.py's retry, so the caller that renamed shows, not the helper)."""
    where = "?"
    for frame in reversed(traceback.extract_stack(limit=25)[:-2]):
        if frame.filename != __file__ and not frame.filename.endswith(f"app{os.sep}fsutil.py") \
                and not frame.filename.startswith(_STDLIB):
            where = f"{os.path.relpath(frame.filename)}:{frame.lineno} ({frame.name})"
            break
    violations.append((where, path, held))
    log = os.environ.get("KITEPKANA_WINDOWS_FS_LOG")
    if log and os.getpid() != _parent_pid():  # a child process: tell the test run (one short line, appended)
        with contextlib.suppress(OSError), _saved_call(io, "open", log, "a", encoding="utf-8") as f:
            f.write(f"{where}\t{path}\t{held}\n")


def _parent_pid() -> int:
    return int(os.environ.get("KITEPKANA_WINDOWS_FS_PID", "0"))


def enable_in_children(log: str) -> None:
    """Turn the mode on in every child Python process started from now (through PYTHONPATH and
    sitecustomize), their violations appended to ``log``."""
    site = os.path.join(os.path.dirname(__file__), "windowsfs_site")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (site, os.environ.get("PYTHONPATH")) if p)
    os.environ["KITEPKANA_WINDOWS_FS"] = __file__
    os.environ["KITEPKANA_WINDOWS_FS_LOG"] = log
    os.environ["KITEPKANA_WINDOWS_FS_PID"] = str(os.getpid())


def child_violations(log: str) -> list[tuple[str, str, str]]:
    try:
        with _saved_call(io, "open", log, encoding="utf-8") as f:
            return [tuple(line.rstrip("\n").split("\t")) for line in f if line.count("\t") == 2]
    except OSError:
        return []


def _case_variant(path: object, dir_fd: int | None = None) -> str | None:
    """The existing name that differs from ``path`` only in letter case, when ``path`` itself does not exist
    (under the temporary folder only): Windows would open that one."""
    if dir_fd is not None or isinstance(path, int) or not _case_root:
        return None
    try:
        text = os.path.abspath(os.fsdecode(os.fspath(path)))
    except TypeError:
        return None
    if not text.startswith(_case_root) or os.path.lexists(text):
        return None
    parent, name = os.path.split(text)
    try:
        entries = _saved_call(os, "listdir", parent)
    except OSError:
        return None
    folded = name.casefold()
    for entry in entries:
        if entry.casefold() == folded and entry != name:
            return os.path.join(parent, entry)
    return None


def _saved_call(owner: object, name: str, *args, **kwargs):
    original = _saved.get((owner, name)) or getattr(owner, name)
    return original(*args, **kwargs)


def _rename(src, dst, *, src_dir_fd=None, dst_dir_fd=None):
    _check_not_open(src, src_dir_fd)
    _check_not_open(dst, dst_dir_fd)
    variant = _case_variant(dst, dst_dir_fd)
    try:
        same = variant is not None and os.path.samefile(variant, src)
    except OSError:
        same = False
    exists = (variant is not None and not same) or (
        dst_dir_fd is None and os.path.lexists(dst) and not _same_name(src, dst))
    if exists:
        exc = FileExistsError(errno.EEXIST, "Cannot create a file when that file already exists", os.fsdecode(dst))
        exc.winerror = WINERROR_ALREADY_EXISTS
        raise exc
    _saved_call(os, "rename", src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)


def _same_name(src, dst) -> bool:
    try:
        return os.path.samefile(src, dst)
    except (OSError, TypeError):
        return False


def _replace(src, dst, *, src_dir_fd=None, dst_dir_fd=None):
    _check_not_open(src, src_dir_fd)
    _check_not_open(dst, dst_dir_fd)
    variant = _case_variant(dst, dst_dir_fd)
    if variant is not None:
        _check_not_open(variant)
        _saved_call(os, "replace", src, variant, src_dir_fd=src_dir_fd)
        _saved_call(os, "rename", variant, dst)  # the new name's letter case, as Windows keeps it
        return
    _saved_call(os, "replace", src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)


def _unlink(path, *, dir_fd=None):
    _check_not_open(path, dir_fd)
    _saved_call(os, "unlink", path, dir_fd=dir_fd)


def _rmdir(path, *, dir_fd=None):
    _check_not_open(path, dir_fd)
    _saved_call(os, "rmdir", path, dir_fd=dir_fd)


def _mkdir(path, mode=0o777, *, dir_fd=None):
    variant = _case_variant(path, dir_fd)
    if variant is not None:
        exc = FileExistsError(errno.EEXIST, "Cannot create a file when that file already exists", os.fsdecode(path))
        exc.winerror = WINERROR_ALREADY_EXISTS
        raise exc
    _saved_call(os, "mkdir", path, mode, dir_fd=dir_fd)


def _check_not_exclusive(path: object, dir_fd: int | None = None) -> None:
    if _exclusive and not isinstance(path, int):
        real = None
        with contextlib.suppress(OSError, TypeError):
            real = _resolve(path, dir_fd)
        if real in _exclusive:
            raise sharing_violation(path)


def _os_open(path, flags, mode=0o777, *, dir_fd=None):
    _check_not_exclusive(path, dir_fd)
    variant = _case_variant(path, dir_fd)
    return _saved_call(os, "open", variant or path, flags, mode, dir_fd=dir_fd)


def _io_open(file, *args, **kwargs):
    _check_not_exclusive(file)
    variant = None if isinstance(file, int) else _case_variant(file)
    return _saved_call(io, "open", variant or file, *args, **kwargs)


def _stat(path, *, dir_fd=None, follow_symlinks=True):
    try:
        return _saved_call(os, "stat", path, dir_fd=dir_fd, follow_symlinks=follow_symlinks)
    except FileNotFoundError:
        variant = _case_variant(path, dir_fd)
        if variant is None:
            raise
        return _saved_call(os, "stat", variant, follow_symlinks=follow_symlinks)


_PATCHES = [(os, "rename", _rename), (os, "replace", _replace), (os, "unlink", _unlink), (os, "remove", _unlink),
            (os, "rmdir", _rmdir), (os, "mkdir", _mkdir), (os, "open", _os_open), (os, "stat", _stat),
            (io, "open", _io_open), (builtins, "open", _io_open)]


def install(*, case_root: str | None = None) -> None:
    """Turn the mode on (nested calls count; :func:`uninstall` as often). ``case_root``: the folder under which
    names are case-insensitive (default: the system's temporary folder)."""
    global _depth, _case_root
    if not available():
        raise RuntimeError("the Windows file-system mode reads /proc/self/fd: Linux only")
    with _lock:
        _depth += 1
        if _depth > 1:
            return
        _case_root = os.path.realpath(case_root or tempfile.gettempdir()).rstrip("/") + "/"
        for owner, name, replacement in _PATCHES:
            _saved[(owner, name)] = getattr(owner, name)
            setattr(owner, name, replacement)


def uninstall() -> None:
    global _depth, _case_root
    with _lock:
        if _depth == 0:
            return
        _depth -= 1
        if _depth:
            return
        for owner, name, _replacement in _PATCHES:
            setattr(owner, name, _saved.pop((owner, name)))
        _case_root = ""


def active() -> bool:
    return _depth > 0


@contextlib.contextmanager
def windows_fs(*, case_root: str | None = None):
    install(case_root=case_root)
    try:
        yield
    finally:
        uninstall()


@contextlib.contextmanager
def held_by_another_program(path: os.PathLike | str):
    """While inside, ``path`` is open in "another program" that shares nothing: opening, renaming or deleting it
    raises the sharing violation (the mode must be on)."""
    real = _resolve(path, None)
    _exclusive.add(real)
    try:
        yield
    finally:
        _exclusive.discard(real)
