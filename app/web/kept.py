"""Kept pages answered before Flask is asked.

Under load most pages are pages kept in memory (``app/web/cache.py``: two in three in ``bench_reading_room.py``,
50 clients), and for those Flask's own work — a request context, routing, a response object and its headers — cost
several times what finding the page did (0.2 ms of 0.25 ms of CPU, in-process, one thread). So a GET or HEAD of a
kept page is answered here, after the same checks ``site.checks`` makes (the address's length, the access code, the
per-client rate; the visitor counted), with the same bytes and the same headers (``PAGE_HEADERS``, which the Flask
side sends too). Anything else — another method, a page not kept, a check that fails — goes to Flask untouched,
which decides as it always did: its error pages, the redirect to the code page and 429 stay its own.

What both sides compute the same way lives here: the page's key (:func:`page_key`) and the visitor's language
(:func:`language`), handed on to Flask in the WSGI environ so that it is not worked out twice.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterable

from werkzeug.http import parse_cookie, parse_etags

from app.web import i18n
from app.web.reach import SELF_CHECK_HEADER

CODE_COOKIE, LANG_COOKIE = "kitepkana_code", "kitepkana_lang"
# no script at all: pages work without JavaScript, and nothing a feed brings can run
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; media-src 'self'; frame-src 'self'; "
       "object-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'")
# every page's headers beside its type, length and ETag (``site.headers`` sets the same on Flask's pages)
PAGE_HEADERS = (("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"),
                ("Content-Security-Policy", CSP), ("X-Frame-Options", "SAMEORIGIN"), ("Cache-Control", "no-cache"),
                ("Vary", "Accept-Language, Cookie"))
GENERATION, LANG = "kitepkana.generation", "kitepkana.lang"  # environ keys: worked out here, used by Flask
_SELF_CHECK = "HTTP_" + SELF_CHECK_HEADER.upper().replace("-", "_")


def page_key(generation: tuple[int, int], lang: str, environ: dict) -> tuple:
    """What a page's bytes depend on: the content, the language and the address (path and query as sent)."""
    return generation, lang, environ.get("PATH_INFO", "") + "?" + environ.get("QUERY_STRING", "")


def language(environ: dict, cookies) -> str:
    """The page's language (``i18n.choose``), kept in the environ once worked out."""
    lang = environ.get(LANG)
    if lang is None:
        lang = environ[LANG] = i18n.choose_from(cookies.get(LANG_COOKIE), environ.get("HTTP_ACCEPT_LANGUAGE", ""))
    return lang


class KeptPages:
    """WSGI middleware in front of the Flask app (``app.wsgi_app``); ``code_token`` turns the access code into the
    value of the cookie that proves a browser gave it."""

    def __init__(self, room, app: Callable, *, code_token: Callable[[str], str]) -> None:
        self.room, self.app, self.code_token = room, app, code_token
        self.pages = room.pages

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD"):
            return self.app(environ, start_response)
        room = self.room
        cookies = parse_cookie(environ) if environ.get("HTTP_COOKIE") else {}
        generation = environ[GENERATION] = room.generation()
        key = page_key(generation, language(environ, cookies), environ)
        body = self.pages.peek(key)
        if body is None or len(key[2]) > room.limits.max_url:
            return self.app(environ, start_response)
        code = room.access_code
        if code and not hmac.compare_digest(cookies.get(CODE_COOKIE, ""), self.code_token(code)):
            return self.app(environ, start_response)
        client = environ.get("REMOTE_ADDR") or "?"
        if not room.rate.allow(client):
            return self.app(environ, start_response)  # (which refuses it again, with its own page)
        if environ.get(_SELF_CHECK) != room.self_check_token:
            room.visitors.saw(client)
        etag = f'"{self.pages.etag(key)}"'
        asked = environ.get("HTTP_IF_NONE_MATCH")
        if asked and parse_etags(asked).contains(etag[1:-1]):
            self.pages.served(key, not_modified=True)
            start_response("304 NOT MODIFIED", [("ETag", etag), *PAGE_HEADERS])
            return []
        self.pages.served(key)
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
                                  ("ETag", etag), *PAGE_HEADERS])
        return [] if method == "HEAD" else [body]
