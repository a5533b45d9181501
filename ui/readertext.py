"""The reader's text: an item as HTML, pictures from the local media store only, and writing it as a PDF.

Bodies refer to their pictures as ``media:SHA256`` (``app/content.py`` rewrites them on import), so a
picture is read from the media store by hash. Anything else — http(s), file paths, relative paths, ``data:``,
other schemes, style sheets — is never loaded: :func:`local_resource` returns an empty image (or empty bytes).
It must not return None: Qt then loads a local file or a ``data:`` address by itself.
"""

from __future__ import annotations

import errno
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QDateTime, Qt, QUrl
from PySide6.QtGui import QFont, QImage, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QTextBrowser, QWidget

from app import fsutil
from app.values import FileInfo, ItemDetail
from ui.formats import format_clock, format_date, ui_language

if TYPE_CHECKING:
    from app.library import Library

KINDS = {"practice": QT_TRANSLATE_NOOP("Reader", "Practice"), "lesson": QT_TRANSLATE_NOOP("Reader", "Video lesson"),
         "document": QT_TRANSLATE_NOOP("Reader", "Document"), "event": QT_TRANSLATE_NOOP("Reader", "Event")}
FORMATS = {"offline": QT_TRANSLATE_NOOP("Reader", "in person"), "online": QT_TRANSLATE_NOOP("Reader", "online"),
           "hybrid": QT_TRANSLATE_NOOP("Reader", "in person and online")}
# Each language is named in itself, so a reader finds their own language whatever the UI language is.
LANGUAGE_NAMES = {"ky": "Кыргызча", "ru": "Русский", "en": "English"}
LINE_CHARS = 90  # characters per line at most: longer lines are hard to follow back to the next one
TEXT_MARGIN = 8  # pixels around the text in a narrow window
TEXT_SIZES = (80, 90, 100, 115, 130, 150, 175, 200)  # A−/A+ steps, percent of the system font


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def is_pdf(info: FileInfo) -> bool:
    """A PDF by its name and its type both ("invoice.pdf.exe" is not), for the in-app viewer."""
    return info.mime == "application/pdf" and info.name.lower().endswith(".pdf")


def may_open(info: FileInfo) -> bool:
    """Opened here (a PDF) or with the PC's own program (a document, a picture, a text); else only saved."""
    return is_pdf(info) or fsutil.openable(info.name, info.mime)


def kind_label(kind: str) -> str:
    return QCoreApplication.translate("Reader", KINDS[kind]) if kind in KINDS else kind


def local_resource(library: Library, kind: int, url: QUrl) -> QImage | QByteArray:
    """A picture from the media store for ``media:SHA256``; an empty image for any other picture and empty
    bytes for any other resource (never None: Qt would then read a local file itself; never the network)."""
    if getattr(kind, "value", kind) != QTextDocument.ResourceType.ImageResource.value:
        return QByteArray()  # a style sheet or page from a feed's text is not ours to load
    if url.scheme() != "media":
        return QImage()
    try:
        path = library.media_path(url.path())
    except ValueError:  # not a SHA-256: not ours
        return QImage()
    return QImage(str(path))  # a picture not downloaded yet (a null image) is just left out


class ReaderBrowser(QTextBrowser):
    """A QTextBrowser that loads resources only from the local media store and follows no link by itself.

    Its lines stay at a readable length (about :data:`LINE_CHARS` characters, in a centred column) however
    wide the window, and its text size follows :meth:`set_text_percent` (the reader's A−/A+).
    """

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setOpenLinks(False)  # every click comes to the reader via anchorClicked
        self.setOpenExternalLinks(False)
        self.base_font = QFont(self.font())
        self.text_percent = 100

    def loadResource(self, kind: int, url: QUrl):  # Qt override
        return local_resource(self.library, kind, url)

    def set_text_percent(self, percent: int) -> None:
        """Text size in percent of the system font (A−/A+); the column widens with the letters."""
        self.text_percent = percent
        font = QFont(self.base_font)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * percent / 100)
        else:  # a system font given in pixels
            font.setPixelSize(max(6, round(font.pixelSize() * percent / 100)))
        self.setFont(font)
        self.document().setDefaultFont(font)
        self.fit_column()

    def column_width(self) -> int:
        """The widest the text runs, in pixels: about :data:`LINE_CHARS` characters of the current font."""
        return self.fontMetrics().averageCharWidth() * LINE_CHARS

    def fit_column(self) -> None:
        """Centre the text in a column of :meth:`column_width`; a narrow window gets the usual margin."""
        spare = max(0, self.viewport().width() - self.column_width())
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        side = TEXT_MARGIN + spare / 2
        if abs(fmt.leftMargin() - side) >= 1:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            frame.setFrameFormat(fmt)

    def setHtml(self, text: str) -> None:  # a new document starts with the default margins
        super().setHtml(text)
        self.fit_column()

    def setPlainText(self, text: str) -> None:
        super().setPlainText(text)
        self.fit_column()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_column()


class LocalDocument(QTextDocument):
    """The document that is printed or exported: the same HTML, the same local-only pictures."""

    def __init__(self, library: Library, html: str, *, title: str = "", font: QFont | None = None) -> None:
        super().__init__()
        self.library = library
        if font is not None:
            self.setDefaultFont(font)
        self.setMetaInformation(QTextDocument.DocumentTitle, title)
        self.setHtml(html)

    def loadResource(self, kind: int, url: QUrl):  # Qt override
        return local_resource(self.library, kind, url)


