"""Finding pages: sitemaps (and sitemap indexes), RSS and Atom feeds, links within the site.

A sitemap's ``<lastmod>`` says when a page last changed (W3C datetime: a date, or a date and time). The run
uses it to leave pages unasked that have not changed since it last asked them (:mod:`sync.harvest.cache`):
:func:`lastmod_until` is the last moment a value can still stand for, whatever its precision and time zone.
"""

from __future__ import annotations

import calendar
import re

from sync.harvest.urls import normalise

_LOC = re.compile(r"<loc>\s*(.*?)\s*</loc>", re.IGNORECASE | re.DOTALL)
_SITEMAP_INDEX = re.compile(r"<sitemapindex\b", re.IGNORECASE)
_RSS_LINK = re.compile(r"<item\b.*?<link>\s*(.*?)\s*</link>", re.IGNORECASE | re.DOTALL)
_URL_BLOCK = re.compile(r"<url\b(.*?)</url>", re.IGNORECASE | re.DOTALL)
_LASTMOD = re.compile(r"<lastmod>\s*(.*?)\s*</lastmod>", re.IGNORECASE | re.DOTALL)
_W3C = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
                  r"\s*(Z|[+-]\d{2}:?\d{2})?)?)?)?$", re.IGNORECASE)
_ATOM_LINK = re.compile(r"<entry\b.*?<link\b[^>]*\bhref=[\"']([^\"']+)[\"']", re.IGNORECASE | re.DOTALL)


def _unescape(url: str) -> str:
    import html

    return html.unescape(url.replace("<![CDATA[", "").replace("]]>", "").strip())


def parse_sitemap(text: str, base: str) -> tuple[list[str], list[str]]:
    """(page addresses, further sitemaps) of a sitemap or a sitemap index."""
    locs = [u for u in (normalise(_unescape(m), base) for m in _LOC.findall(text)) if u]
    return ([], locs) if _SITEMAP_INDEX.search(text) else (locs, [])


def sitemap_dates(text: str, base: str) -> dict[str, str]:
    """Page address → its ``<lastmod>`` as written, for the pages of a sitemap that give one."""
    dates = {}
    for block in _URL_BLOCK.findall(text):
        loc, mod = _LOC.search(block), _LASTMOD.search(block)
        url = normalise(_unescape(loc.group(1)), base) if loc and mod else None
        if url and mod.group(1):
            dates[url] = mod.group(1)
    return dates


def lastmod_until(value: str) -> float | None:
    """Seconds since the epoch until which a ``<lastmod>`` value can still be the page's: a page changed again
    within the same day (a date alone), minute or second is still stamped the same. A value without a time zone
    may be any of them (UTC−12 … UTC+14). None for a value that is not a W3C datetime."""
    m = _W3C.match((value or "").strip())
    if not m:
        return None
    year, month, day, hour, minute, second, zone = m.groups()
    try:
        start = calendar.timegm((int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0),
                                 int(second or 0), 0, 0, 0))
    except (ValueError, OverflowError):
        return None
    unit = (1 if second else 60 if minute else 86400 if day else 31 * 86400 if month else 366 * 86400)
    if zone and zone.upper() != "Z":
        sign = 1 if zone[0] == "+" else -1
        hh, mm = int(zone[1:3]), int(zone[-2:])
        start -= sign * (hh * 3600 + mm * 60)
        return start + unit
    return start + unit + (0 if zone else 14 * 3600)


def parse_feed(text: str, base: str) -> list[str]:
    """The item addresses of an RSS or Atom feed."""
    found = _RSS_LINK.findall(text) + _ATOM_LINK.findall(text)
    return [u for u in (normalise(_unescape(m), base) for m in found) if u]


def looks_like_feed(text: str) -> bool:
    head = text[:2000].lower()
    return "<rss" in head or "<feed" in head and "xmlns=\"http://www.w3.org/2005/atom\"" in head


def looks_like_sitemap(text: str) -> bool:
    head = text[:2000].lower()
    return "<urlset" in head or "<sitemapindex" in head
