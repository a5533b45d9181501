"""The reading room's main pages (app/web/) as a phone shows them, to look at: headless Chromium driven by Selenium
(Debian's ``chromium`` + ``chromium-driver``, as tests/web/test_browser.py) at phone size, in ky and ru::

    python build/render_screens.py reading-room --lang ky,ru        # into build/out/screens/, web_<page>_<lang>.png

Beside build/render_screens.py (which renders the desktop's screens and runs this for ``reading-room``) to keep
both modules under 500 lines. Nothing goes to the network: the sample library is served on loopback.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WEB_PAGES = ("home", "search", "section", "practice", "lesson", "document", "topics")
PHONE = (390, 844)  # CSS pixels of a common phone, as tests/web/test_browser.py


def render_reading_room(out: Path, langs: list[str], *, content: dict[str, dict[str, str]], suffix: str = "",
                        size: tuple[int, int] = PHONE) -> list[Path]:
    """The reading room's main pages as a phone shows them: headless Chromium driven by Selenium (Debian's
    ``chromium`` + ``chromium-driver``, as tests/web/test_browser.py) at ``size`` CSS pixels (device pixel
    ratio 2), the page language chosen with the site's own switch. Files: ``web_<page>_<lang><suffix>.png``
    for ``WEB_PAGES``; ``content``: what each language shows (render_screens.CONTENT: a query, a practice, a
    document and a lesson)."""
    from selenium import webdriver

    from app.library import Library
    from app.web.limits import Limits
    from app.web.server import ReadingRoom

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_exe = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if browser is None or not Path(driver_exe).exists():
        raise SystemExit("Chromium is needed: apt-get install chromium chromium-driver")
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="kitepkana-web-screens-"))
    written: list[Path] = []
    try:
        library = Library.open(work / "library")
        library.import_sample_if_empty()
        library.ensure_index()
        room = ReadingRoom(library, host="127.0.0.1", port=0, limits=Limits(requests_per_minute=0)).start()
        options = webdriver.ChromeOptions()
        options.binary_location = browser
        for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--mute-audio",
                    "--hide-scrollbars", f"--window-size={size[0]},{size[1]}", "--no-first-run",
                    f"--user-data-dir={work / 'profile'}"):
            options.add_argument(arg)
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {
            "width": size[0], "height": size[1], "pixelRatio": 2.0}})
        driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=driver_exe))
        driver.set_page_load_timeout(30)
        base = f"http://127.0.0.1:{room.port}"
        try:
            for lang in langs:
                shown = content.get(lang, content["ky"])
                pages = {"home": "/", "search": f"/search?q={shown['query']}", "section": "/practices",
                         "practice": f"/item/{shown['practice']}", "lesson": f"/item/{shown['lesson']}?t=7",
                         "document": f"/item/{shown['document']}", "topics": "/topics"}
                driver.get(f"{base}/lang/{lang}?next=/")  # the site's language switch (a cookie)
                for name in WEB_PAGES:
                    driver.get(base + pages[name])
                    time.sleep(1.0 if name in ("lesson", "document") else 0.3)  # a video frame, the PDF viewer
                    path = out / f"web_{name}_{lang}{suffix}.png"
                    driver.save_screenshot(str(path))
                    written.append(path)
        finally:
            driver.quit()
            room.stop()
            library.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return written


def reading_room_main(argv: list[str], *, content: dict[str, dict[str, str]]) -> int:
    parser = argparse.ArgumentParser(prog="render_screens.py reading-room",
                                     description="the reading room's pages in Chromium at phone size")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "out" / "screens", help="folder for the PNGs")
    parser.add_argument("--lang", default="ky,ru", help="comma-separated page languages (ky,ru,en)")
    parser.add_argument("--suffix", default="", help="added to every file name")
    args = parser.parse_args(argv)
    written = render_reading_room(args.out, [s.strip() for s in args.lang.split(",") if s.strip()],
                                  content=content, suffix=args.suffix)
    print(f"{len(written)} reading-room screens in {args.out}")
    return 0
