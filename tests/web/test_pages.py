"""The reading room's pages over HTTP, against the real server on loopback: every page in ky/ru/en, the
language switch, search with facets, "did you mean" and transcript hits, items, 404s."""

from __future__ import annotations

import re

import pytest

from app.values import SearchRequest
from app.web import i18n

LESSON, PRACTICE, DOCUMENT, EVENT = "lesson-elibrary-ky", "pb-lebedinovka-ru", "doc-contest-guide-en", \
    "event-pb-webinar-ky"
PAGES = ["/", "/search?q=суу", "/search?q=суу&kind=practice", "/practices", "/lessons", "/documents", "/events",
         "/topics", "/regions", "/topic/drinking-water", "/region/naryn", f"/item/{PRACTICE}", f"/item/{LESSON}",
         f"/item/{LESSON}?t=7", f"/item/{DOCUMENT}", f"/item/{EVENT}", "/search?q=бюджэт", "/search?sort=date&page=2"]
# the search button's word, and an English sentence that must not show on a Kyrgyz or Russian page
WORDS = {"ky": "Издөө", "ru": "Найти", "en": "Search"}


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_every_page_in_each_language(web, lang: str) -> None:
    for path in PAGES:
        r = web.get(path, headers={"Accept-Language": f"{lang},en;q=0.5"})
        assert r.status_code == 200, path
        assert r.headers["Content-Type"] == "text/html; charset=utf-8"
        assert f'<html lang="{lang}">' in r.text, path
        assert f">{WORDS[lang]}</button>" in r.text, path
        if lang != "en":
            assert "What's new" not in r.text and "Narrow down" not in r.text and "Video lessons" not in r.text, path
        # no script anywhere, and the browser is told to run none
        assert "<script" not in r.text.lower()
        csp = r.headers["Content-Security-Policy"]
        assert "script-src" not in csp and "default-src 'none'" in csp and "unsafe-inline" not in csp


def test_the_catalogs_are_complete() -> None:
    from babel.messages.pofile import read_po

    for lang in ("ky", "ru"):
        with open(i18n.po_file(lang), "rb") as f:
            catalog = read_po(f, locale=lang)
        missing = [m.id for m in catalog if m.id and (not m.string or m.fuzzy or
                                                      (isinstance(m.string, tuple) and not all(m.string)))]
        assert not missing, (lang, missing)
        assert len(catalog) > 60


def test_language_switch_is_remembered_and_never_leaves_the_site(web) -> None:
    r = web.get("/lang/ru?next=/search%3Fq%3Dsuu", headers={"Accept-Language": "ky"})
    assert r.status_code == 303 and r.headers["Location"] == "/search?q=suu"
    page = web.get("/search?q=suu", headers={"Accept-Language": "ky"})
    assert '<html lang="ru">' in page.text
    for evil in ("//evil.example/", "http://evil.example/", "/\\evil.example"):
        r = web.get("/lang/en", params={"next": evil})
        assert r.headers["Location"] == "/", evil
    assert web.get("/lang/fr").status_code == 404


def test_no_language_header_gives_kyrgyz(web) -> None:
    r = web.get("/", headers={"Accept-Language": ""})
    assert '<html lang="ky">' in r.text


def _hits(html: str) -> list[str]:
    return re.findall(r'<a class="title" href="(/item/[^"?]+)', html)


def test_search_with_facets(web, sample_library) -> None:
    expected = sample_library.search(SearchRequest("суу", as_you_type=False))
    r = web.get("/search?q=суу", headers={"Accept-Language": "en"})
    assert f"{expected.total} results" in r.text
    assert _hits(r.text) == [f"/item/{h.id}" for h in expected.hits]
    assert "<b>" in r.text  # highlighted snippets
    # the kind facet: a link that keeps the words and adds the filter, with the count the engine gave
    practices = expected.facets["kind"]["practice"]
    link = re.search(r'<a href="(/search\?[^"]*kind=practice[^"]*)">Practice</a> <span class="count">(\d+)', r.text)
    assert link and int(link.group(2)) == practices and "q=" in link.group(1)
    narrowed = web.get(link.group(1).replace("&amp;", "&"), headers={"Accept-Language": "en"})
    assert f"{practices} result" in narrowed.text
    assert all(sample_library.get_item(h.rsplit("/", 1)[1]).kind == "practice" for h in _hits(narrowed.text))
    assert "Remove this filter" in narrowed.text  # the chip that takes the filter away


def test_search_in_kyrgyz_typed_on_a_russian_keyboard_and_did_you_mean(web) -> None:
    r = web.get("/search?q=китепкна", headers={"Accept-Language": "ky"})
    assert "«китепкна» боюнча эч нерсе табылган жок" in r.text and "китепкана" in r.text
    assert _hits(r.text)


