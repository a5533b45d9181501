"""Words on screen: proper English plurals ("1 day ago", "3 days ago", never "day(s)"), Russian plural forms, the
built-in portal key named in the interface language (not the developers' note in its file), and the words the
Kyrgyz and Russian translations now use for one thing each."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from ui import i18n
from ui.feedspanel import age_text


@pytest.fixture(autouse=True)
def back_to_english(qapp: QApplication):
    yield
    i18n.install_language(qapp, "en")


def pin_wait(n: int) -> str:
    return QCoreApplication.translate("PinDialog", "Too many wrong tries. Wait %n second(s) and try again.", "", n)


def test_english_says_one_day_and_three_days(qapp: QApplication, tmp_path: Path) -> None:
    assert i18n.install_language(qapp, "en", cache_dir=tmp_path) == "en"
    assert age_text("2026-12-05T10:00:00", 1).endswith(", 1 day ago")
    assert age_text("2026-12-03T10:00:00", 3).endswith(", 3 days ago")
    assert pin_wait(1) == "Too many wrong tries. Wait 1 second and try again."
    assert pin_wait(30) == "Too many wrong tries. Wait 30 seconds and try again."
    assert QCoreApplication.translate("SearchPage", "%n result(s)", "", 1) == "1 result"


def test_russian_has_its_three_forms(qapp: QApplication, tmp_path: Path) -> None:
    assert i18n.install_language(qapp, "ru", cache_dir=tmp_path) == "ru"
    assert [age_text("2026-12-01T10:00:00", n).split(", ")[1] for n in (1, 3, 5)] == [
        "1 день назад", "3 дня назад", "5 дней назад"]


@pytest.mark.parametrize(("lang", "words"), [
    ("ky", {("Sections", "History"): "Таржымал", ("SearchPage", "S&ort:"): "&Иреттөө:",
            ("SettingsDialog", "Visitor mode"): "Окурман режими", ("FacetPanel", "Filters"): "Фильтрлер"}),
    ("ru", {("SearchPage", "S&ort:"): "&Сортировка:", ("SearchPage", "Best match"): "по релевантности",
            ("SettingsDialog", "Clear after &quiet minutes:"): "Очищать после &бездействия:",
            ("FacetPanel", "Filters"): "Фильтры"}),
])
def test_the_translations_use_the_agreed_words(qapp: QApplication, tmp_path: Path, lang: str, words: dict) -> None:
    assert i18n.install_language(qapp, lang, cache_dir=tmp_path) == lang
    for (context, source), expected in words.items():
        assert QCoreApplication.translate(context, source) == expected
    results = QCoreApplication.translate("SearchPage", "%n result(s)", "", 6)
    assert results == ("6 натыйжа" if lang == "ky" else "6 результатов")


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_the_built_in_key_is_named_in_the_interface_language(qapp: QApplication, qtbot, sample_library,
                                                             tmp_path: Path, lang: str) -> None:
    from ui.settingsdialog import SettingsDialog

    assert i18n.install_language(qapp, lang, cache_dir=tmp_path) == lang
    dialog = SettingsDialog(sample_library)
    qtbot.addWidget(dialog)
    rows = [dialog.keys.item(i).text() for i in range(dialog.keys.count())]
    assert rows and not any("DEVELOPMENT" in r or "portal (built in)" in r for r in rows), rows
    expected = {"ky": "Порталдын ачкычы", "ru": "Ключ портала", "en": "The portal's key"}[lang]
    assert rows[0].startswith(expected)
