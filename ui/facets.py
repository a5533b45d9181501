"""Facet filters with counts (kind, topic, region, target group, language, year) and the words for them.

The counts are the core's ``SearchResponse.facets`` for the current answer; choosing a value toggles
that filter on the search page. Regions drill down: oblasts first, then the districts of the chosen
oblast, then its aimaks.

Each value is a row with a check box, its label (wrapped, never cut: "ЖӨБ органдарынын кызматкерлери" is
long) and its count in a column of its own; a row is at least :data:`MIN_ROW` pixels high, the whole row
is the click target, and a chosen value is ticked, bold and tinted. With nothing to narrow down, the panel
says what will appear there instead of showing an empty box.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.formats import ui_language
from ui.results import kind_label, lang_label

# the core's facet field -> the search filter it sets -> its heading
FACETS = (
    ("kind", "kind", QT_TRANSLATE_NOOP("Facets", "Kind")),
    ("topics", "topic", QT_TRANSLATE_NOOP("Facets", "Topic")),
    ("regions", "region", QT_TRANSLATE_NOOP("Facets", "Region")),
    ("target_groups", "target_group", QT_TRANSLATE_NOOP("Facets", "Who it is for")),
    ("lang", "lang", QT_TRANSLATE_NOOP("Facets", "Language")),
    ("year", "year", QT_TRANSLATE_NOOP("Facets", "Year")),
)
_TAXONOMY_OF = {"topic": "topics", "region": "regions", "target_group": "target_groups"}
MIN_ROW = 26  # pixels: a click target of at least 24 px with a little air (WCAG 2.5.8)
PANEL_WIDTH = 280  # pixels the filters ask for: long Kyrgyz and Russian labels wrap onto two lines at most


def filter_label(flt: str, value: str, taxonomy: dict[str, dict]) -> str:
    """A filter value in words: a topic's name in the UI language, "Video lesson", "Russian", "2024"."""
    if flt == "kind":
        return kind_label(value)
    if flt == "lang":
        return lang_label(value)
    label = taxonomy.get(_TAXONOMY_OF.get(flt, ""), {}).get(value)
    return label.text(ui_language()) if label is not None else value


def parent_region(value: str) -> str | None:
    return value.rsplit(".", 1)[0] if "." in value else None


class _FacetTree(QTreeWidget):
    """Enter or Space on a value chooses it, as a click does."""

    chosen = Signal(QTreeWidgetItem)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.currentItem():
            self.chosen.emit(self.currentItem())
            return
        super().keyPressEvent(event)


