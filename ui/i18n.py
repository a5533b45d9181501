"""Interface languages: Kyrgyz, Russian and English, switched at once without restarting.

Translations are Qt Linguist files. The sources are ``resources/translations/kitepkana_<lang>.ts``
(refreshed from ``ui/**/*.py`` by ``build/translations.py``, which also builds the ``.qm``). Where the
compiled ``.qm`` files live:

1. ``<resources>/translations/kitepkana_<lang>.qm`` — built by ``python build/translations.py`` (ignored
   by git) and bundled prebuilt in the frozen app, where no Qt tools are present;
2. otherwise (a source checkout where nobody ran the script, or a ``.ts`` newer than its ``.qm``) the
   ``.ts`` is compiled at first use with ``lrelease`` from the installed PySide6 wheel (it ships
   ``PySide6/lrelease[.exe]`` and the ``pyside6-lrelease`` console script) into
   ``<cache>/translations/``, where ``<cache>`` is the cache folder passed as ``cache_dir`` (the
   library's ``Paths.cache``), else the one passed before, else the one ``app.paths.resolve()`` gives.

An out-of-date ``.qm`` is still used when nothing newer can be built: stale beats English.

Qt's own strings (standard buttons, file dialogs) come from ``qtbase_<lang>.qm`` in Qt's translations
folder. Qt has no Kyrgyz, so a Kyrgyz interface uses Russian for those, and also for any of our strings
not yet translated into Kyrgyz (most librarians read Russian; fewer read English).

``install_language`` replaces the installed translators; Qt then sends ``QEvent.LanguageChange`` to every
widget, whose ``changeEvent`` calls its ``retranslate()``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app import paths as app_paths

LANGUAGES = ("ky", "ru", "en")
# Each language named in itself: someone who cannot read the current interface still finds their own.
LANGUAGE_NAMES = {"ky": "Кыргызча", "ru": "Русский", "en": "English"}
QM_PREFIX = "kitepkana_"
# Number and date formats: the languages as used in Kyrgyzstan.
_LOCALES = {"ky": "ky_KG", "ru": "ru_KG", "en": "en_US"}
# Qt's own translations to load for each language, best first (there is no qtbase_ky).
_QT_BASE = {"ky": ("qtbase_ky", "qtbase_ru"), "ru": ("qtbase_ru",), "en": ()}
# Our own translations, installed in this order: the last one installed is asked first, so a Kyrgyz
# string not yet translated is shown in Russian rather than English.
_OURS = {"ky": ("ru", "ky"), "ru": ("ru",), "en": ("en",)}  # en: plural forms only ("1 item", "2 items")

_installed: list[QTranslator] = []
_current = "en"
_cache_dir: Path | None = None  # the cache folder given last (later switches build into the same place)


def language_of(locale: QLocale) -> str:
    """ "ky", "ru" or "en" for a locale: the first of its interface languages we have, else its language."""
    for name in locale.uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    lang = locale.language()
    if lang == QLocale.Language.Kyrgyz:
        return "ky"
    if lang == QLocale.Language.Russian:
        return "ru"
    return "en"


def system_language() -> str:
    """The system's interface language as one of ours: "ky", "ru" or "en"."""
    return language_of(QLocale.system())


def startup_language(settings) -> str:
    """The language to start in: the one chosen in the settings, else the system's."""
    chosen = settings.get("ui_language")
    return chosen if chosen in LANGUAGES else system_language()


def current_language() -> str:
    """The language last installed by :func:`install_language` ("en" before any)."""
    return _current


def translations_dir() -> Path:
    """Where the ``.ts`` sources (and the ``.qm`` built by build/translations.py) are."""
    return app_paths.resources_dir() / "translations"


def qt_tool(name: str) -> Path | None:
    """A Qt tool (``lrelease``, ``lupdate``) from the installed PySide6 wheel, or None (e.g. frozen)."""
    exe = name + (".exe" if sys.platform == "win32" else "")
    try:
        import PySide6

        bundled = Path(PySide6.__file__).resolve().parent / exe
        if bundled.is_file():
            return bundled
    except ImportError:  # pragma: no cover — PySide6 is a dependency
        pass
    for candidate in (f"pyside6-{name}", name):
        found = shutil.which(candidate)
        if found:
            return Path(found)
    return None


def compile_ts(ts: Path, qm: Path) -> bool:
    """Build ``qm`` from ``ts`` with lrelease. False when the tool is missing or fails."""
    tool = qt_tool("lrelease")
    if tool is None or not ts.is_file():
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    part = qm.with_name(qm.stem + ".part.qm")
    try:
        done = subprocess.run([str(tool), "-silent", str(ts), "-qm", str(part)], capture_output=True,
                              timeout=120, check=False)
        if done.returncode != 0 or not part.is_file():
            return False
        os.replace(part, qm)  # a half-written .qm is never picked up
        return True
    except (OSError, subprocess.SubprocessError):
        return False
    finally:
        part.unlink(missing_ok=True)


def _translations_cache(cache_dir: Path | None) -> Path:
    return (cache_dir or _cache_dir or app_paths.resolve().cache) / "translations"


def find_qm(lang: str, *, cache_dir: Path | None = None) -> Path | None:
    """The compiled translation for ``lang``, building it into ``<cache_dir>/translations`` when missing or
    out of date."""
    name = f"{QM_PREFIX}{lang}"
    ts = translations_dir() / f"{name}.ts"
    built = translations_dir() / f"{name}.qm"
    if app_paths.is_frozen():  # prebuilt in the bundle; there is nothing to build with
        return built if built.is_file() else None
    cached = _translations_cache(cache_dir) / f"{name}.qm"
    candidates = [q for q in (built, cached) if q.is_file()]
    ts_time = ts.stat().st_mtime if ts.is_file() else None
    for qm in candidates:
        if ts_time is None or qm.stat().st_mtime >= ts_time:
            return qm
    if ts_time is not None and compile_ts(ts, cached):
        return cached
    return candidates[0] if candidates else None


def _qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def install_language(app: QCoreApplication, lang: str, *, cache_dir: Path | None = None) -> str:
    """Switch the interface to ``lang`` ("ky"/"ru"/"en"; anything else: the system language).

    Removes the translators installed before, loads ours and Qt's own, sets the default locale. Returns
    the language actually in use: "en" when our translation for ``lang`` could not be found or built.
    ``cache_dir`` is the cache folder (``Paths.cache``) to build missing translations in.
    """
    global _current, _cache_dir
    if cache_dir is not None:
        _cache_dir = Path(cache_dir)
    if lang not in LANGUAGES:
        lang = system_language()
    for old in _installed:
        app.removeTranslator(old)
        old.deleteLater()
    _installed.clear()

    def add(translator: QTranslator) -> None:
        app.installTranslator(translator)  # Qt sends LanguageChange to every widget
        _installed.append(translator)  # kept referenced: Python would free it while Qt still uses it

    for base_name in _QT_BASE[lang]:
        base = QTranslator(app)
        if base.load(base_name, _qt_translations_dir()):
            add(base)
            break
        base.deleteLater()
    loaded = set()
    for code in _OURS[lang]:
        qm = find_qm(code, cache_dir=cache_dir)
        ours = QTranslator(app)
        if qm is not None and ours.load(str(qm)):
            add(ours)
            loaded.add(code)
        else:
            ours.deleteLater()
    used = lang if lang == "en" or lang in loaded else ("ru" if "ru" in loaded else "en")
    QLocale.setDefault(QLocale(_LOCALES[used]))
    _current = used
    return used