def test_a_transcript_hit_opens_the_lesson_at_its_second(web) -> None:
    r = web.get("/search?q=интернетсиз", headers={"Accept-Language": "en"})
    link = re.search(rf'href="/item/{LESSON}\?t=(\d+)"', r.text)
    assert link and int(link.group(1)) == 7
    page = web.get(f"/item/{LESSON}?t=7")
    assert re.search(r'<video id="video"[^>]* src="/media/[0-9a-f]{64}#t=7"', page.text)
    assert '<li class="now"><a href="/item/lesson-elibrary-ky?t=7#video"' in page.text


def test_a_lesson_has_video_subtitle_tracks_and_a_transcript(web, sample_library) -> None:
    item = sample_library.get_item(LESSON)
    page = web.get(f"/item/{LESSON}", headers={"Accept-Language": "ru"}).text
    video = next(f for f in item.files if f.role == "video")
    assert f'src="/media/{video.sha256}"' in page
    for sub in (f for f in item.files if f.role == "subtitles"):
        assert f'srclang="{sub.lang}"' in page and f'src="/media/{sub.sha256}"' in page
        vtt = web.get(f"/media/{sub.sha256}")
        assert vtt.headers["Content-Type"].startswith("text/vtt") and vtt.text.startswith("WEBVTT")
    assert re.search(r'srclang="ru" label="Русский" src="/media/[0-9a-f]{64}" default', page)  # the page's language
    first = next(c for c in item.cues if c.lang == "ky")
    assert first.text in page and 'href="/item/lesson-elibrary-ky?t=0#video"' in page
    ru_transcript = web.get(f"/item/{LESSON}?transcript=ru").text
    assert next(c for c in item.cues if c.lang == "ru").text in ru_transcript


def test_a_practice_shows_its_body_with_local_pictures_only(web, sample_library) -> None:
    from app.web.pages import web_body

    page = web.get(f"/item/{PRACTICE}").text
    item = sample_library.get_item(PRACTICE)
    assert item.title in page and "<h2>" in page
    sha = "a" * 64
    body = str(web_body(f'<p><img src="media:{sha}" alt="x"><img src="http://evil.example/x.png">'
                        f'<img src="file:///etc/passwd"><img src="data:image/png;base64,AAAA"></p>'))
    assert f'src="/media/{sha}"' in body and "evil" not in body and "file:" not in body and "data:" not in body


def test_a_document_shows_its_pdf_inline_with_a_download(web, sample_library) -> None:
    item = sample_library.get_item(DOCUMENT)
    pdf = next(f for f in item.files if f.mime == "application/pdf")
    page = web.get(f"/item/{DOCUMENT}").text
    assert f'<iframe class="pdf" src="/media/{pdf.sha256}"' in page
    inline = web.get(f"/media/{pdf.sha256}")
    assert inline.headers["Content-Type"] == "application/pdf" and inline.content.startswith(b"%PDF")
    assert "attachment" not in inline.headers.get("Content-Disposition", "")
    download = web.get(f"/item/{DOCUMENT}/file/{pdf.sha256}")
    assert download.status_code == 200 and download.content == inline.content
    assert download.headers["Content-Disposition"] == f"attachment; filename={pdf.name}"


@pytest.mark.parametrize("path", ["/item/no-such-item", "/item/" + "x" * 300, "/topic/no-such-topic", "/region/nowhere",
                                  "/media/" + "0" * 64, "/media/abc", "/media/" + "A" * 64, "/no-such-page",
                                  "/search?kind=bogus", "/search?page=0", "/search?page=x", "/item/a/file/" + "0" * 64,
                                  "/feed/feed.json", "/static/nope.css", "/settings", "/notes", "/admin"])
def test_unknown_addresses_are_404_in_words(web, path: str) -> None:
    r = web.get(path, headers={"Accept-Language": "ru"})
    assert r.status_code == 404
    assert "Такой страницы в библиотеке нет" in r.text


def test_read_only(web) -> None:
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        r = web.session.request(method, web.base + f"/item/{PRACTICE}", timeout=10)
        assert r.status_code == 405, method


def test_prebuilt_catalogs_are_used_without_babel(tmp_path, monkeypatch) -> None:
    """The packaging build writes .mo files, so the bundle can leave Babel (36 MB) out."""
    import shutil
    import sys

    for lang in ("ky", "ru"):
        (tmp_path / lang / "LC_MESSAGES").mkdir(parents=True)
        shutil.copy(i18n.po_file(lang), tmp_path / lang / "LC_MESSAGES")
    monkeypatch.setattr(i18n, "CATALOGS", tmp_path)
    built = i18n.compile_catalogs()
    assert sorted(p.parent.parent.name for p in built) == ["ky", "ru"]
    for lang in ("ky", "ru"):
        (tmp_path / lang / "LC_MESSAGES" / "messages.po").unlink()
    monkeypatch.setitem(sys.modules, "babel", None)  # importing Babel now fails
    monkeypatch.setitem(sys.modules, "babel.messages.pofile", None)
    monkeypatch.setattr(i18n, "_cache", {})
    assert i18n.translations("ru").gettext("Search") == "Найти"
    assert i18n.translations("ky").ngettext("%(num)d result", "%(num)d results", 5) == "%(num)d жыйынтык"
