"""Taxonomies of an authoring folder: ``_taxonomy/topics.yaml``, ``target_groups.yaml``, ``regions.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from app.errors import Problem
from app.incoming import TaxonomyEntry

REGION_TYPES = ("oblast", "city", "district", "aimak")
LABEL_KEYS = ("ky", "ru", "en")


@dataclass(frozen=True)
class Known:
    """Taxonomy ids an item may refer to (from the library and/or the folder)."""

    topics: frozenset[str] = field(default_factory=frozenset)
    target_groups: frozenset[str] = field(default_factory=frozenset)
    regions: frozenset[str] = field(default_factory=frozenset)

    def merged(self, topics: list[TaxonomyEntry], groups: list[TaxonomyEntry], regions: list[TaxonomyEntry]) -> Known:
        return Known(self.topics | {t.id for t in topics}, self.target_groups | {g.id for g in groups},
                     self.regions | {r.id for r in regions})


def _read(path: Path, root: Path, problems: list[Problem]) -> object:
    rel = path.relative_to(root).as_posix()
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        problems.append(Problem(rel, None, "is not UTF-8 text; save it as UTF-8"))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problems.append(Problem(rel, None, f"broken YAML{where}: {getattr(e, 'problem', None) or e}"))
    return None


def _entry(node: object, rel: str, problems: list[Problem], *, parent: str | None = None,
           region: bool = False) -> TaxonomyEntry | None:
    if not isinstance(node, dict) or not isinstance(node.get("id"), str):
        problems.append(Problem(rel, "id", f"every entry needs an 'id' (got {node!r:.60})"))
        return None
    missing = [k for k in LABEL_KEYS if not isinstance(node.get(k), str) or not node[k].strip()]
    if missing:
        problems.append(Problem(rel, missing[0], f"entry '{node['id']}' has no {'/'.join(missing)} label"))
        return None
    kind = None
    if region:
        kind = node.get("type")
        if kind not in REGION_TYPES:
            problems.append(Problem(rel, "type", f"region '{node['id']}': type {kind!r} is not one of "
                                                 f"{', '.join(REGION_TYPES)}"))
            return None
        if parent and not node["id"].startswith(parent + "."):
            problems.append(Problem(rel, "id", f"region '{node['id']}' must start with its parent's id '{parent}.'"))
            return None
    return TaxonomyEntry(id=node["id"], ky=node["ky"].strip(), ru=node["ru"].strip(), en=node["en"].strip(),
                         type=kind, parent=parent)


def load(root: Path, problems: list[Problem]) -> tuple[list[TaxonomyEntry], list[TaxonomyEntry], list[TaxonomyEntry]]:
    folder = root / "_taxonomy"
    out: dict[str, list[TaxonomyEntry]] = {"topics": [], "target_groups": [], "regions": []}
    for name in ("topics", "target_groups"):
        path = folder / f"{name}.yaml"
        if not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        data = _read(path, root, problems)
        if data is None:
            continue
        if not isinstance(data, list):
            problems.append(Problem(rel, None, "must be a list of entries with id, ky, ru, en"))
            continue
        for node in data:
            e = _entry(node, rel, problems)
            if e:
                out[name].append(e)
    path = folder / "regions.yaml"
    if path.is_file():
        rel = path.relative_to(root).as_posix()
        data = _read(path, root, problems)

        def walk(nodes: object, parent: str | None) -> None:
            if not isinstance(nodes, list):
                problems.append(Problem(rel, "children", "must be a list of regions"))
                return
            for node in nodes:
                e = _entry(node, rel, problems, parent=parent, region=True)
                if e:
                    out["regions"].append(e)
                    if node.get("children") is not None:
                        walk(node["children"], e.id)

        if data is not None:
            walk(data, None)
    for name, entries in out.items():
        seen: set[str] = set()
        for e in entries:
            if e.id in seen:
                problems.append(Problem(f"_taxonomy/{name}.yaml", "id", f"'{e.id}' appears twice"))
            seen.add(e.id)
    return out["topics"], out["target_groups"], out["regions"]
