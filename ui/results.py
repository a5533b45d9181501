"""The list of results: rows, their Qt model, the delegate that paints them, and lesson thumbnails.

Used by the search page and by the Bookmarks and History pages. A row shows the kind icon (or a
lesson's thumbnail), the title, a line saying what it is, and the snippet the core highlighted
(``<b>…</b>`` HTML, rendered with QTextDocument).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QIcon, QKeyEvent, QPalette, QPixmap, QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui import icons
from ui.formats import format_time
from ui.tasks import Queue

if TYPE_CHECKING:
    from app.library import Library
    from app.values import SearchHit
    from ui.tasks import Task, TaskManager

KIND_LABELS = {
    "practice": QT_TRANSLATE_NOOP("Kinds", "Practice"),
    "lesson": QT_TRANSLATE_NOOP("Kinds", "Video lesson"),
    "document": QT_TRANSLATE_NOOP("Kinds", "Document"),
    "event": QT_TRANSLATE_NOOP("Kinds", "Event"),
}
LANG_LABELS = {
    "ky": QT_TRANSLATE_NOOP("Languages", "Kyrgyz"),
    "ru": QT_TRANSLATE_NOOP("Languages", "Russian"),
    "en": QT_TRANSLATE_NOOP("Languages", "English"),
}


def kind_label(kind: str) -> str:
    return QCoreApplication.translate("Kinds", KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def lang_label(lang: str) -> str:
    return QCoreApplication.translate("Languages", LANG_LABELS[lang]) if lang in LANG_LABELS else lang


def plural(text: str, n: int) -> str:
    """English source strings say "item(s)"; without a translation loaded, say "item" or "items"."""
    return text.replace("(s)", "" if n == 1 else "s")


@dataclass(frozen=True)
class ResultRow:
    """One row of a result list: a search hit, a bookmark or a history entry."""

    id: str
    kind: str
    lang: str
    title: str
    snippet: str = ""  # HTML: escaped text with <b>…</b> around the matches
    time: float | None = None  # a hit inside a video transcript: open the lesson here
    note: str = ""  # an extra plain line, e.g. when it was last opened

    @classmethod
    def from_hit(cls, hit: SearchHit) -> ResultRow:
        return cls(id=hit.id, kind=hit.kind, lang=hit.lang, title=hit.title, snippet=hit.snippet, time=hit.time)

    def meta(self) -> str:
        parts = [kind_label(self.kind), lang_label(self.lang)]
        if self.time is not None:
            parts.append(QCoreApplication.translate("ResultRow", "found in the video at %1").replace(
                "%1", format_time(self.time)))
        if self.note:
            parts.append(self.note)
        return " · ".join(p for p in parts if p)

    def plain_snippet(self) -> str:
        doc = QTextDocument()
        doc.setHtml(self.snippet)
        return doc.toPlainText()


ROW_ROLE = Qt.ItemDataRole.UserRole + 1


class ThumbnailCache(QObject):
    """Lesson thumbnails from the media store, read and scaled in a worker, shared by every list."""

    updated = Signal()
    SIZE = QSize(128, 72)

    def __init__(self, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self._pixmaps: dict[str, QPixmap | None] = {}  # None: the lesson has no thumbnail on this PC
        self._asked: set[str] = set()

    def pixmap(self, item_id: str) -> QPixmap | None:
        return self._pixmaps.get(item_id)

    def request(self, library: Library, rows: list[ResultRow]) -> None:
        wanted = [r.id for r in rows if r.kind == "lesson" and r.id not in self._asked]
        if not wanted or library is None:
            return
        self._asked.update(wanted)
        size = self.SIZE

        def load(_task: Task) -> dict:
            paths = library.thumbnails(wanted)  # one query for the whole page of rows
            return {item_id: icons.load_thumbnail(paths[item_id], size) if item_id in paths else None
                    for item_id in wanted}

        self.tasks.run(load, queue=Queue.READ, name="thumbnails", on_done=self._loaded,
                       on_error=lambda _e, w=wanted: self._asked.difference_update(w))

    def _loaded(self, images: dict) -> None:
        for item_id, image in images.items():
            self._pixmaps[item_id] = icons.to_pixmap(image) if image is not None else None
        self.updated.emit()

    def forget(self) -> None:
        """After an update or a download: thumbnails may have appeared."""
        self._pixmaps.clear()
        self._asked.clear()


class ResultsModel(QAbstractListModel):
    """Rows of results. ``fetch_more_requested`` asks the page for the next page of a long answer."""

    fetch_more_requested = Signal()

    def __init__(self, thumbnails: ThumbnailCache | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ResultRow] = []
        self.total = 0
        self.more_allowed = False  # False while a new search is on its way: no page of the old one
        self.thumbnails = thumbnails
        if thumbnails is not None:
            thumbnails.updated.connect(self._thumbnails_updated)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == Qt.ItemDataRole.ToolTipRole:
            # a tooltip shows text that looks like markup as rich text: escape it (a title comes from a feed)
            return f"<p>{html.escape(row.plain_snippet() or row.title)}</p>"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.title}. {row.meta()}. {row.plain_snippet()}"
        if role == Qt.ItemDataRole.DecorationRole:
            pix = self.thumbnails.pixmap(row.id) if self.thumbnails is not None else None
            return pix if pix is not None else icons.kind_icon(row.kind)
        return None

    def set_rows(self, rows: list[ResultRow], total: int | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.total = len(rows) if total is None else total
        self.more_allowed = True
        self.endResetModel()

    def append_rows(self, rows: list[ResultRow]) -> None:
        known = {r.id for r in self.rows}
        rows = [r for r in rows if r.id not in known]
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
        self.more_allowed = bool(rows)

    def row_at(self, i: int) -> ResultRow | None:
        return self.rows[i] if 0 <= i < len(self.rows) else None

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.more_allowed and len(self.rows) < self.total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self.more_allowed = False  # one page at a time
            self.fetch_more_requested.emit()

    def refresh_texts(self) -> None:
        """The UI language changed: the kind and language names in every row change."""
        if self.rows:
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1))

    def _thumbnails_updated(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1), [Qt.ItemDataRole.DecorationRole])


def match_style(palette: QPalette) -> str:
    """The style sheet that marks search matches (``<b>``) in a snippet: a marker-pen background under the
    palette's own text colour — light yellow on a light theme, dark amber on a dark one — so the snippet stays
    readable whatever colour scheme the system uses."""
    text = palette.color(QPalette.ColorRole.Text)
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    marker = "#6b5a00" if dark else "#fff1a8"
    return f"b {{ background-color: {marker}; color: {text.name()}; }}"


class ResultDelegate(QStyledItemDelegate):
    """Paints a row: picture on the left; title, what it is, and the highlighted snippet on the right."""

    MARGIN = 6
    SNIPPET_LINES = 3

    def _picture_size(self, option: QStyleOptionViewItem) -> QSize:
        line = option.fontMetrics.lineSpacing()
        return QSize(int(line * 4.4), int(line * 2.5))  # 16:9, follows the system font

    def _document(self, row: ResultRow, option: QStyleOptionViewItem, width: int, selected: bool) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        palette = option.palette
        dim = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText)
        if not selected:
            # matches stand out by more than boldness alone (the snippet uses <b> for them)
            doc.setDefaultStyleSheet(match_style(palette))
        title = html.escape(row.title)
        meta = html.escape(row.meta())
        body = f"<div style='font-weight:600; font-size:large'>{title}</div>"
        body += f"<div style='color:{dim.name()}'>{meta}</div>"
        if row.snippet:
            body += f"<div>{row.snippet}</div>"
        doc.setHtml(body)
        doc.setTextWidth(max(50, width))
        return doc

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        """The same in sizeHint (whose option may carry no rect) and in paint, or rows would overlap."""
        view = option.widget
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else option.rect.width()
        return width - self._picture_size(option).width() - 4 * self.MARGIN

    def _fit_height(self, doc: QTextDocument) -> int:
        """The height that shows the title, the line about the item and whole lines of the snippet (at
        most ``SNIPPET_LINES``), so no line is cut in half."""
        layout = doc.documentLayout()
        block, n, bottom, snippet_lines = doc.begin(), 0, 0.0, 0
        while block.isValid():
            top = layout.blockBoundingRect(block).top()
            lines = block.layout()
            for j in range(lines.lineCount()):
                if n >= 2:  # blocks after the title and the "what it is" line are the snippet
                    if snippet_lines == self.SNIPPET_LINES:
                        return int(bottom + 1)
                    snippet_lines += 1
                bottom = top + lines.lineAt(j).rect().bottom()
            n += 1
            block = block.next()
        return int(bottom + 1)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        row = index.data(ROW_ROLE)
        if row is None:
            return super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(row, opt, self._text_width(opt), False)
        height = self._fit_height(doc)
        height = max(height, self._picture_size(opt).height())
        return QSize(max(200, self._text_width(opt)), height + 2 * self.MARGIN)

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        decoration = index.data(Qt.ItemDataRole.DecorationRole)
        opt.text = ""
        opt.icon = QIcon()  # the style draws the background and selection only; the picture is drawn below
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        m = self.MARGIN
        pic = self._picture_size(opt)
        pic_rect = QRect(opt.rect.left() + m, opt.rect.top() + m, pic.width(), pic.height())
        painter.save()
        if isinstance(decoration, QPixmap) and not decoration.isNull():
            scaled = decoration.scaled(pic, Qt.AspectRatioMode.KeepAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation)
            painter.drawPixmap(pic_rect.left() + (pic.width() - scaled.width()) // 2,
                               pic_rect.top() + (pic.height() - scaled.height()) // 2, scaled)
        else:
            side = min(pic.width(), pic.height())
            icons.kind_icon(row.kind).paint(painter, QRect(pic_rect.left() + (pic.width() - side) // 2,
                                                           pic_rect.top(), side, side))
        text_left = opt.rect.left() + pic.width() + 3 * m
        width = self._text_width(opt)
        doc = self._document(row, opt, width, selected)
        clip = QRect(0, 0, width, min(opt.rect.height() - 2 * m, self._fit_height(doc)))
        painter.translate(text_left, opt.rect.top() + m)
        painter.setClipRect(clip)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.clip = clip
        ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()


class ResultList(QListView):
    """The result list; a click or Enter on a row asks to open it (``open_requested``)."""

    open_requested = Signal(object)  # ResultRow

    def __init__(self, model: ResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(ResultDelegate(self))
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.clicked.connect(self._open_index)

    def results(self) -> ResultsModel:
        return self.model()  # type: ignore[return-value]

    def _open_index(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.open_requested.emit(row)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open_index(self.currentIndex())
            return
        super().keyPressEvent(event)


