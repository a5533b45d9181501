"""Interface languages: our .qm built from the .ts with the wheel's lrelease, switched at once in open widgets."""

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.settings import Settings
from ui import i18n


@pytest.fixture(autouse=True)
def back_to_english(qapp: QApplication):
    yield
    i18n.install_language(qapp, "en")
    qapp.processEvents()  # deliver the LanguageChange before the next test builds widgets


def test_language_of_locales() -> None:
    assert i18n.language_of(QLocale("ky_KG")) == "ky"
    assert i18n.language_of(QLocale("ru_RU")) == "ru"
    assert i18n.language_of(QLocale("ru_KG")) == "ru"
    assert i18n.language_of(QLocale("de_DE")) == "en"
    assert i18n.system_language() in i18n.LANGUAGES


def test_startup_language_prefers_the_setting(sample_library) -> None:
    settings = Settings(sample_library.paths)
    assert i18n.startup_language(settings) == i18n.system_language()
    settings.set("ui_language", "ky")
    assert i18n.startup_language(settings) == "ky"
    settings.set("ui_language", "xx")  # not one of ours: the system's
    assert i18n.startup_language(settings) == i18n.system_language()


def test_the_wheel_builds_our_translations(tmp_path: Path) -> None:
    assert i18n.qt_tool("lrelease") is not None, "the PySide6 wheel ships lrelease"
    for lang, expected in (("ru", "Настройки"), ("ky", "Жөндөөлөр")):
        ts = i18n.translations_dir() / f"kitepkana_{lang}.ts"
        qm = tmp_path / f"kitepkana_{lang}.qm"
        assert i18n.compile_ts(ts, qm)
        translator = QTranslator()
        assert translator.load(str(qm))
        assert translator.translate("SettingsDialog", "Settings") == expected
    assert not i18n.compile_ts(tmp_path / "missing.ts", tmp_path / "missing.qm")
    # whatever find_qm picks (built by build/translations.py, or built now into the cache) is up to date
    ts = i18n.translations_dir() / "kitepkana_ru.ts"
    found = i18n.find_qm("ru", cache_dir=tmp_path / "cache")
    assert found is not None and found.stat().st_mtime >= ts.stat().st_mtime
    assert QTranslator().load(str(found))


def test_switching_language_changes_open_widgets(qapp: QApplication, qtbot, sample_library, tmp_path: Path) -> None:
    from ui.settingsdialog import SettingsDialog

    dialog = SettingsDialog(sample_library)
    qtbot.addWidget(dialog)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert dialog.language_label.text() == "Interface &language:"

    assert i18n.install_language(qapp, "ru", cache_dir=tmp_path) == "ru"
    # each widget gets its own LanguageChange event, in no promised order: wait for all of them
    qtbot.waitUntil(lambda: (dialog.language_label.text(), dialog.windowTitle(), cancel.text())
                    == ("&Язык интерфейса:", "Настройки", "Отмена"))  # Cancel: Qt's own strings, from qtbase_ru
    assert QLocale().language() == QLocale.Language.Russian

    assert i18n.install_language(qapp, "ky", cache_dir=tmp_path) == "ky"
    # Qt has no Kyrgyz of its own (no qtbase_ky): its buttons come from our files (ui/qtstrings.py)
    qtbot.waitUntil(lambda: (dialog.windowTitle(), cancel.text()) == ("Жөндөөлөр", "Жокко чыгаруу"))
    assert i18n.current_language() == "ky"

    assert i18n.install_language(qapp, "en", cache_dir=tmp_path) == "en"
    qtbot.waitUntil(lambda: (dialog.language_label.text(), cancel.text()) == ("Interface &language:", "Cancel"))


def test_picking_a_language_in_the_dialog_switches_and_saves(qapp: QApplication, qtbot, sample_library) -> None:
    from ui.settingsdialog import SettingsDialog

    dialog = SettingsDialog(sample_library)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.language_changed, timeout=30_000) as blocker:
        dialog.language.setCurrentIndex(dialog.language.findData("ru"))
    assert blocker.args == ["ru"]
    assert Settings(sample_library.paths).get("ui_language") == "ru"
    qtbot.waitUntil(lambda: dialog.tabs.tabText(1) == "Обновления")
    # the dialog was not closed or saved: other fields are untouched
    assert dialog.isModal() and Settings(sample_library.paths).get("portal_url") == ""


@pytest.mark.parametrize(("lang", "yes", "copy"), [("ky", "&Ооба", "&Көчүрүү"), ("ru", "&Да", "&Копировать")])
def test_qt_own_buttons_and_edit_menus_speak_the_language(qapp: QApplication, qtbot, tmp_path: Path, lang: str,
                                                         yes: str, copy: str) -> None:
    from PySide6.QtWidgets import QLineEdit, QMessageBox, QTextBrowser

    assert i18n.install_language(qapp, lang, cache_dir=tmp_path) == lang
    box = QMessageBox(QMessageBox.Icon.Question, "?", "?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Yes).text() == yes
    field, view = QLineEdit("суу"), QTextBrowser()
    qtbot.addWidget(field)
    qtbot.addWidget(view)
    for menu in (field.createStandardContextMenu(), view.createStandardContextMenu()):
        texts = [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]
        assert copy in texts, texts
        assert not {"&Copy", "Select All"} & set(texts), texts  # nothing left in English
