"""Search latency of two revisions side by side in one run: is the search slower than it was?

Issue 18 changed the analysis and the ranking (stemmer, completions, language weights, question words) and asks
that query latency at 50,000 items not get worse. Figures from different days on a shared machine cannot show that,
so this benchmark measures both revisions in the same run, under the same load:

- the baseline revision (``--baseline``, default the last main before issue 18's search changes) is taken out
  of git with ``git archive`` into the work folder; the current code is this checkout;
- both get a copy of the same filled database (the one ``bench_search.py`` fills, deterministic) and an index
  that *their own* code builds (the index schema differs between them);
- two long-lived child processes, one per revision, each open their library with their own code and answer
  the same queries (``corpus.make_queries``, the three classes of ``bench_search.py``) through their own
  revision's ``bench_search.whoosh_query``;
- the parent sends each query to both, one after the other, the order swapped every round, so a burst of
  load from elsewhere hits both alike. Each child times the query itself (the pipe is not in the figure).

Printed per class, in wall time and in the searching thread's CPU time (``time.thread_time``: on a loaded
machine the wall time also holds the waits for a core): p50 and p95 of each revision (median over ``--rounds``
rounds), the ratio current/baseline, and the median of the per-query ratios; how often the top 10 agree (the ranking did change on purpose) and how
many items each finds. Each round's p95 is printed too: the first round meets every word for the first time,
later rounds find what each revision keeps between queries (as the app does while a word is typed letter by
letter) — unless ``--fresh`` starts both processes again before every round.

    python tests/bench/bench_search_ab.py --items 50000 --rounds 5
"""

from __future__ import annotations

import argparse
import json
import os
import platform
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

import bench_search
from bench_search import CLASSES, WARMUP, load, pct

BASELINE = "467b857"  # main just before issue 18's first search change (6fbb43d, the stemmer's round two)

# What each child runs: its revision's own Library and bench_search.whoosh_query, queries by index on stdin.
CHILD = r"""
import json, sys, time
src, libdir, queries_path = sys.argv[1:4]
sys.path[:0] = [src, src + "/tests/bench"]
import bench_search
from app.library import Library
queries = json.loads(open(queries_path, encoding="utf-8").read())
lib = Library.open(libdir)
status = lib.ensure_index()
print(json.dumps({"ready": str(status)}), flush=True)
for line in sys.stdin:
    q = queries[int(line)]
    t0, c0 = time.perf_counter(), time.thread_time()
    r = bench_search.whoosh_query(lib, q)
    t, cpu = time.perf_counter() - t0, time.thread_time() - c0
    print(json.dumps({"t": t, "cpu": cpu, "total": r.total, "top": [h.id for h in r.hits]}), flush=True)
"""


