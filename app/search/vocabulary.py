"""The library's words as written — folded, not stemmed — with the number of items using each.

"Did you mean" draws its corrections from here and search-as-you-type completes the word being typed
from here (the most frequent words that start with it). It lives beside the index as plain text
(``vocabulary.txt``: ``word<TAB>items[<TAB>spelling with ө/ү/ң/ё]``, sorted), written whole by a
rebuild. Partial index updates append the words of the items they index to ``vocabulary-added.txt``,
folded in on load and merged into the main file by the next rebuild. Counts are therefore an upper
bound between rebuilds (a removed item's words stay counted); a word that is no longer in the library
can at worst be offered as a completion or correction that then finds nothing.
"""

from __future__ import annotations

import heapq
import marshal
import os
import re
import sys
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from app import fsutil
from app.search.analysis import fold_word

VOCABULARY_FILE = "vocabulary.txt"
ADDED_FILE = "vocabulary-added.txt"
# the main file once more, as Python reads it fastest (marshal: 37,000 words in about 5 ms instead of 55; the first
# search after a start waits for it), with the size and time of the text it was made from; a copy that does not
# match its text (a power cut between the two writes, another Python) is ignored
FAST_FILE = "vocabulary.marshal"
_WORD = re.compile(r"[^\W\d_][^\W_]*")  # words that start with a letter: numbers are not spelled or completed
MAX_LEN = 40


def item_words(texts: Iterable[str]) -> dict[str, str]:
    """The distinct folded words of one item's texts → a spelling with special letters, if it has one.

    Each distinct word is folded once (a set first: an item repeats most of its words)."""
    out: dict[str, str] = {}
    for word in set(_WORD.findall("\n".join(t for t in texts if t).lower())):
        if len(word) > MAX_LEN:
            continue
        folded = fold_word(word)
        seen = out.get(folded)
        # prefer a spelling with ө/ү/ң/ё over the folded one; of two such, the first in sort order
        if seen is None or (word != folded and (seen == folded or word < seen)):
            out[folded] = word
    return out


