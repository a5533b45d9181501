"""The reading room's languages: Kyrgyz, Russian and English, from gettext catalogs (Babel).

The messages live in the templates; ``translations/<lang>/LC_MESSAGES/messages.po`` holds the Kyrgyz and
Russian catalogs (English is the source text). They are compiled in memory at first use — the desktop builds
its ``.qm`` files the same way when nobody ran the build script — so a checkout needs no compiled ``.mo`` file;
the packaging build writes them (``compile_catalogs``), so the bundle needs no Babel. To refresh the catalogs after changing a template::

    pybabel extract -F app/web/babel.cfg -o /tmp/web.pot app/web/templates
    pybabel update -i /tmp/web.pot -d app/web/translations
"""

from __future__ import annotations

import functools
import gettext
import io
import threading
from pathlib import Path

from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

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


def mo_file(lang: str) -> Path:
    return po_file(lang).with_suffix(".mo")


def _compile(lang: str) -> gettext.NullTranslations:
    """A ``.mo`` built beside the catalog (the packaging build does: the bundle carries no Babel, whose locale
    data alone is 36 MB), else the ``.po`` compiled in memory with Babel."""
    po, mo = po_file(lang), mo_file(lang)
    if lang not in LANGS or lang == "en":
        return gettext.NullTranslations()
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with open(mo, "rb") as f:
            return gettext.GNUTranslations(f)
    if not po.is_file():
        return gettext.NullTranslations()
    buffer = io.BytesIO(_mo_bytes(lang))
    return gettext.GNUTranslations(buffer)


def _mo_bytes(lang: str) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(po_file(lang), "rb") as f:
        catalog = read_po(f, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # fuzzy entries are left out, as msgfmt does
    return buffer.getvalue()


def compile_catalogs() -> list[Path]:
    """Write ``messages.mo`` beside each catalog (``build/translations.py --release`` calls this; git ignores
    ``*.mo``)."""
    built = []
    for lang in LANGS:
        if lang != "en" and po_file(lang).is_file():
            mo_file(lang).write_bytes(_mo_bytes(lang))
            built.append(mo_file(lang))
    return built


@functools.lru_cache(maxsize=512)
def choose_from(cookie: str | None, accept_language: str) -> str:
    """:func:`choose` from the ``Accept-Language`` header as sent: browsers send a handful of different ones, each
    parsed once (every page asks)."""
    return choose(cookie=cookie, accept=parse_accept_header(accept_language, LanguageAccept) if accept_language
                  else None)


def choose(*, cookie: str | None, accept) -> str:
    """The visitor's choice (the switch sets a cookie), else the browser's best language, else Kyrgyz."""
    if cookie in LANGS:
        return cookie
    best = accept.best_match(LANGS) if accept else None
    return best or DEFAULT
