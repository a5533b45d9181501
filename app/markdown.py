"""Markdown bodies to safe HTML and to plain text.

Raw HTML in Markdown is disabled, so whatever an author writes, the HTML we store contains only the
tags markdown-it itself produces. Images may only point into the media store (the loader rewrites
them), so the reader never reaches the network.
"""

from __future__ import annotations

import html
import re
from functools import cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "br", "blockquote", "pre", "table"}


@cache
def _parser() -> MarkdownIt:
    """The Markdown parser, made on first use: importing markdown-it (a hundred files) is for imports and syncs,
    not for every start of the app or a one-shot command (issue 15)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def render_html(markdown_text: str) -> str:
    return _parser().render(markdown_text)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(alt)

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS or tag == "td":
            self.parts.append("\n" if tag != "td" else " ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(fragment: str) -> str:
    parser = _TextExtractor()
    parser.feed(fragment)
    parser.close()
    text = html.unescape("".join(parser.parts))
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def image_targets(markdown_text: str) -> list[str]:
    """The ``src`` of every image in a Markdown text (in order)."""
    found: list[str] = []

    def walk(tokens) -> None:
        for tok in tokens:
            if tok.type == "image":
                found.append(tok.attrGet("src") or "")
            if tok.children:
                walk(tok.children)

    walk(_parser().parse(markdown_text))
    return found
