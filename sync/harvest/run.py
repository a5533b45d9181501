"""One harvest: crawl a site, turn its pages into items of an authoring folder, report what happened.

Crawl order: robots.txt (its sitemaps), ``/sitemap.xml``, the start page, then links within the site (a
recipe's sections instead, in recipe mode). A page that fails keeps its item; one that is gone, or no longer
linked, counts a missing run (:mod:`sync.harvest.writer`). Nothing one page does can stop the run.

A page whose sitemap ``<lastmod>`` has not moved since it was last asked is not asked at all
(:meth:`sync.harvest.cache.HttpCache.unasked`): its items as written, its links as read then. Such a page is still
asked every few days; when one of those answers shows a changed item under an unchanged date, the site's dates
are not believed any more (``state.json``: ``sitemap_lastmod``), and every page is asked on every run.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from app import __version__
from app.paths import sample_catalog_dir
from app.progress import Cancelled, Progress, ProgressEvent, Stage
from sync.harvest import discover
from sync.harvest.cache import HttpCache
from sync.harvest.errors import HarvestError
from sync.harvest.extract import Extracted, main_text, scan
from sync.harvest.fetch import Fetcher, FetchError, Page
from sync.harvest.items import ItemBuilder
from sync.harvest.urls import host_name, normalise
from sync.harvest.writer import Folder


@dataclass
class Options:
    recipe: Path | None = None
    max_pages: int | None = None
    rate: float = 1.0  # requests per second; 0 = no limit
    budget_mb: float = 2000.0  # files fetched per run
    delete_after: int = 3
    videos: bool = True
    retries: int = 3
    backoff: float = 1.0
    timeout: float = 20.0
    min_text: int = 150  # characters of main text a page needs to be an item (generic mode)
    file_hosts: tuple[str, ...] = ()  # other hosts that may serve files (never pages), added to the recipe's
    max_missing: float = 0.5  # a run missing more of the known items than this share counts none missing
    max_page_mb: float = 8.0  # a bigger page is refused (reported), never read into memory whole
    state_dir: Path | None = None
    lastmod: bool = True  # believe the sitemap's <lastmod> (--ignore-lastmod: ask every page every run)
    connections: int = 4  # at most this many requests at once, when the rate allows more than 4 a second


@dataclass
class HarvestReport:
    site: str
    folder: str
    pages_seen: int = 0
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # addresses whose items were kept as they were
    deleted: list[str] = field(default_factory=list)
    waiting: dict[str, int] = field(default_factory=dict)  # id → runs missing (deleted at delete_after)
    files_fetched: int = 0
    file_bytes: int = 0
    bytes_transferred: int = 0
    requests: int = 0
    not_asked: int = 0  # pages taken as unchanged on the sitemap's word, without a request
    skipped: list[dict] = field(default_factory=list)  # {url, page, reason, size}
    converted: list[str] = field(default_factory=list)  # videos converted to MP4 (WebM…) with ffmpeg
    problems: list[dict] = field(default_factory=list)  # {url, code, message}
    complete: bool = True
    seconds: float = 0.0

    def problem(self, url: str, code: str, message: str) -> None:
        self.problems.append({"url": url, "code": code, "message": message})

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def changed_anything(self) -> bool:
        return bool(self.new or self.changed or self.deleted)


def default_state_dir(folder: Path) -> Path:
    folder = Path(folder).resolve()
    return folder.parent / f"{folder.name}.harvest"


def _settings(options: Options, file_hosts) -> str:
    """What an item's content depends on besides its page: when it changes, unchanged pages are read again."""
    recipe = hashlib.sha256(options.recipe.read_bytes()).hexdigest() if options.recipe else ""
    return json.dumps([__version__, recipe, sorted(file_hosts), options.videos, options.min_text])


