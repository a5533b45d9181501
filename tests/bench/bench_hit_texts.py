"""A results page whose hits have long texts (a PDF's extracted text), run on demand (not part of the test suite)::

    python tests/bench/bench_hit_texts.py                  # texts of 300,000 characters, 21 rounds
    python tests/bench/bench_hit_texts.py --chars 100000 --rounds 31

The index stores no text: for the page of hits, the search reads each hit's text from the database to cut its
snippet from (``LibraryReader.hit_texts``). A methodology's PDF gives hundreds of kilobytes of text, and a snippet
looks at no more than ``snippets.SNIPPET_READ`` characters of it (issue 15), so the page reads no more than that.

The bundled sample library is imported into a temporary folder and every item gets a long text before its own (the
same for all: sentences of the bench corpus, repeated), then indexed. Timed per
round, alternating which goes first: a search whose page reads the start of each text (as the app does) and one
that reads them whole (``SNIPPET_READ`` set past every text: what the app did before), both giving the same page;
and the reads alone, ``hit_texts(ids, most=SNIPPET_READ)`` against ``hit_texts(ids)``. Printed: median and p95 of
each in ms, wall and CPU, and the ratio whole / cut of the medians.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for p in (str(ROOT), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

import corpus
from bench_search import pct
from sqlalchemy import select

from app.db import models as m
from app.library import Library
from app.search import service
from app.search.snippets import SNIPPET_READ
from app.values import SearchRequest
from tests.conftest import SAMPLE

QUERIES = ("жайыт комитети", "бюджет", "вода", "муниципальный", "pasture")


def long_text(chars: int) -> str:
    """About ``chars`` characters of running Russian text, from the bench corpus (``corpus.load_source``)."""
    source = " ".join(corpus.load_source().sentences("ru")[:2000]) + "\n\n"
    return (source * (chars // len(source) + 1))[:chars]


def timed(fn) -> tuple[float, float]:
    t0, c0 = time.perf_counter(), time.thread_time()
    fn()
    return time.perf_counter() - t0, time.thread_time() - c0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chars", type=int, default=300_000, help="characters of text before each item's own")
    ap.add_argument("--rounds", type=int, default=21)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kitepkana-hittexts-"))
    try:
        lib = Library.open(work / "lib")
        lib.import_folder(SAMPLE)
        text = long_text(args.chars)
        with lib._sessions() as s, s.begin():
            items = list(s.scalars(select(m.Item)))
            for item in items:
                item.body_text = text + "\n\n" + (item.body_text or "")
        lib.reindex()
        print(f"Kitepkana results page with long texts — Python {sys.version.split()[0]}; the sample library, "
              f"{len(items)} items, each with {args.chars:,} characters of text before its own; a page reads "
              f"{SNIPPET_READ:,} characters of each; {args.rounds} rounds")
        requests = [SearchRequest(q, limit=20) for q in QUERIES]
        answers = {q.text: lib.search(q) for q in requests}
        reader = lib.search_index._reader
        ids = [h.id for h in answers[QUERIES[0]].hits]
        cut_value = service.SNIPPET_READ
        results: dict[str, list[tuple[float, float]]] = {k: [] for k in ("search cut", "search whole", "read cut",
                                                                           "read whole")}

        def search(whole: bool) -> None:
            service.SNIPPET_READ = 10**15 if whole else cut_value
            try:
                for q in requests:
                    assert lib.search(q) == answers[q.text]  # (the same page either way)
            finally:
                service.SNIPPET_READ = cut_value

        for r in range(args.rounds):
            order = (False, True) if r % 2 else (True, False)
            for whole in order:
                results["search whole" if whole else "search cut"].append(timed(lambda w=whole: search(w)))
            for whole in order:
                results["read whole" if whole else "read cut"].append(timed(
                    lambda w=whole: reader.hit_texts(ids) if w else reader.hit_texts(ids, most=SNIPPET_READ)))
        per = {"search": len(requests), "read": 1}
        print(f"{'':14} | {'wall median':>11} {'p95':>7} | {'CPU median':>10} {'p95':>7}   (ms: a search of a page of up to "
              f"20 hits, with snippets; the reads of the {len(ids)} hits of {QUERIES[0]!r})")
        medians = {}
        for name, runs in results.items():
            n = per[name.split()[0]]
            wall = [w / n * 1000 for w, _c in runs]
            cpu = [c / n * 1000 for _w, c in runs]
            medians[name] = (statistics.median(wall), statistics.median(cpu))
            print(f"{name:14} | {medians[name][0]:11.1f} {pct(wall, 95):7.1f} | {medians[name][1]:10.1f} "
                  f"{pct(cpu, 95):7.1f}")
        for what in ("search", "read"):
            whole, cut = medians[f"{what} whole"], medians[f"{what} cut"]
            print(f"{what}: whole / cut = {whole[0] / cut[0]:.1f}x wall, {whole[1] / cut[1]:.1f}x CPU")
        lib.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
