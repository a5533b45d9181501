"""The sitemap's <lastmod>: pages it dates as unchanged since they were last asked are not asked again; a site
whose dates do not follow its pages is found out and then asked in full; items taken as written are not parsed
or written again."""

from __future__ import annotations

import json
import time

import pytest

from app.authoring import load_folder
from sync.harvest.discover import lastmod_until, sitemap_dates
from sync.harvest.run import default_state_dir, harvest
from tests.harvest.conftest import fast

ITEM_PAGES = "/practices/single-practice?id=2&lang=ru"


def _utc(text: str) -> float:
    return time.mktime(time.strptime(text, "%Y-%m-%d %H:%M:%S")) - time.timezone


@pytest.mark.parametrize("value, until", [
    ("2024-05-14", "2024-05-15 14:00:00"),  # a date alone: edits later that day keep it; any time zone
    ("2024-05-14T10:15:30+06:00", "2024-05-14 04:15:31"),  # to the second, Bishkek time
    ("2024-05-14T10:15Z", "2024-05-14 10:16:00"),  # to the minute
    ("2024-05-14T10:15:30.25Z", "2024-05-14 10:15:31"),
])
def test_lastmod_dates_and_their_precision(value: str, until: str) -> None:
    assert lastmod_until(value) == _utc(until)


def test_lastmod_that_is_no_date_is_not_used() -> None:
    assert lastmod_until("yesterday") is None and lastmod_until("2024-13-45") is None
    text = ("<urlset><url><loc>/a?x=1&amp;lang=ru</loc><lastmod> 2024-05-14 </lastmod></url>"
            "<url><loc>/b</loc></url></urlset>")
    assert sitemap_dates(text, "http://portal.kg/") == {"http://portal.kg/a?lang=ru&x=1": "2024-05-14"}


def test_pages_the_sitemap_dates_unchanged_are_not_asked(site, out) -> None:
    first = harvest(site.base + "/?lang=ru", out, options=fast(videos=False))
    files = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*.md")}
    start = len(site.log)
    second = harvest(site.base + "/?lang=ru", out, options=fast(videos=False))
    asked = [p for p, _, _ in site.log[start:]]
    assert second.not_asked == len(first.new) - 1 == 10  # every item page but the windows-1251 one (not dated)
    assert not [p for p in asked if "single-" in p and "id=99" not in p], asked  # only the page answering 500
    assert sorted(second.unchanged) == sorted(first.new) and second.new == second.changed == []
    # taken as written: neither rewritten nor touched
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*.md")} == files
    # an edit moves the page's date: it is asked and the edit arrives
    site.item("practices", 2, "ru").text += "\n\nДобавлено: новый насос."
    third = harvest(site.base + "/?lang=ru", out, options=fast(videos=False))
    assert third.changed == ["practices-single-practice-id-2-ru"] and third.not_asked == 9
    assert "новый насос" in (out / "practices" / "practices-single-practice-id-2-ru.md").read_text("utf-8")
    load_folder(out)


def _age(out, days: float) -> None:
    """As if the pages had last been asked ``days`` ago."""
    path = default_state_dir(out) / "http-cache.json"
    cache = json.loads(path.read_text("utf-8"))
    for entry in cache.values():
        if entry.get("checked"):
            entry["checked"] -= days * 86400
    path.write_text(json.dumps(cache), "utf-8")


def test_a_sitemap_whose_dates_stand_still_is_found_out(site, out) -> None:
    harvest(site.base + "/?lang=ru", out, options=fast(videos=False))
    site.lastmods = "frozen"  # a CMS that never updates <lastmod>
    site.item("practices", 2, "ru").text += "\n\nДобавлено: новый насос."
    page = out / "practices" / "practices-single-practice-id-2-ru.md"
    r = harvest(site.base + "/?lang=ru", out, options=fast(videos=False))
    assert r.changed == [] and "новый насос" not in page.read_text("utf-8")  # its date says it is as it was
    _age(out, 3)
    r = harvest(site.base + "/?lang=ru", out, options=fast(videos=False))
    assert r.changed == [] and r.not_asked == 10  # not yet due: asked again after 3½ to 7 days
    _age(out, 7)
    start = len(site.log)
    r = harvest(site.base + "/?lang=ru", out, options=fast(videos=False))
    assert r.changed == ["practices-single-practice-id-2-ru"] and "новый насос" in page.read_text("utf-8")
    assert r.not_asked == 0 and ITEM_PAGES in [p for p, _, _ in site.log[start:]]
    assert "lastmod_unreliable" in {p["code"] for p in r.problems}
    # from now on every page is asked on every run
    r = harvest(site.base + "/?lang=ru", out, options=fast(videos=False))
    assert r.not_asked == 0 and r.changed == []
    load_folder(out)


def test_a_state_from_before_reads_its_items_once(site, out) -> None:
    harvest(site.base + "/?lang=ru", out, options=fast(videos=False))
    state_path = default_state_dir(out) / "state.json"
    state = json.loads(state_path.read_text("utf-8"))
    for info in state["items"].values():  # what a state written before kinds and translations were kept has
        del info["kind"], info["translation_of"]
    state.pop("media_check")
    state_path.write_text(json.dumps(state), "utf-8")
    files = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    r = harvest(site.base + "/?lang=ru", out, options=fast(videos=False))
    assert r.changed == r.new == r.deleted == [] and len(r.unchanged) == 11
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == files
    assert all("translation_of" in i for i in json.loads(state_path.read_text("utf-8"))["items"].values())
