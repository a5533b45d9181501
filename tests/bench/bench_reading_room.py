"""Reading-room benchmark, run on demand (not part of the test suite)::

    python tests/bench/bench_reading_room.py                 # 10,000 items, 50 clients, 60 s, 10 video streams
    python tests/bench/bench_reading_room.py --reuse --seconds 30

A 10,000-item library (``corpus.fill_library`` + ``reindex``, as ``bench_search.py`` makes it; ``--reuse`` keeps
it) is served by the real reading room (waitress, default limits except the per-client rate, which loopback
clients would all share) in a **separate process**, so its RSS is its own and the clients do not share its GIL.
Meanwhile:

* ``--clients`` (50) threads each loop: a search page (``/search?q=…``, the search benchmark's queries, with
  facets and snippets) then an item page of a random item; per page the latency is recorded;
* ``--streams`` (10) threads each download a 64 MB video (a random file stored as ``video/mp4``) again and
  again, at most ``--stream-cap`` MB/s (4: a browser buffering ahead; 0: flat out), and report their own MB/s.

``--desktop`` serves from the desktop app instead (offscreen, Library → Share on this network on) and adds the
window's longest UI stall while it serves (a 5 ms timer on the UI thread; target ≤ 100 ms).

Printed: pages/s, p50/p95/p99 latency per page class (target p95 ≤ 200 ms), errors (any status but 200, or a
broken connection), each stream's MB/s (target ≥ 2 MB/s), the server's RSS (now and peak), its CPU time per
page (from /proc: on a shared, loaded machine the latency says more about the neighbours than about us), that
CPU by page class (search, item, media: the worker threads' own CPU time around the WSGI app, ``TimedApp``; the
rest is waitress's loop), the load generator's own CPU (this process: are the clients the bottleneck?) and how
many pages came from its page cache (app/web/cache.py). As **baselines in the same run**: ``--compare``
first runs the same load with the page cache off (the reading room before it had one); the CPU per page class
rendered in-process on one thread, cold and cached; and the same queries answered by ``Library.search``
in-process (what the engine alone costs, without HTTP, templates or concurrency).

``--open results`` makes each client open one of the hits its search showed (as a visitor does) instead of a
random item of the 10,000 (the default, the worst case for the page cache).
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import platform
import random
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from app.values import SearchRequest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for p in (str(ROOT), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

VIDEO_MB = 64


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def ms(v: float) -> str:
    return f"{v * 1000:.0f} ms"


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)] if s else float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> tuple[float, float]:
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


# --- the library ---------------------------------------------------------------------------------

def prepare(workdir: Path, n: int, reuse: bool, source) -> tuple[Path, str]:
    import corpus

    from app.db import models as m
    from app.library import Library

    libdir = workdir / f"n{n}" / "lib"
    marker = workdir / f"n{n}" / "reading-room.json"
    if reuse and marker.is_file():
        info = json.loads(marker.read_text())
        print(f"library: reused {libdir}")
        return libdir, info["video"]
    import shutil

    shutil.rmtree(libdir.parent, ignore_errors=True)
    libdir.parent.mkdir(parents=True)
    taxonomy = corpus.load_sample_taxonomy()
    t0 = time.perf_counter()
    with Library.open(libdir) as lib:
        corpus.fill_library(lib, n, source, taxonomy)
        t1 = time.perf_counter()
        lib.reindex()
        video = workdir / "video.bin"
        with open(video, "wb") as f:
            rnd = random.Random(7)
            f.writelines(rnd.randbytes(1 << 20) for _ in range(VIDEO_MB))
        stored = lib.media.put_file(video)
        with lib._write() as s:
            s.merge(m.Blob(sha256=stored.sha256, size=VIDEO_MB << 20, mime="video/mp4", present=True))
        video.unlink()
    print(f"library: {n:,} items filled in {t1 - t0:.0f} s, indexed in {time.perf_counter() - t1:.0f} s")
    marker.write_text(json.dumps({"video": stored.sha256}))
    return libdir, stored.sha256


# --- the server (a child process) ------------------------------------------------------------------

class TimedApp:
    """The WSGI app with the CPU time of its worker threads counted per page class (search, item, media, other):
    what the server's total beyond these costs is waitress's own loop (parsing requests, writing to sockets)."""

    def __init__(self, app) -> None:
        self.app = app
        self.spent: dict[str, list] = {}  # class -> [pages, CPU seconds]
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        cls = "search" if path == "/search" else "item" if path.startswith("/item/") else \
            "media" if path.startswith("/media/") else "other"
        t0 = time.thread_time()
        body = self.app(environ, start_response)
        return self._body(body, cls, t0)

    def _body(self, body, cls: str, t0: float):
        try:
            yield from body
        finally:
            getattr(body, "close", lambda: None)()
            spent = time.thread_time() - t0
            with self.lock:
                entry = self.spent.setdefault(cls, [0, 0.0])
                entry[0] += 1
                entry[1] += spent


def serve_main(libdir: str, portfile: str) -> None:
    import logging

    from app.library import Library
    from app.web import site
    from app.web.limits import Limits
    from app.web.server import ReadingRoom

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "Task queue depth is N": expected here
    # the parent stops it with SIGINT, which a shell ignores for jobs started in the background (nohup, &)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if os.environ.get("BENCH_SWITCH"):
        sys.setswitchinterval(float(os.environ["BENCH_SWITCH"]))
    lib = Library.open(libdir)
    lib.ensure_index()
    limits = Limits(requests_per_minute=0, video_streams=16, **json.loads(os.environ.get("BENCH_LIMITS", "{}")))
    timed: list[TimedApp] = []
    create_app = site.create_app
    site.create_app = lambda room: timed.append(TimedApp(create_app(room))) or timed[-1]
    room = ReadingRoom(lib, host="127.0.0.1", port=0, limits=limits)
    room.start()
    Path(portfile).write_text(str(room.port))
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        room.stop()
        print(json.dumps(dict(room.pages.stats(), classes=timed[0].spent)), flush=True)


def desktop_main(libdir: str, portfile: str, seconds: str) -> None:
    """The desktop app (offscreen) with Library → Share on this network on: the reading room answers from the
    window's process, and a 5 ms timer on the UI thread measures the longest gap between its ticks."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.paths import resolve
    from app.settings import Settings
    from app.web.limits import RateLimiter
    from ui.app import start

    settings = Settings(resolve(libdir))
    settings.set("share_port", 0)
    settings.set("share_enabled", True)
    app = QApplication([])
    window = start(libdir, import_sample=False)
    gaps: list[float] = []
    state = {"last": 0.0, "until": 0.0}

    def tick() -> None:
        now = time.perf_counter()
        if state["last"] and now < state["until"]:
            gaps.append(now - state["last"])
        state["last"] = now
        if state["until"] and now >= state["until"]:
            timer.stop()
            window.sharing.stop()
            print(json.dumps({"max_gap": max(gaps), "p99_gap": pct(gaps, 99), "ticks": len(gaps)}), flush=True)
            app.quit()

    def ready() -> None:
        room = window.sharing.room
        if room is None or not window.search_page.response:
            QTimer.singleShot(100, ready)
            return
        room.rate = RateLimiter(0, 1)  # loopback clients share one address: no per-client limit here
        Path(portfile).write_text(str(room.port))
        state["until"] = time.perf_counter() + float(seconds)
        timer.start()

    timer = QTimer(interval=5, timeout=tick)
    QTimer.singleShot(100, ready)
    app.exec()
    window.shutdown()


