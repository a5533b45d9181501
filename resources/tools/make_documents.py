#!/usr/bin/env python3
"""Render the sample catalog's documents to PDF.

Sources: ``resources/tools/documents/<doc-id>.md``. Each source is Markdown with
a small YAML header between ``---`` lines that fills the title block on the first
page::

    ---
    title: Title of the document          (required)
    subtitle: One line under the title    (optional)
    label: Kind of document, e.g. Guide   (optional, printed above the title)
    organisation: Who publishes it        (optional)
    authors: [A. Author, B. Author]       (optional, string or list)
    place_year: Bishkek, 2024             (optional)
    lang: ru | ky | en                    (optional, used for the page footer)
    ---
    ## First section
    Markdown text (CommonMark + tables) ...

Output: ``resources/sample/documents/media/<doc-id>.pdf`` — A4, DejaVu Sans (it
has the Kyrgyz letters ө ү ң), real text that ``pdftotext`` can extract, with the
document title and page number in the footer of every page.

The Markdown is converted to HTML with markdown-it-py and laid out by Qt
(QTextDocument, printed page by page to a QPdfWriter), so PySide6 is needed. No
display is required: the script sets ``QT_QPA_PLATFORM=offscreen`` if no
platform is given.

Usage (from anywhere; paths are resolved relative to this file)::

    python3 resources/tools/make_documents.py            # all sources
    python3 resources/tools/make_documents.py doc-pb-methodology-ru   # some

The script is re-runnable: every output PDF is overwritten. It prints each
output with its page count and size.
"""

from __future__ import annotations

import html
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import yaml
from markdown_it import MarkdownIt
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
)

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "documents"
OUTPUT = HERE.parent / "sample" / "documents" / "media"

FONT_FILES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-BoldOblique.ttf",
]
FONT_FAMILY = "DejaVu Sans"

RESOLUTION = 300  # dots per inch of the PDF writer's coordinate system
MARGIN_MM = 20.0
FOOTER_MM = 8.0  # room reserved at the bottom of the text area for the footer
BASE_PT = 10.5

PAGE_WORD = {"ru": "Стр.", "ky": "Бет", "en": "Page"}

STYLE = f"""
body {{ font-family: '{FONT_FAMILY}'; font-size: {BASE_PT}pt; color: #1a1a1a; }}
p {{ margin-top: 0; margin-bottom: 6px; line-height: 125%; }}
h1 {{ font-size: 22pt; font-weight: bold; color: #0b4f6c; margin-top: 0; margin-bottom: 8px; }}
h2 {{ font-size: 14pt; font-weight: bold; color: #0b4f6c; margin-top: 16px; margin-bottom: 6px; }}
h3 {{ font-size: 11.5pt; font-weight: bold; color: #1a1a1a; margin-top: 10px; margin-bottom: 4px; }}
ul, ol {{ margin-top: 0; margin-bottom: 6px; }}
li {{ margin-bottom: 2px; }}
th {{ background-color: #dcebf2; font-weight: bold; text-align: left; }}
td, th {{ padding: 4px; }}
.label {{ font-size: 10pt; color: #5a7684; text-transform: uppercase; }}
.subtitle {{ font-size: 13pt; color: #333333; }}
.meta {{ font-size: 10pt; color: #444444; }}
"""


def parse_source(path: Path) -> tuple[dict, str]:
    """Split a source file into its YAML header and Markdown body."""
    text = path.read_text(encoding="utf-8-sig")
    if not text.startswith("---"):
        raise SystemExit(f"{path}: missing '---' header")
    _, header, body = text.split("---", 2)
    meta = yaml.safe_load(header) or {}
    if not meta.get("title"):
        raise SystemExit(f"{path}: header has no title")
    return meta, body.lstrip("\n")


def markdown_to_html(body: str) -> str:
    md = MarkdownIt("commonmark", {"typographer": False}).enable("table")
    out = md.render(body)
    # Qt's rich text understands table attributes better than CSS borders.
    out = out.replace(
        "<table>",
        '<table border="1" cellspacing="0" cellpadding="4" width="100%" '
        'style="border-collapse: collapse; border-color: #7f9aa8; margin-top: 4px; margin-bottom: 8px;">',
    )
    return out