def dates(starts: str, ends: str | None) -> str:
    """When an event happens, in the interface language (ui/formats.py): "12.03.2024, 14:00 – 16:00"."""
    first = QDateTime.fromString(starts, Qt.ISODate)
    last = QDateTime.fromString(ends, Qt.ISODate) if ends else QDateTime()
    if not first.isValid():
        return starts

    def day(moment: QDateTime) -> str:
        return format_date(moment.date())

    def hour(moment: QDateTime) -> str:  # midnight means the author gave a date without a time
        t = moment.time()
        return "" if t.hour() == 0 and t.minute() == 0 else format_clock(t)

    text = ", ".join(x for x in (day(first), hour(first)) if x)
    if not last.isValid() or last == first:
        return text
    if last.date() == first.date():
        return f"{text} – {hour(last)}" if hour(last) else text
    return f"{text} – " + ", ".join(x for x in (day(last), hour(last)) if x)


def item_html(d: ItemDetail) -> str:
    """Title, what/when/where, the summary and the body: what is shown, printed and exported."""
    lang = ui_language()

    def line(label: str, value: str) -> str:  # label: an already translated "Name: %1"
        return label.replace("%1", esc(value))

    facts = [kind_label(d.kind)]
    if d.starts:
        facts.append(dates(d.starts, d.ends))
    elif d.year:
        facts.append(str(d.year))
    if d.region_path:
        facts.append(" → ".join(r.text(lang) for r in d.region_path))
    lines = [" · ".join(esc(f) for f in facts if f)]
    if d.format or d.location:
        fmt = QCoreApplication.translate("Reader", FORMATS[d.format]) if d.format in FORMATS else d.format
        where = ", ".join(x for x in (fmt, d.location) if x)
        lines.append(line(QCoreApplication.translate("Reader", "Where: %1"), where))
    if d.organisation:
        if d.kind == "event":
            lines.append(line(QCoreApplication.translate("Reader", "Organiser: %1"), d.organisation))
        else:
            lines.append(line(QCoreApplication.translate("Reader", "Organisation: %1"), d.organisation))
    if d.authors:
        lines.append(line(QCoreApplication.translate("Reader", "Authors: %1"), ", ".join(d.authors)))
    if d.award:
        lines.append(line(QCoreApplication.translate("Reader", "Award: %1"), d.award))
    if d.topics:
        topics = ", ".join(t.text(lang) for t in d.topics)
        lines.append(line(QCoreApplication.translate("Reader", "Topics: %1"), topics))
    if d.target_groups:
        groups = ", ".join(g.text(lang) for g in d.target_groups)
        lines.append(line(QCoreApplication.translate("Reader", "For: %1"), groups))
    parts = [f"<h1>{esc(d.title)}</h1>", f"<p>{'<br/>'.join(lines)}</p>"]
    if d.summary:
        parts.append(f"<p><i>{esc(d.summary)}</i></p>")
    parts += ["<hr/>", d.body_html]
    if d.source_url:
        link = f'<a href="{esc(d.source_url)}">{esc(d.source_url)}</a>'
        portal = QCoreApplication.translate("Reader", "On the portal: %1")
        parts.append(f"<p>{portal.replace('%1', link)}</p>")
    return "\n".join(parts)


def write_pdf(document: QTextDocument, path: Path, *, title: str) -> Path:
    """Print ``document`` into a PDF file at ``path``. Raises OSError if the file cannot be written.

    Runs on the UI thread: the document is a GUI object, and a few pages take well under a second.
    """
    path = Path(path)
    part = path.with_name(path.name + ".part")  # a half-written file never has the real name
    printer = QPrinter(QPrinter.HighResolution)
    printer.setOutputFileName(str(part))
    printer.setOutputFormat(QPrinter.PdfFormat)  # after the name: a name not ending in .pdf must not reset it
    printer.setDocName(title)
    printer.setCreator("Kitepkana")
    document.print_(printer)  # ends the painter, which closes the file (Windows cannot rename an open file)
    del printer
    if not part.is_file() or part.stat().st_size == 0:
        fsutil.unlink_quietly(part)
        raise OSError(QCoreApplication.translate(
            "Reader", "the file could not be written (is the folder read-only, or the disk full?)"))
    fsutil.replace(part, path)
    return path


def copy_file(source: Path, target: Path, *, reuse: bool = False) -> Path:
    """Copy ``source`` to ``target`` through a ``.part`` file (runs in a worker)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # A temporary copy made before may still be open in the other program: use it, do not replace it.
    if not (reuse and target.is_file() and target.stat().st_size == source.stat().st_size):
        part = target.with_name(target.name + ".part")
        shutil.copyfile(source, part)
        fsutil.replace(part, target)
    return target


def plain_error(error: BaseException) -> str:
    """Why a file operation failed, in words a librarian can act on."""
    if isinstance(error, PermissionError):
        return QCoreApplication.translate("Reader", "this place cannot be written to, or the file is open in "
                                                    "another program")
    if isinstance(error, FileNotFoundError):
        return QCoreApplication.translate("Reader", "the file or the folder is missing")
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return QCoreApplication.translate("Reader", "the disk is full")
    return str(error)


def safe_file_name(title: str, fallback: str) -> str:
    """A file name from a title that survives Windows and FAT32 USB drives."""
    return fsutil.safe_name(title[:80], fallback)
