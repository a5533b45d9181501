"""What's new after an update: the items a sync added, changed or removed, one row per item with its
translations together (a practice in Kyrgyz, Russian and English is one practice, not three).

The rows come from the sync's own report (``SyncReport.items``: title, language and translation group of every
item it touched, a removed one as it was), so nothing is read from the library here. A row shows the title in
the interface language when the item has it, and the languages it came in; clicking it (or Enter) opens that
translation. Counts ("12 new") count items, not translations. The texts keep the "UpdateDialog" translation
context they had before they moved here (literal ``translate`` calls, so that lupdate files them there too).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from ui.i18n import LANGUAGE_NAMES
from ui.syncwords import KIND_ORDER, kind_label

if TYPE_CHECKING:
    from sync.client import SyncReport

MAX_LISTED = 200  # per kind and bucket: a first sync of a big feed must not build thousands of rows at once
LANG_ORDER = ("ky", "ru", "en")


@dataclass(frozen=True)
class Entry:
    """One item of What's new: its translations (id, language, title), best first for this interface."""

    kind: str
    translations: tuple[tuple[str, str, str], ...]

    @property
    def id(self) -> str:
        return self.translations[0][0]

    @property
    def title(self) -> str:
        return self.translations[0][2]

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(lang for _id, lang, _title in self.translations)


def group_changes(report: SyncReport, ids_by_kind: dict[str, list[str]], ui_lang: str) -> dict[str, list[Entry]]:
    """The ids of one bucket (``report.added``…, by kind) as entries by kind, translations together, sorted by
    title. ``report``: a ``sync.client.SyncReport`` (its ``items`` name each id's group, language and title)."""
    out: dict[str, list[Entry]] = {}
    for kind, ids in ids_by_kind.items():
        groups: dict[str, list[tuple[str, str, str]]] = {}
        for item_id in ids:
            found = report.items.get(item_id)
            group = found.translation_group if found and found.translation_group else item_id
            groups.setdefault(group, []).append((item_id, found.lang if found else "", report.title(item_id)))
        rank = lambda t: (t[1] != ui_lang, LANG_ORDER.index(t[1]) if t[1] in LANG_ORDER else 9, t[0])
        entries = [Entry(kind, tuple(sorted(members, key=rank))) for members in groups.values()]
        out[kind] = sorted(entries, key=lambda e: (e.title.lower(), e.id))
    return out


def count_entries(report: SyncReport, bucket: dict[str, list[str]]) -> int:
    """How many items (a practice and its translations: one) a bucket of the report holds."""
    return sum(len(entries) for entries in group_changes(report, bucket, "").values())


class WhatsNewTree(QTreeWidget):
    """New / Changed / Removed, by kind, one row per item. Emits ``open_item(id)`` when a row is chosen."""

    open_item = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.itemClicked.connect(self._chosen)
        enter = QShortcut(QKeySequence(Qt.Key_Return), self, context=Qt.WidgetShortcut)
        enter.activated.connect(lambda: self._chosen(self.currentItem()))

    def retranslate(self) -> None:
        self.setAccessibleName(QCoreApplication.translate("UpdateDialog", "What's new: click an entry to open it"))

    def show_report(self, report: SyncReport, ui_lang: str) -> None:
        self.clear()
        buckets = ((report.added, QCoreApplication.translate("UpdateDialog", "New")),
                   (report.updated, QCoreApplication.translate("UpdateDialog", "Changed")),
                   (report.removed, QCoreApplication.translate("UpdateDialog", "Removed")))
        for bucket, label in buckets:
            if not bucket:
                continue
            by_kind = group_changes(report, bucket, ui_lang)
            top = QTreeWidgetItem([f"{label} ({sum(len(e) for e in by_kind.values())})"])
            self.addTopLevelItem(top)
            for kind in sorted(by_kind, key=lambda k: (KIND_ORDER.index(k) if k in KIND_ORDER else 99, k)):
                entries = by_kind[kind]
                group = QTreeWidgetItem(top, [f"{kind_label(kind)} ({len(entries)})"])
                for entry in entries[:MAX_LISTED]:
                    row = QTreeWidgetItem(group, [self._row_text(entry)])
                    row.setToolTip(0, "\n".join(f"{lang}: {title}" for _id, lang, title in entry.translations))
                    if bucket is not report.removed:  # a removed item cannot be opened
                        row.setData(0, Qt.UserRole, entry.id)
                if len(entries) > MAX_LISTED:
                    more = QCoreApplication.translate("UpdateDialog", "… and %1 more")
                    QTreeWidgetItem(group, [more.replace("%1", str(len(entries) - MAX_LISTED))])
            top.setExpanded(True)
            for i in range(top.childCount()):
                top.child(i).setExpanded(True)

    @staticmethod
    def _row_text(entry: Entry) -> str:
        ordered = sorted((lang for lang in entry.langs if lang), key=lambda x: (LANG_ORDER + (x,)).index(x))
        langs = [LANGUAGE_NAMES.get(lang, lang) for lang in ordered]  # each in itself, always in one order
        return f"{entry.title}  ·  {', '.join(langs)}" if langs else entry.title

    def _chosen(self, row: QTreeWidgetItem | None) -> None:
        item_id = row.data(0, Qt.UserRole) if row is not None else None
        if item_id:
            self.open_item.emit(item_id)

    def entries(self) -> list[tuple[str, str, str]]:
        """The rows as (bucket, kind label, row text) — what the list shows, for tests and screen readers."""
        rows = []
        for t in range(self.topLevelItemCount()):
            top = self.topLevelItem(t)
            for g in range(top.childCount()):
                group = top.child(g)
                rows += [(top.text(0), group.text(0), group.child(e).text(0)) for e in range(group.childCount())]
        return rows