class _RowDelegate(QStyledItemDelegate):
    """Rows at least :data:`MIN_ROW` high, so a value is easy to hit, and tall enough for a wrapped label.

    The tree asks for a row's height without saying how wide its column is, so the label is measured here
    against the first column's width (less the check box and the indentation)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option, index) -> QSize:
        hint = super().sizeHint(option, index)
        if index.column() == 0 and index.parent().isValid():
            style = self.tree.style()
            box = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 3 * style.pixelMetric(
                QStyle.PixelMetric.PM_FocusFrameHMargin) + 8
            width = self.tree.header().sectionSize(0) - self.tree.indentation() - box
            text = index.data(Qt.ItemDataRole.DisplayRole) or ""
            font = index.data(Qt.ItemDataRole.FontRole) or option.font
            lines = QFontMetrics(font).boundingRect(QRect(0, 0, max(width, 40), 10_000),
                                                     Qt.TextFlag.TextWordWrap, text)
            hint.setHeight(max(hint.height(), lines.height() + 8))
        return QSize(hint.width(), max(hint.height(), MIN_ROW))


class FacetPanel(QWidget):
    """Facet values with counts, grouped by field. Choosing a value toggles that filter."""

    filter_toggled = Signal(str, str)  # filter name ("topic", …), value
    SHOWN = 8  # values per group before "Show all"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.tree = _FacetTree()
        self.tree.setColumnCount(2)  # the value (with its check box), its count
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(8)
        self.tree.setWordWrap(True)  # a long label takes a second line instead of being cut
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)  # only if a single word is wider than the panel
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)  # chosen = ticked, not selected
        self.tree.setItemDelegate(_RowDelegate(self.tree))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(lambda *_a: self.tree.doItemsLayout())  # wrapped rows get their height again
        self.tree.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.tree.itemClicked.connect(lambda item, _col: self._choose(item))
        self.tree.chosen.connect(self._choose)
        self.empty_hint = QLabel()  # instead of an empty box when nothing is found
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty_hint.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_hint, 1)
        self.setMinimumWidth(PANEL_WIDTH * 4 // 5)
        self._facets: dict[str, dict[str, int]] = {}
        self._chosen: dict[str, str] = {}
        self._taxonomy: dict[str, dict] = {}
        self._expanded: set[str] = set()
        self.retranslate()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        hint.setWidth(PANEL_WIDTH)
        return hint

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Filters"))  # one word for the panel, its chips and its clear button
        self.tree.setAccessibleName(self.tr("Filters"))
        self.empty_hint.setText(self.tr("Filters for what is found appear here: kind, topic, region, who it is "
                                        "for, language and year, each with how many items it has."))
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_facets(self, facets: dict[str, dict[str, int]], chosen: dict[str, str],
                   taxonomy: dict[str, dict] | None = None) -> None:
        self._facets, self._chosen = facets, dict(chosen)
        if taxonomy is not None:
            self._taxonomy = taxonomy
        self._render()

    def set_taxonomy(self, taxonomy: dict[str, dict]) -> None:
        self._taxonomy = taxonomy
        self._render()

    def values(self, flt: str) -> dict[str, int]:
        """The values offered for a filter now, with their counts (what the panel shows)."""
        return dict(self._shown_values(flt, everything=True))

    def item_for(self, flt: str, value: str | None) -> QTreeWidgetItem | None:
        """The row of a value in the tree; with ``value=None`` the group's "Show all" row."""
        wanted = ("value", flt, value) if value is not None else ("more", flt)
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                if group.child(j).data(0, Qt.ItemDataRole.UserRole) == wanted:
                    return group.child(j)
        return None

    def _shown_values(self, flt: str, *, everything: bool = False) -> list[tuple[str, int]]:
        field = next(f for f, x, _h in FACETS if x == flt)
        counts = self._facets.get(field, {})
        chosen = self._chosen.get(flt)
        if flt == "region":
            # drill down: the oblasts first; once one is chosen, its districts; then its aimaks
            counts = {v: c for v, c in counts.items()
                      if parent_region(v) == chosen or (chosen is None and parent_region(v) not in counts)
                      or v == chosen}
        if flt == "year":
            items = sorted(counts.items(), reverse=True)  # newest year first
        else:
            items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))  # commonest first
        if chosen is not None and chosen not in counts:
            items.insert(0, (chosen, 0))
        return items

    def _render(self) -> None:
        self.tree.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        link = QFont(self.font())
        link.setUnderline(True)
        tint = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        tint.setAlpha(48)  # the chosen row stands out in light and dark themes alike
        dim = self.palette().color(QPalette.ColorRole.PlaceholderText)
        for _field, flt, heading in FACETS:
            values = self._shown_values(flt)
            if not values or (len(values) == 1 and flt not in self._chosen and flt != "kind"):
                continue  # one value for everything found narrows nothing down
            group = QTreeWidgetItem([QCoreApplication.translate("Facets", heading)])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setFont(0, bold)
            group.setData(0, Qt.ItemDataRole.UserRole, ("group", flt))
            self.tree.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)
            limit = None if flt in self._expanded or flt in self._chosen else self.SHOWN
            for value, count in values[:limit]:
                label = filter_label(flt, value, self._taxonomy)
                is_chosen = self._chosen.get(flt) == value
                child = QTreeWidgetItem([label, str(count)])
                # ticked or not, but never by Qt itself: the whole row is one click target (see _choose)
                child.setFlags(Qt.ItemFlag.ItemIsEnabled)
                child.setCheckState(0, Qt.CheckState.Checked if is_chosen else Qt.CheckState.Unchecked)
                child.setData(0, Qt.ItemDataRole.UserRole, ("value", flt, value))
                child.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                child.setForeground(1, dim)
                tip = label + " — " + (self.tr("click again to remove this filter") if is_chosen
                                       else self.tr("show only these"))
                child.setToolTip(0, tip)
                child.setToolTip(1, tip)
                if is_chosen:
                    for column in (0, 1):
                        child.setFont(column, bold)
                        child.setBackground(column, tint)
                group.addChild(child)
            if limit is not None and len(values) > limit:
                more = QTreeWidgetItem([self.tr("Show all (%1)…").replace("%1", str(len(values)))])
                more.setFlags(Qt.ItemFlag.ItemIsEnabled)
                more.setData(0, Qt.ItemDataRole.UserRole, ("more", flt))
                more.setFont(0, link)
                more.setForeground(0, self.palette().color(QPalette.ColorRole.Link))
                group.addChild(more)
                more.setFirstColumnSpanned(True)
            group.setExpanded(True)
        empty = self.tree.topLevelItemCount() == 0
        self.tree.setVisible(not empty)
        self.empty_hint.setVisible(empty)

    def _choose(self, item: QTreeWidgetItem) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole)
        if not data:
            return
        if data[0] == "more":
            self._expanded.add(data[1])
            self._render()
        elif data[0] == "value":
            self.filter_toggled.emit(data[1], data[2])
