"""From an extracted page to a :class:`~sync.harvest.writer.Draft`: its id (from the page's identity, never
from crawl order), kind, language group, fields, and its files fetched into the folder's ``media/``.

Files: attachments and images through the polite fetcher (conditional GETs: an unchanged file costs one small
request); direct MP4 links likewise; pages of video hosts through yt-dlp (:mod:`sync.harvest.media`), once per
address (remembered in the state). A direct video in another format (WebM…) is converted to MP4 with ffmpeg
when no MP4 is offered beside it, once per address and content: the state remembers the MP4 it gave, or why it
failed, under the address (and the cache the file's validators), so an unchanged WebM costs one small request.
A run has a byte budget for new files; what does not fit is listed.

A page the server says has not changed is normally taken as written last time (:meth:`ItemBuilder.reuse`), but
not when one of its files or videos was not obtained (skipped for the budget, refused, failed: the next run tries
again) nor when the harvest's settings changed (another recipe, ``file_hosts``, videos on or off).
"""

from __future__ import annotations

import functools
import hashlib
import mimetypes
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from app.media import sha256_file
from app.progress import ProgressEvent, Stage
from sync.harvest import urls
from sync.harvest.extract import IMAGE_EXT, Extracted, ext_of, summary_from
from sync.harvest.fetch import USER_AGENT, FetchError, Page
from sync.harvest.media import CONVERTIBLE, INSTALL_FFMPEG, VideoError, fetch_video, to_mp4
from sync.harvest.taxmap import TaxonomyMap
from sync.harvest.writer import Draft

_IMAGE_MD = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_DATE = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b")
_MONTHS = ("янв", "фев", "мар", "апр", "мая|май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
_KY_MONTHS = ("үчтүн|январ", "бирдин|феврал", "жалган куран|март", "чын куран|апрел", "бугу|май", "кулжа|июн",
              "теке|июл", "баш оона|август", "аяк оона|сентябр", "тогуз|октябр", "жетин|ноябр", "бешим|декабр")


def parse_date(text: str) -> str:
    """``2024-05-14``, ``14.05.2024``, ``14 мая 2024``, ``14-май 2024``… → ``2024-05-14``; '' when none."""
    text = (text or "").lower()
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    if m:
        return m.group(0)
    m = _DATE.search(text)
    if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(1)) <= 31:
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    for names in (_MONTHS, _KY_MONTHS):
        for n, stem in enumerate(names, 1):
            m = re.search(rf"\b(\d{{1,2}})[\s-]*(?:{stem})\w*\.?,?\s+(\d{{4}})", text)
            if m and 1 <= int(m.group(1)) <= 31:
                return f"{m.group(2)}-{n:02d}-{int(m.group(1)):02d}"
    return ""


def _converting(url: str, share: float | None) -> ProgressEvent:
    """A video on its way to MP4 (``share`` done, None when ffmpeg does not know the length)."""
    return ProgressEvent(Stage.CONVERT, round((share or 0) * 100), 100 if share is not None else 0, item=url)


