"""Whoosh analysis for Kitepkana: folding, stop words and stemming for Kyrgyz, Russian and English.

Every analyzer runs the same chain — tokenize, lowercase, :func:`fold`, stop words, stem — so the same
function serves the index and the query, and a word typed on a Russian keyboard (ө→о, ү→у, ң→н),
with ё written as е, or with a Latin look-alike letter in it, gives the indexed term.

Order of folding and stemming. Kyrgyz suffixes change shape with vowel harmony (-лөр/-лор, -дүн/-дун), so
one might stem the unfolded word and fold afterwards. But a query typed on a Russian keyboard only has
folded letters, so the stemmer has to cope with folded input anyway. :mod:`app.search.kyrgyz` therefore
decides where to cut on the folded word (harmony-agnostic suffix shapes, sound-context checks that survive
folding) and ``fold(stem(w)) == stem(fold(w))`` holds for every word: folding first is exactly as good as
folding last, and it keeps the stop lists in one (folded) spelling. Measured on the UD Kyrgyz treebank
(``tests/bench/bench_kyrgyz_stemmer.py``), harmony checks on the unfolded word instead gave lower form→lemma
agreement (87.6% vs 87.8% at first, 89.6% vs 90.9% after round two) and, worse, a query typed without ө/ү/ң
got a different stem than the indexed text for 5.7% of word forms (0% with folding first).
Russian is folded (ё→е) before Snowball too; Snowball strips the same endings from е as from ё.

Terms are, after folding, prefixes of their words, with two exceptions a highlighter must allow for:
a Kyrgyz stem may end in к/п/й where the word has г/б/ю (аймагы → аймак), and ь/ъ are dropped.

Words in the other script are not left raw: Latin words inside Russian or Kyrgyz text get the English
stemmer, and the multilingual analyzer emits both the Kyrgyz and the Russian stem of a Cyrillic word at
the same position (one term when they agree), because a query of unknown language must meet either.
Soft and hard signs are dropped from the final terms (transliterated queries never have them).

Queries go through the same analyzer as the field they search. A query typed in Latin letters should
also be searched as :func:`app.search.translit.to_cyrillic` of it (OR-ed with the original, which may
be English): fold → transliterate → analyze.

All filters are module-level classes holding only names and plain data, so Whoosh can pickle the
analyzers into the index and load them in another process or in the frozen app.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StopFilter, Tokenizer
from whoosh.analysis.acore import Token
from whoosh.lang import stemmer_for_language, stopwords_for_language

from app.search import kyrgyz

__all__ = [
    "KYRGYZ_STOP_WORDS",
    "FoldFilter",
    "ScriptStemFilter",
    "StemmingTokenizer",
    "english_analyzer",
    "fold",
    "fold_word",
    "kyrgyz_analyzer",
    "multilingual_analyzer",
    "russian_analyzer",
]

#: Letters and digits, in any script; punctuation, hyphens and underscores split words.
TOKEN_PATTERN = r"[^\W_]+"

_LETTER_FOLD = str.maketrans({"ё": "е", "ө": "о", "ү": "у", "ң": "н"})
# Dropped from stemmed terms: transliterated queries never have them, and people leave them out.
_SIGNS = str.maketrans("", "", "ьъ")
# Latin letters that look like Cyrillic ones (after lowercasing: B, H, M, T, K look alike in capitals).
_LATIN_TO_CYRILLIC = str.maketrans(dict(zip("aeopcxykmthb", "аеорсхукмтнв")))
_CYRILLIC_TO_LATIN = str.maketrans(dict(zip("аеорсхукмтнвіј", "aeopcxykmthbij")))
_LATIN_LOOKALIKES = frozenset("aeopcxykmthb")
_CYRILLIC_LOOKALIKES = frozenset("аеорсхукмтнвіј")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z]")
_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=100_000)
def fold_word(word: str) -> str:
    """Fold one lowercase word (see :func:`fold`)."""
    if _CYRILLIC.search(word) is None:
        return word
    latin = set(_LATIN.findall(word))
    if latin:
        if latin <= _LATIN_LOOKALIKES:
            word = word.translate(_LATIN_TO_CYRILLIC)
        else:
            # A Latin word with a Cyrillic look-alike in it ("Сall"): make it all Latin.
            cyrillic = set(_CYRILLIC.findall(word))
            if cyrillic <= _CYRILLIC_LOOKALIKES:
                return word.translate(_CYRILLIC_TO_LATIN)
            return word
    return word.translate(_LETTER_FOLD)


def fold(text: str) -> str:
    """Lowercase; ё→е, ө→о, ү→у, ң→н; Latin look-alike letters in Cyrillic words made Cyrillic.

    Only words with at least one Cyrillic letter are touched, so English stays as it is. A word of
    Latin letters with one Cyrillic look-alike in it is made Latin instead.
    """
    return _WORD.sub(lambda m: fold_word(m.group(0)), text.lower())


class FoldFilter(Filter):
    """Applies :func:`fold_word` to each token (after :class:`LowercaseFilter`)."""

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = fold_word(t.text)
            yield t


@cache
def _stemmer(name: str) -> Callable[[str], str]:
    if name == "ky":
        return kyrgyz.stem
    return stemmer_for_language(name)


class ScriptStemFilter(Filter):
    """Stems Cyrillic words with ``cyrillic`` stemmers and other words with ``latin`` ones.

    Soft and hard signs are dropped from the stems (муниципальн → муниципалн), so a query
    transliterated from Latin, which never has them, still meets the text.

    Stemmers are named ("ky", "ru", "en"), so only names are pickled. With several stemmers for a
    script, every distinct stem is emitted at the token's position (the field's query parser must
    then OR them: ``TEXT(multitoken_query="or")``).
    """

    is_morph = True

    def __init__(self, cyrillic: Iterable[str], latin: Iterable[str] = ("en",)) -> None:
        self.cyrillic = tuple(cyrillic)
        self.latin = tuple(latin)

    def __eq__(self, other: object) -> bool:
        return (
            type(self) is type(other)
            and self.cyrillic == other.cyrillic  # type: ignore[attr-defined]
            and self.latin == other.latin  # type: ignore[attr-defined]
        )

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        cyrillic, latin = self.cyrillic, self.latin
        for t in tokens:
            if t.stopped:
                yield t
                continue
            first, *others = _stems(t.text, cyrillic, latin)
            t.text = first
            yield t
            for other in others:
                extra = t.copy()
                extra.text = other
                yield extra


@lru_cache(maxsize=200_000)
def _stems(word: str, cyrillic: tuple[str, ...], latin: tuple[str, ...]) -> tuple[str, ...]:
    """The distinct stems of ``word`` by the stemmers named for its script, soft and hard signs dropped."""
    if word.isdigit():
        return (word,)
    names = cyrillic if _CYRILLIC.search(word) else latin
    if not names:
        return (word.translate(_SIGNS),)
    stems: list[str] = []
    for name in names:
        found = _stemmer(name)(word).translate(_SIGNS)
        if found not in stems:
            stems.append(found)
    return tuple(stems)


def _folded(words: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


# Kyrgyz function words: conjunctions, particles, postpositions, pronouns, the commonest auxiliaries.
_KYRGYZ_STOP_TEXT = """
жана менен үчүн бул ал алар анын аны ага андан анда аларды алардын аларга да дагы де эле гана же деп
деген дейт болуп болгон болот болсо ошол ошону ошондо ушул ушуну ушундай ошондой бирок эми мен сен биз
сиз силер өз өзү өзүнүн ар бир эч кээ бардык боюнча тууралуу жөнүндө чейин кийин тарабынан аркылуу
сыяктуу катары экен эмес ким эмне кандай кайсы качан кайда канча ошентип ошондуктан анткени себеби мына ооба
"""
#: The Kyrgyz stop list, folded.
KYRGYZ_STOP_WORDS = _folded(_KYRGYZ_STOP_TEXT.split())
RUSSIAN_STOP_WORDS = _folded(stopwords_for_language("ru"))  # also holds English stop words
ENGLISH_STOP_WORDS = _folded(stopwords_for_language("en"))


_PROFILES: dict[str, tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]] = {
    "ru": (RUSSIAN_STOP_WORDS, ("ru",), ("en",)),
    "ky": (KYRGYZ_STOP_WORDS, ("ky",), ("en",)),
    "en": (ENGLISH_STOP_WORDS, (), ("en",)),
    "multi": (KYRGYZ_STOP_WORDS | RUSSIAN_STOP_WORDS | ENGLISH_STOP_WORDS, ("ky", "ru"), ("en",)),
}
_WORD_CACHES: dict[str, dict[str, tuple[str, tuple[str, ...] | None]]] = {name: {} for name in _PROFILES}
_WORD_CACHE_MAX = 300_000
# word as written → its term UTF-8 encoded, None for a stop word and a word of several terms (in _SEVERAL_TERMS),
# per profile: see term_bytes_counts
_TERM_CACHES: dict[str, dict[str, bytes | None]] = {name: {} for name in _PROFILES}
_SEVERAL_TERMS: dict[str, dict[str, tuple[bytes, ...]]] = {name: {} for name in _PROFILES}


def _analyse_word(profile: str, word: str) -> tuple[str, tuple[str, ...] | None]:
    """(folded word, its stems) — stems None for a stop word. Cached per analyzer profile."""
    cache = _WORD_CACHES[profile]
    found = cache.get(word)
    if found is None:
        found = _analysis(profile, word)
        if len(cache) >= _WORD_CACHE_MAX:
            cache.clear()
        cache[word] = found
    return found


def _analysis(profile: str, word: str) -> tuple[str, tuple[str, ...] | None]:
    """:func:`_analyse_word`, not cached (a caller with its own cache)."""
    stops, cyrillic, latin = _PROFILES[profile]
    folded = fold_word(word.lower())
    # like whoosh's StopFilter: one-letter words are stop words too
    return folded, None if len(folded) < 2 or folded in stops else _stems(folded, cyrillic, latin)


class StemmingTokenizer(Tokenizer):
    """The whole chain in one pass: split into words, lowercase, :func:`fold`, drop stop words, stem.

    Same tokens as ``RegexTokenizer | LowercaseFilter | FoldFilter | StopFilter | ScriptStemFilter``
    (kept below for reference and tests), but each distinct word is analysed once and cached, and no
    generator chain runs per token: indexing spends most of its time here, and this is about three
    times faster. Only the profile name is pickled into the index.
    """

    def __init__(self, profile: str) -> None:
        if profile not in _PROFILES:
            raise ValueError(f"unknown analysis profile {profile!r}")
        self.profile = profile

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.profile == other.profile  # type: ignore[attr-defined]

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize: bool = True, mode: str = "", **kwargs) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        profile = self.profile
        matches = _WORD.finditer(value) if tokenize else None
        index = start_pos - 1  # the word's place in the text
        pos = None  # like StopFilter(renumber=True): kept words are numbered without the stop words
        for m in matches if matches is not None else [None]:
            index += 1
            word = m.group() if m is not None else value
            folded, stems = _analyse_word(profile, word)
            if stems is None:
                if removestops:
                    continue
                t.stopped = True
                t.text = folded
                if positions:
                    t.pos = index
            else:
                t.stopped = False
                if positions:
                    pos = index if pos is None else pos + 1
                    t.pos = pos
            t.boost = 1.0
            if keeporiginal:
                t.original = word
            if chars:
                start = m.start() if m is not None else 0
                t.startchar = start_char + start
                t.endchar = start_char + start + len(word)
            if stems is None:
                yield t
            else:
                for stem in stems:
                    t.text = stem
                    yield t


    def term_bytes_counts(self, value: str) -> dict[bytes, int]:
        """:meth:`term_counts` with the terms UTF-8 encoded, as the index writes them (what Whoosh's
        ``FieldType.index`` does to each term).

        Indexing spends most of its analysis time here, so the words are mapped to their terms and counted by C
        code (``map`` over a cache of word → term, ``Counter``), not by a Python loop over the words: a word is
        analysed in Python once, the first time it is seen (:data:`_TERM_CACHES`)."""
        profile = self.profile
        cache = _TERM_CACHES[profile]
        words = _WORD.findall(value)
        seen = set(words)
        new = seen.difference(cache)
        if new:
            several = _SEVERAL_TERMS[profile]
            if len(cache) + len(new) > _WORD_CACHE_MAX:
                cache.clear()
                several.clear()
                new = seen
            for word in new:
                stems = _analysis(profile, word)[1]  # (not also in _WORD_CACHES: memory)
                if not stems:
                    cache[word] = None
                elif len(stems) == 1:
                    cache[word] = stems[0].encode("utf-8")
                else:  # (the multilingual profile: a Kyrgyz and a Russian stem) counted below
                    cache[word] = None
                    several[word] = tuple(stem.encode("utf-8") for stem in stems)
        out = Counter(map(cache.__getitem__, words))
        out.pop(None, None)
        several = _SEVERAL_TERMS[profile]
        if several and not seen.isdisjoint(several):
            for word, n in Counter(w for w in words if w in several).items():
                for term in several[word]:
                    out[term] += n
        return out

    def term_counts(self, value: str) -> dict[str, int]:
        """term → how often it occurs in ``value`` (the terms ``__call__`` yields, counted)."""
        profile = self.profile
        cache = _WORD_CACHES[profile]
        out: dict[str, int] = {}
        get = out.get
        for word in _WORD.findall(value):
            found = cache.get(word) or _analyse_word(profile, word)
            stems = found[1]
            if stems is not None:
                for stem in stems:
                    out[stem] = get(stem, 0) + 1
        return out


def _chain(stops: frozenset[str], stem_filter: Filter):
    """The reference chain (slower; :class:`StemmingTokenizer` gives the same tokens)."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FoldFilter() | StopFilter(stoplist=stops) | stem_filter


def russian_analyzer():
    """Russian text: Snowball stemming after ё→е; Latin words get the English stemmer."""
    return StemmingTokenizer("ru")


def kyrgyz_analyzer():
    """Kyrgyz text: :func:`app.search.kyrgyz.stem` on folded words; Latin words get the English stemmer."""
    return StemmingTokenizer("ky")


def english_analyzer():
    """English text: Snowball (Porter2) stemming; Cyrillic words (names, quotes) are left unstemmed."""
    return StemmingTokenizer("en")


def multilingual_analyzer():
    """Text of unknown or mixed language (query text, taxonomy labels in ky/ru/en).

    Cyrillic words yield their Kyrgyz and Russian stems at one position; Latin words the English stem.
    Declare the field ``TEXT(analyzer=multilingual_analyzer(), multitoken_query="or")``.
    """
    return StemmingTokenizer("multi")


def reference_analyzer(profile: str):
    """The filter-chain version of an analyzer (tests check the fast one against it)."""
    stops, cyrillic, latin = _PROFILES[profile]
    return _chain(stops, ScriptStemFilter(cyrillic=cyrillic, latin=latin))
