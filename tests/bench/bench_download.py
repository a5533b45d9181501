"""Download benchmark, run on demand (not part of the test suite)::

    python tests/bench/bench_download.py                 # a 200 MB blob
    python tests/bench/bench_download.py --mb 50 --runs 5

It serves a blob of ``--mb`` MB (pseudo-random, made once in ``--workdir``, default
``/tmp/kitepkana-bench-download``, never in the repository) from the loopback test server
(``tests/sync/httpserver.py``) and prints:

1. **Throughput**: ``HttpSource.fetch_file`` (download into ``.part``, SHA-256, fsync, rename) against a plain
   ``shutil.copyfile`` of the same bytes on the same disk, and their ratio; also ``FolderSource`` (the USB-drive
   path: copy + verify) for comparison. Median of ``--runs``; the OS file cache is warm for all of them.
2. **Bytes downloaded again after an interruption at 50 %**, counted by the server (every body byte it sent,
   minus the file's size), for a connection dropped by the server at 50 % (resumed in the same call) and
   for a download cancelled at 50 % and resumed by a new source (as after closing the app). Target: < 1 MB.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sync.errors import DownloadCancelled
from sync.files import copy_atomic
from sync.sources import FolderSource, open_source
from tests.sync.httpserver import TestServer

MB = 1024 * 1024


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def make_blob(served: Path, size: int) -> tuple[str, str]:
    """A ``size``-byte blob at its content address under ``served``; (feed path, SHA-256). Re-used if present."""
    marker = served / f"blob-{size}.sha256"
    if marker.is_file():
        sha = marker.read_text().strip()
        rel = f"blobs/{sha[:2]}/{sha}"
        if (served / rel).is_file() and (served / rel).stat().st_size == size:
            return rel, sha
    shutil.rmtree(served, ignore_errors=True)
    served.mkdir(parents=True)
    rng = random.Random(20250301)
    h = hashlib.sha256()
    tmp = served / "incoming"
    with open(tmp, "wb") as f:
        left = size
        while left:
            chunk = rng.randbytes(min(16 * MB, left))
            h.update(chunk)
            f.write(chunk)
            left -= len(chunk)
    sha = h.hexdigest()
    rel = f"blobs/{sha[:2]}/{sha}"
    (served / rel).parent.mkdir(parents=True)
    tmp.rename(served / rel)
    marker.write_text(sha)
    return rel, sha


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def clean(*paths: Path) -> None:
    for p in paths:
        for q in (p, p.with_name(p.name + ".part")):
            q.unlink(missing_ok=True)


def cancel_and_resume(server: TestServer, rel: str, sha: str, size: int, dest: Path, label: str) -> None:
    clean(dest)
    server.clear_log()
    state = {"done": 0}
    with open_source(server.url, timeout=30, retries=4, backoff=0.1) as source:
        try:
            source.fetch_file(rel, dest, size=size, sha256=sha,
                              progress=lambda done, total: state.__setitem__("done", done),
                              cancelled=lambda: state["done"] >= size // 2)
        except DownloadCancelled:
            pass
    kept = dest.with_name(dest.name + ".part").stat().st_size
    with open_source(server.url, timeout=30, retries=4, backoff=0.1) as source:
        t = timed(lambda: source.fetch_file(rel, dest, size=size, sha256=sha))
    log = server.requests_for(rel)
    resumed_at = int(log[-1].range.split("=")[1].rstrip("-"))
    again = sum(e.sent for e in log) - size
    print(f"   {label}: {kept:,} B kept in .part, resumed by a new source at byte {resumed_at:,}: the client "
          f"read {kept - resumed_at:,} bytes twice; the server sent {again:,} bytes twice ({again / MB:.3f} MB: "
          f"still in the socket buffers when the cancel closed the connection) — target < 1 MB: "
          f"{'OK' if again < MB else 'MISSED'}; resume took {t:.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=int, default=200, help="blob size in MB (default 200)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per method (median is printed)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/kitepkana-bench-download"))
    args = ap.parse_args()

    size = args.mb * MB
    served = args.workdir / "served"
    out = args.workdir / "out"
    out.mkdir(parents=True, exist_ok=True)
    print(f"Kitepkana download benchmark — Python {platform.python_version()}, {platform.system()} "
          f"{platform.machine()}, {os.cpu_count()} CPUs, blob {args.mb} MB ({size:,} bytes), {load()}")
    t = timed(lambda: make_blob(served, size))
    rel, sha = make_blob(served, size)
    print(f"blob ready in {t:.1f} s: {served / rel}")
    source_file = served / rel
    dest = out / "blob"
    copy_dest = out / "copy"

    with TestServer(served) as server:
        url = server.url

        def http_download() -> None:
            clean(dest)
            with open_source(url, timeout=30, retries=4, backoff=0.1) as source:
                source.fetch_file(rel, dest, size=size, sha256=sha)

        def folder_copy() -> None:
            clean(dest)
            FolderSource(served).fetch_file(rel, dest, size=size, sha256=sha)

        def plain_copy() -> None:
            clean(copy_dest)
            shutil.copyfile(source_file, copy_dest)

        def verified_copy() -> None:  # the least any verified, durable download has to do
            clean(copy_dest)
            copy_atomic(source_file, copy_dest, expected_sha256=sha)

        # warm the file cache and every code path once
        http_download()
        plain_copy()
        results = {}
        for name, fn in (("plain shutil.copyfile", plain_copy), ("copy + SHA-256 + fsync", verified_copy),
                         ("HttpSource over loopback", http_download), ("FolderSource (copy + verify)", folder_copy)):
            times = [timed(fn) for _ in range(args.runs)]
            results[name] = statistics.median(times)
        print(f"\n1. Throughput (median of {args.runs}; {load()})")
        base = results["plain shutil.copyfile"]
        for name, secs in results.items():
            print(f"   {name:<30} {secs:7.3f} s  {size / MB / secs:8.1f} MB/s  "
                  f"time ×{secs / base:5.2f} of a plain copy")
        http = results["HttpSource over loopback"]
        print(f"   ratio download/plain copy throughput: {base / http:.2f} "
              f"(the download takes {http / base:.2f}× as long; plain copy = in-kernel, no hash, no fsync)")
        print(f"   ratio download/verified copy throughput: {results['copy + SHA-256 + fsync'] / http:.2f}")

        print("\n2. Bytes downloaded again after an interruption at 50 %")
        # (a) the server drops the connection after half the body; the same call resumes with Range
        clean(dest)
        server.clear_log()
        server.drop_after("/" + rel, size // 2)
        with open_source(url, timeout=30, retries=4, backoff=0.1) as source:
            t = timed(lambda: source.fetch_file(rel, dest, size=size, sha256=sha))
        log = server.requests_for(rel)
        again = sum(e.sent for e in log) - size
        described = ", ".join(f"{e.status} {e.range or 'whole'} {e.sent:,} B" for e in log)
        print(f"   connection dropped at 50 %: {len(log)} requests ({described}), "
              f"{again:,} bytes sent twice ({again / MB:.3f} MB) — target < 1 MB: {'OK' if again < MB else 'MISSED'}"
              f"; {t:.2f} s")
        server.clear_faults()

        # (b) cancelled at 50 % (the user closes the app); a new source resumes from the .part
        cancel_and_resume(server, rel, sha, size, dest, "cancelled at 50 %")
        # (c) the same on a link limited to 20 MB/s: what is in flight is what a real link holds
        server.throttle("/" + rel, rate=20 * MB)
        cancel_and_resume(server, rel, sha, size, dest, "cancelled at 50 % on a 20 MB/s link")
        server.clear_faults()
    clean(dest, copy_dest)


if __name__ == "__main__":
    main()
