"""The reading room under load: rendered pages kept in memory and revalidated by ETag, never served for an older
content version; files named by their hash cached by browsers for good (app/web/cache.py)."""

from __future__ import annotations

from pathlib import Path

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
