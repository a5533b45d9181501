"""How soon a fresh process can have the app's first results, through the ORM or through plain ``sqlite3``
(issue 15; not part of the test suite)::

    python tests/bench/bench_first_listing.py --library /tmp/kitepkana-bench/startup-50k/lib --runs 7

``orm``, the baseline, is how the app's window opened its library in a worker before (``ui/mainwindow.py``
``open_library``; still so for a library to migrate or fill): ``Library.open`` with the instance lock
(SQLAlchemy, our models and ``app.content`` imported), the index checked, then the first listing (everything,
newest first, with facet counts) and the taxonomy for the facets' labels. ``plain`` is how it opens an up-to-date
library now, as ``kitepkana search`` does (``app/searchonly.py``: the instance lock, the schema revision and the
content version read with ``sqlite3``, the index checked, the listing, the taxonomy labels with ``sqlite3``),
importing the ORM only after the results, when the whole library takes over.

Both run without Qt (the window's own part, the paint, is the same for both and measured by bench_startup.py).
Each run is a fresh process timed from its launch to the results in hand; the two alternate, after one warm-up
run each (bytecode cached in ``--pycache``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import sys, time
mode, folder = sys.argv[1], sys.argv[2]
from app import paths as app_paths
from app.values import SearchRequest
request = SearchRequest(limit=50, facets=True)
if mode == "orm":
    from app.library import Library
    lib = Library.open(folder, exclusive=True)
    lib.ensure_index(warm=False)
    response, taxonomy = lib.search(request), lib.taxonomy()
    at = time.time()
else:
    from app.searchonly import open_for_search
    paths = app_paths.resolve(folder)
    lib = open_for_search(paths, exclusive=True)
    assert lib is not None, "the library needs a migration, or is empty: no plain path"
    lib.ensure_index(warm=False)
    response, taxonomy = lib.search(request), lib.taxonomy()
    at = time.time()
    from app.library import Library  # what the window needs next: imported after the first results
    Library(paths, opened=lib).close()
assert response.total and response.facets["kind"] and taxonomy
print(f"RESULTS {at!r} {time.time()!r}")
"""


def run(mode: str, library: Path, env: dict) -> tuple[float, float]:
    """(launch → first results, launch → the library open whole) of one fresh process, in seconds."""
    start = time.time()
    out = subprocess.run([sys.executable, "-c", CHILD, mode, str(library)], cwd=ROOT, env=env, capture_output=True,
                         text=True, check=False)
    if out.returncode:
        raise SystemExit(f"{mode} failed:\n{out.stderr[-2000:]}")
    results, whole = (float(x) for x in out.stdout.rsplit("RESULTS ", 1)[1].split())
    return results - start, whole - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--library", type=Path, required=True, help="a library folder at the schema's head, indexed")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--pycache", type=Path, default=Path("/tmp/kitepkana-bench/pycache"))
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPYCACHEPREFIX=str(args.pycache), PYTHONPATH=str(ROOT))
    times: dict[str, list[tuple[float, float]]] = {"orm": [], "plain": []}
    for i in range(args.runs + 1):
        for mode, runs in times.items():
            t = run(mode, args.library, env)
            if i:  # (the first round warms the OS cache and writes the bytecode)
                runs.append(t)
    print(f"{args.library}: {args.runs} alternating runs per mode; load {os.getloadavg()[0]:.2f}")
    base = statistics.median(r for r, _ in times["orm"])
    for mode, runs in times.items():
        firsts = [r for r, _ in runs]
        print(f"  {mode:5}  first results median {statistics.median(firsts):.3f} s (min {min(firsts):.3f}, max "
              f"{max(firsts):.3f}; {statistics.median(firsts) / base:.2f}x the ORM path)   library open whole "
              f"{statistics.median(w for _, w in runs):.3f} s")


if __name__ == "__main__":
    main()
