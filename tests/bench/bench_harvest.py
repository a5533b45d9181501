"""Harvester bench: 1,000 pages + ~100 MB of media from the loopback portal site (tests/harvest/site.py).

First run with the rate limit off: pages/s and MB/s. Second run with nothing changed: bytes and time, against
the targets (< 2 % of the first run's bytes, < 10 % of its time). The site's sitemap gives ``<lastmod>`` dates, as
most CMSs' do. The same second run again, from a copy of the first run's folder, over the site with a sitemap
without them: every page is then asked (one conditional request each). The site is served by a process of its own, as
a real portal is another machine: the harvester's CPU time is then its own.

    PYTHONPATH=$PWD python tests/bench/bench_harvest.py [--pages 1000] [--media-mb 100]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import struct
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sync.harvest.run import Options, harvest
from tests.harvest import site as site_mod
from tests.harvest.site import MP4, Item, PortalSite

WORDS = ["айыл", "окмоту", "бюджет", "жители", "сход", "вода", "дорога", "школа", "мектеп", "жыйын", "кеңеш", "депутат", "аймак", "район", "облус", "программа", "долбоор", "каражат", "тургундар", "мунапыс", "пастбище", "сугат", "таштанды", "жаштар", "аялдар"]


def padded_mp4(size: int, seed: int) -> bytes:
    """The sample MP4 with a 'free' box of random bytes after it: a valid MP4 of about ``size`` bytes."""
    head = MP4.read_bytes()
    pad = max(0, size - len(head) - 8)
    return head + struct.pack(">I", pad + 8) + b"free" + os.urandom(pad) if seed >= 0 else head


def build(pages: int, media_mb: float) -> PortalSite:
    site_mod.PER_PAGE = 50
    site = PortalSite()
    site.broken.clear()
    n_video = 20
    size = int(media_mb * 1_000_000 / n_video)
    items = []
    for n in range(1, pages + 1):
        section = ("practices", "events", "lessons")[n % 3]
        text = " ".join(WORDS[(n * 7 + k) % len(WORDS)] for k in range(120)).capitalize() + "."
        extra = ""
        if section == "lessons" and len([i for i in items if "video" in i.extra]) < n_video:
            path = f"/media/bench-{n}.mp4"
            site.files[path] = (padded_mp4(size, n), "video/mp4")
            extra = f'<video controls src="{path}"></video>'
        items.append(Item(section, n, "ky" if n % 2 else "ru", f"Бет {n}: {WORDS[n % len(WORDS)]}",
                          text + "\n\n" + text[::-1], extra=extra))
    site.items = items
    return site


def serve(conn, pages: int, media_mb: float) -> None:
    """The site's process: serves until told to stop; answers "bytes" with the bytes sent so far."""
    site = build(pages, media_mb)
    conn.send((site.start(), len(site.files), sum(len(b) for b, _ in site.files.values())))
    while (msg := conn.recv()) != "stop":
        if msg == "no-lastmod":
            site.lastmods = "off"
        conn.send(site.bytes_sent() if msg == "bytes" else None)
    site.stop()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--media-mb", type=float, default=100.0)
    ap.add_argument("--connections", type=int, default=4, help="at most this many requests at once (rate off)")
    ap.add_argument("--profile", type=int, default=0, metavar="N",
                    help="profile the second run (cProfile) and print its N most expensive functions")
    args = ap.parse_args()
    import multiprocessing

    conn, child_conn = multiprocessing.Pipe()
    server = multiprocessing.Process(target=serve, args=(child_conn, args.pages, args.media_mb), daemon=True)
    server.start()
    base, n_files, file_bytes = conn.recv()

    def bytes_sent() -> int:
        conn.send("bytes")
        return conn.recv()

    tmp = Path(tempfile.mkdtemp(prefix="bench-harvest-"))
    try:
        opts = Options(rate=0, budget_mb=10_000, retries=1, backoff=0.05, connections=args.connections)
        t0, c0 = time.perf_counter(), time.process_time()
        first = harvest(base + "/?lang=ru", tmp / "folder", options=opts)
        t1, c1 = time.perf_counter() - t0, time.process_time() - c0
        sent1 = bytes_sent()
        for name in ("folder", "folder.harvest"):  # hard links: the harvester replaces files, never rewrites them
            shutil.copytree(tmp / name, tmp / name.replace("folder", "copy"), copy_function=os.link)
        profiler = cProfile.Profile() if args.profile else None
        t0, c0 = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        second = harvest(base + "/?lang=ru", tmp / "folder", options=opts)
        t2, c2 = time.perf_counter() - t0, time.process_time() - c0
        if profiler:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(args.profile)
        sent2 = bytes_sent() - sent1
        conn.send("no-lastmod")
        conn.recv()
        t0, c0 = time.perf_counter(), time.process_time()
        third = harvest(base + "/?lang=ru", tmp / "copy", options=opts)
        t3, c3 = time.perf_counter() - t0, time.process_time() - c0
        print(f"site: {args.pages} item pages, {n_files} files, {file_bytes / 1e6:.1f} MB of files")
        print(f"first run:  {first.pages_seen} pages, {len(first.new)} items, {first.files_fetched} files "
              f"({first.file_bytes / 1e6:.1f} MB) in {t1:.1f} s: {first.pages_seen / t1:.1f} pages/s, "
              f"{sent1 / 1e6 / t1:.1f} MB/s; {sent1 / 1e6:.1f} MB served, {first.requests} requests")
        print(f"second run: {second.pages_seen} pages ({second.not_asked} not asked: sitemap <lastmod>), "
              f"{len(second.unchanged)} unchanged, {len(second.changed)} changed, {second.requests} requests, "
              f"{sent2 / 1e3:.1f} kB served ({second.bytes_transferred / 1e3:.1f} kB with headers) in {t2:.2f} s")
        print(f"second/first: bytes {100 * second.bytes_transferred / first.bytes_transferred:.2f} % "
              f"(target < 2 %), time {100 * t2 / t1:.1f} % (target < 10 %)")
        print(f"second run, sitemap without <lastmod>: {third.pages_seen} pages, {len(third.unchanged)} unchanged, "
              f"{len(third.changed)} changed, {third.requests} requests, {third.bytes_transferred / 1e3:.1f} kB "
              f"in {t3:.2f} s")
        print(f"  that/first: bytes {100 * third.bytes_transferred / first.bytes_transferred:.2f} %, "
              f"time {100 * t3 / t1:.1f} %")
        # CPU time does not depend on what else the machine runs
        print(f"CPU time of the harvester: first {c1:.1f} s, second {c2:.2f} s: {100 * c2 / c1:.1f} %, without "
              f"<lastmod> {c3:.2f} s: {100 * c3 / c1:.1f} %; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    finally:
        conn.send("stop")
        server.join(10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
