"""Indexing benchmark, one writer in this process (issue 15: a first sync on one core), run on demand::

    python tests/bench/bench_indexing.py --items 10000 --cores 1            # phases, with this code
    python tests/bench/bench_indexing.py --items 10000 --cores 1 --profile  # and a cProfile table per phase
    python tests/bench/bench_indexing.py --items 10000 --cores 1 --baseline /tmp/main-tree --runs 3

Fills (or re-uses, see ``bench_search.filled_library``) a library of ``--items`` corpus items under
``--workdir``, then indexes it the way a first sync on one core does (``SearchIndex.rebuild``: one writer,
``LIMIT_MB``), timing the phases apart: reading the documents from the database (``build_documents``),
the vocabulary, Whoosh's ``add_document`` (analysis and the posting pool) and the commit. ``--profile``
prints a cProfile table per phase.

``--baseline TREE`` runs the same measurement with the code of another checkout (e.g. ``git archive main``
unpacked) in a fresh process, alternating with this tree's ``--runs`` times, and prints medians and ratios.
Each run is a fresh process (``--child``), so caches start empty as in a first sync.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def child(libdir: Path, profile: bool) -> dict:
    """Index the library once in this process; the seconds per phase."""
    from whoosh import index as windex

    from app.library import Library
    from app.search import index as sindex
    from app.search.documents import build_documents
    from app.search.schema import build_schema
    from app.search.vocabulary import VocabularyBuilder

    out: dict = {}
    profiles = {name: cProfile.Profile() for name in ("documents", "vocabulary", "add_document", "commit")}

    def timed(name, fn, *args, **kwargs):
        prof = profiles[name]
        t0 = time.process_time()
        if profile:
            prof.enable()
        try:
            return fn(*args, **kwargs)
        finally:
            if profile:
                prof.disable()
            out[name] = out.get(name, 0.0) + time.process_time() - t0

    with Library.open(libdir) as lib, tempfile.TemporaryDirectory(prefix="bench-indexing-") as tmp:
        session = lib._sessions()
        ix = windex.create_in(tmp, build_schema())
        writer = ix.writer(limitmb=sindex.LIMIT_MB, procs=1, multisegment=False)
        vocabulary = VocabularyBuilder()
        docs = build_documents(session)
        n = 0
        t0 = time.perf_counter()
        while True:
            got = timed("documents", next, docs, None)
            if got is None:
                break
            doc, texts = got
            timed("add_document", writer.add_document, **sindex._clean(doc))
            timed("vocabulary", vocabulary.add_item, texts)
            n += 1
        timed("commit", writer.commit)
        out["wall"] = time.perf_counter() - t0
        out["items"] = n
        session.close()
        ix.close()
    if profile:
        for name, prof in profiles.items():
            buf = io.StringIO()
            pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(22)
            print(f"\n----- profile: {name} ({out.get(name, 0):.2f} s CPU) -----")
            print("\n".join(buf.getvalue().splitlines()[6:]), flush=True)
    return out


def run_child(tree: Path, libdir: Path, cores: int, profile: bool) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    cmd = [sys.executable, str(tree / "tests" / "bench" / "bench_indexing.py") if (tree / "tests" / "bench" /
           "bench_indexing.py").is_file() else str(HERE / "bench_indexing.py"), "--child", str(libdir),
           "--cores", str(cores)]
    if profile:
        cmd.append("--profile")
    done = subprocess.run(cmd, env=env, cwd=tree, capture_output=True, text=True, check=True)
    lines = done.stdout.splitlines()
    if profile:
        print("\n".join(lines[:-1]))
    return json.loads(lines[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/kitepkana-bench-indexing"))
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--baseline", type=Path, help="another checkout to compare with (alternating runs)")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--cores", type=int, default=0)
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    sys.path.insert(0, str(HERE))
    import oldpc

    pinned = oldpc.pin(args.cores)
    if args.child:
        print(json.dumps(child(args.child, args.profile)), flush=True)
        return
    sys.path.insert(0, str(ROOT))
    import corpus
    from bench_search import filled_library

    print(f"Indexing benchmark — {pinned}; load {os.getloadavg()[0]:.2f}")
    libdir, _fill = filled_library(args.items, args.workdir, corpus.load_source(), corpus.load_sample_taxonomy(),
                                   reuse=True)
    shutil.rmtree(libdir / "index", ignore_errors=True)  # not used: each run writes into a temporary folder
    trees = {"this": ROOT} | ({"baseline": args.baseline.resolve()} if args.baseline else {})
    results: dict[str, list[dict]] = {name: [] for name in trees}
    for run in range(args.runs):
        for name, tree in (trees.items() if run % 2 == 0 else reversed(trees.items())):
            got = run_child(tree, libdir, args.cores, args.profile)
            results[name].append(got)
            phases = ", ".join(f"{k} {got[k]:.2f}" for k in ("documents", "add_document", "vocabulary", "commit"))
            print(f"  run {run + 1} {name:8}: {got['items'] / got['wall']:6.0f} items/s, wall {got['wall']:.2f} s; "
                  f"CPU s: {phases}; load {os.getloadavg()[0]:.2f}", flush=True)
    print("\nmedians (CPU seconds per phase; rate = items / wall):")
    med = {}
    for name, runs in results.items():
        med[name] = {k: statistics.median(r[k] for r in runs) for k in ("documents", "add_document", "vocabulary",
                                                                          "commit", "wall")}
        m = med[name]
        print(f"  {name:8}: {runs[0]['items'] / m['wall']:6.0f} items/s; " +
              ", ".join(f"{k} {v:.2f}" for k, v in m.items()))
    if "baseline" in med:
        print("  ratio this/baseline: " + ", ".join(f"{k} {med['this'][k] / med['baseline'][k]:.2f}x"
                                                  for k in med["this"]))


if __name__ == "__main__":
    main()
