"""The reading room's web application (Flask): request checks, languages, the access code, static files.

Flask because werkzeug gives what we would otherwise write by hand and get wrong — routing with typed
parts, conditional responses with HTTP Range (206) for videos and feeds, Accept-Language parsing, cookie and
header handling — and it renders Jinja2 templates with gettext; Bottle is smaller but its Range handling
and template i18n are thinner. The pages are in ``app/web/pages.py``, files in ``app/web/files.py``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path
from urllib.parse import quote

from flask import Flask, Response, abort, current_app, g, redirect, render_template, request

from app.web import i18n
from app.web.kept import CODE_COOKIE, CSP, GENERATION, LANG_COOKIE, KeptPages, language, page_key
from app.web.limits import RateLimiter
from app.web.reach import SELF_CHECK_HEADER

HERE = Path(__file__).resolve().parent
OPEN_PATHS = ("/static/", "/code", "/lang/")  # reachable before the access code is given
# pages whose bytes depend only on the content version, the language and the address: kept once rendered
CACHED_PAGES = frozenset({"home", "search", "section", "topics", "regions", "topic", "region", "item"})


def _static_files() -> dict[str, tuple[bytes, str]]:
    """The style sheet and icons, read once: a request for /static/NAME is a dictionary look-up."""
    types = {".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}
    return {p.name: (p.read_bytes(), types.get(p.suffix, "application/octet-stream"))
            for p in sorted((HERE / "static").iterdir()) if p.is_file()}


def create_app(room) -> Flask:
    app = Flask(__name__, static_folder=None, template_folder=str(HERE / "templates"))
    app.config.update(ROOM=room, MAX_CONTENT_LENGTH=room.limits.max_body, TEMPLATES_AUTO_RELOAD=False)
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(lambda s: g.tr.gettext(s), lambda s, p, n: g.tr.ngettext(s, p, n),
                                            newstyle=True)
    static = _static_files()
    static_version = hashlib.sha256(b"".join(data for data, _ in static.values())).hexdigest()[:10]
    secret = secrets.token_bytes(32)  # access-code cookies last as long as this server
    guesses = RateLimiter(per_minute=2, burst=10)  # wrong access codes per client
    pages_cache = room.pages

    def code_token(code: str) -> str:
        return hmac.new(secret, code.encode("utf-8"), "sha256").hexdigest()

    @app.before_request
    def checks() -> Response | None:
        g.lang = language(request.environ, request.cookies)  # (already worked out by KeptPages, app/web/kept.py)
        g.tr = i18n.translations(g.lang)
        client = request.remote_addr or "?"
        if len(request.full_path) > room.limits.max_url:
            abort(414)
        if not room.rate.allow(client):
            abort(429)
        if request.headers.get(SELF_CHECK_HEADER) != room.self_check_token:
            room.visitors.saw(client)
        return access_check() or cached_page()

    def access_check() -> Response | None:
        code = room.access_code
        if code and not request.path.startswith(OPEN_PATHS):
            given = request.cookies.get(CODE_COOKIE, "")
            if hmac.compare_digest(given, code_token(code)):
                return None
            if request.path.startswith("/feed/"):  # another Kitepkana PC: http://code:CODE@PC:8080/feed/
                auth = request.authorization
                if auth is not None and hmac.compare_digest((auth.password or "").encode(), code.encode()):
                    return None
                return Response("The access code is needed.\n", 401, {"WWW-Authenticate": 'Basic realm="Kitepkana"'})
            return redirect("/code?next=" + quote(_local(request.full_path.rstrip("?")), safe=""), 303)
        return None

    def cached_page() -> Response | None:
        """A page rendered before for the same content, language and address (``app/web/cache.py``); a
        browser that already has it gets 304."""
        if request.method not in ("GET", "HEAD") or request.endpoint not in CACHED_PAGES:
            return None
        g.generation = request.environ.get(GENERATION) or room.generation()
        key = g.page_key = page_key(g.generation, g.lang, request.environ)
        if request.if_none_match.contains(pages_cache.etag(key)):
            pages_cache.not_modified += 1
            g.page_cached = True
            return Response(status=304)
        body = pages_cache.get(key)
        if body is None:
            return None
        g.page_cached = True
        return Response(body, mimetype="text/html")

    @app.after_request
    def headers(response: Response) -> Response:
        key = g.get("page_key")
        if key is not None and response.status_code in (200, 304):
            response.set_etag(pages_cache.etag(key))
            if response.status_code == 200 and not g.get("page_cached") and response.mimetype == "text/html":
                pages_cache.put(key, response.get_data())
        h = response.headers
        h["X-Content-Type-Options"] = "nosniff"
        h["Referrer-Policy"] = "no-referrer"
        if response.mimetype == "text/html":
            h["Content-Security-Policy"] = CSP
            h["X-Frame-Options"] = "SAMEORIGIN"
            h.setdefault("Cache-Control", "no-cache")
            h["Vary"] = "Accept-Language, Cookie"
        elif response.mimetype != "application/pdf":  # (a sandbox would stop the browser's PDF viewer)
            h["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
        return response

    @app.context_processor
    def common() -> dict:
        return {"lang": g.get("lang", i18n.DEFAULT), "languages": i18n.NAMES, "static_version": static_version,
                "here": _local(request.full_path.rstrip("?")), "q": request.args.get("q", "")[:200]}

    @app.get("/static/<name>")
    def static_file(name: str) -> Response:
        found = static.get(name)
        if found is None:
            abort(404)
        response = Response(found[0], mimetype=found[1].split(";")[0])
        if "charset" in found[1]:
            response.charset = "utf-8"
        # the pages ask for /static/NAME?v=<hash of the files>: a changed file comes under a new address
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response

    @app.get("/lang/<code>")
    def switch_language(code: str) -> Response:
        if code not in i18n.LANGS:
            abort(404)
        response = redirect(_local(request.args.get("next", "/")), 303)
        response.set_cookie(LANG_COOKIE, code, max_age=365 * 86400, samesite="Lax", httponly=True)
        return response

    @app.route("/code", methods=["GET", "POST"])
    def access_code() -> Response | str:
        target = _local(request.values.get("next", "/"))
        if not room.access_code:
            return redirect(target, 303)
        wrong = False
        if request.method == "POST":
            given = request.form.get("code", "").strip()
            if hmac.compare_digest(given.encode(), room.access_code.encode()):
                response = redirect(target, 303)
                response.set_cookie(CODE_COOKIE, code_token(room.access_code), samesite="Lax", httponly=True)
                return response
            wrong = True
            if not guesses.allow(request.remote_addr or "?"):
                abort(429)  # a short code must not be guessed by trying them all
        return render_template("code.html", wrong=wrong, next=target), 403 if wrong else 200

    for status in (400, 401, 403, 404, 405, 413, 414, 429, 500, 503):
        app.register_error_handler(status, _error_page)

    from app.web import pages

    pages.register(app)
    # a kept page is answered before Flask is asked, after the same checks (app/web/kept.py)
    app.wsgi_app = KeptPages(room, app.wsgi_app, code_token=code_token)
    return app


def _local(target: str) -> str:
    """Only a path of this site to go back to: never another site (``//host``, ``/\\host``, ``http:``)."""
    if not target.startswith("/") or target.startswith(("//", "/\\")) or any(c in target for c in "\r\n\\"):
        return "/"
    return target


def _error_page(error) -> tuple[str, int, dict]:
    status = getattr(error, "code", 500) or 500
    headers = {"Retry-After": "10"} if status in (429, 503) else {}
    if "lang" not in g:
        g.lang = i18n.DEFAULT
        g.tr = i18n.translations(g.lang)
    room = current_app.config["ROOM"]
    if status == 500:
        room.log_error(error)
    return render_template("error.html", status=status), status, headers
