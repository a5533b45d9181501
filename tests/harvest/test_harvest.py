"""The harvester against a realistic portal site on loopback: what it writes, what it fetches, what it keeps."""

from __future__ import annotations

from app.authoring import load_folder
from app.progress import ProgressEvent, Stage
from sync.harvest.run import harvest
from tests.harvest.conftest import fast
from tests.harvest.site import Item


def test_first_harvest_writes_a_folder_that_loads(site, out) -> None:
    report = harvest(site.base + "/?lang=ru", out, options=fast())
    catalog = load_folder(out)  # raises if anything is wrong
    by_id = {i.id: i for i in catalog.items}
    assert set(report.new) == set(by_id)
    # ids come from the page's identity: section route + site id + language
    assert {"practices-single-practice-id-1-ru", "practices-single-practice-id-1-ky", "events-single-event-id-56-ru",
            "lessons-single-lesson-id-3-ru", "news-old-page-id-7-ru"} <= set(by_id)
    # list pages, the home page and the short "about" page are not items
    assert not [i for i in by_id if i.startswith(("practices-ru", "lessons-ru", "about"))]
    kinds = {i.id: i.kind for i in catalog.items}
    assert kinds["practices-single-practice-id-1-ru"] == "practice" and kinds["events-single-event-id-56-ru"] == "event"
    assert kinds["lessons-single-lesson-id-3-ru"] == "lesson" and kinds["news-old-page-id-7-ru"] == "document"
    # the boilerplate stays out, the text is in
    body = by_id["practices-single-practice-id-1-ru"].body_md
    assert "Зеленоборская модель" in body and "Все права защищены" not in body and "Киевская" not in body
    # language versions are linked; topics and regions mapped to our taxonomy by their ky/ru labels
    assert by_id["practices-single-practice-id-1-ru"].translation_of == "practices-single-practice-id-1-ky"
    assert by_id["practices-single-practice-id-1-ky"].region == "chui"
    assert by_id["practices-single-practice-id-1-ru"].region == "chui"
    assert by_id["practices-single-practice-id-1-ru"].topics == ("participatory-budgeting",)
    # windows-1251 decoded
    assert "Иссык-Кульская область" in by_id["news-old-page-id-7-ru"].body_md
    # files: the event's PDF, the lesson's video with both subtitle tracks, yt-dlp's video from a player page
    event = by_id["events-single-event-id-56-ru"]
    assert [f.role for f in event.files] == ["attachment"] and event.starts.startswith("2024-05-14")
    lesson = by_id["lessons-single-lesson-id-3-ru"]
    assert sorted(f.role for f in lesson.files) == ["subtitles", "subtitles", "video"]
    assert [f.role for f in by_id["lessons-single-lesson-id-4-ru"].files] == ["video"]  # through yt-dlp
    # one PDF, stored once though two pages link it
    assert len({f.sha256 for i in catalog.items for f in i.files if f.role == "attachment"}) == 1
    # per-URL problems: the 500 page, the video host that does not answer; never a crash
    codes = {p["code"] for p in report.problems}
    assert "video_unreachable" in codes and "http_error" in codes
    assert any("id=99" in u for u in report.failed)
    # robots.txt: the footer links /admin/login and /feedback.php on every page, each item its print version
    # (disallowed with wildcards: /*print=, /*.php$); none was ever requested
    assert site.requested("/admin") == [] and site.requested("/feedback.php") == []
    assert not [p for p, _, _ in site.log if "print=" in p]


