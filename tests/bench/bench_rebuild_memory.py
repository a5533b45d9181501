"""The rebuild's memory against its speed, for writer settings (issue 15), run on demand::

    python tests/bench/bench_rebuild_memory.py --lib /tmp/kitepkana-bench/n50000/lib --variants 128 64 128:spawn

A full rebuild of the library's index (``Library.reindex``, as ``bench_search.py --child build-whoosh`` runs it: a
fresh process, peak memory of it and its worker processes together sampled every 50 ms) once per variant per
round, the variants alternating (128, 64, 128:spawn, 128, …) so that load from elsewhere falls on all of them
alike. A variant is a ``LIMIT_MB`` (``app.search.index``; put in place by setting that module constant in the
fresh process, so nothing in the app changes for the benchmark), with ``:spawn`` for worker processes started
as on Windows (fresh interpreters) rather than forked as on Linux. The first variant is the baseline.

A forked worker's resident memory (RSS) counts every page it shares with the process it was forked from, so
the sum of RSS (the issue's figure, sampled in the rebuilding process) overstates what the machine gives;
this benchmark also samples the sum of PSS (each shared page divided among the processes sharing it). On
Windows nothing is shared that way: a spawned worker's RSS is its own.

It prints every run, then per variant the median build rate and peaks and their ratios to the baseline.
Target: peak of all processes ≤ 400 MB at 50,000 items with the same build rate (within the runs' spread).

``--lib`` is rebuilt in place (a new index generation each run): give it a copy, not a library in use.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import oldpc

TARGET_MB = 400
_CHILD = ("import multiprocessing, runpy, sys; sys.path[:0] = [{root!r}, {here!r}]; import app.search.index as index; "
          "index.LIMIT_MB = {limit}; {spawn}sys.argv = ['bench_search.py', '--child', 'build-whoosh', {lib!r}]; "
          "runpy.run_path({bench!r}, run_name='__main__')")


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def pss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def rebuild(lib: Path, variant: str) -> dict:
    limit, _, start = variant.partition(":")
    code = _CHILD.format(root=str(ROOT), here=str(HERE), limit=int(limit), lib=str(lib),
                         bench=str(HERE / "bench_search.py"),
                         spawn="multiprocessing.set_start_method('spawn', force=True); " if start == "spawn" else "")
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=out, stderr=err, text=True)
        peak_pss = 0.0
        while proc.poll() is None:
            peak_pss = max(peak_pss, sum(pss_mb(p) for p in [proc.pid, *oldpc.descendants(proc.pid)]))
            time.sleep(0.05)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit(f"the rebuild {variant} failed:\n{err.read()[-3000:]}")
        result = json.loads(out.read().strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - t0
    result["peak_pss_mb"] = peak_pss
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lib", type=Path, required=True, help="a filled library (a copy: its index is rebuilt)")
    ap.add_argument("--variants", nargs="+", default=["128", "64", "128:spawn", "64:spawn"],
                    help="LIMIT_MB[:spawn] each; the first is the baseline (default 128 64 128:spawn 64:spawn)")
    ap.add_argument("--rounds", type=int, default=2, help="runs of each variant, alternating (default 2)")
    args = ap.parse_args()
    if not (args.lib / "library.sqlite").is_file():
        raise SystemExit(f"--lib {args.lib}: no library.sqlite there")
    print(f"Rebuild memory benchmark — {args.lib}; variants {args.variants} (baseline {args.variants[0]}), "
          f"{args.rounds} rounds; CPUs {len(os.sched_getaffinity(0))}; {load()}", flush=True)
    runs: dict[str, list[dict]] = {v: [] for v in args.variants}
    for r in range(args.rounds):
        for variant in args.variants:
            b = rebuild(args.lib, variant)
            runs[variant].append(b)
            print(f"   round {r + 1} {variant:>9}: {b['items']:,} items in {b['seconds']:.1f} s = "
                  f"{b['items'] / b['seconds']:.0f} items/s; peak all processes RSS {b['peak_all_mb']:.0f} MB, PSS "
                  f"{b['peak_pss_mb']:.0f} MB (main {b['maxrss_self_mb']:.0f} MB, largest worker "
                  f"{b['maxrss_children_mb']:.0f} MB); {load()}", flush=True)
    base = runs[args.variants[0]]
    base_rate = statistics.median(b["items"] / b["seconds"] for b in base)
    base_rss = statistics.median(b["peak_all_mb"] for b in base)
    base_pss = statistics.median(b["peak_pss_mb"] for b in base)
    print()
    for variant, bs in runs.items():
        rates = [b["items"] / b["seconds"] for b in bs]
        rss = statistics.median(b["peak_all_mb"] for b in bs)
        pss = statistics.median(b["peak_pss_mb"] for b in bs)
        rate = statistics.median(rates)
        print(f"{variant:>9}: build {rate:.0f} items/s (runs {min(rates):.0f}–{max(rates):.0f}; {rate / base_rate:.2f}× "
              f"baseline); peak all processes RSS {rss:.0f} MB ({rss / base_rss:.2f}×; target ≤ {TARGET_MB} MB: "
              f"{'met' if rss <= TARGET_MB else 'NOT met'}), PSS {pss:.0f} MB ({pss / base_pss:.2f}×)")


if __name__ == "__main__":
    main()
