"""Snippets and transcript times for the hits on a results page, cut from the database text.

The index stores no text. For the twenty hits on a page we take their text from the database and find
the query's terms in it directly: after folding, a term is a prefix of the word it comes from (see
:mod:`app.search.analysis`), with two exceptions allowed for here — a Kyrgyz stem may end in к/п/й
where the word has г/б/ю (аймак ← аймагы), and ь/ъ may sit between a stem's letters. One regular
expression per language finds every match; no analyzer runs, which is what made Whoosh's highlighter
cost tens of milliseconds per hit.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

WINDOW_BEFORE, WINDOW_AFTER, MAX_WINDOWS = 60, 160, 2
PLAIN_LENGTH = 200
# the text is searched lowercased and folded like the terms (one letter for one letter: positions hold);
# ъ becomes ь so that one optional letter in the pattern stands for both. str.replace, not translate():
# translate() with a table of non-ASCII letters took 1.1 ms for 15 KB of text, five replaces 3 µs.
_FOLD = (("ё", "е"), ("ө", "о"), ("ү", "у"), ("ң", "н"), ("ъ", "ь"))
_LAST_LETTER = {"к": "[кг]", "п": "[пб]", "й": "[йю]"}
_VOWELS = frozenset("аеиоуыэюя")
_SPACES = re.compile(r"\s+")  # tabs and line breaks of extracted PDF text show as one space
CHUNK = 8192  # a long text (a PDF's) is folded and searched piece by piece until the windows are found
SNIPPET_SCAN = 65536  # characters searched for a snippet: a hit whose words come later (or only in its
# title or labels) shows the start of its text instead of folding a whole book


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _stem_pattern(stem: str) -> str:
    """Literal letters (character classes made compiling a query's pattern cost milliseconds), with an
    optional ь after each Cyrillic consonant (terms drop ь and ъ); a final к/п/й may be г/б/ю in the text,
    an English stem's final i a y."""
    out = []
    last = len(stem) - 1
    for i, c in enumerate(stem):
        if i == last and c == "i" and stem.isascii():  # English stems turn a final y into i: suppli ← supply
            out.append("[iy]")
            continue
        out.append(_LAST_LETTER[c] if i == last and c in _LAST_LETTER else re.escape(c))
        if i < last and "а" <= c <= "я" and c not in _VOWELS:
            out.append("ь?")
    return "".join(out)


@dataclass(frozen=True)
class Matcher:
    """The terms of a query in one language, compiled for finding them in running text."""

    terms: tuple[str, ...]
    pattern: re.Pattern[str] | None

    @classmethod
    def of(cls, terms: Iterable[str]) -> Matcher:
        ordered = tuple(sorted({t for t in terms if t}, key=len, reverse=True))  # longest first: "айыл" before "ай"
        if not ordered:
            return cls((), None)
        groups = "|".join(f"({_stem_pattern(t)})" for t in ordered)
        return cls(ordered, re.compile(rf"(?<!\w)(?:{groups})\w*"))

    @staticmethod
    def _folded(text: str) -> str:
        lowered = text.lower()
        if len(lowered) != len(text):  # a rare letter changed length: keep positions right
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        for letter, folded in _FOLD:
            lowered = lowered.replace(letter, folded)
        return lowered

    def _finditer(self, text: str, limit: int | None = None):  # noqa: ANN202
        """Matches in ``text`` (its first ``limit`` characters), folding it a chunk at a time, each chunk
        ending at a space so that no word is cut."""
        start = 0
        stop = len(text) if limit is None else min(len(text), limit)
        while start < stop:
            end = min(len(text), start + CHUNK)
            if end < len(text):  # end the chunk at a space, so no word is cut
                space = text.rfind(" ", start + CHUNK // 2, end)
                end = space if space > 0 else end
            folded = self._folded(text[start:end])
            for m in self.pattern.finditer(folded):
                yield start + m.start(), start + m.end(), m.lastindex
            start = end

    def count(self, text: str) -> int:
        """How many distinct terms occur in ``text``."""
        if self.pattern is None or not text:
            return 0
        return len({group for _s, _e, group in self._finditer(text)})

    def snippet(self, text: str) -> str:
        """Up to two windows around the first matches, matched words in ``<b>…</b>``; '' when none."""
        if self.pattern is None or not text:
            return ""
        spans: list[list[int]] = []
        marks: list[tuple[int, int]] = []
        for m_start, m_end, _group in self._finditer(text, SNIPPET_SCAN):
            start, end = max(0, m_start - WINDOW_BEFORE), min(len(text), m_end + WINDOW_AFTER)
            if spans and start <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], end)
            elif len(spans) == MAX_WINDOWS:
                break
            else:
                spans.append([start, end])
            marks.append((m_start, m_end))
        if not spans:
            return ""
        parts = []
        for a, b in spans:
            a, b = _word_edge(text, a, back=True), _word_edge(text, b, back=False)
            out, at = [], a
            for s, e in marks:
                if s >= a and e <= b:
                    out += [escape(text[at:s]), "<b>", escape(text[s:e]), "</b>"]
                    at = e
            out.append(escape(text[at:b]))
            parts.append(("…" if a > 0 else "") + "".join(out).strip() + ("…" if b < len(text) else ""))
        return _SPACES.sub(" ", " ".join(parts))


