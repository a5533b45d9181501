"""Facet filters with counts (kind, topic, region, target group, language, year) and the words for them.

The counts are the core's ``SearchResponse.facets`` for the current answer; choosing a value toggles
that filter on the search page. Regions drill down: oblasts first, then the districts of the chosen
oblast, then its aimaks.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

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

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.currentItem():
            self.chosen.emit(self.currentItem())
            return
        super().keyPressEvent(event)


class FacetPanel(QWidget):
    """Facet values with counts, grouped by field. Choosing a value toggles that filter."""

    filter_toggled = Signal(str, str)  # filter name ("topic", …), value
    SHOWN = 8  # values per group before "Show all"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.tree = _FacetTree()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(12)
        self.tree.itemClicked.connect(lambda item, _col: self._choose(item))
        self.tree.chosen.connect(self._choose)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree)
        self._facets: dict[str, dict[str, int]] = {}
        self._chosen: dict[str, str] = {}
        self._taxonomy: dict[str, dict] = {}
        self._expanded: set[str] = set()
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Filters"))  # one word for the panel, its chips and its clear button
        self.tree.setAccessibleName(self.tr("Filters"))
        self._render()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
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
        for _field, flt, heading in FACETS:
            values = self._shown_values(flt)
            if not values or (len(values) == 1 and flt not in self._chosen and flt != "kind"):
                continue  # one value for everything found narrows nothing down
            group = QTreeWidgetItem([QCoreApplication.translate("Facets", heading)])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setFont(0, bold)
            group.setData(0, Qt.ItemDataRole.UserRole, ("group", flt))
            self.tree.addTopLevelItem(group)
            limit = None if flt in self._expanded or flt in self._chosen else self.SHOWN
            for value, count in values[:limit]:
                label = filter_label(flt, value, self._taxonomy)
                is_chosen = self._chosen.get(flt) == value
                child = QTreeWidgetItem([("✓ " if is_chosen else "") + f"{label} ({count})"])
                child.setData(0, Qt.ItemDataRole.UserRole, ("value", flt, value))
                child.setToolTip(0, label + " — " + (self.tr("click again to remove this filter") if is_chosen
                                                     else self.tr("show only these")))
                if is_chosen:
                    child.setFont(0, bold)
                group.addChild(child)
            if limit is not None and len(values) > limit:
                more = QTreeWidgetItem([self.tr("Show all (%1)…").replace("%1", str(len(values)))])
                more.setData(0, Qt.ItemDataRole.UserRole, ("more", flt))
                group.addChild(more)
            group.setExpanded(True)

    def _choose(self, item: QTreeWidgetItem) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole)
        if not data:
            return
        if data[0] == "more":
            self._expanded.add(data[1])
            self._render()
        elif data[0] == "value":
            self.filter_toggled.emit(data[1], data[2])
