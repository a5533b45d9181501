"""Each document's facet values as a few small numbers, for counting the facets of many hits; kept on disk
for the next process.

Counting the facets of 25,000 hits pair by pair — seven or eight (field, value) pairs a document — took a fifth
of a query at 50,000 items. Documents share combinations (a region comes with its ancestors; a document has one
kind, language and year), so per group of fields each document gets the number of its combination, the numbers
are counted (one C call for all the documents), and only each combination found adds its count to its values.

The codes are made from the facet postings (110 posting lists, 390,000 postings at 50,000 items: 100-150 ms), which
a one-shot ``kitepkana search`` and the app's first search after a start would otherwise read for a handful of
hits. So the process that makes them keeps them beside the index's segments (``facet-codes.marshal``: marshal, no
code runs when it is read), stamped with the segments they number; a process that opens the same segments reads
them instead. Any other segments (an update merged or deleted something), a damaged file, another format: not used.
"""

from __future__ import annotations

import logging
import marshal
from array import array
from collections import Counter
from collections.abc import Set as AbstractSet
from pathlib import Path

from app import fsutil

log = logging.getLogger(__name__)

FACET_CODES_FILE = "facet-codes.marshal"  # beside the index's segments (FacetCodes.keep)


class FacetCodes:
    """Each document's combination of values in a few facet fields (a group), as one small number per document."""

    MAX_COMBINATIONS = 1024  # fields are grouped while their combinations stay this few
    FORMAT = 2  # of the kept file

    def __init__(self, codes: list[int] | array, combinations: list[tuple[tuple[str, str], ...]]) -> None:
        self.codes = codes  # document number → the number of its combination
        self.combinations = combinations

    @staticmethod
    def keep(groups: list[FacetCodes], path: Path, segments: tuple) -> None:
        """Write the codes for the next process that opens the same segments (a one-shot search, the app's first
        search after a start: 110 facet posting lists, 390,000 postings read at 50,000 items). Best effort: a
        folder a rebuild has just removed, a full disk, is no reason to fail a search."""
        data = (FacetCodes.FORMAT, segments,
                [(_typecode(g), array(_typecode(g), g.codes).tobytes(), [list(map(list, c)) for c in g.combinations])
                 for g in groups])
        tmp = path.with_name(path.name + ".part")
        try:
            tmp.write_bytes(marshal.dumps(data))
            fsutil.replace(tmp, path)
        except OSError:
            log.info("facet codes not kept in %s", path, exc_info=True)
            tmp.unlink(missing_ok=True)

    @classmethod
    def read(cls, path: Path, segments: tuple) -> list[FacetCodes] | None:
        """The codes kept for exactly these segments; None when there are none, or for other segments, or damaged."""
        try:
            fmt, kept_segments, groups = marshal.loads(path.read_bytes())
            if fmt != cls.FORMAT or tuple(map(tuple, kept_segments)) != segments:
                return None
            size = sum(docs for _id, docs, _deleted in segments)
            out = []
            for typecode, raw, combinations in groups:
                codes = array(typecode if typecode in ("H", "I") else "?")
                codes.frombytes(raw)
                # (up to the last live document: the numbers past it are deleted, never asked for)
                if len(codes) > size or (codes and max(codes) >= len(combinations)):
                    return None
                out.append(cls(codes, [tuple((str(f), str(v)) for f, v in c) for c in combinations]))
            return out
        except (OSError, EOFError, ValueError, TypeError):
            return None

    def count(self, docs: AbstractSet[int], counts: dict[str, dict[str, int]]) -> None:
        combinations = self.combinations
        for code, n in Counter(map(self.codes.__getitem__, docs)).items():
            for fieldname, value in combinations[code]:
                field = counts[fieldname]
                field[value] = field.get(value, 0) + n

    @classmethod
    def groups(cls, table: dict[str, dict[str, AbstractSet[int]]], docs: AbstractSet[int]) -> list[FacetCodes]:
        size = max(docs, default=-1) + 1
        fields: list[tuple[list[int], list[tuple[tuple[str, str], ...]]]] = []  # per field: codes, combinations
        for fieldname, values in table.items():
            doc_values: list[tuple[tuple[str, str], ...]] = [()] * size
            for value, ids in sorted(values.items()):
                pair = ((fieldname, value),)
                for d in ids:
                    if d < size:
                        doc_values[d] += pair
            numbers: dict[tuple[tuple[str, str], ...], int] = {(): 0}
            fields.append(([numbers.setdefault(v, len(numbers)) for v in doc_values], list(numbers)))
        fields.sort(key=lambda f: len(f[1]))
        # a group: its documents' codes (mixed-radix numbers over its fields' codes) and its fields
        groups: list[tuple[list[int], list[tuple[list[int], list]]]] = []
        for field in fields:
            codes, combinations = field
            radix = len(combinations)
            for i, (group_codes, members) in enumerate(groups):  # joined to the first group it keeps few enough
                joined = [g * radix + c for g, c in zip(group_codes, codes)]
                if len(set(joined)) <= cls.MAX_COMBINATIONS:
                    groups[i] = (joined, [*members, field])
                    break
            else:
                groups.append((codes, [field]))
        out = []
        for group_codes, members in groups:
            numbers = {}
            codes = [numbers.setdefault(g, len(numbers)) for g in group_codes]
            combinations = []
            for g in numbers:  # each code back into its fields' combinations (the last field is the lowest digit)
                parts: tuple[tuple[str, str], ...] = ()
                for _codes, member_combinations in reversed(members):
                    g, c = divmod(g, len(member_combinations))
                    parts = member_combinations[c] + parts
                combinations.append(parts)
            out.append(cls(codes, combinations))
        return out


def _typecode(group: FacetCodes) -> str:
    return "H" if len(group.combinations) <= 1 << 16 else "I"  # (two bytes a document: 0.4 MB at 50,000 items)
