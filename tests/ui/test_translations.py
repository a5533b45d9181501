"""The Kyrgyz and Russian interface translations: every message is translated, keeps its placeholders and
accelerator, and a real main window shows the translated texts after ``install_language``."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from ui import i18n

TS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"
# %1..%9, %n, the progress bar's %p, Python-style {name}
PLACEHOLDER = re.compile(r"%(?:\d|n|p)|\{\w*\}")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
MNEMONIC = re.compile(r"&(?!&)(?=\w)")


def messages(lang: str) -> list[tuple[str, str, list[str], ET.Element]]:
    """(context, source, translated texts, the translation element) of every message still in use."""
    root = ET.parse(TS_DIR / f"kitepkana_{lang}.ts").getroot()
    found = []
    for context in root.iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                continue
            forms = translation.findall("numerusform") if translation is not None else []
            texts = [f.text or "" for f in forms] if forms else [translation.text or "" if translation is not None
                                                                 else ""]
            found.append((context.findtext("name", ""), message.findtext("source", ""), texts, translation))
    return found


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_every_message_is_translated(lang: str) -> None:
    found = messages(lang)
    assert len(found) > 400, "the .ts holds the whole interface"
    missing = [f"{ctx}: {src}" for ctx, src, texts, tr in found
               if tr is None or tr.get("type") == "unfinished" or not all(t.strip() for t in texts)]
    assert missing == []
    no_context = [src for ctx, src, _t, _tr in found if not ctx]
    assert no_context == [], "a string lupdate filed under no context can never be shown translated"


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_translations_keep_placeholders_tags_and_one_accelerator(lang: str) -> None:
    problems = []
    for ctx, src, texts, _tr in messages(lang):
        want = sorted(PLACEHOLDER.findall(src))
        for text in texts:
            if sorted(PLACEHOLDER.findall(text)) != want:
                problems.append(f"placeholders {ctx}: {src!r} -> {text!r}")
            if sorted(TAG.findall(text)) != sorted(TAG.findall(src)):
                problems.append(f"tags {ctx}: {src!r} -> {text!r}")
            if len(MNEMONIC.findall(text)) != len(MNEMONIC.findall(src)):
                problems.append(f"accelerator {ctx}: {src!r} -> {text!r}")
    assert problems == []


def test_russian_plurals_have_three_forms_and_kyrgyz_forms_agree() -> None:
    ru = [(src, texts) for _c, src, texts, tr in messages("ru") if tr is not None and tr.findall("numerusform")]
    ky = [(src, texts) for _c, src, texts, tr in messages("ky") if tr is not None and tr.findall("numerusform")]
    assert ru and len(ru) == len(ky)
    assert all(len(texts) == 3 for _src, texts in ru)
    # Kyrgyz nouns do not change after a number: the forms lrelease asks for are all the same text
    assert all(len(set(texts)) == 1 for _src, texts in ky)


@pytest.fixture
def english_afterwards(qapp: QApplication):
    yield
    i18n.install_language(qapp, "en")
    qapp.processEvents()  # the LanguageChange reaches the widgets before the next test


KY = {"sections": ["Баары", "Тажрыйбалар", "Видеосабактар", "Документтер", "Иш-чаралар", "Кыстармалар"],
      "update": "Китепкананы &жаңыртуу", "settings": "Ж&өндөөлөр…", "menu": "&Китепкана", "search": "&Издөө:",
      "count": "57 материал"}
RU = {"sections": ["Все", "Практики", "Видеоуроки", "Документы", "Мероприятия", "Закладки"],
      "update": "&Обновить библиотеку", "settings": "&Настройки…", "menu": "&Библиотека", "search": "&Поиск:",
      "count": "57 материалов"}


@pytest.mark.parametrize(("lang", "expected"), [("ky", KY), ("ru", RU)])
def test_main_window_speaks_the_installed_language(qapp: QApplication, qtbot, sample_dir: Path, tmp_path: Path,
                                                   english_afterwards, lang: str, expected: dict) -> None:
    from ui.app import start

    assert i18n.install_language(qapp, lang, cache_dir=tmp_path) == lang
    window = start(str(sample_dir), import_sample=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.library is not None and window.search_page.response is not None, timeout=20000)
    try:
        sections = [window.nav.item(i).text() for i in range(len(expected["sections"]))]
        assert sections == expected["sections"]
        toolbar = [a.text() for a in window.toolbar.actions() if a.text()]
        assert expected["update"] in toolbar and expected["settings"] in toolbar
        assert window.library_menu.title() == expected["menu"]
        assert window.search_page.search_label.text() == expected["search"]
        assert expected["count"] in window.search_page.info.text()
        assert "&" not in window.windowTitle() and window.windowTitle().startswith("Kitepkana — ")
        assert window.windowTitle() != "Kitepkana — library of local self-government practices"
    finally:
        window.close()
        window.tasks.wait()
