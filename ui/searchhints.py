"""The line that says what a language filter hides: "Only in Русский. +4 in Кыргызча, +3 in English — show all".

A filter by language (chosen in the filters, or set for the user) narrows the results to one language, while
many practices exist in Kyrgyz and Russian alike; a librarian who does not see the filter chip would think the
library has nothing more. The search page asks the core for the same search without the language filter
(:func:`other_languages`) and this line shows what the filter left out, with one click to show everything.
It is hidden when the filter hides nothing.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.values import SearchRequest
from ui.results import lang_label

if TYPE_CHECKING:
    from app.library import Library


def other_languages(library: Library, request: SearchRequest) -> dict[str, int]:  # runs in a worker
    """How many items the search finds in each language when it is not filtered by language."""
    wider = dataclasses.replace(request, lang=None, limit=1, offset=0, snippets=False, facets=True)
    return dict(library.search(wider).facets.get("lang", {}))


class LanguageHint(QWidget):
    """"Only in X." and a link-like button listing what else was found; the button removes the filter."""

    show_all = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chosen: str | None = None
        self.hidden_counts: dict[str, int] = {}  # language -> results the filter leaves out
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton()
        self.button.setFlat(True)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.setStyleSheet("QPushButton { color: palette(link); text-decoration: underline; "
                                  "text-align: left; padding: 2px 4px; }")
        self.button.setMinimumHeight(24)
        self.button.clicked.connect(lambda _checked=False: self.show_all.emit())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.button)
        row.addStretch(1)
        self.hide()

    def show_counts(self, chosen: str | None, counts: dict[str, int] | None) -> None:
        """The language filtered by (None: no filter) and the counts per language without that filter."""
        self.chosen = chosen
        self.hidden_counts = {lang: n for lang, n in (counts or {}).items() if lang != chosen and n > 0}
        self.retranslate()

    def retranslate(self) -> None:
        if self.chosen is None or not self.hidden_counts:
            self.hide()
            return
        self.label.setText(self.tr("Only in %1.").replace("%1", lang_label(self.chosen)))
        more = ", ".join(self.tr("+%1 in %2").replace("%1", str(n)).replace("%2", lang_label(lang))
                         for lang, n in sorted(self.hidden_counts.items(), key=lambda kv: -kv[1]))
        self.button.setText(self.tr("%1 — show all languages").replace("%1", more))
        self.button.setToolTip(self.tr("Remove the language filter"))
        self.button.setAccessibleName(self.button.text())
        self.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
