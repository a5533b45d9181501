"""The reading room's pages: home, search, browsing by section, topic and region, items, media and the feed.

Every page is the core's answer rendered on the server: ``Library.search`` (the engine the app's search
box uses, with facets, snippets, "did you mean" and transcript times), ``Library.get_item`` and
``Library.taxonomy``. Read-only: nothing here writes to the library.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from flask import Flask, abort, current_app, g, render_template, request
from markupsafe import Markup

from app.errors import NotFoundError
from app.values import KINDS, LANGS, SearchRequest
from app.web.files import send_feed_file, send_media

PAGE = 20
MAX_PAGE = 200
ITEM_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
TAX_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,127}")
# the search filters a URL may carry: parameter -> the search option it sets (``language``: the content's
# language, so it never mixes with the page's own language)
FILTERS = {"kind": "kind", "topic": "topic", "region": "region", "group": "target_group", "language": "lang",
           "year": "year"}
FACET_PARAM = {"kind": "kind", "topics": "topic", "regions": "region", "target_groups": "group", "lang": "language",
               "year": "year"}
SECTIONS = {"practices": "practice", "lessons": "lesson", "documents": "document", "events": "event"}
_SRC = re.compile(r'\ssrc="([^"]*)"')


def _library():
    return current_app.config["ROOM"].library


def web_body(body_html: str) -> Markup:
    """The reader's sanitised body with pictures only from this site's media store: ``media:SHA`` becomes
    ``/media/SHA``; any other picture address is dropped (the browser never reaches the network for it)."""
    def picture(match: re.Match) -> str:
        src = match.group(1)
        return f' src="/media/{src[6:]}"' if re.fullmatch(r"media:[0-9a-f]{64}", src) else ' src=""'

    return Markup(_SRC.sub(picture, body_html))


def _filters() -> dict[str, str]:
    found = {}
    for param in FILTERS:
        value = request.args.get(param, "").strip()
        if not value:
            continue
        ok = {"kind": value in KINDS, "language": value in LANGS, "year": value.isdigit() and len(value) == 4}
        if not ok.get(param, TAX_ID.fullmatch(value) is not None):
            abort(404)
        found[param] = value
    return found


def _page_number() -> int:
    raw = request.args.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        abort(404)
    return int(raw)


def _url(path: str, params: dict[str, str]) -> str:
    clean = {k: v for k, v in params.items() if v}
    return path + ("?" + urlencode(clean) if clean else "")


def _labels() -> dict[str, dict]:
    generation = g.get("generation")  # read for the page cache already
    return current_app.config["ROOM"].labels(generation[0] if generation else None)


def _facet_groups(facets: dict[str, dict[str, int]], params: dict[str, str], taxonomy: dict,
                  link: dict[str, str]) -> list[dict]:
    """Facet values as links that add (or, chosen again, remove) a filter. Regions drill down: oblasts first,
    then the districts of the chosen one, then its aimaks — as in the app."""
    groups = []
    for field, param in FACET_PARAM.items():
        counts = facets.get(field) or {}
        chosen = params.get(param)
        values = []
        for value, count in counts.items():
            if field == "regions":
                depth = chosen.count(".") + 1 if chosen else 0
                if value != chosen and (value.count(".") != depth or (chosen and not value.startswith(chosen + "."))):
                    continue
            toggled = dict(link, **{param: "" if value == chosen else value})
            if field == "regions" and value == chosen:
                toggled[param] = value.rsplit(".", 1)[0] if "." in value else ""
            label = taxonomy.get(field, {}).get(value)
            values.append({"value": value, "count": count, "chosen": value == chosen, "label": label,
                           "url": _url("/search", toggled)})
        if field == "year":
            values.sort(key=lambda v: v["value"], reverse=True)
        else:
            values.sort(key=lambda v: (not v["chosen"], -v["count"], v["value"]))
        if values:
            groups.append({"field": field, "param": param, "choices": values[:30]})
    return groups


def _search_page(*, title_kind: str = "", heading_label=None, fixed: dict[str, str] | None = None) -> str:
    params = dict(_filters(), **(fixed or {}))
    text = request.args.get("q", "").strip()[:200]
    sort = request.args.get("sort", "relevance")
    if sort not in ("relevance", "date"):
        abort(404)
    page = _page_number()
    options = {FILTERS[p]: v for p, v in params.items()}
    response = _library().search(SearchRequest(text=text, **options, sort=sort, limit=PAGE, offset=(page - 1) * PAGE,
                                               as_you_type=False))
    taxonomy = _labels()
    link = dict(params, q=text, sort="" if sort == "relevance" else sort)
    pages = {"previous": _url("/search", dict(link, page=str(page - 1))) if page > 1 else None,
             "next": _url("/search", dict(link, page=str(page + 1)))
             if page * PAGE < response.total and page < MAX_PAGE else None}
    chips = []
    for param, value in params.items():
        field = next(f for f, p in FACET_PARAM.items() if p == param)
        chips.append({"param": param, "value": value, "label": taxonomy.get(field, {}).get(value),
                      "url": _url("/search", {k: v for k, v in link.items() if k != param})})
    hits = [{"hit": h, "snippet": Markup(h.snippet),
             "url": f"/item/{h.id}" + (f"?t={int(h.time)}" if h.time is not None else "")} for h in response.hits]
    return render_template("search.html", response=response, text=text, hits=hits, page=page, pages=pages,
                           facets=_facet_groups(response.facets, params, taxonomy, link), chips=chips, sort=sort,
                           sort_links={s: _url("/search", dict(link, sort="" if s == "relevance" else s))
                                       for s in ("relevance", "date")},
                           suggestion_url=_url("/search", dict(link, q=response.suggestion or "")),
                           title_kind=title_kind, heading_label=heading_label)


def register(app: Flask) -> None:
    @app.get("/")
    def home() -> str:
        library = _library()
        stats = library.stats()
        newest = library.search(SearchRequest(sort="date", limit=8, facets=False))
        taxonomy = {kind: list(labels.values()) for kind, labels in _labels().items()}
        oblasts = [r for r in taxonomy["regions"] if "." not in r.id]
        return render_template("home.html", by_kind=stats.by_kind, total=stats.items, newest=newest.hits,
                               topics=taxonomy["topics"], oblasts=oblasts, sections=SECTIONS)

    @app.get("/search")
    def search() -> str:
        return _search_page()

    @app.get("/<any(practices, lessons, documents, events):section>")
    def section(section: str) -> str:
        return _search_page(title_kind=SECTIONS[section], fixed={"kind": SECTIONS[section]})

    @app.get("/topics")
    def topics() -> str:
        return render_template("taxonomy.html", which="topics", labels=list(_labels()["topics"].values()))

    @app.get("/regions")
    def regions() -> str:
        return render_template("taxonomy.html", which="regions", labels=list(_labels()["regions"].values()))

    @app.get("/topic/<name>")
    def topic(name: str) -> str:
        label = _labels()["topics"].get(name) or abort(404)
        return _search_page(heading_label=label, fixed={"topic": name})

    @app.get("/region/<name>")
    def region(name: str) -> str:
        label = _labels()["regions"].get(name) or abort(404)
        return _search_page(heading_label=label, fixed={"region": name})

    @app.get("/item/<item_id>")
    def item(item_id: str) -> str:
        detail = _item(item_id)
        library = _library()
        start = request.args.get("t", "")
        start_at = int(start) if start.isdigit() and len(start) < 7 else None
        files = {"video": None, "thumbnail": None, "subtitles": [], "documents": []}
        for f in detail.files:
            if f.role in ("video", "thumbnail") and files[f.role] is None:
                files[f.role] = f
            elif f.role == "subtitles":
                files["subtitles"].append(f)
            elif f.role != "image":
                files["documents"].append(f)
        cue_langs = sorted({c.lang for c in detail.cues}, key=lambda x: (x != detail.lang, x))
        transcript_lang = request.args.get("transcript", "")
        if transcript_lang not in cue_langs:
            transcript_lang = detail.lang if detail.lang in cue_langs else (cue_langs[0] if cue_langs else "")
        related = library.summaries([*detail.related, *([detail.recording] if detail.recording else [])])
        return render_template("item.html", item=detail, body=web_body(detail.body_html), files=files,
                               start_at=start_at, cues=[c for c in detail.cues if c.lang == transcript_lang],
                               cue_langs=cue_langs, transcript_lang=transcript_lang, related=related)

    @app.get("/item/<item_id>/file/<sha256>")
    def download(item_id: str, sha256: str):
        """An item's file as a download, under its own name."""
        detail = _item(item_id)
        named = next((f for f in detail.files if f.sha256 == sha256), None)
        if named is None:
            abort(404)
        return send_media(_library(), sha256, download_name=named.name)

    @app.get("/media/<sha256>")
    def media(sha256: str):
        return send_media(_library(), sha256)

    @app.get("/feed/<path:rel>")
    def feed(rel: str):
        return send_feed_file(_library(), rel)


def _item(item_id: str):
    if not ITEM_ID.fullmatch(item_id):
        abort(404)
    try:
        return _library().get_item(item_id)
    except NotFoundError:
        abort(404)
