"""The site's topic and region words → our taxonomy ids, with the search's own ky/ru/en label matching
(app/search/labels.py), so "Чүй облусу" and "Чуйская область" both find ``chui``."""

from __future__ import annotations

from pathlib import Path

from app.authoring import taxonomy as tax
from app.errors import Problem


class TaxonomyMap:
    def __init__(self, taxonomy_dir: Path, *, topics: dict[str, str] | None = None,
                 regions: dict[str, str] | None = None) -> None:
        from app.search.labels import LabelIndex

        problems: list[Problem] = []
        root = taxonomy_dir.parent
        loaded = tax.load(root, problems)
        self.topic_ids, self.region_ids = set(), set()
        entries = []
        for fieldname, entry_list in _entries(loaded):
            for e in entry_list:
                entries.append((fieldname, e.id, [e.ky, e.ru, e.en]))
                (self.topic_ids if fieldname == "topics" else self.region_ids if fieldname == "regions"
                 else set()).add(e.id)
        self.index = LabelIndex(entries)
        self.explicit_topics = {k.strip().lower(): v for k, v in (topics or {}).items()}
        self.explicit_regions = {k.strip().lower(): v for k, v in (regions or {}).items()}

    def _match(self, fieldname: str, word: str, explicit: dict[str, str]) -> str | None:
        word = word.strip()
        if not word:
            return None
        if word.lower() in explicit:
            return explicit[word.lower()]
        found = sorted(i for f, i in self.index.matches(word) if f == fieldname)
        # several matches: the one highest in the tree (an oblast before a district of the same name)
        return min(found, key=lambda i: (i.count("."), len(i))) if found else None

    def topics(self, words: list[str]) -> list[str]:
        out = []
        for w in words:
            tid = self._match("topics", w, self.explicit_topics)
            if tid and tid in self.topic_ids and tid not in out:
                out.append(tid)
        return out

    def region(self, text: str) -> str | None:
        rid = self._match("regions", text, self.explicit_regions)
        return rid if rid in self.region_ids else None


def _entries(loaded) -> list:
    if loaded is None:
        return []
    topics, groups, regions = loaded
    return [("topics", topics), ("target_groups", groups), ("regions", regions)]
