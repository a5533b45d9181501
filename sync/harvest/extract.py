"""The content of one page: its main text as Markdown (trafilatura; header, menus and footer left out), title,
date, language, the files and videos it offers, its language versions, and the links that lead on.

Generic: nothing here knows a particular site. A recipe (:mod:`sync.harvest.recipe`) overrides any field with
its CSS selectors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from sync.harvest.errors import need
from sync.harvest.urls import lang_code, lang_of_url, normalise

ATTACH_EXT = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp", ".rtf"}
IMAGE_EXT = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
VIDEO_EXT = {".mp4", ".m4v", ".webm"}
SUB_EXT = {".vtt"}
VIDEO_HOSTS = re.compile(r"(^|\.)(youtube\.com|youtu\.be|youtube-nocookie\.com|vimeo\.com|rutube\.ru|"
                         r"dailymotion\.com|ok\.ru|vk\.com|vkvideo\.ru)$")
PAGING = {"page", "p", "pg", "start", "offset", "from", "pagen_1"}
# words of a URL or a section name (ky / ru / en, and their Latin spellings) → kind
KIND_WORDS = {
    "event": ("event", "events", "meropri", "мероприят", "событи", "иш-чара", "ишчара", "иш чара", "семинар",
              "seminar", "conference", "конференц", "форум", "forum", "training", "тренинг"),
    "lesson": ("lesson", "course", "video", "webinar", "урок", "сабак", "курс", "видео", "вебинар", "obuchen",
               "обучен", "окутуу", "tutorial"),
    "practice": ("practice", "praktik", "практик", "тажрыйба", "tazhryiba", "best-practice", "опыт", "case"),
    "document": ("news", "новост", "жаңылык", "document", "docs", "library", "publication", "документ", "публикац", "закон", "мыйзам",
                 "нпа", "library", "китепкана", "resource", "ресурс"),
}


@dataclass
class Extracted:
    url: str
    title: str = ""
    date: str = ""  # YYYY-MM-DD
    lang: str | None = None
    body_md: str = ""
    summary: str = ""
    text_len: int = 0
    images: list[tuple[str, str]] = field(default_factory=list)  # (address, alt)
    attachments: list[tuple[str, str]] = field(default_factory=list)  # (address, link text)
    videos: list[str] = field(default_factory=list)  # direct MP4/WebM files
    embeds: list[str] = field(default_factory=list)  # pages a video host serves (yt-dlp)
    tracks: dict[str, str] = field(default_factory=dict)  # lang → WebVTT address
    alternates: dict[str, str] = field(default_factory=dict)  # lang → address of the same page in that language
    canonical: str | None = None
    links: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    section: str = ""  # words that say where the page sits (breadcrumbs, URL)
    listing: bool = False
    kind: str = ""
    topics_text: list[str] = field(default_factory=list)
    region_text: str = ""


def parse(text: str):
    """A forgiving parse: broken HTML, stray bytes and an XML declaration never stop the harvest."""
    import lxml.html

    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        return lxml.html.document_fromstring(text or "<html></html>")
    except (ValueError, lxml.etree.ParserError):
        return lxml.html.document_fromstring("<html><body></body></html>")


def ext_of(url: str) -> str:
    path = urlsplit(url).path.lower()
    m = re.search(r"\.[a-z0-9]{2,5}$", path)
    return m.group(0) if m else ""


def video_host(url: str) -> bool:
    return bool(VIDEO_HOSTS.search(urlsplit(url).hostname or ""))


def _text(el) -> str:
    return re.sub(r"\s+", " ", el.text_content() if el is not None else "").strip()


def guess_kind(*texts: str) -> str:
    """The kind the words of an address or a section name point to; '' when none does."""
    joined = " ".join(t.lower() for t in texts if t)
    best, at = "", len(joined) + 1
    for kind, words in KIND_WORDS.items():
        for w in words:  # a word's start only: "курс" is not in "конкурс"
            m = re.search(r"(?<![a-zа-яёөүң])" + re.escape(w), joined)
            if m and m.start() < at:  # the earliest word wins: /events/…/video is an event with a video
                best, at = kind, m.start()
    return best


def guess_lang_of_text(text: str) -> str | None:
    sample = text[:5000].lower()
    if re.search(r"[өүң]", sample):
        return "ky"
    if re.search(r"[а-яё]", sample):
        return "ru"
    if re.search(r"[a-z]", sample):
        return "en"
    return None


def shape(url: str) -> str:
    """An address without the values of its query: list pages link to many items of one shape."""
    parts = urlsplit(url)
    keys = sorted(k for k, _ in parse_qsl(parts.query) if k.lower() not in PAGING | {"lang"})
    path = re.sub(r"\d+", "#", parts.path)
    return f"{path}?{'&'.join(keys)}"


def _mostly_links(doc) -> bool:
    """Whether the page's main part (without header, menus, footer) is mostly link text: a list of pages."""
    found = doc.xpath("//main | //article | //*[@role='main']") or doc.xpath("//body")
    if not found:
        return False
    boiler = "ancestor-or-self::*[self::nav or self::header or self::footer or self::aside]"
    texts = found[0].xpath(f".//text()[not({boiler})]")
    total = sum(len(t.strip()) for t in texts)
    linked = sum(len(t.strip()) for t in found[0].xpath(f".//a//text()[not({boiler})]"))
    return total > 0 and linked > 0.5 * total


