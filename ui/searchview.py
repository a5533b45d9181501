"""The search page: a search box with results as you type, facet filters with counts, sort, "did you mean".

Every keystroke restarts a short timer (150 ms); when it fires, the search runs on the task manager's
"read" queue with ``key="search"``, so a newer query supersedes an older one that has not answered yet
and no keystroke ever waits for the index. An empty box lists the chosen kind (newest first), as the
core's ``Library.search`` does for a request without text. The rows, model and delegate live in
``ui/results.py``, the facet panel in ``ui/facets.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.values import SearchRequest, SearchResponse
from ui.facets import FACETS, MIN_ROW, FacetPanel, filter_label, parent_region
from ui.formats import ui_language
from ui.results import ResultList, ResultRow, ResultsModel, ThumbnailCache, plural
from ui.searchhints import LanguageHint, other_languages
from ui.tasks import Queue

if TYPE_CHECKING:
    from app.library import Library
    from ui.tasks import Task, TaskManager

PAGE_SIZE = 30
DEBOUNCE_MS = 150


class SearchPage(QWidget):
    """Search box, sort, explanations, active filters, the result list and the facet panel."""

    open_requested = Signal(object)  # ResultRow
    kind_changed = Signal(object)  # str | None: the kind filter changed here (the navigation follows)
    results_shown = Signal()  # a response is on screen (tests and the start-up trace wait for it)
    search_failed = Signal()  # the search asked for last did not work (its message is on screen)

    def __init__(self, tasks: TaskManager, thumbnails: ThumbnailCache | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.library = None
        self.thumbnails = thumbnails or ThumbnailCache(tasks, self)
        self.filters: dict[str, str] = {}
        self.sort = "relevance"
        self.response: SearchResponse | None = None  # the answer on screen
        self.error: str | None = None
        self.taxonomy: dict[str, dict] = {}
        self._generation = 0
        self._as_you_type = True

        self.search_box = QLineEdit()
        self.search_box.setClearButtonEnabled(True)
        self.sort_box = QComboBox()
        self.sort_box.addItem("", "relevance")
        self.sort_box.addItem("", "date")
        self.info = QLabel()
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setWordWrap(True)
        self.suggestion_button = QPushButton()
        self.suggestion_button.setFlat(True)
        self.suggestion_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.suggestion_button.setStyleSheet("QPushButton { color: palette(link); text-decoration: underline; "
                                             "text-align: left; }")
        self.suggestion_button.hide()
        self.suggestion_prefix = QLabel()
        self.suggestion_prefix.hide()
        self.chips = QWidget()
        self.chips_layout = QHBoxLayout(self.chips)
        self.chips_layout.setContentsMargins(0, 0, 0, 0)
        self.model = ResultsModel(self.thumbnails, self)
        self.results = ResultList(self.model)
        self.facets = FacetPanel()
        self.language_hint = LanguageHint()  # what a language filter leaves out, and one click to show it
        self.language_hint.show_all.connect(lambda: self.set_filter("lang", None))

        top = QHBoxLayout()
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search_box)
        top.addWidget(self.search_label)
        top.addWidget(self.search_box, 1)
        self.sort_label = QLabel()
        self.sort_label.setBuddy(self.sort_box)
        top.addWidget(self.sort_label)
        top.addWidget(self.sort_box)
        info_row = QHBoxLayout()
        info_row.addWidget(self.info, 1)
        info_row.addWidget(self.suggestion_prefix)
        info_row.addWidget(self.suggestion_button)
        info_row.addStretch()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(info_row)
        left_layout.addWidget(self.language_hint)
        left_layout.addWidget(self.chips)
        left_layout.addWidget(self.results, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.facets)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([640, 280])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.search_now)
        self.search_box.textEdited.connect(self._text_edited)
        self.search_box.returnPressed.connect(self._return_pressed)
        self.sort_box.currentIndexChanged.connect(self._sort_changed)
        self.suggestion_button.clicked.connect(self.accept_suggestion)
        self.facets.filter_toggled.connect(self.toggle_filter)
        self.model.fetch_more_requested.connect(self._fetch_more)
        self.results.open_requested.connect(self.open_requested)
        self.retranslate()

    # --- texts --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.search_label.setText(self.tr("&Search:"))
        self.search_box.setPlaceholderText(self.tr("Words to find in practices, lessons, documents and events"))
        self.search_box.setAccessibleName(self.tr("Search the library"))
        self.sort_label.setText(self.tr("S&ort:"))
        self.sort_box.setItemText(0, self.tr("Best match"))
        self.sort_box.setItemText(1, self.tr("Newest first"))
        self.sort_box.setAccessibleName(self.tr("Order of the results"))
        self.results.setAccessibleName(self.tr("Results"))
        self.suggestion_prefix.setText(self.tr("Did you mean:"))
        self.suggestion_button.setAccessibleName(self.tr("Search for the suggested spelling"))
        self._render_info()
        self._render_chips()
        self.model.refresh_texts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- public -------------------------------------------------------------------------------

    def set_library(self, library: Library) -> None:
        self.library = library
        self.error = None
        self.tasks.run(lambda _t: library.taxonomy(), queue=Queue.READ, name="taxonomy", on_done=self._taxonomy_loaded)
        self.search_now()

    def take_over(self, library: Library) -> None:
        """The whole library replaces the one opened only to search it (app/searchonly.py), whose index it took
        over: the answer on screen stays (the same index gave it), the next searches ask ``library``."""
        self.library = library

    def text(self) -> str:
        return self.search_box.text().strip()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def set_kind(self, kind: str | None) -> None:
        """The navigation chose a kind (None: everything)."""
        if self.filters.get("kind") == kind:
            return
        self._set(self.filters, "kind", kind)
        self.search_now()

    def toggle_filter(self, flt: str, value: str) -> None:
        """A facet value was chosen: filter by it, or, chosen again, remove that filter."""
        if self.filters.get(flt) != value:
            self.set_filter(flt, value)
        elif flt == "region":
            self.set_filter(flt, parent_region(value))  # a region drill-down steps back one level
        else:
            self.set_filter(flt, None)

    def set_filter(self, flt: str, value: str | None) -> None:
        self._set(self.filters, flt, value)
        if flt == "kind":
            self.kind_changed.emit(value)
        self.search_now()

    def clear_filters(self) -> None:
        had_kind = "kind" in self.filters
        self.filters.clear()
        if had_kind:
            self.kind_changed.emit(None)
        self.search_now()

    def accept_suggestion(self) -> None:
        if self.response is not None and self.response.suggestion:
            self.search_box.setText(self.response.suggestion)
            self._as_you_type = False
            self.search_now()

    def reset(self) -> None:
        """A visitor left (kiosk mode): nothing of their search stays on screen."""
        self.search_box.clear()
        self.filters.clear()
        self.sort_box.setCurrentIndex(0)
        self.search_now()

    def show_error(self, message: str) -> None:
        self.error = message
        self._render_info()

    def search_now(self) -> None:
        """Run the search for what is typed now (the timer calls this; so do Enter and filter changes)."""
        self.timer.stop()
        self._run(offset=0)

    # --- searching ----------------------------------------------------------------------------

    @staticmethod
    def _set(d: dict, key: str, value: str | None) -> None:
        if value is None:
            d.pop(key, None)
        else:
            d[key] = value

    def _text_edited(self, _text: str) -> None:
        self._as_you_type = True
        self.model.more_allowed = False  # the old answer's next page is no longer wanted
        self.timer.start()

    def _return_pressed(self) -> None:
        self._as_you_type = False
        self.search_now()

    def _sort_changed(self, _index: int) -> None:
        self.sort = self.sort_box.currentData() or "relevance"
        self.search_now()

    def _run(self, *, offset: int) -> None:
        library = self.library
        if library is None:
            return
        if offset == 0:
            self._generation += 1
            self.model.more_allowed = False
        generation = self._generation
        # (the filters' keys are the request's filter fields: kind, lang, topic, region, target_group, year)
        request = SearchRequest(text=self.text(), **self.filters, sort=self.sort, limit=PAGE_SIZE, offset=offset,
                                facets=offset == 0, as_you_type=self._as_you_type, ui_lang=ui_language())
        wider = offset == 0 and request.lang is not None  # also count what the language filter leaves out

        def work(_task: Task) -> tuple:
            return library.search(request), other_languages(library, request) if wider else None

        self.tasks.run(work, queue=Queue.READ, key="search", name="search",
                       on_done=lambda found: self._answered(*found, generation, offset),
                       on_error=lambda error: self._failed(error, generation))

    def _fetch_more(self) -> None:
        if self.response is not None:
            self._run(offset=self.model.rowCount())

    def _answered(self, response, languages: dict[str, int] | None, generation: int,
                  offset: int) -> None:
        if generation != self._generation:
            return  # an older query's answer: a newer one is on its way
        rows = [ResultRow.from_hit(h) for h in response.hits]
        self.error = None
        if offset == 0:
            self.response = response
            self.model.set_rows(rows, response.total)
            self.results.scrollToTop()
            self.language_hint.show_counts(self.filters.get("lang"), languages)
            # the other languages stay in the filters with their counts, so one can be chosen instead
            facets = dict(response.facets, lang=languages) if languages else response.facets
            self.facets.set_facets(facets, self.filters, self.taxonomy)
            self.sort_box.setEnabled(bool(response.query.strip()))  # a listing is always newest first
            self._render_info()
            self._render_chips()
        else:
            self.model.append_rows(rows)
        self.thumbnails.request(self.library, rows)
        self.results_shown.emit()

    def _failed(self, error: BaseException, generation: int) -> None:
        if generation == self._generation:
            self.show_error(self.tr("The search did not work: %1").replace("%1", str(error) or type(error).__name__))
            self.search_failed.emit()

    def _taxonomy_loaded(self, taxonomy: dict) -> None:
        self.taxonomy = {kind: {label.id: label for label in labels} for kind, labels in taxonomy.items()}
        self.facets.set_taxonomy(self.taxonomy)
        self._render_chips()

    # --- explanations and chips ---------------------------------------------------------------

    def _render_info(self) -> None:
        r = self.response
        suggestion = None
        if self.error:
            text = self.error
        elif self.library is None:
            text = self.tr("Opening the library…")
        elif r is None:
            text = ""
        elif r.corrected:
            text = self.tr("Nothing was found for “%1”. Showing the results for “%2” instead.") \
                .replace("%1", r.query).replace("%2", r.suggestion or "")
        elif r.total == 0 and r.query.strip():
            text = self.tr("Nothing was found for “%1”. Try fewer or shorter words, or remove a filter.") \
                .replace("%1", r.query)
            suggestion = r.suggestion
        elif r.total == 0:
            text = self.tr("There is nothing here yet.")
        elif r.partial:
            text = self.tr("No item has all of these words. Showing the items that have some of them (%n found).",
                           "", r.total)
            suggestion = r.suggestion
        elif r.query.strip():
            text = plural(self.tr("%n result(s)", "", r.total), r.total)
            suggestion = r.suggestion
        else:
            text = plural(self.tr("%n item(s), newest first", "", r.total), r.total)
        self.info.setText(text)
        self.suggestion_prefix.setVisible(bool(suggestion))
        self.suggestion_button.setVisible(bool(suggestion))
        self.suggestion_button.setText(suggestion or "")

    def _render_chips(self) -> None:
        while self.chips_layout.count():
            item = self.chips_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.chip_buttons: list[QToolButton] = []  # the filter chips on screen, "Clear all filters" last
        for _field, flt, heading in FACETS:
            if flt not in self.filters:
                continue
            label = f"{QCoreApplication.translate('Facets', heading)}: " \
                    f"{filter_label(flt, self.filters[flt], self.taxonomy)}"
            chip = QToolButton()
            chip.setText(label + "  ✕")
            chip.setAccessibleName(self.tr("Remove the filter %1").replace("%1", label))
            chip.setToolTip(self.tr("Remove this filter"))
            chip.setProperty("filter", flt)
            chip.setMinimumHeight(MIN_ROW)  # a click target of at least 24 px
            chip.clicked.connect(lambda _c=False, f=flt: self.set_filter(f, None))
            self.chips_layout.addWidget(chip)
            self.chip_buttons.append(chip)
        if self.filters:
            clear = QToolButton()
            clear.setText(self.tr("Clear all filters"))
            clear.setAccessibleName(self.tr("Clear all filters"))
            clear.setProperty("filter", "")
            clear.setMinimumHeight(MIN_ROW)
            clear.clicked.connect(self.clear_filters)
            self.chips_layout.addWidget(clear)
            self.chip_buttons.append(clear)
        self.chips_layout.addStretch()
        self.chips.setVisible(bool(self.filters))
