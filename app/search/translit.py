"""Latin transliteration typed by users → Cyrillic, for Kyrgyz and Russian queries.

People without a Cyrillic keyboard type "ayil okmotu", "aiyl ökmötü", "jergiliktuu kenesh",
"mestnoe samoupravlenie". :func:`to_cyrillic` maps such text to Cyrillic that, once folded
(:func:`app.search.analysis.fold`), spells the words of the library: exact vowel harmony is not
needed, since folding already merges ө/о, ү/у, ң/н.

The conventions mixed here are the ones found in practice: Kyrgyz informal Latin (j = ж, y = ы,
ö/ü/ñ, ng = ң before a vowel), Russian passport/BGN spellings (zh, kh, ts, shch, ya, yu, yo, ye) and a
few Turkish letters (ş, ç, ğ, ı). Where they clash the Kyrgyz reading wins ("j" is ж, not й), and "oe"
stays о + е ("mestnoe"). The other readings of the ambiguous groups (ts: тс, j: дж or й, o': ө...) come
from :func:`alternatives`; the query service keeps those the library's vocabulary knows. Soft and hard
signs are never produced; the analyzers drop them from terms. A Latin query may also be English, so the
query service should search the original text as well as its transliteration.
"""

from __future__ import annotations

import re

__all__ = ["alternatives", "is_latin", "to_cyrillic"]

_LATIN_LETTER = re.compile(r"[a-zäöüñçşğı]")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
_LATIN_WORD = re.compile(r"[a-zäöüñçşğı']+")

_VOWELS = frozenset("aeiouyöüäı")

# Longest first: each entry is tried at the current position in this order.
_MULTI = (
    ("shch", "щ"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("ts", "ц"),
    ("gh", "г"),
    ("ya", "я"),
    ("yu", "ю"),
    ("yo", "ё"),
    ("ye", "е"),
)
_SINGLE = {
    "a": "а", "b": "б", "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и",
    "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "к", "r": "р",
    "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "кс", "z": "з", "ä": "э", "ö": "ө",
    "ü": "ү", "ñ": "ң", "ç": "ч", "ş": "ш", "ğ": "г", "ı": "ы", "'": "ь",
}  # fmt: skip


def is_latin(text: str) -> bool:
    """True when ``text`` has Latin letters and no Cyrillic ones."""
    lowered = text.lower()
    return bool(_LATIN_LETTER.search(lowered)) and not _CYRILLIC_LETTER.search(lowered)


_ADJECTIVE_ENDINGS = (("yy", "ый"), ("yi", "ый"), ("iy", "ий"), ("ij", "ий"))


def _word(word: str) -> str:
    # Russian adjective endings typed informally: pastbishchnyi, mestnyy, kyrgyzskiy → -ый/-ий
    for ending, cyrillic in _ADJECTIVE_ENDINGS:
        if len(word) > 3 and word.endswith(ending) and word[-3] not in _VOWELS:
            return _word(word[: -len(ending)]) + cyrillic
    out: list[str] = []
    i = 0
    n = len(word)
    while i < n:
        ch = word[i]
        prev = word[i - 1] if i else ""
        nxt = word[i + 1] if i + 1 < n else ""
        after_vowel = prev in _VOWELS

        # "ng" is ң at the end of a word or before a vowel (kengesh, meng); before a consonant нг.
        if ch == "n" and nxt == "g" and (i + 2 == n or word[i + 2] in _VOWELS) and i > 0:
            out.append("ң")
            i += 2
            continue
        # "yi"/"iy" after a vowel: ayil, aiyl → айыл (й + ы)
        if after_vowel and word[i : i + 2] in ("yi", "iy"):
            out.append("йы")
            i += 2
            continue
        # "i" between a vowel and a consonant or at the end is й: aiyl (handled above), Sergei, bai
        if ch == "i" and after_vowel and (not nxt or nxt not in _VOWELS) and prev != "i":
            out.append("й")
            i += 1
            continue
        for latin, cyrillic in _MULTI:
            if word.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            if ch == "y":
                # y before a vowel or after one is й (Sergey, kyrgyzskiy, ayak); else ы (kyrgyz, vybory)
                out.append("й" if after_vowel or (nxt in _VOWELS and nxt != "y") else "ы")
            elif ch == "e" and i == 0:
                # word-initial e is э in Kyrgyz (el, emgek) and in most Russian loans (ekonomika)
                out.append("э")
            else:
                out.append(_SINGLE.get(ch, ch))
            i += 1
    return "".join(out)


# Where the conventions disagree, the other readings (tried by :func:`alternatives`): Latin "ts" is ц or
# т + с (tsentr, otvetstvennost), "kh" х or к + х, "y" ы or й, "j" ж, дж or й, "c" ц, к or ч, "x" кс or х,
# and Uzbek-style o'/u' (and German-style oe/ue) are ө/ү.
_OTHER_READINGS = (
    ("ts", "тс"),
    ("kh", "кх"),
    ("o'", "ө"),
    ("u'", "ү"),
    ("oe", "ө"),
    ("ue", "ү"),
    ("j", "дж"),
    ("j", "й"),
    ("c", "к"),
    ("c", "ч"),
    ("x", "х"),
    ("y", "ы"),
    ("y", "й"),
    ("y", "и"),
)


def alternatives(word: str, *, limit: int = 24) -> list[str]:
    """Other Cyrillic spellings of a Latin word than :func:`to_cyrillic`'s, one ambiguous letter group
    read otherwise at a time, then two (at most ``limit``). The caller keeps those the library knows."""
    word = word.lower()
    spots: list[tuple[int, int, str]] = []  # (start, length, other reading)
    for latin, cyrillic in _OTHER_READINGS:
        start = word.find(latin)
        while start != -1:
            spots.append((start, len(latin), cyrillic))
            start = word.find(latin, start + 1)
    base = to_cyrillic(word)
    out: list[str] = []

    def spelled(chosen: tuple[tuple[int, int, str], ...]) -> str:
        # stand-ins for the chosen groups, so the rest of the word keeps its context (word-initial e, y
        # after a vowel...) when it is transliterated as a whole
        marked, readings = word, {}
        for n, (start, length, cyrillic) in enumerate(sorted(chosen, reverse=True)):
            mark = chr(0xE000 + n)
            marked, readings[mark] = marked[:start] + mark + marked[start + length:], cyrillic
        out_ = _word(marked)
        for mark, cyrillic in readings.items():
            out_ = out_.replace(mark, cyrillic)
        return out_

    singles = [(spot,) for spot in spots]
    pairs = [(a, b) for i, a in enumerate(spots) for b in spots[i + 1:] if a[0] + a[1] <= b[0]]
    for chosen in (*singles, *pairs):
        candidate = spelled(chosen)
        if candidate != base and candidate not in out:
            out.append(candidate)
            if len(out) >= limit:
                break
    return out


def to_cyrillic(text: str) -> str:
    """Lowercase ``text`` and rewrite its Latin words in Cyrillic; other text is left as it is."""
    return _LATIN_WORD.sub(lambda m: _word(m.group(0)), text.lower())
