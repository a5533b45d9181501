"""A realistic little portal on loopback, built like myktyaimak.gov.kg: Kyrgyz and Russian through ``?lang=``,
query-string routes (``/events/single-event?lang=ru&id=56``), header/menu/footer boilerplate on every page,
paginated lists, sitemap.xml, robots.txt with a disallowed area, practices, events with a PDF presentation,
lessons with a ``<video>`` and WebVTT tracks, a lesson embedding a player page (for yt-dlp's generic extractor),
an embed of a video host that does not answer, one page in windows-1251, one page that answers 500, ETags, a
sitemap with ``<lastmod>`` dates that follow the pages as a CMS's do (:meth:`PortalSite.lastmod`), a
"print version" link on every item that robots.txt disallows with a wildcard (``Disallow: /*print=``), and
language switches to versions that do not exist (404). :attr:`PortalSite.routes` adds answers of one test (a
redirect, a huge page, a file on another host).

Pages are built from :attr:`PortalSite.pages` on every request, so a test edits or removes one and harvests
again. Every request is logged (path with query, status, bytes sent). Bounded: 127.0.0.1, port 0, daemon
threads, short socket timeouts.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample"
PDF = SAMPLE / "documents" / "media" / "doc-pb-methodology-ru.pdf"  # its text names "Токтосунова"
MP4 = SAMPLE / "lessons" / "media" / "lesson-pb-intro-ru.mp4"
MP4_B = SAMPLE / "lessons" / "media" / "lesson-elibrary-ky.mp4"
VTT = {"ru": SAMPLE / "lessons" / "media" / "lesson-pb-intro-ru.ru.vtt",
       "ky": SAMPLE / "lessons" / "media" / "lesson-pb-intro-ru.ky.vtt"}
UNREACHABLE = "http://127.0.0.1:9/embed/video-42"  # the discard port: nothing answers there

MENU = {"ru": ("Главная", "Практики", "Мероприятия", "Видеоуроки", "О портале"),
        "ky": ("Башкы бет", "Тажрыйбалар", "Иш-чаралар", "Видео сабактар", "Портал жөнүндө")}
SECTIONS = ("practices", "events", "lessons")
PER_PAGE = 3


@dataclass
class Item:
    section: str  # practices / events / lessons
    id: int
    lang: str
    title: str
    text: str  # paragraphs separated by blank lines
    date: str = "14.05.2024"
    tags: tuple[str, ...] = ()
    region: str = ""
    extra: str = ""  # raw HTML after the text (files, video)
    encoding: str = "utf-8"

    @property
    def route(self) -> str:
        single = {"practices": "single-practice", "events": "single-event", "lessons": "single-lesson"}
        return f"/{self.section}/{single[self.section]}?lang={self.lang}&id={self.id}"


def default_items() -> list[Item]:
    long_ru = ("Жители айыльного аймака вместе с айыл окмоту провели сходы в каждом селе, обсудили нужды и "
               "выбрали объекты, которые профинансируют из местного бюджета в следующем году. ")
    long_ky = ("Айыл өкмөтү айылдын тургундары менен бирге ар бир айылда жыйын өткөрүп, муктаждыктарды талкуулап, "
               "кийинки жылы жергиликтүү бюджеттен каржылана турган объекттерди тандашты. ")
    items = [
        Item("practices", 1, "ru", "Бюджет участия в Зеленоборском аймаке",
             long_ru * 2 + "\n\nЗеленоборская модель распределения средств стала примером для соседей.",
             tags=("Бюджет участия",), region="Чуйская область"),
        Item("practices", 1, "ky", "Зеленобор аймагындагы катышуу бюджети",
             long_ky * 2 + "\n\nЗеленобор үлгүсү кошуна айылдарга үлгү болду.",
             tags=("Катышуу бюджети",), region="Чүй облусу"),
        Item("practices", 2, "ru", "Водопровод для села Кочкор-Ата",
             long_ru + "\n\nСельчане создали объединение потребителей питьевой воды и отремонтировали водопровод.",
             tags=("Питьевая вода",), region="Нарынская область"),
        Item("practices", 3, "ru", "Раздельный сбор мусора в Кара-Суу",
             long_ru + "\n\nМусоросортировочный пункт принимает пластик и стекло.", tags=("Обращение с отходами",)),
        Item("practices", 4, "ru", "Открытые сессии айылного кенеша",
             long_ru + "\n\nДепутаты транслируют сессии и публикуют протоколы.", region="Ошская область"),
        Item("events", 56, "ru", "Семинар по бюджету участия для айыл окмоту",
             long_ru + "\n\nНа семинаре представили методику и пригласили всех участвовать.",
             extra='<p>Презентация: <a href="/files/presentation-56.pdf">Методическое пособие (PDF)</a></p>'),
        Item("events", 56, "ky", "Айыл өкмөттөр үчүн катышуу бюджети боюнча семинар",
             long_ky + "\n\nСеминарда усулдук колдонмо көрсөтүлдү.",
             extra='<p>Презентация: <a href="/files/presentation-56.pdf">Усулдук колдонмо (PDF)</a></p>'),
        Item("lessons", 3, "ru", "Урок: что такое бюджет участия",
             long_ru + "\n\nВидеоурок объясняет бюджет участия за пять минут.",
             extra='<video controls src="/media/lesson-3.mp4"><track kind="subtitles" srclang="ru" '
                   'src="/media/lesson-3.ru.vtt"><track kind="subtitles" srclang="ky" src="/media/lesson-3.ky.vtt">'
                   '</video>'),
        Item("lessons", 4, "ru", "Урок: электронная библиотека в айыл окмоту",
             long_ru + "\n\nУрок показывает, как пользоваться электронной библиотекой.",
             extra='<iframe src="/embed/lesson-4" width="640" height="360"></iframe>'),
        Item("lessons", 5, "ru", "Урок: пастбищные комитеты",
             long_ru + "\n\nЗапись урока размещена на внешнем видеохостинге.",
             extra=f'<iframe src="{UNREACHABLE}" width="640" height="360"></iframe>'),
    ]
    return items


OLD_PAGE = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>"
            "<title>Архив: положение о конкурсе</title></head><body><div class='menu'><a href='/?lang=ru'>Главная</a>"
            "</div><article><h1>Положение о конкурсе лучших практик 2019 года</h1><p>Конкурс проводится среди "
            "органов местного самоуправления. Заявки принимаются до первого октября. Победители получают гранты "
            "на развитие. Старинная кодировка страницы не мешает: Кыргызстан, Иссык-Кульская область.</p><p>Документ "
            "хранится в архиве портала как пример положения о конкурсе.</p></article></body></html>")


class PortalSite:
    """The site; :meth:`start` serves it, :attr:`log` lists (path?query, status, bytes) of every request."""

    def __init__(self) -> None:
        self.items: list[Item] = default_items()
        self.log: list[tuple[str, int, int]] = []
        self.ports: list[int] = []  # the client port of each request in the log
        self.broken = {"/practices/single-practice?lang=ru&id=99"}  # answers 500
        # path (with ?query) → (status, body, content type, extra headers): answers a test adds
        self.routes: dict[str, tuple[int, bytes, str, dict[str, str]]] = {}
        self.etags = True  # False: a server that sends neither ETag nor Last-Modified
        self.robots = "User-agent: *\nDisallow: /admin\nDisallow: /*print=\nDisallow: /*.php$\n"
        self.files: dict[str, tuple[bytes, str]] = {
            "/files/presentation-56.pdf": (PDF.read_bytes(), "application/pdf"),
            "/media/lesson-3.mp4": (MP4.read_bytes(), "video/mp4"),
            "/media/lesson-4.mp4": (MP4_B.read_bytes(), "video/mp4"),
            "/media/lesson-3.ru.vtt": (VTT["ru"].read_bytes(), "text/vtt"),
            "/media/lesson-3.ky.vtt": (VTT["ky"].read_bytes(), "text/vtt"),
        }
        # the sitemap's <lastmod>: "follow" (the time a page's content was first served; items published on their
        # date), "frozen" (a CMS that never updates it), "off" (no <lastmod>)
        self.lastmods = "follow"
        self._stamps: dict[str, tuple[str, str]] = {}  # route → (content digest, lastmod)
        self.delay = 0.0  # seconds each answer takes (a slow server)
        self.arrivals: list[float] = []  # when each request came (time.monotonic)
        self.in_flight = self.most_at_once = 0  # requests being answered now; the most at once so far
        self._lock = threading.Lock()
        self.httpd: ThreadingHTTPServer | None = None

    # --- pages ---

    def item(self, section: str, item_id: int, lang: str) -> Item | None:
        return next((i for i in self.items if (i.section, i.id, i.lang) == (section, item_id, lang)), None)

    def frame(self, lang: str, title: str, main: str, *, alternates: str = "", switch: str = "") -> str:
        labels = MENU.get(lang, MENU["ru"])
        menu = "".join(f'<li><a href="{href}?lang={lang}">{label}</a></li>' for href, label in
                       zip(("/", "/practices", "/events", "/lessons", "/about"), labels, strict=True))
        other = "ky" if lang == "ru" else "ru"
        return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Портал МСУ'
                f'</title>{alternates}<meta name="description" content="Портал лучших практик местного '
                f'самоуправления"></head><body><header><div class="logo">Союз МСУ</div><nav><ul>{menu}</ul></nav>'
                f'<a class="lang" href="{switch or "/?lang=" + other}">{other.upper()}</a></header><main>{main}</main>'
                '<footer><p>© 2024 Союз местных самоуправлений Кыргызской Республики. Все права защищены.</p>'
                '<p>Бишкек, ул. Киевская 96. Тел.: +996 312 000000</p><a href="/admin/login">Вход</a> <a href="/feedback.php">✉</a></footer>'
                '</body></html>')

    def item_page(self, it: Item) -> str:
        paras = "".join(f"<p>{p}</p>" for p in it.text.split("\n\n"))
        tags = "".join(f'<a class="tag" href="/practices?lang={it.lang}&tag={t}">{t}</a>' for t in it.tags)
        alts = "".join(f'<link rel="alternate" hreflang="{o.lang}" href="{o.route}">' for o in self.items
                       if (o.section, o.id) == (it.section, it.id))
        crumbs = f'<div class="breadcrumbs"><a href="/?lang={it.lang}">{MENU[it.lang][0]}</a> / {it.section}</div>'
        main = (f'{crumbs}<article><h1>{it.title}</h1><div class="date">{it.date}</div>'
                f'<div class="tags">{tags}</div><div class="region">{it.region}</div>'
                f'<div class="content">{paras}{it.extra}</div></article>'
                f'<aside><a class="print" href="{it.route}&print=1">🖶</a></aside>')
        other = "ky" if it.lang == "ru" else "ru"
        return self.frame(it.lang, it.title, main, alternates=alts, switch=it.route.replace(f"lang={it.lang}",
                                                                                          f"lang={other}"))

    def list_page(self, section: str, lang: str, page: int) -> str:
        items = [i for i in self.items if i.section == section and i.lang == lang]
        chunk = items[(page - 1) * PER_PAGE: page * PER_PAGE]
        cards = "".join(f'<div class="card"><a href="{i.route}">{i.title}</a></div>' for i in chunk)
        nxt = (f'<a class="next" href="/{section}?lang={lang}&page={page + 1}">»</a>'
               if page * PER_PAGE < len(items) else "")
        return self.frame(lang, section, f"<h1>{section}</h1>{cards}<div class='pager'>{nxt}</div>")

    def lastmod(self, it: Item) -> str:
        """When the item's page last changed, as a CMS stamps it: its date when first seen, then the time of the
        first answer after each edit (to the second, Bishkek time)."""
        digest = hashlib.sha256(repr((it.title, it.text, it.date, it.tags, it.region, it.extra)).encode()).hexdigest()
        stamp = self._stamps.get(it.route)
        if stamp is None:
            d, m, y = it.date.split(".")
            stamp = (digest, f"{y}-{m}-{d}T10:00:00+06:00")
        elif stamp[0] != digest and self.lastmods != "frozen":
            stamp = (digest, time.strftime("%Y-%m-%dT%H:%M:%S+06:00", time.gmtime(time.time() + 6 * 3600)))
        self._stamps[it.route] = stamp
        return stamp[1]

    def sitemap(self, base: str) -> str:
        urls = [i.route for i in self.items] + ["/practices/single-practice?lang=ru&id=99", "/news/old-page?id=7"]
        dates = {i.route: self.lastmod(i) for i in self.items} if self.lastmods != "off" else {}
        locs = "".join(f"<url><loc>{base}{u.replace('&', '&amp;')}</loc>"
                       + (f"<lastmod>{dates[u]}</lastmod>" if u in dates else "") + "</url>" for u in urls)
        return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' \
               f"{locs}</urlset>"

    def answer(self, target: str, base: str) -> tuple[int, bytes, str]:
        parts = urlsplit(target)
        q = {k: v[0] for k, v in parse_qs(parts.query).items()}
        lang = q.get("lang", "ru")
        path = parts.path
        html = "text/html; charset=utf-8"
        if f"{parts.path}?lang={lang}&id={q.get('id')}" in self.broken:
            return 500, b"<h1>Internal Server Error</h1>", html
        if path == "/robots.txt":
            return 200, f"{self.robots}Sitemap: {base}/sitemap.xml\n".encode(), "text/plain"
        if path == "/sitemap.xml":
            return 200, self.sitemap(base).encode(), "application/xml"
        if path in self.files:
            body, ctype = self.files[path]
            return 200, body, ctype
        if path == "/":
            main = "<h1>Портал</h1>" + "".join(f'<a href="/{s}?lang={lang}">{s}</a> ' for s in SECTIONS)
            return 200, self.frame(lang, "Портал", main).encode(), html
        if path.strip("/") in SECTIONS:
            return 200, self.list_page(path.strip("/"), lang, int(q.get("page", 1))).encode(), html
        if path.startswith(tuple(f"/{s}/single-" for s in SECTIONS)) and q.get("id", "").isdigit():
            it = self.item(path.split("/")[1], int(q["id"]), lang)
            if it is None:
                return 404, self.frame(lang, "404", "<h1>Страница не найдена</h1>").encode(), html
            return 200, self.item_page(it).encode(it.encoding), html
        if path == "/embed/lesson-4":
            return 200, (b'<!DOCTYPE html><html><head><title>Player</title></head><body>'
                         b'<video controls width="640"><source src="/media/lesson-4.mp4" type="video/mp4"></video>'
                         b"</body></html>"), html
        if path == "/news/old-page":
            return 200, OLD_PAGE.encode("cp1251"), "text/html"  # the charset only in the page's <meta>
        if path == "/about":
            return 200, self.frame(lang, "О портале", "<h1>О портале</h1><p>Коротко.</p>").encode(), html
        return 404, b"<h1>Not found</h1>", html

    # --- serving ---

    def start(self) -> str:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            timeout = 5
            disable_nagle_algorithm = True  # as real servers do: headers and body apart would wait for delayed ACKs

            def do_GET(self) -> None:
                with site._lock:
                    site.arrivals.append(time.monotonic())
                    site.in_flight += 1
                    site.most_at_once = max(site.most_at_once, site.in_flight)
                try:
                    self.answer()
                finally:
                    with site._lock:
                        site.in_flight -= 1

            def answer(self) -> None:
                time.sleep(site.delay)
                base = f"http://{self.headers.get('Host')}"
                status, body, ctype, extra = site.routes.get(self.path) or (*site.answer(self.path, base), {})
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if "Last-Modified" in extra:  # a route with a date instead of an ETag, as many servers give
                    etag = ""
                    if status == 200 and self.headers.get("If-Modified-Since") == extra["Last-Modified"]:
                        status, body = 304, b""
                elif not site.etags:
                    etag = ""
                elif status == 200 and self.headers.get("If-None-Match") == etag:
                    status, body = 304, b""
                with site._lock:  # logged before the answer leaves: a test reading the log right after sees it
                    site.log.append((self.path, status, len(body)))
                    site.ports.append(self.client_address[1])  # one port per connection the harvester opened
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                if status in (200, 304) and etag:
                    self.send_header("ETag", etag)
                for k, v in extra.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address) -> None:
                pass  # a client that hangs up on a keep-alive connection is not news

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def stop(self) -> None:
        if self.httpd:
            self.httpd.shutdown()
            self.httpd.server_close()

    def requested(self, prefix: str) -> list[str]:
        with self._lock:
            return [p for p, _, _ in self.log if p.startswith(prefix)]

    def bytes_sent(self) -> int:
        with self._lock:
            return sum(n for _, _, n in self.log)
