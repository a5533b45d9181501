"""Crash-safety soak of the sync client, run on demand (not part of the test suite)::

    python tests/bench/soak_sync.py                       # 200 kills over every scenario
    python tests/bench/soak_sync.py --points 50 --scenarios incremental,fresh --seed 7

The same machinery as ``tests/sync/test_crash_safety.py`` (read its docstring): a small generated feed on the
loopback test server, throttled so a sync takes ~1–2 s; a child process runs ``run_sync`` and is killed with
SIGKILL at a random time or at a random step (manifest, segment/snapshot download, small file, database
transaction, index update, cursor, feed copy, video…, and inside the first creation of the database and each
migration step: a step's start or any of its schema statements); then the next sync completes in this process and the
library is checked: ``check()``, ``ensure_index()`` 'ok'/'repaired' and the index equal to the database, content
equal to an uninterrupted reference, user data intact.

Scenarios (default: all): ``incremental`` (one segment), ``behind`` (snapshot fallback), ``fresh`` (empty
library), ``two-segments`` (two segments: a kill between the first segment's commit and its index update is
the case the client's index repair at the start of every sync is for), ``first-start`` (no data folder: the
sync creates the database first), ``from-0003`` (a library at schema revision 0003: the open migrates it first).

Prints one line per kill and a summary (where the kills landed, how the index fared, every failure); exits 1
if any kill was followed by a problem. Work files go to ``--workdir`` (default: a new temporary folder,
removed at the end unless ``--keep``).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.sync.test_crash_safety import SCENARIOS, SEED, Crasher, build_world, summarize


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--points", type=int, default=200, help="kills that land inside a sync (default 200)")
    ap.add_argument("--scenarios", default=",".join(SCENARIOS),
                    help=f"comma-separated, taken in turn (default: {','.join(SCENARIOS)})")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--workdir", type=Path, help="where to build the feeds and libraries (default: a temp folder)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--quiet", action="store_true", help="only the summary")
    args = ap.parse_args()
    if os.name == "nt":
        print("SIGKILL is POSIX-only; run the soak on Linux or macOS", file=sys.stderr)
        return 2
    scenarios = tuple(s.strip() for s in args.scenarios.split(",") if s.strip())
    unknown = [s for s in scenarios if s not in SCENARIOS]
    if unknown:
        ap.error(f"unknown scenario(s): {', '.join(unknown)}; choose from {', '.join(SCENARIOS)}")

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kitepkana-soak-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"Kitepkana sync crash soak — Python {platform.python_version()}, {platform.system()} "
          f"{platform.machine()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}; {args.points} kills over "
          f"{', '.join(scenarios)}; seed {args.seed}; work folder {workdir}", flush=True)
    started = time.monotonic()
    world = build_world(workdir / "world", scenarios)
    kills = workdir / "kills"
    kills.mkdir(exist_ok=True)
    crasher = Crasher(world, kills)

    def report(done: int, total: int, r) -> None:
        if not args.quiet:
            status = "ok" if not r.problems else "FAILED: " + "; ".join(r.problems[:3])
            print(f"[{done:4d}] {r.scenario:<13} killed {r.how:<44} in {r.phase:<27} ensure={r.ensure:<9} {status}",
                  flush=True)

    try:
        results = crasher.run(args.points, scenarios, seed=args.seed, progress=report)
    finally:
        crasher.close()
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print()
    print(summarize(results, crasher))
    print(f"total {time.monotonic() - started:.0f} s; load {os.getloadavg()[0]:.2f}")
    return 1 if any(r.problems for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
