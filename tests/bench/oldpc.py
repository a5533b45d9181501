"""The old-PC modes the benchmarks share: ``--cores N`` and ``--io`` (issue 15).

A village library PC has one slow core, a spinning disk and nothing in the OS cache at the morning's first
start. This machine has fast cores and a fast virtual disk, and dropping the OS cache would disturb other
work on it, so the benchmarks do not time a cold cache: they measure what is *read*.

* ``--cores N`` pins the benchmark (and every process it starts, which inherit the affinity) to its first
  ``N`` CPUs (``os.sched_setaffinity``, what ``taskset -c`` does).
* ``--io`` reports, per start-up / query / sync, the bytes read (``/proc/PID/io``: ``rchar`` = every byte
  read by read()/pread() calls, cached or not; ``read_bytes`` = what came from the disk itself) and the
  files opened, and the spinning-disk estimate of the issue: ``rchar / 100 MB/s + 10 ms × files opened``
  (``rchar`` rather than ``read_bytes``: with a warm cache ``read_bytes`` is near 0, and on a cold PC all of
  it comes from the disk; memory-mapped index files read through page faults are not in ``rchar``, so the
  index files are counted as opened and their mapped pages are missed — Whoosh here reads through files).

Files opened by a fresh process are counted with ``strace -f -e trace=openat`` (successful opens of regular
files: shared libraries, Python modules and their bytecode, the database, the index; not /proc, /sys, /dev
or folders) up to the process's marker line; inside a running benchmark a Python audit hook counts the
files Python opens and the SQLite connections made (:class:`OpenCounter`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

DISK_BYTES_PER_S = 100e6
SEEK_S = 0.010
_OPEN = re.compile(r'^\d+\s+(?:openat\(\w+, |open\()"([^"]*)", ([A-Z_|]+)[^=]*= (-?\d+)')
_SKIP = ("/proc/", "/sys/", "/dev/")


def add_arguments(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--cores", type=int, default=0,
                    help="pin the benchmark and its processes to this many CPUs (an old PC: --cores 1)")
    ap.add_argument("--io", action="store_true",
                    help="report bytes read and files opened, and the spinning-disk estimate from them")


def pin(cores: int) -> str:
    """Pin this process (and so its future children) to its first ``cores`` CPUs; a line saying so."""
    have = sorted(os.sched_getaffinity(0))
    if not cores:
        return f"CPUs: {len(have)} of {os.cpu_count()} (not pinned)"
    chosen = set(have[:cores])
    os.sched_setaffinity(0, chosen)
    return f"CPUs: PINNED to {len(chosen)} ({sorted(chosen)}) of {os.cpu_count()} — --cores {cores}"


def bytecode_env(env: dict, cache: Path) -> dict:
    """The environment of an installed app: Python's bytecode cached (here in ``cache``, not beside the
    sources). pip and the frozen bundle install bytecode; this shell sets PYTHONDONTWRITEBYTECODE, which
    would make every fresh process compile our modules from source."""
    env = dict(env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def proc_io(pid: int | str = "self") -> dict[str, int]:
    out = {}
    try:
        for line in Path(f"/proc/{pid}/io").read_text().splitlines():
            key, _, value = line.partition(":")
            out[key] = int(value)
    except OSError:
        pass
    return out


def rss_mb(pid: int | str = "self", key: str = "VmRSS") -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, now."""
    total, stack = 0.0, [pid]
    while stack:
        p = stack.pop()
        total += rss_mb(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return total


@dataclass
class Io:
    rchar: int = 0
    read_bytes: int = 0
    files: int = 0
    distinct: int = 0  # different files among ``files`` (0: not counted)
    mapped: int = 0  # bytes of mapped files resident (shared libraries, ICU data, a mapped index; 0: not measured)

    @property
    def disk_estimate(self) -> float:
        """Seconds on a spinning disk, the issue's formula: bytes read at 100 MB/s plus 10 ms per file opened."""
        return self.rchar / DISK_BYTES_PER_S + SEEK_S * self.files

    @property
    def disk_estimate_distinct(self) -> float:
        """The same, with a seek per *different* file and the mapped pages read too. A frozen build reopens its
        one module archive for every import (PyInstaller's PYZ in the executable, ``base_library.zip``): those
        opens find the file's entry cached and read on from where the disk already is, while the pages of
        libraries mapped into the process (Qt, ICU) must come off a cold disk but are in no read() count."""
        return (self.rchar + self.mapped) / DISK_BYTES_PER_S + SEEK_S * self.distinct

    def per(self, n: int) -> Io:
        return Io(self.rchar // max(n, 1), self.read_bytes // max(n, 1), round(self.files / max(n, 1)))

    def describe(self) -> str:
        text = (f"read {self.rchar / 1e6:.2f} MB (from disk {self.read_bytes / 1e6:.2f} MB), {self.files} files "
                f"opened → spinning disk ≈ {self.disk_estimate:.2f} s")
        if self.distinct:
            text += (f"; {self.distinct} different files, {self.mapped / 1e6:.1f} MB of mapped files resident → "
                     f"≈ {self.disk_estimate_distinct:.2f} s counting a seek per different file and the mapped bytes")
        return text


def mapped_bytes(pid: int) -> int:
    """Resident bytes of mapped files (``Rss`` minus ``Anonymous`` of /proc/PID/smaps_rollup): the pages of the
    shared libraries and data files the process has touched, which a cold start reads from the disk."""
    try:
        fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:])
        return (int(fields["Rss"].split()[0]) - int(fields["Anonymous"].split()[0])) * 1024
    except (OSError, KeyError, ValueError):
        return 0