def test_unchanged_site_costs_little_and_changes_nothing(site, out) -> None:
    first = harvest(site.base + "/?lang=ru", out, options=fast())
    sent_first = site.bytes_sent()
    snapshot = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    second = harvest(site.base + "/?lang=ru", out, options=fast())
    sent_second = site.bytes_sent() - sent_first
    # connections kept alive (at most 4 at once with the rate off), not one per page: a TLS handshake each would
    # cost more than the 304 itself
    second_ports = site.ports[len(site.ports) - second.requests:]
    assert len(set(second_ports)) <= 5 < second.requests, (len(set(second_ports)), second.requests)
    assert second.new == [] and second.changed == [] and sorted(second.unchanged) == sorted(first.new)
    assert sent_second < 0.02 * sent_first, (sent_second, sent_first)
    assert second.bytes_transferred < 0.02 * first.bytes_transferred
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == snapshot


def test_edit_arrives_removal_waits_for_three_runs(site, out) -> None:
    harvest(site.base + "/?lang=ru", out, options=fast())
    practice = site.item("practices", 2, "ru")
    practice.text += "\n\nДобавлено позже: новый резервуар на 50 кубометров."
    site.items.remove(site.item("practices", 1, "ru"))  # its Kyrgyz version still links to it: a 404 each run
    gone = "practices-single-practice-id-1-ru"
    path = out / "practices" / f"{gone}.md"
    r = harvest(site.base + "/?lang=ru", out, options=fast())
    assert "practices-single-practice-id-2-ru" in r.changed
    assert set(r.changed) <= {"practices-single-practice-id-2-ru", "practices-single-practice-id-1-ky"}
    assert "новый резервуар" in (out / "practices" / "practices-single-practice-id-2-ru.md").read_text("utf-8")
    assert r.waiting == {gone: 1} and path.is_file()
    r = harvest(site.base + "/?lang=ru", out, options=fast())
    assert r.waiting == {gone: 2} and path.is_file() and r.deleted == []
    r = harvest(site.base + "/?lang=ru", out, options=fast())
    assert r.deleted == [gone] and not path.exists()
    # each missing run was a real answer: a page that is still an item is asked every run, however long gone
    assert len(site.requested("/practices/single-practice?id=1&lang=ru")) == 4
    load_folder(out)


def test_failing_page_keeps_its_item(site, out) -> None:
    # an event with a recording too: the recording is an item of its own with the page's address + #video
    site.items.append(Item("events", 57, "ru", "Запись форума айыл окмоту", "Форум собрал глав айыл окмоту из всех "
                           "областей; запись выступлений доступна ниже. " * 4,
                           extra='<video controls src="/media/lesson-3.mp4"></video>'))
    r = harvest(site.base + "/?lang=ru", out, options=fast(videos=False))
    assert {"events-single-event-id-57-ru", "events-single-event-id-57-video-ru"} <= set(r.new)
    site.broken |= {"/practices/single-practice?lang=ru&id=3", "/events/single-event?lang=ru&id=57"}
    before = (out / "practices" / "practices-single-practice-id-3-ru.md").read_bytes()
    # delete_after=1: a page counted missing even once would be deleted at once
    r = harvest(site.base + "/?lang=ru", out, options=fast(videos=False, delete_after=1))
    assert r.deleted == [] and r.waiting == {}  # neither the failing pages' items nor the recording is missing
    assert (out / "practices" / "practices-single-practice-id-3-ru.md").read_bytes() == before
    load_folder(out)


def test_partial_crawl_deletes_nothing(site, out) -> None:
    harvest(site.base + "/?lang=ru", out, options=fast())
    for _ in range(3):
        r = harvest(site.base + "/?lang=ru", out, options=fast(max_pages=3))
        assert not r.complete and r.deleted == [] and r.waiting == {}
    load_folder(out)


