"""The reading room under load: rendered pages kept in memory and revalidated by ETag, never served for an older
content version; files named by their hash cached by browsers for good (app/web/cache.py)."""

from __future__ import annotations

from pathlib import Path

import requests

from tests.conftest import SAMPLE

PRACTICE = "contest-orozbekov-ru"


def test_a_page_is_rendered_once_and_a_browser_that_has_it_gets_304(web) -> None:
    first = web.get("/search?q=суу", headers={"Accept-Language": "ky"})
    again = web.get("/search?q=суу", headers={"Accept-Language": "ky"})
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert web.room.pages.stats()["hits"] >= 1
    etag = first.headers["ETag"]
    assert again.headers["ETag"] == etag and first.headers["Cache-Control"] == "no-cache"
    r = web.get("/search?q=суу", headers={"Accept-Language": "ky", "If-None-Match": etag})
    assert r.status_code == 304 and r.content == b"" and r.headers["ETag"] == etag
    russian = web.get("/search?q=суу", headers={"Accept-Language": "ru", "If-None-Match": etag})
    assert russian.status_code == 200 and russian.headers["ETag"] != etag and '<html lang="ru">' in russian.text
    assert web.get(f"/item/{PRACTICE}", headers={"If-None-Match": etag}).status_code == 200  # another page's tag


def test_a_kept_page_is_not_served_after_the_content_changed(web, sample_library, tmp_path: Path) -> None:
    before = web.get("/search?q=Зебрамост")
    assert before.status_code == 200 and "/item/zebramost-ru" not in before.text
    etag = before.headers["ETag"]
    text = (SAMPLE / "practices" / f"{PRACTICE}.md").read_text(encoding="utf-8")
    text = text.replace(f"id: {PRACTICE}", "id: zebramost-ru").replace("title: Как", "title: Зебрамост — как")
    (tmp_path / "new" / "practices").mkdir(parents=True)
    (tmp_path / "new" / "practices" / "zebramost-ru.md").write_text(text, encoding="utf-8")
    sample_library.import_folder(tmp_path / "new")
    after = web.get("/search?q=Зебрамост", headers={"If-None-Match": etag})
    assert after.status_code == 200 and "/item/zebramost-ru" in after.text
    assert web.get("/item/zebramost-ru").status_code == 200


def test_files_named_by_their_hash_are_cached_for_good(web, sample_library) -> None:
    pdf = next(f for f in sample_library.get_item("doc-water-toolkit-ru").files if f.mime == "application/pdf")
    r = web.get(f"/media/{pdf.sha256}")
    assert r.status_code == 200 and "immutable" in r.headers["Cache-Control"]
    assert "max-age=31536000" in r.headers["Cache-Control"]
    style = web.get("/static/style.css")
    assert "immutable" in style.headers["Cache-Control"]


def test_the_page_cache_keeps_the_newest_pages_within_its_size() -> None:
    from app.web.cache import PageCache

    cache = PageCache(max_bytes=800)
    for i in range(9):
        cache.put(("v", "ky", f"/p{i}"), b"x" * 100)
    assert cache.get(("v", "ky", "/p0")) is None  # the oldest went to make room
    assert cache.get(("v", "ky", "/p2")) == b"x" * 100
    cache.put(("v", "ky", "/huge"), b"x" * 200)  # one page never takes more than an eighth
    assert cache.get(("v", "ky", "/huge")) is None and cache.stats()["bytes"] <= 800
    assert cache.etag(("v", "ky", "/p2")) == cache.etag(("v", "ky", "/p2")) != cache.etag(("v", "ru", "/p2"))


def test_a_kept_page_takes_no_database_connection_yet_another_programs_change_is_seen(web, sample_library) -> None:
    import sqlite3

    from sqlalchemy import event

    path = "/search?q=суу"
    first = web.get(path)
    checkouts: list[int] = []

    def checkout(*_args) -> None:
        checkouts.append(1)

    event.listen(sample_library.engine, "checkout", checkout)
    try:
        assert [web.get(path).headers["ETag"] for _ in range(5)] == [first.headers["ETag"]] * 5
    finally:
        event.remove(sample_library.engine, "checkout", checkout)
    assert checkouts == []  # under load, a pooled connection per page was a fifth of the server's time
    # another program commits new content (the desktop app syncing while `kitepkana serve` shares the library)
    other = sqlite3.connect(sample_library.paths.database)
    with other:
        other.execute("UPDATE library_meta SET value = value + 1 WHERE key = 'content_version'")
    other.close()
    again = web.get(path)
    assert again.status_code == 200 and again.headers["ETag"] != first.headers["ETag"]


def test_a_kept_page_is_sent_before_flask_with_the_same_bytes_headers_and_checks(sample_library, serve) -> None:
    from flask import request, request_started

    from app.web.limits import Limits

    kept = serve(sample_library, access_code="4521", limits=Limits(requests_per_minute=60, burst=8))
    plain = serve(sample_library, access_code="4521", limits=Limits(requests_per_minute=0, page_cache_bytes=0))
    for web in (kept, plain):
        assert web.post("/code", data={"code": "4521", "next": "/"}).status_code == 303
    path, ky = "/search?q=суу", {"Accept-Language": "ky"}

    def sent(r) -> list[tuple[str, str]]:
        return [(k, v) for k, v in r.raw.headers.items() if k not in ("Date", "Server")]

    rendered = kept.get(path, headers=ky)  # rendered by Flask and kept
    flask_saw: list[str] = []

    def started(app, **_kw) -> None:
        if app.config["ROOM"] is kept.room:
            flask_saw.append(request.full_path)

    with request_started.connected_to(started):
        again = kept.get(path, headers=ky)  # from app/web/kept.py
        assert kept.room.pages.stats()["hits"] == 1
        assert again.content == rendered.content and sent(again) == sent(rendered)
        head = kept.session.head(kept.base + path, headers=ky)
        assert head.content == b"" and sent(head) == sent(rendered)
        etag = {"If-None-Match": rendered.headers["ETag"], **ky}
        not_modified = kept.get(path, headers=etag)  # from kept.py; the other room's 304 comes from Flask
        flask_304 = plain.get(path, headers=dict(ky, **{"If-None-Match": plain.get(path, headers=ky).headers["ETag"]}))
        assert not_modified.status_code == flask_304.status_code == 304
        assert [h for h in sent(not_modified) if h[0].lower() != "etag"] == [h for h in sent(flask_304)
                                                                        if h[0].lower() != "etag"]
        assert flask_saw == []  # Flask was not asked for the kept page (GET, HEAD, 304)
    assert kept.get(path, headers={"Accept-Language": "ru"}).text != rendered.text  # the language is in the key
    # the checks apply to kept pages too: no access code, no page; and the rate per client
    stranger = requests.get(kept.base + path, headers=ky, allow_redirects=False, timeout=20)  # (no cookie)
    assert stranger.status_code == 303 and stranger.headers["Location"].startswith("/code?next=")
    statuses = [kept.get(path, headers=ky).status_code for _ in range(10)]
    refused = kept.get(path, headers=ky)
    assert statuses[-1] == refused.status_code == 429 and refused.headers["Retry-After"]  # Flask's own error page