class _Run:
    def __init__(self, url: str, out: Path, options: Options, progress: Progress | None,
                 cancelled: Cancelled | None) -> None:
        self.options = options
        self.progress = progress or (lambda d, t, m: None)
        self.cancelled = cancelled or (lambda: False)
        self.state_dir = options.state_dir or default_state_dir(out)
        self.cache = HttpCache(self.state_dir)
        self.recipe = None
        if options.recipe:
            from sync.harvest.recipe import load_recipe

            self.recipe = load_recipe(options.recipe)
        hosts = [*map(host_name, options.file_hosts), *(self.recipe.file_hosts if self.recipe else [])]
        if None in hosts:
            raise HarvestError(f"--file-host takes host names such as cdn.example.kg (got {options.file_hosts})",
                               code="bad_url")
        self.fetcher = Fetcher(url, self.cache, rate=options.rate, retries=options.retries, backoff=options.backoff,
                               timeout=options.timeout, max_page_bytes=int(options.max_page_mb * 1_000_000),
                               file_hosts=hosts, cancelled=self.cancelled)
        self.folder = Folder(out, self.state_dir, sample_catalog_dir() / "_taxonomy")
        self.report = HarvestReport(site=self.fetcher.start, folder=str(out))
        self.items = ItemBuilder(self.folder, self.fetcher, self.report, self.recipe, options,
                                 settings=_settings(options, self.fetcher.file_hosts), progress=self._say)
        self.queue: deque[str] = deque()
        self.seen: set[str] = set()
        self.passed_over: set[str] = set()  # refused (robots.txt, another site) or not wanted by the recipe
        self.failed_urls: set[str] = set()
        self.listed: set[str] = set()  # named by a sitemap or a feed: asked even when it was gone lately
        self.fetched = 0
        self.workers = 1
        self.lastmods: dict[str, str] = {}  # page → its sitemap <lastmod>, as read this run
        self.trust_lastmod = options.lastmod and self.folder.state.get("sitemap_lastmod") != "unreliable"
        self.asked_again: set[str] = set()  # pages the sitemap says are unchanged, asked since it was a while

    def _say(self, event: ProgressEvent) -> None:
        """Report ``event``; the whole job's bar counts pages (read, and known to be waiting)."""
        self.progress(self.fetched, self.fetched + len(self.queue), event)

    def enqueue(self, url: str | None, *, front: bool = False) -> None:
        if not url or url in self.seen or url in self.passed_over:
            return
        if self.fetcher.allowed(url) or (self.recipe and not self.recipe.wanted(url)):
            self.passed_over.add(url)  # every page repeats the footer's links: judged once
            return
        self.seen.add(url)
        (self.queue.appendleft if front else self.queue.append)(url)

    def run(self) -> HarvestReport:
        started = time.monotonic()
        self._say(ProgressEvent(Stage.CONNECT, item=self.fetcher.start))
        sitemaps = self.fetcher.load_robots()
        # several connections only when the rate (or robots.txt's Crawl-delay) lets requests come closer together
        # than a page takes to answer; one connection otherwise, as a polite crawler keeps
        self.workers = max(1, self.options.connections) if self.fetcher.interval < 0.25 else 1
        try:
            start_page = self.fetcher.get_page(self.fetcher.start, recheck=True)
        except FetchError as e:
            raise HarvestError(f"the start page {self.fetcher.start} did not answer ({e}); nothing was changed",
                               code="site_unreachable") from e
        self.seen.add(self.fetcher.start)
        for sm in [*sitemaps, normalise("/sitemap.xml", self.fetcher.start)]:
            self._sitemap(sm, depth=0)
        if self.recipe:
            for seed in self.recipe.seeds(self.fetcher.start):
                self.enqueue(seed)
        self._page(start_page, start=True)
        stopped = self._crawl()
        if self.fetcher.undated_pages > max(5, self.fetched // 2):
            self.report.problem(self.fetcher.start, "no_validators", f"{self.fetcher.undated_pages} pages came without "
                                "ETag or Last-Modified, so every run downloads them whole; the site's web developer "
                                "can switch these headers on (README: the portal's site)")
        answered = self.fetched == 0 or len(self.failed_urls) <= max(3, self.fetched // 5)
        self.report.complete = not stopped and answered
        if not answered:
            self.report.problem(self.fetcher.start, "site_unwell", f"{len(self.failed_urls)} of {self.fetched} pages "
                                "failed: nothing is counted as missing in this run")
        drafts, kept = self.items.drafts, self.failed_urls | self.items.failed_urls
        if self.report.complete:
            self._guard_mass_missing(drafts, kept)
        self._check_lastmod(drafts)
        self._say(ProgressEvent(Stage.STORE, item=str(self.folder.root)))
        outcome = self.folder.finish(drafts, kept_urls=kept, complete=self.report.complete,
                                     delete_after=self.options.delete_after)
        r = self.report
        r.new, r.changed, r.unchanged, r.deleted, r.waiting = (outcome.new, outcome.changed, outcome.unchanged,
                                                               outcome.deleted, outcome.waiting)
        r.failed = sorted(self.failed_urls | self.items.failed_urls)
        r.pages_seen = self.fetched
        r.bytes_transferred, r.requests = self.fetcher.bytes_in, self.fetcher.requests
        if self.report.complete:
            self.items.forget_unused_videos()
        self.cache.save(prune=self.report.complete)
        self.folder.state["settings"] = self.items.settings
        self.folder.save_state()
        r.seconds = round(time.monotonic() - started, 2)
        (self.state_dir / "last-run.json").write_text(json.dumps(r.to_dict(), ensure_ascii=False, indent=1),
                                                      encoding="utf-8")
        self.progress(self.fetched, self.fetched, ProgressEvent(Stage.DONE, self.fetched, self.fetched))
        return r

    def _get(self, url: str, recheck: bool, lastmod: str | None) -> Page | FetchError:
        try:
            return self.fetcher.get_page(url, recheck=recheck, lastmod=lastmod)
        except FetchError as e:
            return e

    def _crawl(self) -> bool:
        """Fetch and read the queued pages; True when it stopped early (cancelled, --max-pages). With ``workers``
        > 1 (the rate allows it) the next pages are asked while one is read, on as many connections; the rate
        still holds for all of them together (:meth:`Fetcher._wait`). Pages are read one at a time, in order."""
        ahead: deque[tuple[str, Future | Page | FetchError]] = deque()
        pool = ThreadPoolExecutor(self.workers, thread_name_prefix="harvest") if self.workers > 1 else None
        try:
            while self.queue or ahead:
                if self.cancelled():
                    return True
                while self.queue and len(ahead) < (2 * self.workers if pool else 1):
                    if self.options.max_pages and self.fetched + len(ahead) >= self.options.max_pages:
                        break
                    url = self.queue.popleft()
                    if self._unasked(url):
                        continue
                    args = (url, url in self.listed or self.items.known(url), self.lastmods.get(url))
                    ahead.append((url, pool.submit(self._get, *args) if pool else self._get(*args)))
                if not ahead:
                    if self.queue:
                        self.report.problem(self.queue[0], "max_pages", f"stopped after {self.fetched} pages "
                                            "(--max-pages); nothing is counted as missing in this run")
                        return True
                    continue
                url, got = ahead.popleft()
                pages = self.fetched + len(self.queue) + len(ahead) + 1  # read, and known to be waiting (this one too)
                self.progress(self.fetched, pages, ProgressEvent(Stage.PAGES, self.fetched, pages, item=url))
                self._read(url, got.result() if isinstance(got, Future) else got)
        finally:
            if pool:
                pool.shutdown(wait=True, cancel_futures=True)
        return False

    def _read(self, url: str, page: Page | FetchError) -> None:
        if isinstance(page, FetchError):
            self.report.problem(url, page.code, str(page))
            if page.kind != "gone":
                self.failed_urls.add(url)
            return
        try:
            self._page(page)
        except HarvestError:
            raise
        except Exception as e:  # noqa: BLE001 - a run never crashes on one page
            self.report.problem(url, "page_error", f"could not be read ({type(e).__name__}: {e})")
            self.failed_urls.add(url)

    def _guard_mass_missing(self, drafts: list, kept: set[str]) -> None:
        """A run that finds most of the known items missing is not believed: a site in maintenance answering every
        address with the same page, or new addresses a recipe no longer matches, would otherwise delete the whole
        library in every village three runs later. ``Options.max_missing`` (``--allow-mass-delete``) lifts it."""
        known = self.folder.state["items"]
        present = {d.id for d in drafts}
        missing = [i for i, info in known.items() if i not in present and info["url"] not in kept]
        if len(missing) >= 5 and len(missing) > self.options.max_missing * len(known):
            self.report.complete = False
            self.report.problem(self.fetcher.start, "mass_missing", f"{len(missing)} of {len(known)} items were not "
                                "found on the site: nothing is counted as missing in this run. If the site really "
                                "removed them, run once with --allow-mass-delete")

    def _unasked(self, url: str) -> bool:
        """Whether the sitemap says ``url`` has not changed since it was asked, and its items were taken as
        written: then its links are followed as read last time, and the server is not asked."""
        if not self.trust_lastmod:
            return False
        entry, due = self.cache.unasked(url, self.lastmods.get(url))
        if due:
            self.asked_again.add(url)
        if entry is None or not self.items.reuse(Page(url, entry.final_url or url, b"", entry.content_type, True)):
            return False
        self.cache.touch(url)
        self.fetched += 1
        self.report.not_asked += 1
        for href in entry.links:
            self.enqueue(href)
        return True

    def _check_lastmod(self, drafts: list) -> None:
        """A page asked again although the sitemap's date had not moved, whose item changed: the site's dates do
        not follow its pages, so from now on every page is asked (an edit must not wait for days)."""
        if not self.asked_again or not self.items.same_settings:
            return
        for d in drafts:
            if d.url in self.asked_again and d.raw is None:
                old = self.folder.read_item(d.id)
                if old is not None and (old.meta or self.folder.parse_into(old)) and \
                        self.folder.render(old, None) != self.folder.render(d, None):
                    self.folder.state["sitemap_lastmod"] = "unreliable"
                    self.trust_lastmod = False
                    self.report.problem(d.url, "lastmod_unreliable", "this page changed although the sitemap still "
                                        "gives it the same date (<lastmod>): from now on every page is asked on "
                                        "every run; the site's web developer can make the sitemap's dates follow "
                                        "the pages")
                    return

    def _sitemap(self, url: str | None, *, depth: int) -> None:
        if not url or url in self.seen or depth > 2 or self.fetcher.allowed(url):
            return
        self.seen.add(url)
        self._say(ProgressEvent(Stage.DISCOVER, item=url))
        try:
            page = self.fetcher.get_page(url)
        except FetchError as e:
            if e.kind != "gone":
                self.report.problem(url, e.code, str(e))
            return
        text = page.text()
        pages, more = discover.parse_sitemap(text, url)
        self.lastmods.update(discover.sitemap_dates(text, url))
        for sm in more:
            self._sitemap(sm, depth=depth + 1)
        self.listed.update(pages)
        for p in pages:
            self.enqueue(p)

    def _page(self, page: Page, *, start: bool = False) -> None:
        self.fetched += 1
        known = self.cache.get(page.url)
        if page.not_modified and not start and known and known.links is not None and self.items.reuse(page):
            for href in known.links:  # unchanged, and taken as written: its links as read last time
                self.enqueue(href)
            return
        text = page.text()
        if not page.is_html:
            listed = (discover.parse_sitemap(text, page.url)[0] if discover.looks_like_sitemap(text) else
                      discover.parse_feed(text, page.url) if discover.looks_like_feed(text) else [])
            if listed and discover.looks_like_sitemap(text):
                self.lastmods.update(discover.sitemap_dates(text, page.url))
            self.listed.update(listed)
            for p in listed:
                self.enqueue(p)
            return
        ex: Extracted = scan(page.final_url, text)
        ex.url = page.url
        for href in ex.feeds:
            self.enqueue(href, front=True)
        links = [*ex.alternates.values(), *(self.recipe.links(page.url, text, ex) if self.recipe else ex.links)]
        for href in links:
            self.enqueue(href)
        self.cache.set_links(page.url, [*ex.feeds, *links])
        if start or (page.not_modified and self.items.reuse(page)):
            return
        if self.recipe:
            section = self.recipe.item_of(page.url)
            if section is None:
                return
            main_text(ex, text)
            self.recipe.apply(section, ex, text)
        else:
            if ex.listing:
                return
            main_text(ex, text)
            if ex.listing or (ex.text_len < self.options.min_text and not (ex.videos or ex.embeds)):
                return
        self.items.add(page, ex)


def harvest(url: str, out: Path, *, options: Options | None = None, progress: Progress | None = None,
            cancelled: Cancelled | None = None) -> HarvestReport:
    """Harvest the site at ``url`` into the authoring folder ``out`` (created or updated). ``progress`` gets
    :class:`~app.progress.ProgressEvent` s: CONNECT (robots.txt, the start page), DISCOVER (a sitemap), PAGES (a
    page, of the pages known so far), FILES (a file or video), CONVERT (a video to MP4, in per cent), STORE
    (writing the folder), DONE; its done/total count pages."""
    run = _Run(url, Path(out), options or Options(), progress, cancelled)
    try:
        return run.run()
    finally:
        run.fetcher.close()
