"""Snippets and transcript times for the hits on a results page, cut from the database text.

The index stores no text. For the twenty hits on a page we take their text from the database and find
the query's terms in it directly: after folding, a term is a prefix of the word it comes from (see
:mod:`app.search.analysis`), with two exceptions allowed for here — a Kyrgyz stem may end in к/п/й
where the word has г/б/ю (аймак ← аймагы), and ь/ъ may sit between a stem's letters. One regular
expression per language finds every match; no analyzer runs, which is what made Whoosh's highlighter
cost tens of milliseconds per hit.

Snippets are short by design (the result list, the reading room's pages and ``search --json`` show them as
they are): at most two fragments and :data:`SNIPPET_LENGTH` characters of text, ellipses included, the
matched words inside. A heading and the paragraph after it are parted by a full stop ("Проблема. По
закону…", not "Проблема По закону…"), as are list items and other blocks that end without punctuation.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

SNIPPET_LENGTH = 320  # characters of text a snippet shows at most, ellipses and the gap between fragments included
MAX_WINDOWS = 2
CONTEXT_BEFORE = 0.25  # of a fragment's length, shown before the match it is cut around
MAX_MATCHES = 400  # matches looked at to choose the fragments (the first ones, in text order)
ELLIPSIS, GAP = "…", " … "
PLAIN_LENGTH = 200
# the text is searched lowercased and folded like the terms (one letter for one letter: positions hold);
# ъ becomes ь so that one optional letter in the pattern stands for both. str.replace, not translate():
# translate() with a table of non-ASCII letters took 1.1 ms for 15 KB of text, five replaces 3 µs.
_FOLD = (("ё", "е"), ("ө", "о"), ("ү", "у"), ("ң", "н"), ("ъ", "ь"))
_LAST_LETTER = {"к": "[кг]", "п": "[пб]", "й": "[йю]"}
_VOWELS = frozenset("аеиоуыэюя")
_SPACES = re.compile(r"\s+")  # tabs and line breaks of extracted PDF text show as one space
# the end of a block (a heading, a list item, a paragraph) that has no punctuation of its own: a letter or
# digit, then an empty line (Markdown text from app.markdown parts blocks with one)
_BLOCK_END = re.compile(r"(?<=\w)[ \t]*\n[ \t]*\n\s*")
CHUNK = 8192  # a long text (a PDF's) is folded and searched piece by piece until the windows are found
SNIPPET_SCAN = 65536  # characters searched for a snippet: a hit whose words come later (or only in its
# title or labels) shows the start of its text instead of folding a whole book
# characters of a text that a snippet can look at: the scan, the chunk that crosses its end, and a fragment around a
# match there (a text cut after them gives the same snippet: the results page reads no more than that of each text)
SNIPPET_READ = SNIPPET_SCAN + CHUNK + 2 * SNIPPET_LENGTH


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


def _first_letters(stems: Iterable[str]) -> str:
    """The letters the patterns of ``stems`` can start with, for a character class."""
    letters = set()
    for stem in stems:
        letters.add(stem[0])
        if len(stem) == 1:  # its first letter is also its last: see _stem_pattern
            letters.update(_LAST_LETTER.get(stem, "").strip("[]"))
            if stem == "i":
                letters.add("y")
    return "".join(re.escape(c) for c in sorted(letters))


@dataclass(frozen=True)
class Matcher:
    """The terms of a query in one language, compiled for finding them in running text."""

    terms: tuple[str, ...]

    @classmethod
    def of(cls, terms: Iterable[str]) -> Matcher:
        return cls(tuple(sorted({t for t in terms if t}, key=len, reverse=True)))  # longest first: "айыл", "ай"

    @functools.cached_property
    def pattern(self) -> re.Pattern[str] | None:
        """Compiled when first used: a page's hits may not need every language of the query (a prefix query's
        pattern of 60 terms took a millisecond to compile, three per query)."""
        if not self.terms:
            return None
        groups = "|".join(f"({_stem_pattern(t)})" for t in self.terms)
        # the letters a match can start with, first: the regex engine then skips to them (2.4x faster on
        # 200 pages of 2.4 KB than trying every position)
        return re.compile(rf"(?=[{_first_letters(self.terms)}])(?<!\w)(?:{groups})\w*")

    @staticmethod
    def _folded(text: str) -> str:
        lowered = text.lower()
        if len(lowered) != len(text):  # a rare letter changed length: keep positions right
            lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        for letter, folded in _FOLD:
            lowered = lowered.replace(letter, folded)
        return lowered

    def _finditer(self, text: str, limit: int | None = None):
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

    def count(self, text: str, *, most: int | None = None) -> int:
        """How many distinct terms occur in ``text``; ``most`` at most (the scan stops once that many are
        found: a lesson's page is read only as far as it takes to know it beats the transcript)."""
        if self.pattern is None or not text:
            return 0
        found: set[int] = set()
        for _s, _e, group in self._finditer(text):
            found.add(group)
            if most is not None and len(found) >= most:
                break
        return len(found)

    def snippet(self, text: str) -> str:
        """At most :data:`MAX_WINDOWS` fragments and :data:`SNIPPET_LENGTH` characters around the first
        matches, matched words in ``<b>…</b>``; '' when none.

        The first fragment is cut around the first match. A second one only when some term of the query
        is found but not inside the first: then each gets half the length, and it shows that term."""
        if self.pattern is None or not text:
            return ""
        marks: list[tuple[int, int, int]] = []
        groups: set[int] = set()
        every_term_at = None  # where the last of the query's terms was first found
        for found in self._finditer(text, SNIPPET_SCAN):
            if every_term_at is not None and found[0] > every_term_at + SNIPPET_LENGTH:
                break  # both fragments end before: the first match and the first of each other term are behind
            marks.append(found)
            if len(marks) == MAX_MATCHES:
                break
            if every_term_at is None:
                groups.add(found[2])
                if len(groups) == len(self.terms):
                    every_term_at = found[0]
        if not marks:
            return ""
        spans = [_fragment(text, marks[0], SNIPPET_LENGTH)]
        shown = {g for s, e, g in marks if s >= spans[0][0] and e <= spans[0][1]}
        other = next((m for m in marks if m[2] not in shown), None)
        if other is not None:
            half = (SNIPPET_LENGTH - len(GAP)) // 2
            first, second = _fragment(text, marks[0], half), _fragment(text, other, half)
            if second[0] < first[1]:  # close together: one fragment from the first match to the other
                second = (first[1], second[1])
            spans = [first, second]
        parts = []
        for a, b in spans:
            out, at = [], a
            for s, e, _group in marks:
                if s >= at and e <= b:
                    out += [escape(_blocks(text[at:s])), "<b>", escape(text[s:e]), "</b>"]
                    at = e
            out.append(escape(_blocks(text[at:b])))
            parts.append(_SPACES.sub(" ", "".join(out)).strip())
        joined = parts[0]
        for (a, _b), part in zip(spans[1:], parts[1:]):
            joined += (" " if a == spans[0][1] else GAP) + part
        return (ELLIPSIS if spans[0][0] > 0 else "") + joined + (ELLIPSIS if spans[-1][1] < len(text) else "")


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
        return self.pattern.search(Matcher._folded(text)) is not None


def _blocks(text: str) -> str:
    """Blocks that end without punctuation (a heading, a list item) followed by the next with a full stop."""
    return _BLOCK_END.sub(". ", text) if "\n" in text else text


def _fragment(text: str, match: tuple[int, int, int], length: int) -> tuple[int, int]:
    """(start, end) of at most ``length`` characters of ``text`` around a match, cut between words, counting
    the ellipsis at each cut end and a full stop added at each block end inside."""
    m_start, m_end, _group = match
    room = length - 2 * len(ELLIPSIS)
    start = max(0, min(m_start - int(room * CONTEXT_BEFORE), len(text) - room))
    end = min(len(text), start + room)
    start, end = _inward(text, start, start=True), _inward(text, end, start=False)
    start = min(start, m_start)  # a very long word before the match: cut inside it rather than lose the match
    if end < m_end:
        end = min(m_end, start + room)
    added = len(_BLOCK_END.findall(text, start, end))  # each adds a letter ("\n\n" → ". ")
    if added:
        end = max(m_end, _inward(text, end - added, start=False))
    return start, end


def _inward(text: str, i: int, *, start: bool) -> int:
    """Move a fragment's start forward (its end back) to a space, so no word is cut (at most 20 letters)."""
    if i <= 0 or i >= len(text) or text[i].isspace() or text[i - 1].isspace():
        return max(0, min(i, len(text)))
    for step in range(1, 20):
        j = i + step if start else i - step
        if j <= 0 or j >= len(text):
            break
        if text[j].isspace():
            return j + 1 if start else j
    return i


def plain(text: str) -> str:
    text = " ".join(_blocks(text[:PLAIN_LENGTH + 40]).split())
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
        for m_start, _end, group in matchers[lang]._finditer(joined):
            found.setdefault(bisect_right(offsets, m_start) - 1, set()).add(group)
        for i, groups in found.items():
            start, text = items[i]
            if (len(groups), -start) > (best[0], -best[1]) or (best[0] == 0 and groups):
                best = (len(groups), start, text, lang)
    return best
