"""The harvester's manners and its robustness: robots.txt wildcards, pages that are gone, files from the site's
CDN (never its pages), address spellings, redirect loops, huge pages, broken HTML."""

from __future__ import annotations

import io
from itertools import pairwise
from pathlib import Path

import pytest

from app.authoring import load_folder
from app.progress import Stage, TerminalProgress
from sync.harvest.cache import HttpCache
from sync.harvest.extract import main_text, scan
from sync.harvest.fetch import USER_AGENT, Fetcher, FetchError
from sync.harvest.recipe import Recipe
from sync.harvest.robots import Robots
from sync.harvest.run import harvest
from sync.harvest.urls import identity, normalise
from tests.harvest.conftest import fast
from tests.harvest.site import PDF, Item, PortalSite

CMS_ROBOTS = """# a CMS's robots.txt
User-agent: *
Disallow: /*?print=
Disallow: /*.php$
Disallow: /private/
Allow: /private/open$
Disallow: /новости/архив
Crawl-delay: 2
Sitemap: https://example.kg/sitemap.xml
"""


@pytest.mark.parametrize("path, allowed", [
    ("/events/single-event?print=1", False),  # * in the middle
    ("/events/single-event?id=56", True),
    ("/index.php", False),  # $: the address ends there
    ("/index.php?id=3", True),
    ("/private/notes", False),
    ("/private/open", True),  # the longer Allow wins
    ("/private/open/more", False),
    ("/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/%D0%B0%D1%80%D1%85%D0%B8%D0%B2/1", False),  # /новости/архив/1
    ("/robots.txt", True),
])
def test_robots_wildcards(path: str, allowed: bool) -> None:
    robots = Robots.parse("\ufeff" + CMS_ROBOTS)  # a byte-order mark, as Windows editors write
    assert robots.allowed(USER_AGENT, "https://example.kg" + path) is allowed
    assert robots.crawl_delay(USER_AGENT) == 2.0 and robots.sitemaps == ["https://example.kg/sitemap.xml"]


def test_robots_groups_and_ties() -> None:
    robots = Robots.parse("User-agent: Googlebot\nUser-agent: KitepkanaHarvester\nDisallow: /only-us\n\n"
                          "User-agent: *\nDisallow: /\n\nUser-agent: *\nAllow: /same\nDisallow: /same\n")
    assert not robots.allowed(USER_AGENT, "https://example.kg/only-us/x")  # our own group, not '*'
    assert robots.allowed(USER_AGENT, "https://example.kg/anything")
    star = Robots.parse("User-agent: *\nAllow: /same\nDisallow: /same\nDisallow:\n")
    assert star.allowed("Other/1.0", "https://example.kg/same")  # a tie: Allow wins
    assert Robots.parse("").allowed(USER_AGENT, "https://example.kg/x")


def test_addresses_have_one_spelling() -> None:
    assert normalise("HTTP://Example.KG:80/a//b/?utm_source=mail&b=2&a=1&fbclid=x#top") == "http://example.kg/a/b?a=1&b=2"
    assert normalise("../c/", "https://example.kg/a/b/") == "https://example.kg/a/c"
    assert normalise("https://example.kg/а") == normalise("https://example.kg/%d0%b0") == "https://example.kg/%D0%B0"
    assert normalise("https://example.kg:8443/") == "https://example.kg:8443/"
    assert [normalise(u) for u in ("mailto:a@b.kg", "javascript:void(0)", "ftp://x.kg/f", "http://[bad")] == [None] * 4
    assert identity(normalise("https://x.kg/events/single-event?lang=ru&id=56")) == \
        identity(normalise("https://x.kg/events/single-event?id=56&lang=ky"))


def test_gone_pages_are_asked_again_only_after_a_pause(tmp_path: Path) -> None:
    cache = HttpCache(tmp_path)
    url, day = "https://x.kg/p?lang=ky&id=2", 24 * 3600.0
    cache.mark_gone(url, now=0)
    assert cache.still_gone(url, now=10) and not cache.still_gone(url, now=20)  # gone once: one run skipped
    cache.mark_gone(url, now=30)
    assert all(cache.still_gone(url, now=40 + n) for n in range(3)) and not cache.still_gone(url, now=50)
    cache.mark_gone(url, now=60)
    assert cache.still_gone(url, now=70) and not cache.still_gone(url, now=60 + 7 * day)  # or after a week
    cache.save()
    assert HttpCache(tmp_path).get(url).gone == 3  # remembered between runs