class ItemBuilder:
    def __init__(self, folder, fetcher, report, recipe, options, *, settings: str = "", progress=None) -> None:
        self.folder, self.fetcher, self.report, self.recipe, self.options = folder, fetcher, report, recipe, options
        self.say: Callable[[ProgressEvent], None] = progress or (lambda event: None)  # what the run is doing now
        self._drafts: dict[str, Draft] = {}
        self.failed_urls: set[str] = set()
        self.budget = int(options.budget_mb * 1_000_000)
        self._parent: dict[str, str] = {}
        self.videos_used: set[str] = set()
        topics, regions = (recipe.topic_map, recipe.region_map) if recipe else ({}, {})
        self._taxonomy_args = (folder.root / "_taxonomy", topics, regions)
        self._by_url: dict[str, list[str]] = {}
        for item_id, info in folder.state["items"].items():
            self._by_url.setdefault(info["url"].split("#")[0], []).append(item_id)
        self._page_videos: list[str] = []
        self._files_missing = False
        # the same settings as the run that wrote the items: only then may an unchanged page be taken as written
        self.settings = settings
        self.same_settings = folder.state.get("settings") == settings

    @functools.cached_property
    def taxonomy(self) -> TaxonomyMap:
        """Loaded on the first page that is read (a run of unchanged pages never needs it)."""
        root, topics, regions = self._taxonomy_args
        return TaxonomyMap(root, topics=topics, regions=regions)

    def known(self, url: str) -> bool:
        """Whether ``url`` was the page of an item when the last run ended."""
        return url in self._by_url

    def reuse(self, page: Page) -> bool:
        """A page the server says has not changed: its items as written last time, without reading it again
        (the main-text extraction is most of a run's time) or asking for its files."""
        ids = self._by_url.get(page.url, [])
        if not self.same_settings or any(self.folder.state["items"][i].get("files_missing") for i in ids):
            return False
        drafts = [self.folder.read_item(i) for i in ids]
        if not drafts or None in drafts or any(d.id in self._drafts for d in drafts):
            return False
        for d in drafts:
            self._drafts[d.id] = d
            self.videos_used.update(d.videos)
        return True

    # --- language groups: union-find over page identities ---

    def _find(self, key: str) -> str:
        while self._parent.get(key, key) != key:
            key = self._parent[key]
        return key

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

    @property
    def drafts(self) -> list[Draft]:
        for d in self._drafts.values():
            d.group = self._find(d.group)
        return list(self._drafts.values())

    # --- one page ---

    def _ident(self, page: Page, ex: Extracted) -> tuple[str, str, str]:
        """(item id without language, group key, kind hint)."""
        if self.recipe:
            section, site_id = self.recipe.item_of(page.url)
            key = f"{section.name}:{site_id}"
            return urls.slug(section.id_format.format(id=site_id), limit=90), key, section.kind
        canonical = ex.canonical if ex.canonical and urls.same_site(ex.canonical, self.fetcher.host) else page.url
        ident = urls.identity(canonical)
        path = ident.split("/", 1)[1] if "/" in ident else ident
        return urls.slug(path, limit=90), ident, ""

    def add(self, page: Page, ex: Extracted) -> None:
        self._page_videos = []
        self._files_missing = False
        base, group, kind = self._ident(page, ex)
        lang = ex.lang or "ru"
        item_id = f"{base}-{lang}"
        known = self.folder.state["items"].get(item_id)
        if (item_id in self._drafts and self._drafts[item_id].url != page.url) or (known and known["url"] != page.url):
            item_id = f"{base}-{hashlib.sha256(page.url.encode()).hexdigest()[:6]}-{lang}"
        if item_id in self._drafts:
            return
        for alt in ex.alternates.values():
            self._union(group, urls.identity(alt) if not self.recipe else group)
        kind = kind or ex.kind or ""
        item_path = self.folder.item_path(kind or "document", item_id)
        meta: dict = {}
        files_ok = True
        title = re.sub(r"\s+", " ", ex.title or "").strip()[:300] or summary_from(ex.body_md, 120) or page.url
        meta["title"] = title
        body, ok = self._images(ex.body_md, item_path, page.url)
        files_ok &= ok
        meta["summary"] = (summary_from(body) or ex.summary)[:500]
        date = parse_date(ex.date)
        if date:
            meta["year"] = int(date[:4]) if 1991 <= int(date[:4]) <= 2100 else None
        attachments = []
        for href, text in ex.attachments:
            path, ok = self._file(href, page.url)
            files_ok &= ok
            if path is not None:
                rel = self.folder.rel(item_path, path)
                attachments.append({"path": rel, "title": text[:200]} if text else rel)
        video, subs, ok = self._video(ex, item_path, page.url)
        files_ok &= ok
        if not files_ok and (self.folder.root / (known or {}).get("path", "-")).is_file():
            self.failed_urls.add(page.url)  # a file failed: keep the previous version whole
            return
        if video and kind in ("", "document", "lesson"):
            kind = "lesson"
        kind = kind or "document"
        if attachments:
            meta["attachments"] = attachments
        topics = self.taxonomy.topics(ex.topics_text)
        if topics:
            meta["topics"] = topics
        region = self.taxonomy.region(ex.region_text) if ex.region_text else None
        if region:
            meta["region"] = region
        if kind == "event" and date:
            meta["starts"] = date
        if video and kind == "event":  # the recording becomes a lesson of its own, linked from the event
            rec = Draft(f"{base}-video-{lang}"[:100], "lesson", lang, page.url + "#video", group + "#video",
                        {"title": title, "video": video, "subtitles": subs, "source_url": page.url}, "",
                        self._page_videos)
            self._drafts[rec.id] = rec
            meta["recording"] = rec.id
        elif video:
            meta["video"], meta["subtitles"] = video, subs
        meta["source_url"] = page.url
        self._drafts[item_id] = Draft(item_id, kind, lang, page.url, group, meta, body, self._page_videos,
                                      self._files_missing)

    # --- files ---

    def _fetch(self, url: str, folder: Path, page_url: str, *, have: Callable[[str], bool]):
        """(the fetch result, or None and whether the previous version is worth keeping): one file into ``folder``
        within the run's byte budget, its failure reported."""
        self.say(ProgressEvent(Stage.FILES, item=url))
        try:
            res = self.fetcher.get_file(url, folder, limit=max(self.budget, 0), have=have)
        except FetchError as e:
            self._files_missing = True
            if e.code == "over_budget":
                self.report.skipped.append({"url": url, "page": page_url, "reason": str(e)})
                return None, True
            self.report.problem(url, e.code, f"{e} (on {page_url})")
            return None, e.kind != "failed"
        if not res.not_modified:
            self.budget -= res.size
            self.report.files_fetched += 1
            self.report.file_bytes += res.size
        return res, True

    def _file(self, url: str, page_url: str, *, kinds: set[str] | None = None) -> tuple[Path | None, bool]:
        """(the file in media/, False when it failed in a way worth keeping the previous version for)."""
        res, keep = self._fetch(url, self.folder.media, page_url, have=self.folder.has_media)
        if res is None:
            return None, keep
        ext = ext_of(url) or mimetypes.guess_extension((res.content_type or "").split(";")[0].strip()) or ".bin"
        if kinds and ext not in kinds:
            if res.path:
                res.path.unlink(missing_ok=True)
            return None, True
        return self.folder.add_media(res.path, res.sha256, ext), True

    def _images(self, body: str, item_path: Path, page_url: str) -> tuple[str, bool]:
        ok = True

        def local(m: re.Match) -> str:
            nonlocal ok
            alt, src = m.group(1), urls.normalise(m.group(2), page_url)
            if not src or (ext_of(src) not in IMAGE_EXT and ext_of(src)) or self.fetcher.allowed(src, file=True):
                return alt
            path, fine = self._file(src, page_url, kinds=IMAGE_EXT)
            ok &= fine
            return f"![{alt}]({self.folder.rel(item_path, path)})" if path else alt

        return _IMAGE_MD.sub(local, body), ok

    def _video(self, ex: Extracted, item_path: Path, page_url: str) -> tuple[str | None, dict, bool]:
        ok = True
        mp4 = [h for h in ex.videos if ext_of(h) in (".mp4", ".m4v")]
        for href in mp4:  # an MP4 first, wherever the page names it
            path, ok = self._file(href, page_url)
            if path is not None:
                return self.folder.rel(item_path, path), self._tracks(ex, item_path, page_url), ok
        for href in [h for h in ex.videos if h not in mp4]:
            if ext_of(href) in CONVERTIBLE and shutil.which("ffmpeg"):
                path, ok = self._converted(href, page_url)
                if path is not None:
                    return self.folder.rel(item_path, path), self._tracks(ex, item_path, page_url), ok
                continue
            self._files_missing = True
            self.report.problem(href, "video_format", f"a {ext_of(href) or 'non-MP4'} video: village PCs play MP4 "
                                "only; not taken" + (f"; {INSTALL_FFMPEG}" if ext_of(href) in CONVERTIBLE else "")
                                + f" (on {page_url})")
        if not self.options.videos:
            return None, {}, ok
        for href in ex.embeds:
            got = self._embed(href, page_url)
            if got:
                sha, subs = got
                rel = {lang: self.folder.rel(item_path, self.folder.media_path(s)) for lang, s in subs.items()}
                return self.folder.rel(item_path, self.folder.media_path(sha)), rel, ok
        return None, {}, ok

    def _converted(self, url: str, page_url: str) -> tuple[Path | None, bool]:
        """A WebM (…) video as an MP4 of media/: fetched (conditionally) and converted with ffmpeg, once."""
        videos = self.folder.state.setdefault("videos", {})
        known = videos.get(url) if "source" in videos.get(url, {}) else None

        def have(sha: str) -> bool:  # the cache's copy of this address still gives what the state remembers
            return bool(known and known["source"] == sha and (known.get("failed") or
                                                                self.folder.has_media(known["sha"])))

        tmp = self.folder.state_dir / "video-tmp"
        res, keep = self._fetch(url, tmp, page_url, have=have)
        if res is None:
            return None, keep
        if res.path is not None and have(res.sha256):  # fetched again, but converted before
            res.path.unlink(missing_ok=True)
        elif res.path is not None:
            self.say(_converting(url, 0.0))
            mp4 = tmp / f"{res.sha256[:16]}.mp4"
            try:
                to_mp4(res.path, mp4, cancelled=self.fetcher.cancelled,
                       progress=lambda share: self.say(_converting(url, share)))
                known = {"source": res.sha256, "sha": self._store(mp4), "subs": {}}
                self.report.converted.append(url)
            except VideoError as e:
                if e.code == "cancelled":
                    self._files_missing = True
                    return None, False
                known = {"source": res.sha256, "sha": None, "subs": {}, "failed": str(e)}
            finally:
                res.path.unlink(missing_ok=True)
                mp4.unlink(missing_ok=True)
            videos[url] = known
        self.videos_used.add(url)
        self._page_videos.append(url)
        if known.get("failed"):
            self._files_missing = True
            self.report.problem(url, "video_convert_failed", f"the video is not an MP4 and {known['failed']}; "
                                f"not taken (on {page_url})")
            return None, True
        return self.folder.media_path(known["sha"]), True

    def _tracks(self, ex: Extracted, item_path: Path, page_url: str) -> dict:
        subs = {}
        for lang, href in ex.tracks.items():
            path, _ = self._file(href, page_url)
            if path is not None and path.read_bytes()[:10].lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
                subs[lang] = self.folder.rel(item_path, path)
            elif path is not None:
                self.report.problem(href, "not_webvtt", f"the subtitles are not a WebVTT file (on {page_url})")
        return subs

    def _embed(self, url: str, page_url: str) -> tuple[str, dict] | None:
        """A video page through yt-dlp, once: the state remembers what an address gave."""
        known = self.folder.state.setdefault("videos", {}).get(url)
        if known and known.get("sha") and self.folder.has_media(known["sha"]) and all(map(self.folder.has_media, known["subs"].values())):
            self.videos_used.add(url)
            self._page_videos.append(url)
            return known["sha"], known["subs"]
        if self.budget <= 0:
            self._files_missing = True
            self.report.skipped.append({"url": url, "page": page_url, "reason": "the run's budget is spent"})
            return None
        tmp = self.folder.state_dir / "video-tmp"
        try:
            self.say(ProgressEvent(Stage.FILES, item=url))
            video = fetch_video(url, tmp, max_bytes=self.budget, timeout=self.options.timeout, user_agent=USER_AGENT,
                                cancelled=self.fetcher.cancelled, progress=lambda share: self.say(_converting(url, share)))
        except VideoError as e:
            self._files_missing = True
            if e.code == "video_skipped":
                self.report.skipped.append({"url": url, "page": page_url, "reason": str(e)})
            else:
                self.report.problem(url, e.code, f"{e} (on {page_url})")
            shutil.rmtree(tmp, ignore_errors=True)
            return None
        try:
            sha = self._store(video.path)
            subs = {lang: self._store(p) for lang, p in video.subtitles.items()}
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        self.budget -= video.size
        self.report.files_fetched += 1 + len(subs)
        self.report.file_bytes += video.size
        self.fetcher.count(video.size)
        self.folder.state["videos"][url] = {"sha": sha, "subs": subs}
        self.videos_used.add(url)
        self._page_videos.append(url)
        return sha, subs

    def _store(self, path: Path) -> str:
        sha = sha256_file(path).sha256
        self.folder.add_media(path, sha, path.suffix)
        return sha

    def forget_unused_videos(self) -> None:
        videos = self.folder.state.get("videos", {})
        for url in [u for u in videos if u not in self.videos_used]:
            del videos[url]
