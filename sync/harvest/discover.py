"""Finding pages: sitemaps (and sitemap indexes), RSS and Atom feeds, links within the site."""

from __future__ import annotations

import re

from sync.harvest.urls import normalise

_LOC = re.compile(r"<loc>\s*(.*?)\s*</loc>", re.IGNORECASE | re.DOTALL)
_SITEMAP_INDEX = re.compile(r"<sitemapindex\b", re.IGNORECASE)
_RSS_LINK = re.compile(r"<item\b.*?<link>\s*(.*?)\s*</link>", re.IGNORECASE | re.DOTALL)
_ATOM_LINK = re.compile(r"<entry\b.*?<link\b[^>]*\bhref=[\"']([^\"']+)[\"']", re.IGNORECASE | re.DOTALL)


def _unescape(url: str) -> str:
    import html

    return html.unescape(url.replace("<![CDATA[", "").replace("]]>", "").strip())


def parse_sitemap(text: str, base: str) -> tuple[list[str], list[str]]:
    """(page addresses, further sitemaps) of a sitemap or a sitemap index."""
    locs = [u for u in (normalise(_unescape(m), base) for m in _LOC.findall(text)) if u]
    return ([], locs) if _SITEMAP_INDEX.search(text) else (locs, [])


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
