"""Item-loading benchmark (issue 13), run on demand (not part of the test suite)::

    python tests/bench/bench_item_load.py                      # the sample library + a 10,000-item library
    python tests/bench/bench_item_load.py --items 10000 --sample 3000 --rounds 3

Times ``Library.get_item`` and ``Library.item_page`` as they are now (``app/itemload.py``: one or two
statements) against the ORM code they replaced (``tests/app/orm_item.py``, about 10 and 15 statements) **in the
same run, item by item, alternating which goes first**, so a noisy machine slows both alike. Libraries: the
bundled sample (imported into a temporary folder; every item), and ``--items`` generated items (``corpus``, as
``bench_reading_room.py`` makes them; ``<workdir>/n<items>/lib``, that benchmark's library, reused when there;
``--sample`` random items of it). Printed per library and call: median, p95, statements per call, and the
ratio old / new of the medians. Then an item page rendered by the reading room's WSGI app in this process (no
HTTP; each page once, so never from the page cache), CPU ms per page with either way of reading.
"""

from __future__ import annotations

import argparse
import os
import random
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

from sqlalchemy import event

from app.library import Library
from tests.app.orm_item import orm_get_item, orm_item_page


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(p / 100 * len(s)))]


def time_pair(lib: Library, ids: list[str], rounds: int) -> None:
    sent = [0]
    event.listen(lib.engine, "before_cursor_execute", lambda *_a: sent.__setitem__(0, sent[0] + 1))
    calls = {("get_item", "new"): lib.get_item, ("get_item", "old (ORM)"): lambda i: orm_get_item(lib, i),
             ("item_page", "new"): lib.item_page, ("item_page", "old (ORM)"): lambda i: orm_item_page(lib, i)}
    for i in ids[:20]:  # warm: imports, statement caches, the taxonomy, SQLite's pages
        for call in calls.values():
            call(i)
    for name in ("get_item", "item_page"):
        times: dict[str, list[float]] = {"new": [], "old (ORM)": []}
        counts: dict[str, list[int]] = {"new": [], "old (ORM)": []}
        for r in range(rounds):
            for n, item_id in enumerate(ids):
                order = ("new", "old (ORM)") if (n + r) % 2 else ("old (ORM)", "new")
                for way in order:
                    sent[0] = 0
                    t0 = time.perf_counter()
                    calls[name, way](item_id)
                    times[way].append(time.perf_counter() - t0)
                    counts[way].append(sent[0])
        for way in ("old (ORM)", "new"):
            t = times[way]
            print(f"  {name:9} {way:9}  median {statistics.median(t) * 1000:6.3f} ms  p95 {pct(t, 95) * 1000:6.3f} ms"
                  f"  statements per call: median {statistics.median(counts[way]):.0f}, max {max(counts[way])}")
        ratio = statistics.median(times["old (ORM)"]) / statistics.median(times["new"])
        print(f"  {name:9} old / new (medians): {ratio:.1f}×")


def wsgi_pages(lib: Library, ids: list[str]) -> None:
    """CPU ms per item page through the reading room's app, every page rendered (never a cached one)."""
    from app.web.limits import Limits
    from app.web.server import ReadingRoom
    from app.web.site import create_app

    client = create_app(ReadingRoom(lib, limits=Limits(requests_per_minute=0))).test_client()
    headers = {"Accept-Language": "ky"}
    client.get("/", headers=headers)
    new_get_item = lib.get_item
    cpu: dict[str, list[float]] = {"new": [], "old (ORM)": []}
    for n, item_id in enumerate(ids):  # (each id once: alternate ids go either way)
        way = "new" if n % 2 else "old (ORM)"
        lib.get_item = new_get_item if way == "new" else (lambda i: orm_get_item(lib, i))
        t0 = time.thread_time()
        assert client.get(f"/item/{item_id}", headers=headers).status_code == 200
        cpu[way].append(time.thread_time() - t0)
    lib.get_item = new_get_item
    old, new = (statistics.mean(cpu[w]) * 1000 for w in ("old (ORM)", "new"))
    print(f"  reading-room item page, rendered in-process (CPU, mean of {len(ids) // 2} each): "
          f"old {old:.2f} ms, new {new:.2f} ms; old / new {old / new:.2f}×")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--sample", type=int, default=2000, help="random items of the big library timed (each round)")
    ap.add_argument("--rounds", type=int, default=3, help="passes over the sample library's items")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/kitepkana-bench-web"))
    args = ap.parse_args()
    print(f"Kitepkana item-loading benchmark; load {os.getloadavg()[0]:.2f}")

    with tempfile.TemporaryDirectory() as tmp, Library.open(Path(tmp) / "sample") as lib:
        lib.import_sample_if_empty()
        ids = [s.id for s in lib.list_items()]
        print(f"\nthe sample library: {len(ids)} items, each {args.rounds} times")
        time_pair(lib, ids, args.rounds)

    import corpus
    from bench_reading_room import prepare

    libdir, _video = prepare(args.workdir, args.items, True, corpus.load_source(corpus.CORPUS))
    with Library.open(libdir) as lib:
        ids = [s.id for s in lib.list_items()]
        picked = random.Random(13).sample(ids, min(args.sample, len(ids)))
        print(f"\n{len(ids):,} items: {len(picked)} random ones, once each")
        time_pair(lib, picked, 1)
        wsgi_pages(lib, picked[:1000])


if __name__ == "__main__":
    main()