def test_dead_links_cost_nothing_on_the_next_run(site, out) -> None:
    def asked() -> int:  # the language switch of a page written only in Russian (asked as normalised)
        return len(site.requested("/practices/single-practice?id=2&lang=ky"))

    opts = fast(videos=False)
    shown = io.StringIO()
    shown.isatty = lambda: True  # a terminal: the bar is drawn
    bar = TerminalProgress("Harvesting", stream=shown)
    calls = []
    first = harvest(site.base + "/?lang=ru", out, options=opts, progress=lambda *a: (calls.append(a), bar(*a)))
    bar.finish()
    assert asked() == 1
    (done, total, last) = calls[-1]
    assert (done, total, last.stage) == (first.pages_seen, first.pages_seen, Stage.DONE)
    assert all(d <= t for d, t, _ in calls)
    assert "Harvesting [" in shown.getvalue() and "100%" in shown.getvalue()
    r = harvest(site.base + "/?lang=ru", out, options=opts)
    assert asked() == 1 and r.new == [] and r.changed == []  # remembered: not asked again
    harvest(site.base + "/?lang=ru", out, options=opts)
    assert asked() == 2  # asked again after one run; still gone: now it rests three runs
    site.items.append(Item("practices", 2, "ky", "Кочкор-Ата айылынын суу түтүгү", "Айылдын тургундары ичүүчү суу "
                           "керектөөчүлөрдүн бирикмесин түзүп, суу түтүгүн оңдошту. " * 4))
    r = harvest(site.base + "/?lang=ru", out, options=opts)
    assert asked() == 3 and r.new == ["practices-single-practice-id-2-ky"]  # the sitemap lists it now: asked
    load_folder(out)


@pytest.fixture
def cdn():
    s = PortalSite()
    s.base = s.start()
    yield s
    s.stop()


def test_files_from_a_listed_file_host_never_its_pages(site, cdn, out) -> None:
    cdn.files = {"/files/report-5.pdf": (PDF.read_bytes(), "application/pdf"),
                 "/files/moved.pdf": (PDF.read_bytes() + b"\n% moved\n", "application/pdf"),
                 "/admin/secret.pdf": (PDF.read_bytes() + b"\n% secret\n", "application/pdf")}
    site.routes["/files/old-report.pdf"] = (302, b"", "text/html", {"Location": cdn.base + "/files/moved.pdf"})
    site.items.append(Item("practices", 5, "ru", "Отчёт о бюджете участия", "Жители айыльного аймака обсудили "
                           "отчёт о расходах местного бюджета за прошлый год на открытом собрании. " * 3,
                           extra=f'<p><a href="{cdn.base}/files/report-5.pdf">Отчёт (PDF)</a> '
                                 f'<a href="/files/old-report.pdf">Прошлый отчёт (PDF)</a> '
                                 f'<a href="{cdn.base}/admin/secret.pdf">Служебное (PDF)</a> '
                                 f'<a href="{cdn.base}/about?lang=ru">О хранилище</a></p>'))
    r = harvest(site.base + "/?lang=ru", out, options=fast(videos=False))
    assert cdn.log == [] and any("another site" in p["message"] for p in r.problems)
    r = harvest(site.base + "/?lang=ru", out, options=fast(videos=False, file_hosts=(cdn.base,)))
    item = {i.id: i for i in load_folder(out).items}["practices-single-practice-id-5-ru"]
    assert [f.role for f in item.files] == ["attachment", "attachment"]  # direct, and through a redirect
    assert cdn.requested("/robots.txt") and cdn.requested("/files/report-5.pdf") and cdn.requested("/files/moved")
    assert not cdn.requested("/admin") and not cdn.requested("/about")  # its robots.txt; never a page
    assert Recipe({"file_hosts": ["cdn.example.kg", "https://files.example.kg/"],
                   "sections": [{"name": "x", "kind": "event", "item": {"path": "/x"}}]}, "r").file_hosts == \
        ["cdn.example.kg", "files.example.kg"]