def title_block(meta: dict) -> str:
    esc = html.escape
    parts = []
    if meta.get("label"):
        parts.append(f'<p class="label">{esc(str(meta["label"]))}</p>')
    parts.append(f"<h1>{esc(str(meta['title']))}</h1>")
    if meta.get("subtitle"):
        parts.append(f'<p class="subtitle">{esc(str(meta["subtitle"]))}</p>')
    info = []
    authors = meta.get("authors")
    if authors:
        if isinstance(authors, (list, tuple)):
            authors = ", ".join(str(a) for a in authors)
        info.append(esc(str(authors)))
    if meta.get("organisation"):
        info.append(esc(str(meta["organisation"])))
    if meta.get("place_year"):
        info.append(esc(str(meta["place_year"])))
    if info:
        parts.append(f'<p class="meta">{"<br/>".join(info)}</p>')
    parts.append('<hr/>')
    return "\n".join(parts)


def _page_of(y: float, page_h: float) -> int:
    return int(y // page_h)


def _tables(doc: QTextDocument) -> list:
    # Markdown tables are never nested: they are child frames of the root frame.
    return [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]


def _is_lead_in(block) -> bool:
    """A heading, or a paragraph that introduces what follows (ends with ':')."""
    return block.blockFormat().headingLevel() > 0 or block.text().rstrip().endswith(":")


def _find_bad_split(doc: QTextDocument, page_h: float, done: set):
    """Return where a page break should go to avoid the first bad split, or None.

    The layout keeps every paragraph, list item and table in one piece and never
    leaves a heading (or a paragraph ending with ':') alone at the bottom of a
    page: whenever something small enough to fit on a page crosses a page
    boundary, a break goes before it, or before the heading / lead-in paragraph
    just above it. Keeping blocks whole also keeps each line of text on exactly
    one page, so text extraction (pdftotext) gets no duplicated lines.

    The answer is ("block", block number) or ("table", table index); keys in
    ``done`` are never returned again, so the search always ends.
    """
    layout = doc.documentLayout()
    eps = 1.0
    tables = _tables(doc)

    def table_at(pos: int) -> int | None:
        for i, t in enumerate(tables):
            if t.firstPosition() <= pos <= t.lastPosition():
                return i
        return None

    def crosses(top: float, bottom: float) -> bool:
        return (bottom - top) < page_h - eps and _page_of(top + eps, page_h) != _page_of(bottom - eps, page_h)

    def lead_in_of(block):
        """The first of the lead-in blocks directly above ``block``, or None."""
        first = None
        prev = block.previous()
        while prev.isValid() and table_at(prev.position()) is None and _is_lead_in(prev):
            first = prev
            prev = prev.previous()
        return first

    def key_for(block, table_index):
        lead = lead_in_of(block)
        if lead is not None and ("block", lead.blockNumber()) not in done:
            return ("block", lead.blockNumber())
        key = ("table", table_index) if table_index is not None else ("block", block.blockNumber())
        return key if key not in done else None

    block = doc.begin()
    while block.isValid():
        ti = table_at(block.position())
        if ti is not None:
            table = tables[ti]
            rect = layout.frameBoundingRect(table)
            if crosses(rect.top(), rect.bottom()):
                key = key_for(block, ti)
                if key:
                    return key
            block = doc.findBlock(table.lastPosition() + 1)
            continue
        rect = layout.blockBoundingRect(block)
        bad = crosses(rect.top(), rect.bottom())
        if not bad and block.blockFormat().headingLevel() > 0:
            # A heading must share its page with the first lines of its text.
            nxt = block.next()
            while nxt.isValid() and nxt.blockFormat().headingLevel() > 0:
                nxt = nxt.next()
            if nxt.isValid():
                r = layout.blockBoundingRect(nxt)
                line = nxt.layout().lineAt(0)
                line_h = line.height() if line.isValid() else 0.0
                bad = crosses(rect.top(), min(r.bottom(), r.top() + 2 * line_h))
        if bad:
            key = key_for(block, None)
            if key:
                return key
        block = block.next()
    return None


def _apply_breaks(doc: QTextDocument, breaks: set) -> None:
    tables = _tables(doc)
    for kind, n in breaks:
        if kind == "table":
            fmt = tables[n].frameFormat()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            tables[n].setFrameFormat(fmt)
        else:
            block = doc.findBlockByNumber(n)
            fmt = block.blockFormat()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(block).setBlockFormat(fmt)


def build_document(html_text: str, device, page_w: float, page_h: float) -> QTextDocument:
    """Lay out the HTML in pages of page_w x page_h device pixels.

    The document is built again from scratch after each page break that is
    added, so the final layout is always a complete, fresh one.
    """
    breaks: set = set()
    for _ in range(200):
        doc = QTextDocument()
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(BASE_PT)
        doc.setDefaultFont(font)
        doc.setDefaultStyleSheet(STYLE)
        doc.documentLayout().setPaintDevice(device)
        doc.setDocumentMargin(0)
        doc.setHtml(html_text)
        _apply_breaks(doc, breaks)
        doc.setPageSize(QSizeF(page_w, page_h))
        doc.pageCount()  # finishes the layout
        key = _find_bad_split(doc, page_h, breaks)
        if key is None:
            break
        breaks.add(key)
    # Every block must have been laid out.
    block = doc.begin()
    while block.isValid():
        if block.length() > 1 and block.layout().lineCount() == 0:
            raise SystemExit(f"layout incomplete at block {block.blockNumber()}: {block.text()[:40]!r}")
        block = block.next()
    return doc


def load_fonts() -> None:
    for f in FONT_FILES:
        if os.path.exists(f):
            QFontDatabase.addApplicationFont(f)
    if FONT_FAMILY not in QFontDatabase.families():
        print(f"warning: font {FONT_FAMILY!r} not found, Qt will substitute one", file=sys.stderr)


def render(src: Path, dst: Path) -> int:
    """Render one source to one PDF; return the number of pages."""
    meta, body = parse_source(src)
    lang = str(meta.get("lang", "en"))

    writer = QPdfWriter(str(dst))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(str(meta["title"]))
    writer.setCreator("Kitepkana make_documents.py")

    painter = QPainter()
    if not painter.begin(writer):
        raise SystemExit(f"cannot write {dst}")

    # Paintable area in device pixels (the margins are already excluded).
    area = writer.pageLayout().paintRectPixels(RESOLUTION)
    dots_per_mm = RESOLUTION / 25.4
    footer_h = FOOTER_MM * dots_per_mm
    text_w, text_h = area.width(), area.height() - footer_h

    html_text = f"<html><body>{title_block(meta)}\n{markdown_to_html(body)}</body></html>"
    doc = build_document(html_text, writer, text_w, text_h)
    pages = doc.pageCount()

    footer_font = QFont(FONT_FAMILY)
    footer_font.setPointSizeF(8)
    page_word = PAGE_WORD.get(lang, "Page")

    for i in range(pages):
        if i:
            writer.newPage()
        painter.save()
        painter.translate(0, -i * text_h)
        doc.drawContents(painter, QRectF(0, i * text_h, text_w, text_h))
        painter.restore()
        # Footer: a thin rule, the title on the left, the page number on the right.
        y = text_h + footer_h * 0.35
        painter.setPen(QPen(QColor("#9bb3bf"), 2))
        painter.drawLine(QPointF(0, y), QPointF(text_w, y))
        painter.setPen(QColor("#555555"))
        painter.setFont(footer_font)
        box = QRectF(0, y + 8, text_w, footer_h * 0.6)
        painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, str(meta["title"]))
        painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, f"{page_word} {i + 1} / {pages}")
    painter.end()
    return pages


def main(argv: list[str]) -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    load_fonts()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    if argv:
        sources = [SOURCES / f"{name.removesuffix('.md')}.md" for name in argv]
    else:
        sources = sorted(SOURCES.glob("*.md"))
    if not sources:
        print(f"no sources in {SOURCES}", file=sys.stderr)
        return 1
    for src in sources:
        if not src.exists():
            print(f"missing source {src}", file=sys.stderr)
            return 1
        dst = OUTPUT / f"{src.stem}.pdf"
        pages = render(src, dst)
        print(f"{dst.relative_to(HERE.parent.parent)}: {pages} pages, {dst.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