def descendants(pid: int) -> list[int]:
    out, stack = [], [pid]
    while stack:
        p = stack.pop()
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                children = [int(c) for c in (task / "children").read_text().split()]
                out += children
                stack += children
        except OSError:
            pass
    return out


def count_opens(strace_log: Path, *, until: str | None = None) -> tuple[int, list[str]]:
    """Successful opens of regular files in an ``strace -f -e trace=openat,write`` log, up to the first
    write containing ``until``."""
    files: list[str] = []
    for line in strace_log.read_text(errors="replace").splitlines():
        if until and " write(" in line and until in line:
            break
        m = _OPEN.match(line)
        if not m or int(m.group(3)) < 0 or "O_DIRECTORY" in m.group(2) or m.group(1).startswith(_SKIP):
            continue
        files.append(m.group(1))
    return len(files), files


def folders(names: list[str], *, top: int = 12, indent: str = "   ") -> str:
    """Where the files opened came from: the ``top`` folders by files opened, a line each. A folder is a
    package of site-packages or of a frozen bundle's ``_internal`` (Qt's plugins, translations and fonts a
    level deeper), the standard library, or else the file's own folder."""
    counts: dict[str, int] = {}
    for name in names:
        key = os.path.dirname(name)
        for mark, depth in (("/site-packages/", 1), ("/_internal/", 1)):
            if mark in name:
                rest = name.split(mark, 1)[1].split("/")[:-1]
                depth = 4 if rest[:2] == ["PySide6", "Qt"] else 2 if rest[:1] == ["PySide6"] else depth
                key = mark.strip("/") + "/" + "/".join(rest[:depth])
                break
        else:
            if re.search(r"/lib/python3\.\d+/", name):
                key = "the standard library" + (" (lib-dynload)" if "/lib-dynload/" in name else "")
        counts[key] = counts.get(key, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    lines = [f"{indent}{n:5d}  {key}" for key, n in ranked[:top]]
    rest = sum(n for _key, n in ranked[top:])
    if rest:
        lines.append(f"{indent}{rest:5d}  in {len(ranked) - top} other folders")
    return "\n".join(lines)


def traced_run(command: list[str], *, env: dict, cwd: Path, until: str | None = None,
               timeout: float = 600) -> tuple[subprocess.CompletedProcess, int, list[str], int]:
    """Run ``command`` under strace: (the finished process, files opened before ``until`` was written, them, the
    bytes of mapped files resident in its processes when ``until`` appeared on its stdout, else 0)."""
    if not shutil.which("strace"):
        raise SystemExit("--io needs strace (apt-get install strace)")
    with tempfile.TemporaryDirectory() as tmp:
        log, err = Path(tmp) / "strace.log", Path(tmp) / "stderr"
        mapped, lines = 0, []
        with err.open("w") as stderr:
            proc = subprocess.Popen(["strace", "-f", "-qq", "-s", "64", "-e", "trace=open,openat,write", "-o",
                                     str(log), *command], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=stderr,
                                    text=True)
            timer = threading.Timer(timeout, proc.kill)
            timer.start()
            try:
                for line in proc.stdout:
                    lines.append(line)
                    if until and not mapped and until in line:
                        mapped = sum(mapped_bytes(p) for p in descendants(proc.pid))
                proc.wait()
            finally:
                timer.cancel()
        done = subprocess.CompletedProcess(proc.args, proc.returncode, "".join(lines), err.read_text())
        n, files = count_opens(log, until=until)
    return done, n, files, mapped


class OpenCounter:
    """Counts, inside this process, the files Python opens and the SQLite connections made (an audit hook:
    it cannot be removed, so it counts only while ``active``)."""

    def __init__(self) -> None:
        self.active = False
        self.files = 0
        sys.addaudithook(self._hook)

    def _hook(self, event: str, args: tuple) -> None:
        if not self.active:
            return
        if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            path = os.fsdecode(args[0])
            if not path.startswith(_SKIP):
                self.files += 1
        elif event == "sqlite3.connect":
            self.files += 1

    def start(self) -> tuple[int, dict]:
        self.active = True
        return self.files, proc_io()

    def stop(self, mark: tuple[int, dict]) -> Io:
        self.active = False
        files, before = mark
        after = proc_io()
        return Io(after.get("rchar", 0) - before.get("rchar", 0),
                  after.get("read_bytes", 0) - before.get("read_bytes", 0), self.files - files)


# --- a one-shot command (`kitepkana ARGS`) in a fresh process ---------------------------------------------

def oneshot(args: list[str], runs: int, *, env: dict, cwd: Path) -> list[float]:
    """Wall time of ``python -m app.cli ARGS`` (a JSON answer with hits), ``runs`` times after a warm-up."""
    times = []
    for i in range(runs + 1):
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, cwd=cwd,
                              env=env, check=False)
        if proc.returncode != 0 or not json.loads(proc.stdout)["hits"]:
            raise SystemExit(f"kitepkana {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
        if i:
            times.append(time.perf_counter() - t0)
    return times


def oneshot_io(args: list[str], *, env: dict, cwd: Path) -> Io:
    """What a one-shot command reads and opens (one run under strace; /proc/self/io read as it exits)."""
    code = ("import atexit, runpy, sys; atexit.register(lambda: sys.stderr.write('IO ' + open('/proc/self/io')"
            ".read().replace(chr(10), ' '))); sys.argv = ['kitepkana'] + sys.argv[1:]; "
            "runpy.run_module('app.cli', run_name='__main__')")
    done, files, _, _ = traced_run([sys.executable, "-c", code, *args], env=env, cwd=cwd)
    found = dict(re.findall(r"(\w+): (\d+)", done.stderr.rsplit("IO ", 1)[-1]))
    return Io(int(found.get("rchar", 0)), int(found.get("read_bytes", 0)), files)
