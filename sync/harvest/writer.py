"""The authoring folder a harvest writes, and the state it keeps between runs beside it.

Items go to ``<kind>s/<id>.md`` (FORMAT.md), files to ``media/<ab>/<sha256>.<ext>`` (each file once). A file
is rewritten only when its bytes change, through a temporary name, so a run that stops half-way leaves every
item whole. ``state.json`` remembers each item's address, language group and how many runs in a row it was
missing: an item is deleted only after ``delete_after`` such runs, and only when the site answered.

An item taken as written (its page unchanged) is neither parsed nor written again unless the item it is a
translation of changed; the media folder is searched for files no item uses only when something changed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from app.authoring.loader import split_front_matter
from app.fsutil import replace, unlink_quietly

LANG_ORDER = ("ky", "ru", "en")
# libyaml when present: reading and writing the front matter of every item is most of an unchanged run's time
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _dump(meta: dict) -> str:
    return yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
_SHA = re.compile(r"media/[0-9a-f]{2}/([0-9a-f]{64})\.")


@dataclass
class Draft:
    """One item as harvested; ``meta`` holds the front-matter fields other than id/kind/lang/translation_of."""

    id: str
    kind: str
    lang: str
    url: str
    group: str  # pages that are language versions of one another share it
    meta: dict = field(default_factory=dict)
    body: str = ""
    videos: list[str] = field(default_factory=list)  # video-page addresses its files came from (yt-dlp)
    files_missing: bool = False  # a file or video of its page was not obtained: the next run reads the page again
    raw: bytes | None = None  # taken as the last run wrote it: its file's bytes (meta and body read only if needed)


@dataclass
class Outcome:
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    waiting: dict[str, int] = field(default_factory=dict)  # id → runs missing so far


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    replace(tmp, path)


class Folder:
    def __init__(self, root: Path, state_dir: Path, taxonomy_from: Path | None = None) -> None:
        self.root = Path(root)
        self.state_dir = Path(state_dir)
        self.media = self.root / "media"
        self.state_path = self.state_dir / "state.json"
        self.state: dict = {"items": {}, "videos": {}, "runs": 0}
        if self.state_path.is_file():
            try:
                self.state.update(json.loads(self.state_path.read_text(encoding="utf-8")))
            except ValueError:
                pass  # only the missing-run counts are lost
        self.root.mkdir(parents=True, exist_ok=True)
        if taxonomy_from and not (self.root / "_taxonomy").is_dir():
            shutil.copytree(taxonomy_from, self.root / "_taxonomy")

    # --- media ---

    def media_path(self, sha: str) -> Path | None:
        folder = self.media / sha[:2]
        if folder.is_dir():
            for p in folder.glob(sha + ".*"):
                return p
        return None

    def has_media(self, sha: str) -> bool:
        return self.media_path(sha) is not None

    def add_media(self, tmp: Path | None, sha: str, ext: str) -> Path:
        """Put a fetched file in place (or drop the temporary copy when the file is there already)."""
        existing = self.media_path(sha)
        if existing is not None:
            if tmp is not None:
                unlink_quietly(tmp)
            return existing
        target = self.media / sha[:2] / f"{sha}{ext.lower()}"
        target.parent.mkdir(parents=True, exist_ok=True)
        if tmp is None:
            raise FileNotFoundError(f"media {sha} is gone")
        if tmp.resolve().parent != target.parent.resolve():
            shutil.move(str(tmp), str(target.with_name(target.name + ".tmp")))
            tmp = target.with_name(target.name + ".tmp")
        replace(tmp, target)
        return target

    def rel(self, item_path: Path, media: Path) -> str:
        return os.path.relpath(media, item_path.parent).replace(os.sep, "/")

    def item_path(self, kind: str, item_id: str) -> Path:
        return self.root / f"{kind}s" / f"{item_id}.md"

    # --- items ---

    @staticmethod
    def render(draft: Draft, translation_of: str | None) -> bytes:
        meta = {"id": draft.id, "kind": draft.kind, "lang": draft.lang}
        meta.update({k: v for k, v in draft.meta.items() if v not in (None, "", [], {}, ())})
        if translation_of:
            meta["translation_of"] = translation_of
        front = _dump(meta)
        return f"---\n{front}---\n{draft.body.strip()}\n".encode()

    def finish(self, drafts: list[Draft], *, kept_urls: set[str], complete: bool, delete_after: int) -> Outcome:
        """Write this run's items, keep the ones whose pages failed, count the missing ones and delete those
        missing ``delete_after`` runs in a row (only after a complete crawl of a site that answered)."""
        out = Outcome()
        items: dict = self.state["items"]
        by_id = {d.id: d for d in drafts}
        present = set(by_id)
        for item_id, info in list(items.items()):
            if item_id in present:
                continue
            if info["url"].split("#")[0] in kept_urls:  # an event's recording has the address of its page + #video
                info["files_missing"] = True  # kept as it was: the next run reads its page again, even if unchanged
                continue
            if not complete:
                continue  # the page failed, or the crawl stopped early: no evidence it is gone
            info["missing"] = info.get("missing", 0) + 1
            if info["missing"] >= delete_after:
                unlink_quietly(self.root / info["path"])
                del items[item_id]
                out.deleted.append(item_id)
            else:
                out.waiting[item_id] = info["missing"]
        existing = set(items) | present
        groups: dict[str, list[tuple[str, str]]] = {}
        for item_id, info in items.items():
            if item_id not in present:
                groups.setdefault(info.get("group", item_id), []).append((info.get("lang", ""), item_id))
        for d in drafts:
            groups.setdefault(d.group, []).append((d.lang, d.id))
        roots = {g: min(members, key=lambda m: (LANG_ORDER.index(m[0]) if m[0] in LANG_ORDER else 9, m[1]))[1]
                 for g, members in groups.items()}
        for d in drafts:
            root = roots[d.group]
            translation_of = root if root != d.id else None
            path = self.item_path(d.kind, d.id)
            rel = path.relative_to(self.root).as_posix()
            old = items.get(d.id)
            if d.raw is not None and ((old and old["path"] == rel and old.get("translation_of", "?") == translation_of)
                                      or not (d.meta or self.parse_into(d))):
                out.unchanged.append(d.id)  # as written, and still a translation of the same item (or unreadable)
            else:
                data = self.render(d, translation_of)
                if old and old["path"] != rel:
                    unlink_quietly(self.root / old["path"])  # its kind changed
                current = d.raw if d.raw is not None else path.read_bytes() if path.is_file() else None
                if current == data:
                    out.unchanged.append(d.id)
                else:
                    _atomic_write(path, data)
                    (out.changed if old else out.new).append(d.id)
            items[d.id] = {"path": rel, "url": d.url, "group": d.group, "lang": d.lang, "kind": d.kind,
                           "translation_of": translation_of, "missing": 0, "videos": d.videos,
                           "files_missing": d.files_missing}
        for item_id in set(items) - present:
            self._drop_dangling(self.root / items[item_id]["path"], existing - set(out.deleted))
        if complete:
            self._remove_unused_media(changed=bool(out.new or out.changed or out.deleted))
        self.state["runs"] = self.state.get("runs", 0) + 1
        return out

    def _drop_dangling(self, path: Path, ids: set[str]) -> None:
        """A kept item must not point at an item deleted this run (the folder would not load)."""
        try:
            split = split_front_matter(path.read_text(encoding="utf-8"))
        except OSError:
            return
        if not split:
            return
        meta = yaml.load(split[0], Loader=_LOADER) or {}
        changed = False
        for key in ("translation_of", "recording"):
            if meta.get(key) and meta[key] not in ids:
                del meta[key]
                changed = True
        if meta.get("related"):
            kept = [r for r in meta["related"] if r in ids]
            if kept != meta["related"]:
                meta["related"] = kept
                changed = True
        if changed:
            front = _dump(meta)
            _atomic_write(path, f"---\n{front}---\n{split[1].strip()}\n".encode())

    def _remove_unused_media(self, *, changed: bool) -> None:
        """Delete the files of media/ no item or remembered video uses. Reading every item for it is skipped when
        no item changed and media/ holds as many files, and the state as many videos, as when it was last done:
        then nothing can have become unused (a run that stopped half-way leaves a file more)."""
        count = [sum(1 for _ in self.media.glob("*/*")) if self.media.is_dir() else 0,
                 len(self.state.get("videos", {}))]
        if not changed and self.state.get("media_check") == count:
            return
        used: set[str] = set()
        for md in self.root.rglob("*.md"):
            used.update(_SHA.findall(md.read_text(encoding="utf-8", errors="replace")))
        for video in self.state.get("videos", {}).values():
            used.update(filter(None, [video.get("sha"), *video.get("subs", {}).values()]))
        if self.media.is_dir():
            for p in self.media.glob("*/*"):
                if p.is_file() and p.name.split(".")[0] not in used:
                    unlink_quietly(p)
                    count[0] -= 1
        self.state["media_check"] = count

    def read_item(self, item_id: str) -> Draft | None:
        """The item as the last run wrote it (for a page the server says has not changed): its file's bytes, read
        further only when it must be written again (:meth:`parse_into`)."""
        info = self.state["items"].get(item_id)
        try:
            raw = (self.root / info["path"]).read_bytes() if info else None
        except OSError:
            return None
        if raw is None or not raw.startswith(b"---\n"):
            return None
        draft = Draft(item_id, info.get("kind", ""), info.get("lang", ""), info["url"], info.get("group", item_id),
                      videos=list(info.get("videos", [])), raw=raw)
        if not ("kind" in info and "translation_of" in info) and not self.parse_into(draft):
            return None  # a state written before these were kept: read them from the file
        return draft

    @staticmethod
    def parse_into(draft: Draft) -> bool:
        """Fill a draft taken as written with its file's front matter and body; False when it is damaged."""
        split = split_front_matter(draft.raw.decode("utf-8", "replace"))
        meta = yaml.load(split[0], Loader=_LOADER) if split else None
        if not isinstance(meta, dict):
            return False
        base = {k: meta.pop(k, None) for k in ("id", "kind", "lang", "translation_of")}
        draft.kind, draft.lang = base["kind"] or draft.kind, base["lang"] or draft.lang
        draft.meta, draft.body = meta, split[1].strip()
        return True

    def save_state(self) -> None:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        # one line: json.dumps uses its C encoder only without indent (a tenth of an unchanged run's time otherwise)
        _atomic_write(self.state_path, json.dumps(self.state, ensure_ascii=False).encode())