class VocabularyBuilder:
    """Counts, per word, the items that use it."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.spellings: dict[str, str] = {}

    def add_item(self, texts: Iterable[str]) -> None:
        words = item_words(texts)
        self.counts.update(words.keys())
        for folded, written in words.items():
            if written != folded and folded not in self.spellings:
                self.spellings[folded] = written

    def lines(self) -> list[str]:
        out = []
        for word in sorted(self.counts):
            spelling = self.spellings.get(word)
            out.append(f"{word}\t{self.counts[word]}\t{spelling}\n" if spelling else f"{word}\t{self.counts[word]}\n")
        return out

    def write(self, folder: Path) -> None:
        """The whole vocabulary, replacing any earlier one (and the added words it now includes)."""
        _write_atomic(folder / VOCABULARY_FILE, self.lines())
        (folder / ADDED_FILE).unlink(missing_ok=True)
        _write_fast(folder, {word: self.counts[word] for word in sorted(self.counts)}, self.spellings)

    def append_to(self, folder: Path) -> None:
        """Add these counts to the vocabulary of an existing index (a partial update)."""
        if not self.counts:
            return
        with open(folder / ADDED_FILE, "a", encoding="utf-8", newline="\n") as f:
            f.writelines(self.lines())
            f.flush()
            os.fsync(f.fileno())


def _write_atomic(path: Path, lines: list[str]) -> None:
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.writelines(lines)
        f.flush()
        os.fsync(f.fileno())
    fsutil.replace(tmp, path)


class Vocabulary:
    def __init__(self, counts: dict[str, int], spellings: dict[str, str], *, main_only: bool = False) -> None:
        self.counts = counts
        self.spellings = spellings
        self.main_only = main_only  # read from the main text file alone (no fast copy matched, no added words)
        self.words = sorted(counts)  # (already in order when read from a file: a quick check)

    @classmethod
    def load(cls, folder: Path) -> Vocabulary:
        counts: dict[str, int] = {}
        spellings: dict[str, str] = {}
        names = (VOCABULARY_FILE, ADDED_FILE)
        fast = _read_fast(folder)
        if fast is not None:
            counts, spellings = fast
            names = (ADDED_FILE,)
        read = []
        for name in names:
            try:
                text = (folder / name).read_text(encoding="utf-8")
            except FileNotFoundError:
                continue
            read.append(name)
            for line in text.splitlines():
                parts = line.split("\t")
                if len(parts) < 2 or not parts[1].isdigit():
                    continue  # a torn last line of the added file (power cut): skip it
                counts[parts[0]] = counts.get(parts[0], 0) + int(parts[1])
                if len(parts) > 2 and parts[2]:
                    spellings.setdefault(parts[0], parts[2])
        return cls(counts, spellings, main_only=read == [VOCABULARY_FILE])

    def __len__(self) -> int:
        return len(self.counts)

    def frequency(self, word: str) -> int:
        return self.counts.get(word, 0)

    def spelling(self, word: str) -> str:
        """The word as the library writes it (with ө/ү/ң/ё), given its folded form."""
        return self.spellings.get(word, word)

    def completions(self, prefix: str, *, limit: int = 8) -> list[str]:
        """The most used words starting with ``prefix`` (the prefix itself included when it is a word)."""
        words = self.words
        lo = bisect_left(words, prefix)
        hi = bisect_left(words, prefix + "\uffff", lo)
        if hi - lo <= limit:
            found = words[lo:hi]
        else:
            counts = self.counts
            found = heapq.nlargest(limit, words[lo:hi], key=counts.__getitem__)
        return sorted(found, key=lambda w: (-self.counts[w], w))

    def starts_words(self, prefix: str) -> bool:
        """Is ``prefix`` the start of a library word longer than itself?"""
        words = self.words
        i = bisect_left(words, prefix)
        if i < len(words) and words[i] == prefix:
            i += 1
        return i < len(words) and words[i].startswith(prefix)

    def correction(self, word: str, *, maxdist: int) -> str | None:
        """The closest known word (fewest edits, then the most used), or None."""
        from whoosh.automata.fsa import find_all_matches
        from whoosh.automata.lev import levenshtein_automaton

        words = self.words
        for dist in range(1, maxdist + 1):
            dfa = levenshtein_automaton(word, dist, 1).to_dfa()  # the first letter is rarely the typo
            found = [w for w in find_all_matches(dfa, _Skipper(words)) if w != word]
            if found:
                return max(found, key=lambda w: (self.counts[w], -abs(len(w) - len(word))))
        return None


def keep_fast(folder: Path, vocabulary: Vocabulary) -> None:
    """Write the fast copy of an index's vocabulary made before there was one, from the ``vocabulary`` just loaded
    from it (best effort: the app's warm-up calls it, for its next start and the one-shot searches)."""
    if not vocabulary.main_only:  # (its fast copy was read, or added words are mixed in: not the main file alone)
        return
    try:
        _write_fast(folder, vocabulary.counts, vocabulary.spellings)
    except OSError:
        pass  # (a generation a rebuild has just removed)


def _write_fast(folder: Path, counts: dict[str, int], spellings: dict[str, str]) -> None:
    written = (folder / VOCABULARY_FILE).stat()
    fast = marshal.dumps((sys.version_info[:2], written.st_size, written.st_mtime_ns, counts, spellings))
    tmp = folder / (FAST_FILE + ".part")
    with open(tmp, "wb") as f:
        f.write(fast)
        f.flush()
        os.fsync(f.fileno())
    fsutil.replace(tmp, folder / FAST_FILE)


def _read_fast(folder: Path) -> tuple[dict[str, int], dict[str, str]] | None:
    """(counts, spellings) of the main file from its fast copy, or None when there is none that matches it."""
    try:
        text = (folder / VOCABULARY_FILE).stat()
        data = marshal.loads((folder / FAST_FILE).read_bytes())
        version, size, mtime, counts, spellings = data
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if tuple(version) != sys.version_info[:2] or (size, mtime) != (text.st_size, text.st_mtime_ns):
        return None
    if not isinstance(counts, dict) or not isinstance(spellings, dict):
        return None
    return counts, spellings


class _Skipper:
    """Next word ≥ a given string, for walking the sorted words with a Levenshtein automaton."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.i = 0

    def __call__(self, w: str) -> str | None:
        self.i = bisect_left(self.words, w, self.i)
        return self.words[self.i] if self.i < len(self.words) else None