def test_redirect_loops_huge_pages_and_dates(site, tmp_path: Path) -> None:
    site.routes["/loop-a"] = (302, b"", "text/html", {"Location": "/loop-b"})
    site.routes["/loop-b"] = (301, b"", "text/html", {"Location": "/loop-a?utm_source=x"})  # the same page
    site.routes["/huge"] = (200, b"<html><body>" + b"x" * 3_000_000, "text/html", {})
    fetcher = Fetcher(site.base, HttpCache(tmp_path), rate=0, retries=0, max_page_bytes=1_000_000)
    try:
        fetcher.load_robots()
        with pytest.raises(FetchError) as e:
            fetcher.get_page(site.base + "/loop-a")
        assert e.value.code == "redirect_loop" and e.value.kind == "refused"
        before = fetcher.bytes_in
        with pytest.raises(FetchError) as e:
            fetcher.get_page(site.base + "/huge")
        assert e.value.code == "too_big" and fetcher.bytes_in - before < 10_000  # its Content-Length said so
        with pytest.raises(FetchError) as e:
            fetcher.get_page(site.base + "/events?print=1")
        assert "robots.txt" in str(e.value)
        # a server that gives only Last-Modified: the second request is answered 304 from it
        date = "Tue, 14 May 2024 10:00:00 GMT"
        site.routes["/dated"] = (200, b"<html><body><p>" + b"x" * 5000 + b"</p></body></html>", "text/html",
                                 {"Last-Modified": date})
        assert not fetcher.get_page(site.base + "/dated").not_modified
        again = fetcher.get_page(site.base + "/dated")
        assert again.not_modified and len(again.body) > 5000 and site.log[-1][1:] == (304, 0)
    finally:
        fetcher.close()


def test_broken_html_is_read() -> None:
    broken = ("<html><head><title>Сломанная страница</title><body><div class=menu><a href=/?lang=ru>Главная</a>"
              "<article><h1>Сход граждан в селе Ак-Суу<p>Жители обсудили ремонт дороги и школы <b>и выбрали "
              "подрядчика<p>Решение схода направлено в айыл окмоту.\x00 Работы начнутся весной, а отчёт о расходах "
              "опубликуют на доске объявлений.</td></table><a href='/doc.pdf?utm_source=x#p2'>Решение (PDF)</a>"
              "<p>Сход прошёл при участии депутатов айылного кенеша и жителей всех трёх сёл аймака.")
    ex = scan("https://example.kg/news/1", broken)
    assert ex.title == "Сход граждан в селе Ак-Суу" and ex.attachments[0][0] == "https://example.kg/doc.pdf"
    main_text(ex, broken)
    assert "подрядчика" in ex.body_md and "Главная" not in ex.body_md and ex.lang == "ru"


def test_a_site_without_validators_is_told(site, out) -> None:
    site.etags = False
    r = harvest(site.base + "/?lang=ru", out, options=fast(videos=False, max_pages=8))
    assert "no_validators" in {p["code"] for p in r.problems}
    site.etags = True
    r = harvest(site.base + "/?lang=ru", out, options=fast(videos=False, max_pages=8))
    assert "no_validators" not in {p["code"] for p in r.problems}


def test_several_connections_only_when_the_rate_allows(site, tmp_path: Path) -> None:
    site.delay = 0.15  # slower than the rate's interval: one connection would leave the rate unused
    site.broken.clear()
    opts = fast(videos=False, max_pages=8)
    r = harvest(site.base + "/?lang=ru", tmp_path / "a", options=opts)  # no limit: up to 4 requests at once
    assert 2 <= site.most_at_once <= 4 and r.pages_seen == 8
    site.most_at_once, start = 0, len(site.arrivals)
    harvest(site.base + "/?lang=ru", tmp_path / "b", options=fast(videos=False, max_pages=8, rate=10))
    assert 2 <= site.most_at_once <= 4  # 10 a second: several connections, but never more than 10 a second
    arrivals = site.arrivals[start:]
    # each request waits for its turn (the threads only add a little jitter to when it leaves)
    assert arrivals[-1] - arrivals[0] >= 0.1 * (len(arrivals) - 1) - 0.05, arrivals
    assert min(b - a for a, b in pairwise(arrivals)) >= 0.04, arrivals
    site.most_at_once = 0
    harvest(site.base + "/?lang=ru", tmp_path / "c", options=fast(videos=False, max_pages=3, rate=3))
    assert site.most_at_once == 1  # 3 a second: one connection, as a polite crawler keeps
