"""Web addresses: one spelling per page, so a page is fetched once and keeps its identity between runs."""

from __future__ import annotations

import functools
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

# parameters that say who sent the visitor, not which page it is
TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|yclid|msclkid|mc_cid|mc_eid|_ga|sessionid|"
                      r"phpsessid|jsessionid)$", re.IGNORECASE)
LANG_PARAMS = ("lang", "language", "locale", "hl")
LANG_ALIASES = {"ky": "ky", "kg": "ky", "kir": "ky", "kgz": "ky", "ru": "ru", "rus": "ru", "en": "en", "eng": "en"}
_LANG_PREFIX = re.compile(r"^/(ky|kg|kir|ru|en)(?=/|$)", re.IGNORECASE)


def lang_code(value: str | None) -> str | None:
    """``ru-RU``, ``kg``, ``ky_KG`` → our language code (``ky``, ``ru``, ``en``), else None."""
    if not value:
        return None
    return LANG_ALIASES.get(re.split(r"[-_]", value.strip().lower())[0])


def normalise(url: str, base: str | None = None) -> str | None:
    """An absolute http(s) address without fragment, tracking parameters, default port or trailing slash;
    query parameters sorted. None for anything else (mailto:, javascript:, broken)."""
    url = (url or "").strip()
    if base:
        try:
            url = urljoin(base, url)
        except ValueError:
            return None
    return _normalise_absolute(url)


@functools.lru_cache(maxsize=65536)  # every page repeats the menu's links
def _normalise_absolute(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    path = quote(unquote(parts.path or "/"), safe="/:@!$&'()*+,;=-._~%")
    path = re.sub(r"/{2,}", "/", path)
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)]
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


def host_of(url: str) -> str:
    return urlsplit(url).netloc.lower()


def host_name(value) -> str | None:
    """``cdn.example.kg`` or ``https://cdn.example.kg/`` → ``cdn.example.kg`` (with a port when one is given)."""
    value = str(value or "").strip()
    url = normalise(value if "://" in value else f"https://{value}/")
    if not url or urlsplit(url).path != "/" or urlsplit(url).query:
        return None
    return host_of(url)


def same_site(url: str, host: str) -> bool:
    """Same host, or the same host with or without ``www.``."""
    other = host_of(url)
    return other == host or other.removeprefix("www.") == host.removeprefix("www.")


def lang_of_url(url: str) -> str | None:
    """The language an address names: ``?lang=ky`` or a path prefix ``/ru/…``."""
    parts = urlsplit(url)
    for k, v in parse_qsl(parts.query):
        if k.lower() in LANG_PARAMS and lang_code(v):
            return lang_code(v)
    m = _LANG_PREFIX.match(parts.path)
    return lang_code(m.group(1)) if m else None


def identity(url: str) -> str:
    """The page behind an address whatever its language: host, path without a language prefix, query without a
    language parameter (so ``/events/single-event?lang=ru&id=56`` and ``…?lang=ky&id=56`` are one page)."""
    parts = urlsplit(url)
    path = _LANG_PREFIX.sub("", parts.path) or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in LANG_PARAMS]
    return urlunsplit(("", parts.netloc, path, urlencode(sorted(query)), "")).lstrip("/")


def slug(text: str, *, limit: int = 80) -> str:
    """Lowercase Latin letters, digits and '-' (Cyrillic transliterated), at most ``limit`` characters."""
    text = translit(text.lower())
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(text) > limit:
        import hashlib

        digest = hashlib.sha256(text.encode()).hexdigest()[:8]
        text = text[:limit - 9].rstrip("-") + "-" + digest
    return text or "page"


_TR = dict(zip("абвгдеёзийклмнопрстуфхцыэңөү", "abvgdeeziiklmnoprstufhcyenou", strict=True))
_TR.update({"ж": "zh", "ч": "ch", "ш": "sh", "щ": "sch", "ю": "yu", "я": "ya", "ъ": "", "ь": ""})


def translit(text: str) -> str:
    return "".join(_TR.get(c, c) for c in text)
