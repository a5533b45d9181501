"""Dates on screen follow the interface language, not the PC's regional settings: ky and ru read
``06.12.2026 06:20``, en ``6 Dec 2026, 06:21`` (before: ky "6/12/26 06:20", en "12/6/26 6:21 AM")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QApplication

from ui import i18n
from ui.app import start
from ui.formats import format_moment, local_date, local_time
from ui.readertext import dates

MOMENT = {"ky": "06.12.2026 06:20", "ru": "06.12.2026 06:20", "en": "6 Dec 2026, 06:20"}
PATTERN = {"ky": r"\d\d\.\d\d\.\d{4} \d\d:\d\d", "ru": r"\d\d\.\d\d\.\d{4} \d\d:\d\d",
           "en": r"\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d"}


@pytest.fixture(autouse=True)
def back_to_english(qapp: QApplication):
    yield
    i18n.install_language(qapp, "en")


def utc_iso_of_local(moment: QDateTime) -> str:
    """How the core stores a moment: naive UTC ISO text."""
    return moment.toUTC().toString("yyyy-MM-ddTHH:mm:ss")


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_a_moment_in_each_language(qapp: QApplication, tmp_path: Path, lang: str) -> None:
    assert i18n.install_language(qapp, lang, cache_dir=tmp_path) == lang
    local = QDateTime(QDate(2026, 12, 6), QTime(6, 20))
    assert format_moment(local) == MOMENT[lang]
    assert local_time(utc_iso_of_local(local)) == MOMENT[lang]  # stored as UTC, shown in local time
    assert local_date(utc_iso_of_local(local)) == MOMENT[lang].split(" 06")[0].removesuffix(",")
    # an event's dates in the reader: the same day format, a 24-hour clock
    assert dates("2026-12-06T14:00:00", "2026-12-06T16:30:00") == (
        "6 Dec 2026, 14:00 – 16:30" if lang == "en" else "06.12.2026, 14:00 – 16:30")


@pytest.mark.parametrize("lang", ["ky", "en"])
def test_the_history_page_dates_follow_the_language(qapp: QApplication, qtbot, sample_dir: Path, tmp_path: Path,
                                                    lang: str) -> None:
    assert i18n.install_language(qapp, lang, cache_dir=tmp_path) == lang
    window = start(str(sample_dir), import_sample=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.library is not None and window.search_page.response is not None, timeout=20000)
    window.library.record_opened("pb-lebedinovka-ky")
    with qtbot.waitSignal(window.history_page.loaded, timeout=10000):
        window.go_to_section("history")
    note = window.history_page.model.rows[0].note
    assert re.search(PATTERN[lang], note), note
    assert "AM" not in note and "PM" not in note and not re.search(r"\d+/\d+/\d+", note)
    window.close()


def test_a_time_that_is_not_one_is_shown_as_given() -> None:
    assert local_time("soon") == "soon" and local_date("") == ""
    assert QDateTime.fromString("2026-12-06T06:20:00", Qt.DateFormat.ISODate).isValid()
