"""Start-up benchmark of the desktop app, run on demand (not part of the test suite)::

    python tests/bench/bench_startup.py                   # a 50,000-item library, 5 runs per command
    python tests/bench/bench_startup.py --items 10000 --runs 7

It prepares a library of ``--items`` items (default 50,000) in ``<workdir>/startup-<n>k`` (default
``/tmp/kitepkana-bench/startup-50k``), reused by later runs: copied from the search benchmark's filled
library of the same size when there is one (``tests/bench/bench_search.py`` leaves it in
``<workdir>/n<items>/lib``), else filled with ``corpus.fill_library`` (the generator of
``tests/bench/corpus.py``) and indexed. Its index is brought up to date once before timing, so the runs
measure an ordinary start, not a first one.

Then it launches the app ``--runs`` times as a fresh process, offscreen, with
``KITEPKANA_STARTUP_TRACE=quit`` (see ``ui/app.py``), after one untimed warm-up run (OS file cache), and
prints the median / min / max time from launching the process to

* ``first_paint`` — the window's first paint,
* ``library_ready`` — the library opened and its index checked against the database,
* ``first_results`` — the first search answer (the listing of everything, with facet counts) on screen,

for two ways of starting: ``python -m ui.app`` (the GUI module alone) and ``python -m app.cli gui``
(what the ``kitepkana`` command runs), and the app's resident memory at the first results (idle after start).
Targets (issue 15): the window painted within 1.0 s, first results within 0.8 s, ≤ 250 MB after start.

``--frozen PATH`` adds the frozen build (PATH: its ``kitepkana`` executable, e.g.
``build/out/dist/kitepkana/kitepkana`` from ``build/build.py --dev-key``), started as ``kitepkana gui``: what library
PCs run, its pure-Python modules read from one archive rather than ~1,000 files. Several paths (a build from
before a change and one from after it) are timed side by side as ``frozen 1``, ``frozen 2``, … The commands'
runs alternate (run 1 of each, then run 2 of each, …), so a noisy machine slows them alike.

The app runs as an installed one does, with its bytecode cached (in ``<workdir>/pycache``; the warm-up run
writes it): this shell sets PYTHONDONTWRITEBYTECODE, under which every start compiled our modules anew
(``--no-bytecode`` measures that).

Old-PC modes (``tests/bench/oldpc.py``): ``--cores 1`` pins everything to one CPU; ``--io`` adds, per
command, one run under strace: bytes read (``/proc/PID/io``) and files opened from launch to the first
results, and the spinning-disk estimate (bytes / 100 MB/s + 10 ms per file; target ≤ 2 s), next to the same
figures for ``python -c 'import PySide6.QtWidgets'`` (the floor any start pays), and which folders the files
opened came from; ``--io-files DIR`` writes each command's whole list there.

``--idle`` adds one run per command that does not quit at the first results: the memory there and once the
app is idle (its CPU time still for a second: the search warm-up that follows the first results is done).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for p in (str(ROOT), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

import oldpc

EVENTS = ("first_paint", "library_ready", "first_results")
COMMANDS = {
    "ui.app": lambda lib: [sys.executable, "-m", "ui.app", "--data-dir", str(lib), "--no-sample"],
    "app.cli gui": lambda lib: [sys.executable, "-m", "app.cli", "--data-dir", str(lib), "--no-sample", "gui"],
}


def frozen_command(executable: Path):
    """The frozen build as a librarian's PC runs it (``kitepkana gui``; its bundle is beside it)."""
    return lambda lib: [str(executable), "--data-dir", str(lib), "--no-sample", "gui"]

TARGET_PAINT = 1.0
TARGET_RESULTS = 0.8
TARGET_DISK = 2.0
TARGET_IDLE_MB = 250
_TRACE = re.compile(r"^kitepkana-trace (\S+) (\S+) loaded=(\S+)(?: io=(\d+):(\d+) rss=([\d.]+))?")


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


# --- the library -----------------------------------------------------------------------------------