def search_path(q: dict) -> str:
    return "/search?" + urlencode({"q": q["text"], **{k: q[k] for k in ("kind", "topic", "region") if q.get(k)}})


def pages_in_process(lib, queries: list[dict], ids: list[str]) -> dict[str, float]:
    """CPU ms per page rendered in this process on one thread through the WSGI app (no HTTP, no other thread):
    each search and item page first rendered (cold), then asked again (from the page cache)."""
    from app.web.limits import Limits
    from app.web.server import ReadingRoom
    from app.web.site import create_app

    client = create_app(ReadingRoom(lib, limits=Limits(requests_per_minute=0))).test_client()
    client.get("/", headers={"Accept-Language": "ky"})
    out = {}
    for kind, paths in (("search", [search_path(q) for q in queries]), ("item", [f"/item/{i}" for i in ids])):
        for when in ("cold", "cached"):
            t0 = time.thread_time()
            for path in paths:
                assert client.get(path, headers={"Accept-Language": "ky"}).status_code == 200, path
            out[f"{kind} {when}"] = (time.thread_time() - t0) / len(paths) * 1000
    return out


# --- the clients ------------------------------------------------------------------------------------

class Stats:
    def __init__(self) -> None:
        self.lat: dict[str, list[float]] = {"search": [], "item": []}
        self.errors: list[str] = []
        self.lock = threading.Lock()


