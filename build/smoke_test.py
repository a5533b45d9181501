"""Smoke test of the frozen app: build it (or take the one built before), then use it as people will.

    python build/smoke_test.py              # build the onedir and the portable zip, then test them
    python build/smoke_test.py --no-build   # test build/out/dist/kitepkana as it is (zipping it if needed)
    python build/smoke_test.py --strict     # also fail when a size or start-up budget is exceeded

Not part of ``python -m pytest`` (it needs a PyInstaller build, which takes minutes). Every step runs the
frozen executables in a fresh temporary folder, offscreen (``QT_QPA_PLATFORM=offscreen``):

1. the portable zip, unpacked: ``kitepkana-cli paths --json`` says portable mode with the data folder inside
   the unpacked folder, and a search there (which first imports the bundled sample) finds hits;
2. the desktop app on a fresh data folder: the first start imports the sample, then the hidden self-test
   (``KITEPKANA_SELFTEST=play``, ui/selftest.py) opens a lesson and plays it past one second;
3. a search from the command line on that library returns hits (Whoosh's pickled analyzers load frozen);
4. sync from a folder feed: ``keygen``, ``publish`` the bundled sample into a feed, then a fresh library
   ``sync FEED --trust KEY.pub`` and searches it;
5. a USB kit from that library (``usb-kit``, with the portable zip) and another fresh library syncing from
   the kit's ``kitepkana-feed`` alone;
6. start-up time: process start to the window's first paint (``KITEPKANA_STARTUP_TRACE``), median of 5.

Prints the bundle size, the zipped size and the start-up time against the budgets (onedir ≤ 190 MB, zip ≤ 75 MB,
start to painted window ≤ 1.5 s). Exit code 0 when every step passed.
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
sys.path.insert(0, str(HERE))
import bundling

BUDGET_ONEDIR_MB = 190
BUDGET_ZIP_MB = 75
BUDGET_START_S = 1.5
EXE = ".exe" if bundling.IS_WINDOWS else ""


class Failed(Exception):
    pass


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KITEPKANA_")}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8", **extra)
    return env


def run(exe: Path, *args: str, env: dict | None = None, timeout: float = 300, want_json: bool = False):
    started = time.monotonic()
    done = subprocess.run([str(exe), *args], capture_output=True, timeout=timeout, env=env or _env(),
                          encoding="utf-8", errors="replace", check=False)
    took = time.monotonic() - started
    if done.returncode != 0:
        raise Failed(f"{exe.name} {' '.join(args)} exited with {done.returncode}:\n{done.stdout[-2000:]}\n"
                     f"{done.stderr[-4000:]}")
    print(f"    {exe.name} {' '.join(args)}  ({took:.1f} s)")
    return json.loads(done.stdout) if want_json else done


def step(title: str):
    print(f"\n== {title}")


def check(condition: bool, message: str) -> None:
    if not condition:
        raise Failed(message)
    print(f"    ok: {message}")


def gui_command(onedir: Path) -> list[str]:
    """The desktop app as a librarian starts it: the windowed executable (``kitepkana.exe`` on Windows, which has
    no stdout: the self-test writes its result into a file, ``KITEPKANA_SELFTEST_OUT``)."""
    return [str(onedir / (bundling.APP_NAME + EXE))]


def traced_gui_command(onedir: Path) -> list[str]:
    """The desktop app where its start-up trace must be read from stdout: on Windows through the console
    executable (``kitepkana-cli.exe gui``), the windowed one has no stdout."""
    if bundling.IS_WINDOWS:
        return [str(onedir / (bundling.CLI_NAME + EXE)), "gui"]
    return gui_command(onedir)


def try_portable(archive: Path, tmp: Path) -> Path:
    step("portable zip: unpacked, it keeps its data beside itself")
    top = bundling.unzip(archive, tmp / "USB stick")
    cli = top / (bundling.CLI_NAME + EXE)
    marker = bundling.PORTABLE_MARKER
    check((top / marker).is_file(), f"the marker {marker} is beside the executables")
    paths = run(cli, "paths", "--json", want_json=True)
    data = Path(paths["data"])
    check(paths["mode"] == "portable", "paths --json: mode is portable")
    check(data == (top / "kitepkana-data").resolve(), f"the data folder is inside the unpacked folder ({data})")
    found = run(cli, "search", "вода", "--json", want_json=True, timeout=300)
    check(found["total"] > 0, f"a search in the portable copy finds {found['total']} hits")
    check((data / "library.sqlite").is_file(), "its library was written inside the unpacked folder")
    return top


def try_gui_plays(onedir: Path, home: Path) -> None:
    step("desktop app, fresh data folder: first start imports the sample, then plays a lesson (in Russian)")
    exe, *args = gui_command(onedir)
    # Russian chosen in our own setting (what the settings dialog saves; LANG means nothing on Windows): the
    # interface starts in Russian when the bundled translation loads
    settings = home / "config" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"version": 1, "ui_language": "ru"}), encoding="utf-8")
    result = home / "selftest.txt"
    env = _env(KITEPKANA_HOME=str(home), KITEPKANA_SELFTEST="play", KITEPKANA_SELFTEST_OUT=str(result),
               LANG="C.UTF-8", LANGUAGE="")
    done = run(Path(exe), *args, env=env, timeout=300)
    output = result.read_text(encoding="utf-8") if result.is_file() else (done.stdout or "")
    line = next((ln for ln in output.splitlines() if ln.startswith("kitepkana-selftest")), "")
    check(" play ok " in line, f"self-test: {line.removeprefix('kitepkana-selftest ').strip()}")
    check(line.rstrip().endswith("lang=ru"), "the interface is in Russian (the bundled translation loaded)")


def try_search(onedir: Path, home: Path) -> None:
    step("search from the command line")
    cli = onedir / (bundling.CLI_NAME + EXE)
    found = run(cli, "search", "пастбище", "--data-dir", str(home), "--json", want_json=True)
    check(found["total"] > 0, f"'пастбище' finds {found['total']} hits")
    lesson = run(cli, "search", "tarif", "--kind", "lesson", "--data-dir", str(home), "--json", want_json=True)
    check(any(h.get("time") is not None for h in lesson["hits"]), "a Latin-typed query finds a moment in a video")


def try_sync(onedir: Path, tmp: Path) -> Path:
    step("sync from a folder feed published with the frozen app")
    cli = onedir / (bundling.CLI_NAME + EXE)
    key = tmp / "keys" / "publisher.key"
    key.parent.mkdir(parents=True, exist_ok=True)
    run(cli, "keygen", "--out", str(key), "--data-dir", str(tmp / "publisher"))
    sample = onedir / "_internal" / "resources" / "sample"
    if not sample.is_dir():
        sample = bundling.ROOT / "resources" / "sample"
    feed = tmp / "feed"
    run(cli, "publish", str(sample), "--feed", str(feed), "--key", str(key), "--feed-id", "smoke",
        "--data-dir", str(tmp / "publisher"))
    lib = tmp / "synced"
    report = run(cli, "sync", str(feed), "--trust", str(key) + ".pub", "--accept-new-feed", "--data-dir", str(lib),
                 "--json", want_json=True)
    added = sum(len(v) for v in report["added"].values())
    check(report["status"] == "ok" and added >= 40, f"sync: {added} items added, change {report['to_seq']}")
    found = run(cli, "search", "budget", "--data-dir", str(lib), "--json", want_json=True)
    check(found["total"] > 0, f"the synced library is searchable ({found['total']} hits for 'budget')")
    return lib


def try_usb_kit(onedir: Path, lib: Path, archive: Path, tmp: Path) -> None:
    step("USB kit: program, library and READMEs on a drive; another PC updates from it")
    cli = onedir / (bundling.CLI_NAME + EXE)
    drive = tmp / "usb-drive"
    kit = run(cli, "usb-kit", str(drive), "--portable", str(archive), "--data-dir", str(lib), "--json",
              want_json=True)
    check(len(kit["program"]) == 1 and kit["feed"] is not None and len(kit["readmes"]) == 3,
          f"usb-kit wrote {kit['bytes'] / 1e6:.1f} MB: {kit['program'][0]['path']}, kitepkana-feed/, 3 READMEs")
    other = tmp / "other-pc"
    report = run(cli, "sync", str(drive / "kitepkana-feed"), "--trust", str(tmp / "keys" / "publisher.key.pub"),
                 "--accept-new-feed", "--data-dir", str(other), "--json", want_json=True)
    check(report["status"] == "ok", f"another library synced from the drive alone (change {report['to_seq']})")


def start_times(onedir: Path, home: Path, runs: int = 5) -> list[float]:
    step(f"start-up: process start to the first paint of the window, {runs} runs")
    times = []
    for _ in range(runs):
        env = _env(KITEPKANA_HOME=str(home), KITEPKANA_STARTUP_TRACE="quit")
        started = time.time()
        proc = subprocess.Popen(traced_gui_command(onedir), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                                encoding="utf-8", errors="replace")
        painted = None
        try:
            for line in proc.stdout:
                if line.startswith("kitepkana-trace first_paint "):
                    painted = float(line.split()[2])
            proc.wait(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
        if painted is None:
            raise Failed("the app never reported its first paint")
        times.append(painted - started)
        print(f"    {times[-1]:.3f} s")
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="test the onedir built before")
    parser.add_argument("--strict", action="store_true", help="fail when a budget is exceeded")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    onedir = bundling.OUT / "dist" / bundling.APP_NAME
    archive = bundling.OUT / bundling.zip_name()
    if not args.no_build:
        subprocess.run([sys.executable, str(HERE / "build.py"), "--zip", "--dev-key"], check=True)
    if not onedir.is_dir():
        print(f"{onedir} is missing: run without --no-build", file=sys.stderr)
        return 2
    if not archive.is_file() or archive.stat().st_mtime < (onedir / (bundling.APP_NAME + EXE)).stat().st_mtime:
        bundling.make_zip(onedir, archive)
    size, zsize = bundling.tree_size(onedir), archive.stat().st_size
    print(f"onedir {onedir}: {size / 1e6:.1f} MB\nzip    {archive}: {zsize / 1e6:.1f} MB")

    tmp_dir = tempfile.mkdtemp(prefix="kitepkana-smoke-")
    tmp = Path(tmp_dir)
    failed = None
    times: list[float] = []
    try:
        try_portable(archive, tmp / "portable")
        home = tmp / "fresh"
        try_gui_plays(onedir, home)
        try_search(onedir, home)
        lib = try_sync(onedir, tmp)
        try_usb_kit(onedir, lib, archive, tmp)
        times = start_times(onedir, home)
    except (Failed, subprocess.TimeoutExpired, json.JSONDecodeError) as e:
        failed = e
    finally:
        if args.keep or failed:
            print(f"\n(kept {tmp})")
        else:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)

    print("\n== figures")
    over = []
    for label, value, budget, unit in (("onedir", size / 1e6, BUDGET_ONEDIR_MB, "MB"),
                                       ("zip", zsize / 1e6, BUDGET_ZIP_MB, "MB"),
                                       ("start to painted window (median of 5)",
                                        statistics.median(times) if times else float("nan"), BUDGET_START_S, "s")):
        ok = value <= budget
        if not ok:
            over.append(label)
        print(f"    {label}: {value:.2f} {unit} (budget {budget} {unit}) {'ok' if ok else 'OVER'}")
    if times:
        print(f"    start-up runs: {', '.join(f'{t:.3f}' for t in times)} s")
    if failed:
        print(f"\nFAILED: {failed}")
        return 1
    if over and args.strict:
        print(f"\nFAILED: over budget: {', '.join(over)}")
        return 1
    print("\nsmoke test passed" + (f" (over budget: {', '.join(over)})" if over else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