def prepare_library(n: int, workdir: Path) -> Path:
    folder = workdir / f"startup-{n // 1000}k" if n % 1000 == 0 else workdir / f"startup-{n}"
    lib_dir = folder / "lib"
    marker = folder / "ready.json"
    if marker.is_file() and json.loads(marker.read_text()).get("items") == n and lib_dir.is_dir():
        print(f"library: reusing {lib_dir}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        source = workdir / f"n{n}"
        filled = source / "filled.json"
        t0 = time.perf_counter()
        if filled.is_file() and json.loads(filled.read_text()).get("items") == n and (source / "lib").is_dir():
            print(f"library: copying the search benchmark's {source / 'lib'} …", flush=True)
            shutil.copytree(source / "lib", lib_dir)
            how = f"copied from {source / 'lib'}"
        else:
            import corpus

            from app.library import Library

            print(f"library: generating {n:,} items (tests/bench/corpus.py) … {load()}", flush=True)
            src, tax = corpus.load_source(), corpus.load_sample_taxonomy()
            print(f"   corpus: {src.note}", flush=True)
            with Library.open(lib_dir) as lib:
                corpus.fill_library(lib, n, src, tax,
                                    progress=lambda done, total: print(f"   {done:,}/{total:,}", flush=True)
                                    if done % 10000 == 0 else None)
            how = "generated"
        print(f"library: {how} in {time.perf_counter() - t0:.0f} s", flush=True)
        marker.write_text(json.dumps({"items": n, "how": how}))
    ensure_index(lib_dir)
    return lib_dir


def ensure_index(lib_dir: Path) -> None:
    """Bring the index up to date once, so the timed runs measure an ordinary start."""
    from app.library import Library

    t0 = time.perf_counter()
    with Library.open(lib_dir) as lib:
        state = lib.ensure_index(progress=_every_10_percent())
        items = lib.stats().items
    print(f"library: {items:,} items; database {size_of(lib_dir / 'library.sqlite') / 1e6:.0f} MB, index "
          f"{size_of(lib_dir / 'index') / 1e6:.0f} MB; index check: {state} ({time.perf_counter() - t0:.1f} s)",
          flush=True)


def _every_10_percent():
    shown = set()

    def progress(done: int, total: int, message: str) -> None:
        step = 10 * done // max(total, 1)
        if step not in shown:
            shown.add(step)
            print(f"   index: {done:,}/{total:,} {message}", flush=True)

    return progress


# --- runs ------------------------------------------------------------------------------------------

ENV: dict = {}  # the children's environment, set up in main()


def app_env() -> dict:
    env = dict(ENV or os.environ, KITEPKANA_STARTUP_TRACE="quit", QT_QPA_PLATFORM="offscreen")
    env.pop("KITEPKANA_HOME", None)
    return env


def parse_trace(stdout: str, t0: float) -> dict[str, float]:
    out: dict[str, float] = {}
    for line in stdout.splitlines():
        m = _TRACE.match(line)
        if not m:
            continue
        event, when, loaded = m.group(1), float(m.group(2)), m.group(3)
        out[event] = when - t0
        if m.group(4) is not None:
            out[f"{event}:rchar"], out[f"{event}:read_bytes"] = float(m.group(4)), float(m.group(5))
            out[f"{event}:rss"] = float(m.group(6))
        if event == "first_paint" and loaded != "-":
            print(f"   NOTE: at the first paint these were already imported: {loaded}")
    return out


def launch(command: list[str]) -> dict[str, float]:
    t0 = time.time()
    done = subprocess.run(command, cwd=ROOT, env=app_env(), capture_output=True, text=True, timeout=600,
                          check=False)
    t_exit = time.time()
    if done.returncode != 0:
        raise SystemExit(f"the app failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    out = parse_trace(done.stdout, t0)
    missing = [e for e in EVENTS if e not in out]
    if missing:
        raise SystemExit(f"no trace of {missing} in the app's output:\n{done.stdout}\n{done.stderr}")
    out["exit"] = t_exit - t0
    return out


def idle_memory(command: list[str], *, quiet: float = 1.0, limit: float = 60.0) -> tuple[float, float, float]:
    """Resident memory at the first results and once the app is idle: its CPU time has not moved for ``quiet``
    seconds (the search warm-up that follows the first results is done). The app runs with the trace but
    without ``=quit`` and is ended by signal. (MB at the first results, MB idle, seconds from launch to idle)."""
    env = dict(app_env(), KITEPKANA_STARTUP_TRACE="1")
    t0 = time.time()
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        at_results = 0.0
        for line in proc.stdout:
            if line.startswith("kitepkana-trace first_results"):
                at_results = oldpc.rss_mb(proc.pid)
                break
        if not at_results:
            raise SystemExit("the app ended before its first results")
        last, still_since = -1, time.time()
        while time.time() - t0 < limit:
            cpu = sum(int(x) for x in Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()[11:13])
            if cpu != last:
                last, still_since = cpu, time.time()
            elif time.time() - still_since >= quiet:
                break
            time.sleep(0.1)
        return at_results, oldpc.rss_mb(proc.pid), still_since - t0
    finally:
        proc.kill()
        proc.wait()


def interpreter_baseline(runs: int) -> tuple[float, float]:
    """Python alone, and Python + QtWidgets: what any start pays before our code."""
    bare, qt = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True, env=ENV)
        bare.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import PySide6.QtWidgets"], check=True, env=ENV)
        qt.append(time.perf_counter() - t0)
    return statistics.median(bare), statistics.median(qt)


def io_run(command: list[str]) -> tuple[oldpc.Io, list[str]]:
    """One run under strace: what the start read and opened up to the first results, and the files' names."""
    t0 = time.time()
    done, files, names, mapped = oldpc.traced_run(command, env=app_env(), cwd=ROOT,
                                                  until="kitepkana-trace first_results")
    if done.returncode != 0:
        raise SystemExit(f"the app failed under strace ({done.returncode}):\n{done.stderr[-2000:]}")
    out = parse_trace(done.stdout, t0)
    return oldpc.Io(int(out.get("first_results:rchar", 0)), int(out.get("first_results:read_bytes", 0)), files,
                    len(set(names)), mapped), names


def io_baseline() -> oldpc.Io:
    code = ("import PySide6.QtWidgets, sys; print(open('/proc/self/io').read().replace(chr(10), ' ')); "
            "print(open('/proc/self/smaps_rollup').read().replace(chr(10), ' '))")
    done, files, names, _ = oldpc.traced_run([sys.executable, "-c", code], env=ENV, cwd=ROOT)
    io = dict(re.findall(r"(\w+): +(\d+)", done.stdout))
    mapped = (int(io.get("Rss", 0)) - int(io.get("Anonymous", 0))) * 1024
    return oldpc.Io(int(io.get("rchar", 0)), int(io.get("read_bytes", 0)), files, len(set(names)), mapped)


def fmt(values: list[float]) -> str:
    return f"median {statistics.median(values):.3f} s (min {min(values):.3f}, max {max(values):.3f})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--items", type=int, default=50_000, help="library size (default 50,000)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/kitepkana-bench"))
    ap.add_argument("--command", choices=("both", "none", *COMMANDS), default="both",
                    help="which source starts to time ('none': only --frozen)")
    ap.add_argument("--frozen", type=Path, metavar="PATH", nargs="+", default=[],
                    help="also time the frozen build: its kitepkana executable (build/out/dist/kitepkana/kitepkana); "
                         "several builds (before and after a change) are timed side by side")
    ap.add_argument("--no-bytecode", dest="bytecode", action="store_false",
                    help="do not cache bytecode (this shell's PYTHONDONTWRITEBYTECODE): every start compiles")
    ap.add_argument("--io-files", type=Path, metavar="DIR", help="with --io: write each command's files opened here")
    ap.add_argument("--idle", action="store_true",
                    help="one more run per command: memory once the app is idle after its start (warm-up done)")
    oldpc.add_arguments(ap)
    args = ap.parse_args()
    pinned = oldpc.pin(args.cores)
    ENV.update(oldpc.bytecode_env(os.environ, args.workdir / "pycache") if args.bytecode else os.environ)
    commands = {} if args.command == "none" else COMMANDS if args.command == "both" else {
        args.command: COMMANDS[args.command]}
    for i, executable in enumerate(args.frozen, 1):
        if not os.access(executable, os.X_OK):
            raise SystemExit(f"--frozen {executable}: no such executable (build it: python build/build.py --dev-key)")
        name = "frozen" if len(args.frozen) == 1 else f"frozen {i}"
        commands = {**commands, name: frozen_command(executable.resolve())}
    if not commands:
        raise SystemExit("nothing to time: --command none needs --frozen PATH")

    print(f"Kitepkana start-up benchmark — {args.items:,} items, {args.runs} runs per command; {pinned}; "
          f"Python {sys.version.split()[0]}; bytecode {'cached' if args.bytecode else 'NOT cached'}; {load()}",
          flush=True)
    lib_dir = prepare_library(args.items, args.workdir)
    bare, qt = interpreter_baseline(3)
    print(f"baseline: python -c pass {bare:.3f} s; python -c 'import PySide6.QtWidgets' {qt:.3f} s")
    if args.io:
        floor = io_baseline()
        print(f"baseline --io: python -c 'import PySide6.QtWidgets': {floor.describe()}")
    made = {name: make(lib_dir) for name, make in commands.items()}
    for name, command in made.items():
        print(f"[{name}] {' '.join(command)}  — warm-up run … {load()}", flush=True)
        launch(command)
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in made}
    for i in range(args.runs):  # alternating: a burst of load elsewhere slows every command alike
        for name, command in made.items():
            r = launch(command)
            runs[name].append(r)
            print(f"   run {i + 1} [{name}]: paint {r['first_paint']:.3f} s, library ready {r['library_ready']:.3f} s, "
                  f"first results {r['first_results']:.3f} s, exit {r['exit']:.3f} s, "
                  f"rss {r.get('first_results:rss', 0):.0f} MB; {load()}", flush=True)
    print()
    verdicts = []
    for name, command in made.items():
        for event in (*EVENTS, "exit"):
            print(f"[{name}] {event:>13}: {fmt([r[event] for r in runs[name]])}")
        verdicts += verdict(name, runs[name], qt)
        if args.idle:
            first, idle, when = idle_memory(command)
            print(f"[{name}] memory: {first:.0f} MB at the first results, {idle:.0f} MB idle ({when:.1f} s after launch)")
            verdicts.append(f"[{name}] memory idle after start (search warm-up done) {idle:.0f} MB: "
                            f"{'within' if idle <= TARGET_IDLE_MB else 'OVER'} the {TARGET_IDLE_MB} MB target")
        if args.io:
            io, names = io_run(command)
            print(f"[{name}] --io launch → first results: {io.describe()}")
            print(oldpc.folders(names, indent=f"[{name}]    "))
            if args.io_files:
                args.io_files.mkdir(parents=True, exist_ok=True)
                (args.io_files / f"{name.replace(' ', '-')}.txt").write_text("\n".join(names) + "\n")
            verdicts.append(f"[{name}] spinning-disk estimate {io.disk_estimate:.2f} s by the issue's formula "
                            f"(Qt import alone {floor.disk_estimate:.2f} s): "
                            f"{'within' if io.disk_estimate <= TARGET_DISK else 'OVER'} the {TARGET_DISK:.0f} s target")
            verdicts.append(f"[{name}] spinning-disk estimate {io.disk_estimate_distinct:.2f} s counting each "
                            f"different file once and the mapped pages (Qt import alone "
                            f"{floor.disk_estimate_distinct:.2f} s): "
                            f"{'within' if io.disk_estimate_distinct <= TARGET_DISK else 'OVER'} the "
                            f"{TARGET_DISK:.0f} s target")
    print()
    for line in verdicts:
        print(line)


def verdict(name: str, runs: list[dict[str, float]], qt: float) -> list[str]:
    paint = statistics.median(r["first_paint"] for r in runs)
    results = statistics.median(r["first_results"] for r in runs)
    out = [(f"[{name}] window painted {paint:.3f} s after launch ({paint / qt:.2f}× the Qt import): "
            f"{'within' if paint <= TARGET_PAINT else 'OVER'} the {TARGET_PAINT:.1f} s target"),
           (f"[{name}] first results {results:.3f} s after launch ({results / qt:.2f}× the Qt import): "
            f"{'within' if results <= TARGET_RESULTS else 'OVER'} the {TARGET_RESULTS:.1f} s target")]
    if "first_results:rss" in runs[0]:
        rss = statistics.median(r["first_results:rss"] for r in runs)
        out.append(f"[{name}] memory after start (resident at the first results) {rss:.0f} MB: "
                   f"{'within' if rss <= TARGET_IDLE_MB else 'OVER'} the {TARGET_IDLE_MB} MB target")
    return out

if __name__ == "__main__":
    main()