def scan(url: str, text: str) -> Extracted:
    """Links, files, videos, language versions and metadata from the page's HTML (no main-text extraction)."""
    doc = parse(text)
    out = Extracted(url=url)
    root = doc.getroottree().getroot()
    out.lang = lang_of_url(url)
    for link in doc.iter("link"):
        rel = (link.get("rel") or "").lower()
        href = normalise(link.get("href") or "", url)
        if not href:
            continue
        if "alternate" in rel and link.get("hreflang") and lang_code(link.get("hreflang")):
            out.alternates[lang_code(link.get("hreflang"))] = href
        elif "alternate" in rel and re.search(r"rss|atom", link.get("type") or ""):
            out.feeds.append(href)
        elif rel == "canonical":
            out.canonical = href
    if out.lang is None:
        own = [lang for lang, u in out.alternates.items() if u == url]
        out.lang = own[0] if own else lang_code(root.get("lang") or root.get("xml:lang"))
    seen: set[str] = set()
    for a in doc.iter("a"):
        href = normalise(a.get("href") or "", url)
        if not href or href in seen:
            continue
        seen.add(href)
        ext = ext_of(href)
        if ext in ATTACH_EXT or (ext in IMAGE_EXT and a.find(".//img") is None):
            out.attachments.append((href, _text(a)[:200]))
        elif ext in VIDEO_EXT:
            out.videos.append(href)
        elif video_host(href):
            out.embeds.append(href)
        else:
            out.links.append(href)
    for video in doc.iter("video"):
        sources = [video.get("src")] + [s.get("src") for s in video.iter("source")]
        for src in filter(None, sources):
            if (href := normalise(src, url)) and href not in out.videos:
                out.videos.append(href)
        for track in video.iter("track"):
            lang = lang_code(track.get("srclang"))
            href = normalise(track.get("src") or "", url)
            if lang and href and (track.get("kind") or "subtitles") in ("subtitles", "captions"):
                out.tracks.setdefault(lang, href)
    for frame in doc.iter("iframe"):
        href = normalise(frame.get("src") or frame.get("data-src") or "", url)
        if href and href not in out.embeds:
            out.embeds.append(href)
    crumbs = doc.xpath("//*[contains(@class,'breadcrumb')]")
    out.section = " ".join([urlsplit(url).path.replace("/", " "), *(_text(c) for c in crumbs[:1])])
    own = shape(url)
    counts: dict[str, int] = {}
    for href in out.links:
        s = shape(href)
        if s != own:
            counts[s] = counts.get(s, 0) + 1
    paged = any(k.lower() in PAGING for k, _ in parse_qsl(urlsplit(url).query)) or re.search(r"/page/\d+", url)
    out.listing = bool(paged) or max(counts.values(), default=0) >= 5 or _mostly_links(doc)
    out.topics_text = [_text(t) for t in doc.xpath("//*[contains(concat(' ', @class, ' '), ' tags ')]//a | "
                                                   "//a[contains(concat(' ', @rel, ' '), ' tag ')]")][:20]
    region = doc.xpath("//*[contains(concat(' ', @class, ' '), ' region ')]")
    out.region_text = _text(region[0])[:200] if region else ""
    h1 = doc.find(".//h1")
    out.title = _text(h1) if h1 is not None else _text(doc.find(".//title"))
    return out


def main_text(page: Extracted, text: str) -> None:
    """Fill title, date, body (Markdown) and summary with trafilatura, which leaves the boilerplate out."""
    trafilatura = need("trafilatura")
    body = trafilatura.extract(text, url=page.url, output_format="markdown", include_images=True,
                               include_links=True, include_tables=True, include_formatting=True,
                               include_comments=False) or ""
    meta = trafilatura.extract_metadata(text, default_url=page.url)
    if meta is not None:
        if meta.date and re.match(r"\d{4}-\d{2}-\d{2}", meta.date):
            page.date = meta.date[:10]
        if not page.title and meta.title:
            page.title = meta.title
        page.summary = (meta.description or "").strip()
    body = body.strip()
    if page.title:  # the heading trafilatura keeps is the title we already have
        body = re.sub(r"^#{1,3} *" + re.escape(page.title) + r" *\n+", "", body)
    page.body_md = body
    plain = re.sub(r"[#*_>`|-]", "", body)
    linked = sum(len(t) for t in re.findall(r"\[([^\]]*)\]\([^)]*\)", plain))
    page.text_len = len(re.sub(r"!?\[[^\]]*\]\([^)]*\)", "", plain).strip())
    if linked > page.text_len:  # mostly links: a list of other pages, not a text
        page.listing = True
    if page.lang is None:
        page.lang = guess_lang_of_text(page.title + " " + body)
    if not page.kind:
        page.kind = guess_kind(page.section) or guess_kind(page.title)


def summary_from(body: str, limit: int = 300) -> str:
    for para in body.split("\n\n"):
        para = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", para).strip()
        if para and not para.startswith(("#", "|", "-", "*", "!")) and len(para) > 40:
            if len(para) <= limit:
                return para
            cut = para[:limit].rsplit(" ", 1)[0]
            return cut.rstrip(",;:") + "…"
    return ""
