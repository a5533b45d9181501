"""Site recipes (YAML; RECIPES.md): which pages are items of which kind, and where on a page each field is.

A recipe names sections (their list page, pagination, the address pattern of their items and the kind those
are) and CSS selectors for title, date, body, attachments, video, topics and region; optional maps from the
site's topic and region words to taxonomy ids add to the label matching (:mod:`sync.harvest.taxmap`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import yaml

from app.db.models import KINDS
from sync.harvest.errors import HarvestError, need
from sync.harvest.extract import ATTACH_EXT, IMAGE_EXT, VIDEO_EXT, Extracted, ext_of, parse, video_host
from sync.harvest.urls import host_name, lang_code, normalise

SELECTORS = ("title", "date", "body", "attachments", "video", "topics", "region")
_TOP = {"name", "checked", "note", "site", "languages", "lang_param", "sections", "selectors", "topics", "regions",
        "file_hosts"}
_SECTION = {"name", "kind", "list", "pages", "page_param", "item", "id", "selectors"}


@dataclass
class Section:
    name: str
    kind: str
    lists: list[str]  # list page paths (with ?query), {lang} filled in
    item_path: str | None
    id_param: str | None
    pattern: re.Pattern | None
    id_format: str
    pages: int
    page_param: str
    selectors: dict[str, str] = field(default_factory=dict)

    def site_id(self, url: str) -> str | None:
        parts = urlsplit(url)
        if self.pattern is not None:
            m = self.pattern.search(parts.path + ("?" + parts.query if parts.query else ""))
            return m.group("id") if m else None
        if parts.path.rstrip("/") != (self.item_path or "").rstrip("/"):
            return None
        value = dict(parse_qsl(parts.query)).get(self.id_param or "id", "")
        return value if re.fullmatch(r"[\w.-]{1,60}", value) else None

    def is_list(self, url: str) -> bool:
        path = urlsplit(url).path.rstrip("/") or "/"
        return any(path == (urlsplit(lst).path.rstrip("/") or "/") for lst in self.lists)


class Recipe:
    def __init__(self, data: dict, source: str) -> None:
        def bad(message: str) -> HarvestError:
            return HarvestError(f"recipe {source}: {message}", code="bad_recipe")

        if not isinstance(data, dict):
            raise bad("must be a YAML mapping")
        unknown = set(data) - _TOP
        if unknown:
            raise bad(f"unknown key(s): {', '.join(sorted(unknown))}")
        self.name = str(data.get("name") or Path(source).stem)
        self.checked = bool(data.get("checked", False))
        self.languages = [lang_code(x) or x for x in data.get("languages") or ["ky", "ru"]]
        self.lang_param = data.get("lang_param", "lang")
        self.selectors = self._selectors(data.get("selectors") or {}, bad)
        self.topic_map = {str(k): str(v) for k, v in (data.get("topics") or {}).items()}
        self.region_map = {str(k): str(v) for k, v in (data.get("regions") or {}).items()}
        raw_hosts = data.get("file_hosts") or []
        self.file_hosts = [host_name(h) for h in ([raw_hosts] if isinstance(raw_hosts, str) else raw_hosts)]
        if None in self.file_hosts:
            raise bad(f"file_hosts: give host names such as cdn.example.kg (got {raw_hosts!r:.80})")
        self.sections: list[Section] = []
        for raw in data.get("sections") or []:
            if not isinstance(raw, dict) or set(raw) - _SECTION or not raw.get("name"):
                raise bad(f"a section needs a name and only {', '.join(sorted(_SECTION))} (got {raw!r:.80})")
            if raw.get("kind") not in KINDS:
                raise bad(f"section {raw['name']}: kind must be one of {', '.join(KINDS)}")
            item = raw.get("item") or {}
            pattern = None
            if "pattern" in item:
                try:
                    pattern = re.compile(item["pattern"])
                except re.error as e:
                    raise bad(f"section {raw['name']}: item pattern: {e}") from e
                if "id" not in pattern.groupindex:
                    raise bad(f"section {raw['name']}: the item pattern needs a group (?P<id>…)")
            elif not item.get("path"):
                raise bad(f"section {raw['name']}: item needs a path (and id_param) or a pattern")
            lists = raw.get("list") or []
            lists = [lists] if isinstance(lists, str) else list(lists)
            self.sections.append(Section(
                raw["name"], raw["kind"], lists, item.get("path"), item.get("id_param", "id"), pattern,
                str(raw.get("id") or f"{raw['name']}-{{id}}"), int(raw.get("pages", 1)),
                str(raw.get("page_param", "page")), self._selectors(raw.get("selectors") or {}, bad)))
        if not self.sections:
            raise bad("has no sections")

    @staticmethod
    def _selectors(raw: dict, bad) -> dict[str, str]:
        unknown = set(raw) - set(SELECTORS)
        if unknown:
            raise bad(f"unknown selector(s): {', '.join(sorted(unknown))} (known: {', '.join(SELECTORS)})")
        return {k: str(v) for k, v in raw.items() if v}

    # --- crawling ---

    def seeds(self, start: str) -> list[str]:
        out = []
        for s in self.sections:
            for lst in s.lists:
                for lang in self.languages if "{lang}" in lst else [None]:
                    first = normalise(lst.format(lang=lang), start)
                    out.append(first)
                    sep = "&" if "?" in lst else "?"
                    out += [normalise(f"{lst.format(lang=lang)}{sep}{s.page_param}={n}", start)
                            for n in range(2, s.pages + 1)]
        return [u for u in out if u]

    def item_of(self, url: str) -> tuple[Section, str] | None:
        for s in self.sections:
            site_id = s.site_id(url)
            if site_id:
                return s, site_id
        return None

    def wanted(self, url: str) -> bool:
        if url.endswith((".xml", "/robots.txt")):
            return True
        return any(s.is_list(url) for s in self.sections) or self.item_of(url) is not None

    def links(self, url: str, text: str, ex: Extracted) -> list[str]:
        return [u for u in ex.links if self.wanted(u)]

    # --- one page ---

    def apply(self, found: tuple[Section, str], ex: Extracted, text: str) -> None:
        """Override what the generic reading found with what the recipe's selectors find."""
        need("cssselect")
        section = found[0]
        sel = {**self.selectors, **section.selectors}
        doc = parse(text)
        ex.kind = section.kind

        def pick(name: str) -> list:
            if not sel.get(name):
                return []
            try:
                return doc.cssselect(sel[name])
            except Exception as e:
                raise HarvestError(f"recipe {self.name}: selector {name} {sel[name]!r}: {e}",
                                   code="bad_recipe") from e

        def words(el) -> str:
            return re.sub(r"\s+", " ", el.text_content()).strip()

        if (els := pick("title")) and words(els[0]):
            ex.title = words(els[0])
        if els := pick("date"):
            ex.date = words(els[0])
        if els := pick("body"):
            import lxml.html

            from sync.harvest.extract import main_text

            fragment = "".join(lxml.html.tostring(e, encoding="unicode") for e in els)
            part = Extracted(url=ex.url, title=ex.title, lang=ex.lang, kind=ex.kind)
            main_text(part, f"<html><body><article>{fragment}</article></body></html>")
            if part.body_md:
                ex.body_md, ex.text_len = part.body_md, part.text_len
        if els := pick("attachments"):
            ex.attachments = []
            for el in els:
                for a in [el, *el.iter("a")]:
                    href = normalise(a.get("href") or "", ex.url)
                    if href and (ext_of(href) in ATTACH_EXT | IMAGE_EXT) and href not in dict(ex.attachments):
                        ex.attachments.append((href, words(a)[:200]))
        if els := pick("video"):
            ex.videos, ex.embeds = [], []
            for el in els:
                for node in [el, *el.iter("source", "iframe", "a")]:
                    href = normalise(node.get("src") or node.get("href") or node.get("data-src") or "", ex.url)
                    if not href:
                        continue
                    if ext_of(href) in VIDEO_EXT:
                        ex.videos.append(href)
                    elif node.tag == "iframe" or video_host(href):
                        ex.embeds.append(href)
        if els := pick("topics"):
            ex.topics_text = [words(e) for e in els if words(e)]
        if els := pick("region"):
            ex.region_text = words(els[0])


def load_recipe(path: Path) -> Recipe:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as e:
        raise HarvestError(f"cannot read the recipe {path}: {e.strerror or e}", code="bad_recipe") from e
    except yaml.YAMLError as e:
        raise HarvestError(f"the recipe {path} is not valid YAML: {e}", code="bad_recipe") from e
    return Recipe(data, str(path))