HIT_LINK = re.compile(rb'href="/item/([^"?]+)')


def page_client(port: int, queries: list[dict], ids: list[str], stop: float, stats: Stats, seed: int,
                think: float, open_results: bool) -> None:
    rnd = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < stop:
        q = rnd.choice(queries)
        body = b""
        for kind in ("search", "item"):
            if kind == "search":
                path = search_path(q)
            else:  # a random item of the library, or (--open results) one of the hits the visitor was shown
                shown = HIT_LINK.findall(body) if open_results else []
                path = f"/item/{(rnd.choice(shown).decode() if shown else rnd.choice(ids))}"
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept-Language": "ky"})
                r = conn.getresponse()
                body = r.read()
                ok = r.status == 200
                what = f"{r.status} {path}"
            except (OSError, http.client.HTTPException) as e:
                ok, what = False, f"{type(e).__name__} {path}"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            dt = time.perf_counter() - t0
            with stats.lock:
                stats.lat[kind].append(dt)
                if not ok:
                    stats.errors.append(what)
            if think:
                time.sleep(rnd.uniform(0.5, 1.5) * think)
    conn.close()


def stream_client(port: int, sha: str, stop: float, out: list, i: int, cap: float) -> None:
    got, t0, errors = 0, time.perf_counter(), 0
    while time.monotonic() < stop:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            conn.request("GET", f"/media/{sha}")
            r = conn.getresponse()
            if r.status != 200:
                errors += 1
                r.read()
                time.sleep(0.5)
                continue
            while time.monotonic() < stop:
                chunk = r.read(256 * 1024)
                if not chunk:
                    break
                got += len(chunk)
                if cap:  # a browser reads ahead of playback, then waits: no faster than ``cap`` MB/s
                    ahead = got / (cap * 2**20) - (time.perf_counter() - t0)
                    if ahead > 0:
                        time.sleep(ahead)
        except (OSError, http.client.HTTPException):
            errors += 1
        finally:
            conn.close()
    out[i] = (got / (time.perf_counter() - t0) / 2**20, errors)


