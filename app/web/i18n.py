"""The reading room's languages: Kyrgyz, Russian and English, from gettext catalogs (Babel).

The messages live in the templates; ``translations/<lang>/LC_MESSAGES/messages.po`` holds the Kyrgyz and
Russian catalogs (English is the source text). They are compiled in memory at first use — the desktop builds
its ``.qm`` files the same way when nobody ran the build script — so a checkout or a frozen bundle needs no
compiled ``.mo`` file. To refresh the catalogs after changing a template::

    pybabel extract -F app/web/babel.cfg -o /tmp/web.pot app/web/templates
    pybabel update -i /tmp/web.pot -d app/web/translations
"""

from __future__ import annotations

import gettext
import io
import threading
from pathlib import Path

LANGS = ("ky", "ru", "en")
DEFAULT = "ky"
# each language named in itself, so a visitor finds their own whatever the page's language is
NAMES = {"ky": "Кыргызча", "ru": "Русский", "en": "English"}
CATALOGS = Path(__file__).resolve().parent / "translations"

_cache: dict[str, gettext.NullTranslations] = {}
_lock = threading.Lock()


def po_file(lang: str) -> Path:
    return CATALOGS / lang / "LC_MESSAGES" / "messages.po"


def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of ``lang`` (English: the messages as written)."""
    with _lock:
        found = _cache.get(lang)
        if found is None:
            found = _cache[lang] = _compile(lang)
        return found


def _compile(lang: str) -> gettext.NullTranslations:
    if lang not in LANGS or lang == "en" or not po_file(lang).is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(po_file(lang), "rb") as f:
        catalog = read_po(f, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # fuzzy entries are left out, as msgfmt does
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def choose(*, cookie: str | None, accept) -> str:  # noqa: ANN001 — werkzeug's LanguageAccept
    """The visitor's choice (the switch sets a cookie), else the browser's best language, else Kyrgyz."""
    if cookie in LANGS:
        return cookie
    best = accept.best_match(LANGS) if accept else None
    return best or DEFAULT
