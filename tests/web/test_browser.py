"""A real browser in the reading room: Debian's Chromium driven by Selenium, in a phone-sized window.

Home page, a search typed in Kyrgyz, a transcript hit opening the lesson at its second, the video playing with
a Kyrgyz subtitle line showing, and a PDF opened from a document's page. The pages carry no script; the test
drives the browser with WebDriver's own script calls only to read the video's state. Skipped (with the reason)
only when Chromium cannot start here: ``apt-get install chromium chromium-driver`` (.ci/run does).

``KITEPKANA_SCREENSHOTS=DIR`` keeps a PNG of each page in DIR.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

PHONE = (390, 844)  # CSS pixels of a common phone
WAIT = 10.0


def _chromium() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)
    return (browser, driver) if browser and driver else None


@pytest.fixture
def browser(tmp_path: Path):
    found = _chromium()
    if found is None:
        pytest.skip("Chromium is not installed: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--mute-audio",
                f"--window-size={PHONE[0]},{PHONE[1]}", "--autoplay-policy=no-user-gesture-required",
                "--no-first-run", "--disable-extensions-except=", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": "ky,ru",
                                              "download.default_directory": str(tmp_path / "downloads")})
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": PHONE[0], "height": PHONE[1],
                                                                          "pixelRatio": 2.0}})
    try:
        driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=found[1]))
    except WebDriverException as e:
        pytest.skip(f"Chromium could not start here: {e.msg.splitlines()[0] if e.msg else e}")
    driver.set_page_load_timeout(20)
    yield driver
    driver.quit()


def _until(condition, what: str, timeout: float = WAIT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"waited {timeout:.0f} s for {what}")


def _shot(driver, name: str) -> None:
    folder = os.environ.get("KITEPKANA_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(folder) / f"reading_room_{name}.png"))


def test_a_visitor_on_a_phone(browser, web) -> None:
    b = browser
    b.get(web.base + "/")
    assert b.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ky"  # the browser's language
    assert b.find_element(By.CSS_SELECTOR, "form.search button").text == "Издөө"
    # mobile first: nothing wider than the phone, the style sheet applied (CSP allows it), no script errors
    assert b.execute_script("return document.documentElement.scrollWidth") <= PHONE[0]
    assert b.find_element(By.CSS_SELECTOR, "header.top").value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"
    _shot(b, "home")

    box = b.find_element(By.ID, "q")
    box.send_keys("интернетсиз")  # Kyrgyz, typed
    box.send_keys(Keys.ENTER)
    _until(lambda: "/search" in b.current_url, "the results page")
    assert "жыйынтык" in b.find_element(By.CSS_SELECTOR, "p.info").text
    assert b.execute_script("return document.documentElement.scrollWidth") <= PHONE[0]
    _shot(b, "search")

    hit = b.find_element(By.CSS_SELECTOR, 'a[href^="/item/lesson-elibrary-ky?t="]')
    hit.click()
    _until(lambda: "/item/lesson-elibrary-ky" in b.current_url, "the lesson")
    video = b.find_element(By.ID, "video")
    b.execute_script("arguments[0].play()", video)  # as the visitor pressing play
    _until(lambda: b.execute_script("return arguments[0].currentTime > 7.2 && !arguments[0].paused", video),
           "the video to play from its second 7")
    cue = _until(lambda: b.execute_script(
        "for (const t of arguments[0].textTracks) { if (t.mode === 'showing' && t.activeCues && t.activeCues.length)"
        " return t.language + ':' + t.activeCues[0].text; } return '';", video), "a subtitle line on screen")
    assert cue.startswith("ky:") and "интернетсиз" in cue
    assert "интернетсиз" in b.find_element(By.CSS_SELECTOR, "ol.cues li.now").text  # the transcript line
    _shot(b, "lesson")

    b.get(web.base + "/item/doc-contest-guide-en")
    frame = b.find_element(By.CSS_SELECTOR, "iframe.pdf")
    assert frame.size["width"] <= PHONE[0]
    b.find_element(By.PARTIAL_LINK_TEXT, "PDF").click()
    _until(lambda: "/media/" in b.current_url, "the PDF")
    # Chromium shows a PDF in its own viewer: an <embed> of type application/pdf, not a download
    _until(lambda: b.execute_script(
        "return document.contentType === 'application/pdf' || !!document.querySelector('embed[type=\"application/pdf\"]')"),
        "the PDF viewer")
    # its pages drawn: the empty viewer is one grey area (a PNG of ~7 KB), the guide's pages are text (~450 KB)
    _until(lambda: len(b.get_screenshot_as_png()) > 60_000, "the PDF's pages on screen", timeout=15)
    _shot(b, "pdf")