class PhraseCheck:
    """Do a phrase's words stand in order in a text (up to two short words, such as stop words, between)?

    Separate texts (title, page, each cue) are joined with ``SEPARATOR``, which a phrase never spans —
    as it never spanned two index fields."""

    SEPARATOR = "\x00"
    GAP = r"[^\w\x00]+(?:\w{1,4}[^\w\x00]+){0,2}"

    def __init__(self, sequences: list[list[str]]) -> None:
        alternatives = [self.GAP.join(_stem_pattern(t) + r"\w*" for t in terms) for terms in sequences if terms]
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")") if alternatives else None

    def found_in(self, text: str) -> bool:
        if self.pattern is None:
            return False
        return self.pattern.search(Matcher._folded(text)) is not None  # noqa: SLF001


def _word_edge(text: str, i: int, *, back: bool) -> int:
    """Move a window edge to a space so no word is cut (at most 20 letters)."""
    if i <= 0 or i >= len(text):
        return max(0, min(i, len(text)))
    for step in range(20):
        j = i - step if back else i + step
        if j <= 0 or j >= len(text):
            return max(0, min(j, len(text)))
        if text[j].isspace():
            return j + 1 if back else j
    return i


def plain(text: str) -> str:
    text = " ".join(text[:PLAIN_LENGTH + 40].split())
    if len(text) <= PLAIN_LENGTH:
        return escape(text)
    return escape(_cut(text, PLAIN_LENGTH)) + "…"


def _cut(text: str, n: int) -> str:
    space = text.rfind(" ", 0, n)
    return text[:space if space > n // 2 else n]


def best_cue(cues: Iterable[tuple[float, str, str]], matchers: dict[str, Matcher]) -> tuple[int, float, str, str]:
    """(terms matched, start, text, lang) of the cue matching the most query terms (the earliest of equals).

    The cues of one language are searched as one text (one fold, one regex pass), not one by one."""
    by_lang: dict[str, list[tuple[float, str]]] = {}
    for start, lang, text in cues:
        if lang in matchers and matchers[lang].pattern is not None:
            by_lang.setdefault(lang, []).append((start, text))
    best = (0, 0.0, "", "")
    for lang, items in by_lang.items():
        joined = "\n".join(text.replace("\n", " ") for _, text in items)
        offsets, at = [], 0
        for _, text in items:
            offsets.append(at)
            at += len(text) + 1
        found: dict[int, set[int]] = {}
        for m_start, _end, group in matchers[lang]._finditer(joined):  # noqa: SLF001
            found.setdefault(bisect_right(offsets, m_start) - 1, set()).add(group)
        for i, groups in found.items():
            start, text = items[i]
            if (len(groups), -start) > (best[0], -best[1]) or (best[0] == 0 and groups):
                best = (len(groups), start, text, lang)
    return best