def test_budget_skips_files_and_says_so(site, out) -> None:
    r = harvest(site.base + "/?lang=ru", out, options=fast(budget_mb=0.1, videos=False))
    assert any("presentation-56.pdf" in s["url"] or "lesson-3.mp4" in s["url"] for s in r.skipped)
    assert all(s["reason"] for s in r.skipped)
    load_folder(out)
    # the next run (its pages unchanged) fetches what the budget left out
    assert "lesson-3.mp4" in str(r.skipped)
    # the next run (its pages unchanged) fetches what the budget left out, and videos, now switched on
    r = harvest(site.base + "/?lang=ru", out, options=fast())
    assert r.skipped == [] and {"lessons-single-lesson-id-3-ru", "lessons-single-lesson-id-4-ru"} <= set(r.changed)
    files = {i.id: i.files for i in load_folder(out).items}
    assert sorted(f.role for f in files["lessons-single-lesson-id-3-ru"]) == ["subtitles", "subtitles", "video"]
    assert [f.role for f in files["lessons-single-lesson-id-4-ru"]] == ["video"]  # yt-dlp, though its page is as it was


def test_a_site_that_lost_most_pages_is_not_believed(site, out) -> None:
    first = harvest(site.base + "/?lang=ru", out, options=fast(videos=False))
    site.items = [i for i in site.items if i.section == "events"]  # maintenance, or addresses that all changed
    r = harvest(site.base + "/?lang=ru", out, options=fast(videos=False))
    assert not r.complete and r.waiting == {} and "mass_missing" in {p["code"] for p in r.problems}
    r = harvest(site.base + "/?lang=ru", out, options=fast(videos=False, max_missing=1.0))  # --allow-mass-delete
    assert r.complete and len(r.waiting) == len(first.new) - 3 == 8  # the events and the old page remain


def test_a_page_kept_for_a_failed_file_is_read_again(site, out) -> None:
    harvest(site.base + "/?lang=ru", out, options=fast(videos=False))
    site.item("events", 56, "ru").text += "\n\nДобавлено: запись семинара скоро появится."
    site.routes["/files/presentation-56.pdf"] = (503, b"busy", "text/plain", {})
    r = harvest(site.base + "/?lang=ru", out, options=fast(videos=False))
    page = out / "events" / "events-single-event-id-56-ru.md"
    assert "events-single-event-id-56-ru" not in r.changed and "запись семинара" not in page.read_text("utf-8")
    del site.routes["/files/presentation-56.pdf"]
    r = harvest(site.base + "/?lang=ru", out, options=fast(videos=False))  # the page itself answers 304 now
    assert "events-single-event-id-56-ru" in r.changed and "запись семинара" in page.read_text("utf-8")



def test_a_harvest_reports_typed_progress(site, out) -> None:
    """The same ProgressEvent as sync and import: the start page, the sitemap, each page of the pages known so far,
    the files, writing the folder, done; the job's bar counts pages and only moves forwards."""
    seen: list[tuple[int, int, ProgressEvent]] = []
    report = harvest(site.base + "/?lang=ru", out, options=fast(videos=False),
                     progress=lambda done, total, event: seen.append((done, total, event)))
    events = [e for _d, _t, e in seen]
    assert all(isinstance(e, ProgressEvent) for e in events)
    stages = list(dict.fromkeys(e.stage for e in events))
    assert stages == [Stage.CONNECT, Stage.DISCOVER, Stage.PAGES, Stage.FILES, Stage.STORE, Stage.DONE], stages
    assert events[0].item == site.base + "/?lang=ru" and events[-1] == ProgressEvent(Stage.DONE, report.pages_seen,
                                                                                      report.pages_seen)
    assert site.base + "/sitemap.xml" in {e.item for e in events if e.stage == Stage.DISCOVER}
    pages = [e for e in events if e.stage == Stage.PAGES]
    assert site.base + "/practices/single-practice?id=1&lang=ru" in {e.item for e in pages}
    assert all(0 <= e.done < e.total for e in pages) and [e.done for e in pages] == sorted(e.done for e in pages)
    assert site.base + "/files/presentation-56.pdf" in {e.item for e in events if e.stage == Stage.FILES}
    assert [d for d, _t, _e in seen] == sorted(d for d, _t, _e in seen) and all(d <= t for d, t, _e in seen)