class Side:
    """One revision: its source folder, its library folder, and the child process answering its queries."""

    def __init__(self, name: str, src: Path, libdir: Path) -> None:
        self.name, self.src, self.libdir = name, src, libdir
        self.proc: subprocess.Popen | None = None

    def build(self, source_db: Path, *, rebuild: bool) -> dict:
        """A copy of the filled database and an index this revision's code builds (kept between runs)."""
        marker = self.libdir / "built-ab.json"
        schema = _schema_version(self.src)
        if not rebuild and marker.is_file() and json.loads(marker.read_text()).get("schema") == schema:
            return json.loads(marker.read_text())  # (an index of the same schema: the same analysis)
        shutil.rmtree(self.libdir, ignore_errors=True)
        self.libdir.mkdir(parents=True)
        shutil.copy2(source_db, self.libdir / "library.sqlite")
        cmd = [sys.executable, str(self.src / "tests/bench/bench_search.py"), "--child", "build-whoosh", str(self.libdir)]
        env = {**os.environ, "PYTHONPATH": str(self.src)}
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=self.src, env=env, check=False)
        if proc.returncode != 0:
            raise SystemExit(f"{self.name}: index build failed:\n{proc.stderr[-3000:]}")
        built = json.loads(proc.stdout.strip().splitlines()[-1])
        built["schema"] = schema
        marker.write_text(json.dumps(built))
        return built

    def start(self, queries_path: Path) -> str:
        env = {**os.environ, "PYTHONPATH": str(self.src)}
        self.proc = subprocess.Popen([sys.executable, "-c", CHILD, str(self.src), str(self.libdir), str(queries_path)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=self.src, env=env)
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"{self.name}: the search process ended before it was ready")
        return json.loads(line)["ready"]

    def ask(self, index: int) -> dict:
        assert self.proc and self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(f"{index}\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"{self.name}: the search process ended (query {index})")
        return json.loads(line)

    def stop(self) -> None:
        if self.proc:
            self.proc.stdin.close()
            self.proc.wait(timeout=30)


def _schema_version(src: Path) -> int:
    text = (src / "app" / "search" / "schema.py").read_text(encoding="utf-8")
    return int(re.search(r"^SCHEMA_VERSION = (\d+)", text, re.MULTILINE).group(1))


def export_revision(rev: str, dest: Path) -> str:
    """The files of ``rev`` in ``dest`` (once per commit); returns the full commit id."""
    commit = subprocess.run(["git", "rev-parse", "--verify", f"{rev}^{{commit}}"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.strip()
    folder = dest / commit[:12]
    if not (folder / "app" / "library.py").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return commit


def summarise(name: str, rounds: list[dict[str, list[float]]]) -> dict[str, tuple[float, float]]:
    """Per class: (median over rounds of p50, median over rounds of p95), in ms."""
    return {c: (statistics.median(pct(r[c], 50) for r in rounds) * 1000,
                statistics.median(pct(r[c], 95) for r in rounds) * 1000) for c in CLASSES}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--items", type=int, default=50_000)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/kitepkana-bench"))
    ap.add_argument("--baseline", default=BASELINE, help=f"git revision measured as 'before' (default {BASELINE})")
    ap.add_argument("--rounds", type=int, default=5, help="rounds over all queries (default 5)")
    ap.add_argument("--queries", type=int, default=200, help="queries per class (default 200)")
    ap.add_argument("--fresh", action="store_true",
                    help="start both search processes again before each round: every round meets the terms for the "
                         "first time (otherwise later rounds find what each revision cached, and a revision whose "
                         "queries read fewer postings fits its cache better)")
    ap.add_argument("--rebuild", action="store_true",
                    help="build both indexes again (otherwise an index an earlier run left is kept while the "
                         "revision's SCHEMA_VERSION is the same)")
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)

    import corpus

    t_start = time.perf_counter()
    head = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True,
                          check=False).stdout.strip()
    print(f"Kitepkana search A/B benchmark — Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"{platform.platform()}; {args.items:,} items; {args.rounds} rounds; start {load()}")
    base_commit = export_revision(args.baseline, args.workdir / "ab-src")
    print(f"baseline {args.baseline} = {base_commit[:12]}; current = this checkout ({head})")
    source, taxonomy = corpus.load_source(), corpus.load_sample_taxonomy()
    libdir, _fill = bench_search.filled_library(args.items, args.workdir, source, taxonomy, reuse=True)
    source_db = libdir / "library.sqlite"
    queries = corpus.make_queries(source, taxonomy, per_class=args.queries)
    queries_path = args.workdir / "ab-queries.json"
    queries_path.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")

    ab = args.workdir / f"ab-n{args.items}"
    sides = [Side("before", args.workdir / "ab-src" / base_commit[:12], ab / f"before-{base_commit[:12]}"),
             Side("after", ROOT, ab / "after")]
    for side in sides:
        t0 = time.perf_counter()
        built = side.build(source_db, rebuild=args.rebuild)
        print(f"[{side.name}] index: built in {built['seconds']:.0f} s ({args.items / built['seconds']:.0f} items/s; "
              f"this run: {time.perf_counter() - t0:.0f} s); {load()}", flush=True)
    by_class = {c: [i for i, q in enumerate(queries) if q["cls"] == c] for c in CLASSES}

    def start_and_warm_up(say: bool) -> None:
        for side in sides:
            ready = side.start(queries_path)
            if say:
                print(f"[{side.name}] opened: ensure_index -> {ready}", flush=True)
        for c in CLASSES:  # warm-up, as bench_search.py does
            for i in by_class[c][:WARMUP]:
                for side in sides:
                    side.ask(i)

    if args.fresh:
        print("--fresh: both search processes start again before each round (no term read by an earlier round)")
    start_and_warm_up(True)
    times: dict[str, list[dict[str, list[float]]]] = {s.name: [] for s in sides}
    cpu_times: dict[str, list[dict[str, list[float]]]] = {s.name: [] for s in sides}
    ratios: dict[str, list[float]] = {c: [] for c in CLASSES}
    cpu_ratios: dict[str, list[float]] = {c: [] for c in CLASSES}
    same_top = {c: 0 for c in CLASSES}
    found: dict[str, dict[str, list[int]]] = {s.name: {c: [] for c in CLASSES} for s in sides}  # items per query
    for r in range(args.rounds):
        if args.fresh and r:
            for side in sides:
                side.stop()
            start_and_warm_up(False)
        order = sides if r % 2 == 0 else sides[::-1]
        this = {s.name: {c: [] for c in CLASSES} for s in sides}
        this_cpu = {s.name: {c: [] for c in CLASSES} for s in sides}
        for c in CLASSES:
            for i in by_class[c]:
                got = {s.name: s.ask(i) for s in order}
                for name, g in got.items():
                    this[name][c].append(g["t"])
                    this_cpu[name][c].append(g["cpu"])
                ratios[c].append(got["after"]["t"] / max(got["before"]["t"], 1e-6))
                cpu_ratios[c].append(got["after"]["cpu"] / max(got["before"]["cpu"], 1e-6))
                if r == 0:
                    same_top[c] += got["after"]["top"][:10] == got["before"]["top"][:10]
                    for name, g in got.items():
                        found[name][c].append(g["total"])
        for name, figures in this.items():
            times[name].append(figures)
            cpu_times[name].append(this_cpu[name])
        p95s = "  ".join(f"{c} {pct(this['before'][c], 95) * 1000:.1f}/{pct(this['after'][c], 95) * 1000:.1f}"
                         for c in CLASSES)
        print(f"round {r + 1}/{args.rounds}: p95 before/after (ms) {p95s}; {load()}", flush=True)
    for side in sides:
        side.stop()

    before, after = summarise("before", times["before"]), summarise("after", times["after"])
    for title, (b_fig, a_fig, per_query) in {
            "wall time": (before, after, ratios),
            "CPU time of the searching thread (what the load of other processes on the machine changes least)":
                (summarise("before", cpu_times["before"]), summarise("after", cpu_times["after"]), cpu_ratios)}.items():
        print(f"\n{title}, per class: median over {args.rounds} rounds of each round's p50 / p95 (ms), "
              f"{len(queries)} queries per round")
        print(f"{'class':6} | {'before p50':>10} {'p95':>7} | {'after p50':>9} {'p95':>7} | {'p95 after/before':>16} | "
              f"{'per-query ratio (median)':>24} | same top 10 | items found per query, median before/after")
        for c in CLASSES:
            b50, b95 = b_fig[c]
            a50, a95 = a_fig[c]
            print(f"{c:6} | {b50:10.1f} {b95:7.1f} | {a50:9.1f} {a95:7.1f} | {a95 / b95:15.2f}x | "
                  f"{statistics.median(per_query[c]):23.2f}x | {same_top[c]:>4}/{len(by_class[c])}    | "
                  f"{statistics.median(found['before'][c]):.0f} / {statistics.median(found['after'][c]):.0f}")
    worse = [c for c in CLASSES if after[c][1] > before[c][1] * 1.10]
    print(f"\nverdict: p95 {'NOT within 10 % of the baseline for ' + ', '.join(worse) if worse else 'not worse (within 10 %) in every class'}")
    print(f"end: {load()}; total run time {(time.perf_counter() - t_start) / 60:.1f} min")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        bench_search.child_main(sys.argv[2:])
    else:
        main()