def run_load(args: argparse.Namespace, libdir: Path, video: str, queries: list[dict], ids: list[str], *,
             page_cache: bool, label: str) -> None:
    """One load run against a fresh server process; prints its figures."""
    portfile = args.workdir / "port"
    portfile.unlink(missing_ok=True)
    child = ["--desktop-serve", str(libdir), str(portfile), str(args.seconds + 10)] if args.desktop else \
        ["--serve", str(libdir), str(portfile)]
    limits = dict(json.loads(os.environ.get("BENCH_LIMITS", "{}")), **({} if page_cache else {"page_cache_bytes": 0}))
    env = dict(os.environ, BENCH_LIMITS=json.dumps(limits))  # BENCH_LIMITS='{"threads": 12}': to try settings
    server = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), *child], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 120
        while not portfile.is_file() or not portfile.read_text().strip():
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.2)
        port = int(portfile.read_text())
        idle_rss = rss_mb(server.pid)[0]
        # warm up: the first pages compile templates and catalogs
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for path in ("/", "/search?" + urlencode({"q": queries[0]["text"]}), f"/item/{ids[0]}"):
            warm.request("GET", path)
            warm.getresponse().read()
        warm.close()
        print(f"server: pid {server.pid}, port {port}, RSS {idle_rss:.0f} MB after warm-up; {load()}")
        stats = Stats()
        streams: list = [None] * args.streams
        stop = time.monotonic() + args.seconds
        threads = [threading.Thread(target=page_client, args=(port, queries, ids, stop, stats, i, args.think,
                                                              args.open == "results"))
                   for i in range(args.clients)]
        threads += [threading.Thread(target=stream_client, args=(port, video, stop, streams, i, args.stream_cap))
                    for i in range(args.streams)]
        t0, cpu0, own0 = time.perf_counter(), cpu_seconds(server.pid), cpu_seconds(os.getpid())
        for t in threads:
            t.start()
        peak = 0.0
        while any(t.is_alive() for t in threads):
            peak = max(peak, rss_mb(server.pid)[0])
            time.sleep(1)
        wall, cpu = time.perf_counter() - t0, cpu_seconds(server.pid) - cpu0
        own = cpu_seconds(os.getpid()) - own0
        rss_hwm = rss_mb(server.pid)[1]
    finally:
        stall = cache = None
        if args.desktop and server.poll() is None:
            try:
                stall = json.loads(server.communicate(timeout=60)[0].strip().splitlines()[-1])
            except (subprocess.TimeoutExpired, ValueError, IndexError):
                stall = None
        if server.poll() is None:
            server.send_signal(signal.SIGINT)  # it prints its page cache's figures as it stops
            try:
                cache = json.loads(server.communicate(timeout=30)[0].strip().splitlines()[-1])
            except (subprocess.TimeoutExpired, ValueError, IndexError):
                server.terminate()
        server.wait(10)

    every = stats.lat["search"] + stats.lat["item"]
    print(f"\n[{label}]")
    print(f"{args.items:,} items, {args.clients} clients (think {args.think:g} s, items opened: {args.open}) + "
          f"{args.streams} video streams "
          f"for {wall:.0f} s; {load()}")
    print(f"pages: {len(every):,} = {len(every) / wall:.1f} pages/s; errors: {len(stats.errors)}"
          + (f" (first: {stats.errors[:3]})" if stats.errors else ""))
    for kind in ("search", "item"):
        lat = stats.lat[kind]
        print(f"  {kind:<6} {len(lat):>6,} pages  p50 {ms(pct(lat, 50))}  p95 {ms(pct(lat, 95))}  "
              f"p99 {ms(pct(lat, 99))}")
    print(f"  all    {len(every):>6,} pages  p50 {ms(pct(every, 50))}  p95 {ms(pct(every, 95))}  "
          f"p99 {ms(pct(every, 99))}   (target p95 ≤ 200 ms)")
    print(f"server CPU: {cpu:.1f} s over {wall:.0f} s = {cpu / wall * 100:.0f} % of one core; "
          f"{cpu / max(len(every), 1) * 1000:.1f} ms per page (the video streams' share included)")
    print(f"load generator's own CPU (this process: {args.clients} page clients + {args.streams} streams): "
          f"{own:.1f} s = {own / wall * 100:.0f} % of one core; {own / max(len(every), 1) * 1000:.2f} ms per page")
    if cache and cache.get("classes"):
        spent = cache["classes"]
        pages_cpu = sum(v[1] for v in spent.values())
        print("server CPU by class (worker threads, whole run incl. warm-up): " + ", ".join(
            f"{k} {v[0]:,} × {v[1] / max(v[0], 1) * 1000:.2f} ms" for k, v in sorted(spent.items()))
            + f"; waitress's loop and the rest {max(cpu - pages_cpu, 0) / max(len(every), 1) * 1000:.2f} ms per page")
    if cache:
        asked = cache["hits"] + cache["misses"]
        print(f"page cache: {cache['hits']:,} of {asked:,} pages from memory ({cache['hits'] / max(asked, 1):.0%}), "
              f"{cache['pages']:,} pages kept in {cache['bytes'] / 2**20:.1f} MB")
    rates = [s[0] for s in streams if s]
    if rates:
        print(f"video streams: {' '.join(f'{r:.1f}' for r in rates)} MB/s (min {min(rates):.1f}, target ≥ 2; "
              f"capped at {args.stream_cap:g}); stream errors {sum(s[1] for s in streams if s)}")
    print(f"server RSS: {idle_rss:.0f} MB idle, {peak:.0f} MB peak sampled, {rss_hwm:.0f} MB high-water mark")
    if args.desktop:
        print("desktop window's UI thread while serving: " + (
            f"longest stall {stall['max_gap'] * 1000:.0f} ms, p99 gap {stall['p99_gap'] * 1000:.0f} ms over "
            f"{stall['ticks']} ticks of a 5 ms timer (target ≤ 100 ms)" if stall else "not measured (no answer)"))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        serve_main(sys.argv[2], sys.argv[3])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--desktop-serve":
        desktop_main(sys.argv[2], sys.argv[3], sys.argv[4])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--streams", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--stream-cap", type=float, default=4.0, help="MB/s a video stream reads at most, as a browser "
                    "buffering ahead of playback does (default 4: twice the 2 MB/s target; 0: as fast as it can)")
    ap.add_argument("--think", type=float, default=0.0, help="seconds each client waits between pages (default 0: "
                    "every client asks again as soon as it has its page)")
    ap.add_argument("--open", choices=("random", "results"), default="random", help="the item page each client "
                    "asks for after its search: a random item of the library (default), or one of the search's hits, "
                    "as a visitor does")
    ap.add_argument("--compare", action="store_true", help="first the same load with the page cache off (the "
                    "reading room before it had one), as the baseline in the same run")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/kitepkana-bench-web"))
    ap.add_argument("--reuse", action="store_true")
    ap.add_argument("--desktop", action="store_true", help="serve from the desktop app (offscreen, Share on this "
                    "network) instead of `kitepkana serve`, and measure the window's longest UI stall")
    ap.add_argument("--corpus", type=Path, default=None, help="the texts the items are cut from (default: "
                    "corpus.CORPUS, ../shared/corpus beside the checkout)")
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"Kitepkana reading-room benchmark — Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"{platform.platform()}; {load()}")

    import corpus

    from app.library import Library

    source = corpus.load_source(args.corpus or corpus.CORPUS)
    print(source.note)
    libdir, video = prepare(args.workdir, args.items, args.reuse, source)
    queries = [q for q in corpus.make_queries(source, corpus.load_sample_taxonomy(), per_class=100)
               if q["cls"] in ("words", "facet")]
    with Library.open(libdir) as lib:
        ids = [i.id for i in lib.list_items()]
        lib.ensure_index()
        requests = [SearchRequest(q["text"], kind=q.get("kind"), topic=q.get("topic"), region=q.get("region"),
                                  as_you_type=False) for q in queries[:200]]
        for request in requests[:5]:
            lib.search(request)
        base = []
        for request in requests:
            t0 = time.perf_counter()
            lib.search(request)
            base.append(time.perf_counter() - t0)
        page_cpu = pages_in_process(lib, queries[:100], ids[:100])

    runs = [(False, "baseline, same run: the page cache off (every page rendered)")] if args.compare else []
    runs.append((True, "the reading room as it ships (page cache on)"))
    for page_cache, label in runs:
        run_load(args, libdir, video, queries, ids, page_cache=page_cache, label=label)
    print("\nCPU per page in-process, one thread, no HTTP (same run): " + ", ".join(
        f"{k} {v:.1f} ms" for k, v in page_cpu.items())
        + f"; ratio search cold / cached {page_cpu['search cold'] / page_cpu['search cached']:.0f}×")
    print(f"engine alone (same run): Library.search in-process, one thread, {len(base)} queries: p50 {ms(pct(base, 50))}  "
          f"p95 {ms(pct(base, 95))}  p99 {ms(pct(base, 99))}")


if __name__ == "__main__":
    main()
