"""Evaluate the Kyrgyz stemmer against gold lemmas (run on demand: ``python tests/bench/bench_kyrgyz_stemmer.py``).

Data (read in place, never copied into the repository): ``../shared/corpus/gold/``
  * ``ky_ud_ktmu_form_lemma.tsv`` — form, lemma, upos, feats, count from the UD Kyrgyz-KTMU treebank;
  * ``ky_unimorph_verbs.tsv`` — lemma (verbal noun in -уу), form, features: UniMorph verb paradigms
    (written with Latin look-alike letters, which :func:`fold` repairs).

Figures, for the stemmer and for a "no stemming" baseline (lowercase + fold only):
  * agreement — share of word forms whose stem equals the stem of their lemma, by distinct
    (form, lemma) pair and weighted by corpus count;
  * collapse — different lemmas that end up with one stem: the share of stems shared by two or more
    distinct lemmas, the share of lemmas caught in such a stem, and the share of all lemma pairs;
    "unrelated" counts only pairs where neither lemma is the other plus letters. The treebank often
    gives an inflected form as its own lemma (бол, болду, болсо, болуп are four "lemmas"), so the
    collapse figures overstate real collisions; ``--misses N`` lists the groups to judge by eye.

The stemmer of another git revision (``--baseline``, default ``main``) is loaded from git and measured in
the same run, so a change shows its before/after figures side by side; ``--changes N`` lists the
(form, lemma) pairs it gained and lost and the unrelated lemmas it newly merges.

A last section checks the design choice of :mod:`app.search.kyrgyz`: cutting on the folded word
versus vowel-harmony checks on the unfolded word, and how often a query typed without ө/ү/ң then
gets the stem the text was indexed with.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import types
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.search import kyrgyz
from app.search.analysis import fold


def _gold_folder() -> Path:
    """``shared/corpus/gold`` beside the repository or any folder above it (a worktree sits deeper)."""
    env = os.environ.get("KITEPKANA_GOLD")
    if env:
        return Path(env)
    for parent in Path(__file__).resolve().parents[2:]:
        candidate = parent / "shared" / "corpus" / "gold"
        if candidate.is_dir():
            return candidate
    return Path(__file__).resolve().parents[3] / "shared" / "corpus" / "gold"


GOLD = _gold_folder()
UD = GOLD / "ky_ud_ktmu_form_lemma.tsv"
UNIMORPH = GOLD / "ky_unimorph_verbs.tsv"

Pairs = dict[tuple[str, str], int]  # (form, lemma) -> count, both lowercased and folded


def _word_ok(word: str) -> bool:
    return bool(word) and all("а" <= ch <= "я" or ch in "ёөүң-" for ch in word)


def load_ud(path: Path = UD, *, folded: bool = True) -> Pairs:
    """Forms and lemmas, folded (or only lowercased, keeping ө/ү/ң, with ``folded=False``)."""
    norm = fold if folded else str.lower
    pairs: Pairs = defaultdict(int)
    with path.open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 5:
                continue
            form, lemma = norm(cols[0]), norm(cols[1])
            if _word_ok(form) and _word_ok(lemma):
                pairs[form, lemma] += int(cols[4] or 1)
    return pairs


def load_ud_classes(path: Path = UD) -> dict[tuple[str, str], str]:
    """(form, lemma) → its part of speech in the treebank (the first one given), folded like :func:`load_ud`."""
    classes: dict[tuple[str, str], str] = {}
    with path.open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 5:
                classes.setdefault((fold(cols[0]), fold(cols[1])), cols[2])
    return classes


def report_classes(pairs: Pairs, rows: Iterable[tuple[str, Callable[[str], str]]]) -> None:
    """Agreement by part of speech: where the misses are."""
    classes = load_ud_classes()
    names = ["NOUN", "VERB", "PROPN", "ADJ", "ADV", "PRON"]
    group = {key: classes.get(key) if classes.get(key) in names else "other" for key in pairs}
    names.append("other")
    sizes = {name: sum(1 for key in pairs if group[key] == name) for name in names}
    print("\nUD by part of speech, share of distinct (form, lemma) pairs that agree:")
    print(f"  {'':<26}" + "".join(f"{f'{name} ({sizes[name]})':>14}" for name in names))
    for title, stemmer in rows:
        agree = dict.fromkeys(names, 0)
        for form, lemma in pairs:
            agree[group[form, lemma]] += stem_word(stemmer, form) == stem_word(stemmer, lemma)
        print(f"  {title:<26}" + "".join(f"{agree[name] / max(sizes[name], 1):>14.1%}" for name in names))


def load_unimorph(path: Path = UNIMORPH) -> Pairs:
    """Single-word verb forms, and the last word of compound verbs whose form has as many words."""
    pairs: Pairs = defaultdict(int)
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 2:
                continue
            lemma_words, form_words = fold(cols[0]).split(), fold(cols[1]).split()
            if len(lemma_words) != len(form_words) or not form_words:
                continue
            form, lemma = form_words[-1], lemma_words[-1]
            if _word_ok(form) and _word_ok(lemma):
                pairs[form, lemma] += 1
    return pairs


def stem_word(stemmer: Callable[[str], str], word: str) -> str:
    """Stem each part of a hyphenated word (Жети-Өгүздүн), as the tokenizer splits it too."""
    return "-".join(stemmer(part) for part in word.split("-"))


def evaluate(pairs: Pairs, stemmer: Callable[[str], str]) -> dict[str, float]:
    agree_types = agree_tokens = total_tokens = 0
    for (form, lemma), count in pairs.items():
        if stem_word(stemmer, form) == stem_word(stemmer, lemma):
            agree_types += 1
            agree_tokens += count
        total_tokens += count
    lemmas = {lemma for _, lemma in pairs}
    by_stem: dict[str, set[str]] = defaultdict(set)
    for lemma in lemmas:
        by_stem[stem_word(stemmer, lemma)].add(lemma)
    shared = [group for group in by_stem.values() if len(group) > 1]
    n = len(lemmas)
    pairs_same = sum(len(g) * (len(g) - 1) // 2 for g in shared)
    unrelated = sum(1 for g in shared for a in g for b in g if a < b and not _related(a, b))
    return {
        "types": len(pairs),
        "agree_types": agree_types / len(pairs),
        "agree_tokens": agree_tokens / total_tokens,
        "lemmas": n,
        "stems": len(by_stem),
        "collapse_stems": len(shared) / len(by_stem),
        "collapse_lemmas": sum(map(len, shared)) / n,
        "collapse_pairs": pairs_same / (n * (n - 1) // 2),
        "collapse_unrelated": unrelated / (n * (n - 1) // 2),
    }


def _related(a: str, b: str) -> bool:
    """One lemma is the other plus letters (бол/болуу, жыл/жылдык): gold lemmas that are often
    inflected or derived forms of each other, so merging them is usually what search wants."""
    return a.startswith(b) or b.startswith(a)


def load_revision(rev: str) -> types.ModuleType | None:
    """``app/search/kyrgyz.py`` as it is at git revision ``rev``, or None when git cannot give it."""
    try:
        source = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{rev}:app/search/kyrgyz.py"],
            capture_output=True, text=True, encoding="utf-8", check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    module = types.ModuleType(f"kyrgyz_at_{rev}")
    exec(compile(source, f"{rev}:app/search/kyrgyz.py", "exec"), module.__dict__)  # noqa: S102 - our own file
    return module


def _unrelated_pairs(pairs: Pairs, stemmer: Callable[[str], str]) -> set[tuple[str, str]]:
    by_stem: dict[str, set[str]] = defaultdict(set)
    for lemma in {lemma for _, lemma in pairs}:
        by_stem[stem_word(stemmer, lemma)].add(lemma)
    return {(a, b) for g in by_stem.values() for a in g for b in g if a < b and not _related(a, b)}


def show_changes(pairs: Pairs, before: Callable[[str], str], after: Callable[[str], str], limit: int) -> None:
    """The (form, lemma) pairs the change made agree or disagree, and the unrelated lemmas it merges."""
    gained, lost = [], []
    for (form, lemma), count in pairs.items():
        was = stem_word(before, form) == stem_word(before, lemma)
        now = stem_word(after, form) == stem_word(after, lemma)
        if was != now:
            line = f"{count:>4}  {form} → {stem_word(after, form)} | {lemma} → {stem_word(after, lemma)}"
            (gained if now else lost).append((count, line))
    for title, rows in (("gained", gained), ("lost", lost)):
        print(f"\n{title}: {len(rows)} (form, lemma) pairs")
        for _, line in sorted(rows, reverse=True)[:limit]:
            print("  " + line)
    merged = sorted(_unrelated_pairs(pairs, after) - _unrelated_pairs(pairs, before))
    parted = _unrelated_pairs(pairs, before) - _unrelated_pairs(pairs, after)
    print(f"\nunrelated lemma pairs newly sharing a stem: {len(merged)} (and {len(parted)} no longer)")
    for a, b in merged[:limit]:
        print(f"  {a} / {b} → {stem_word(after, a)}")


def identity(word: str) -> str:
    return word


def report(title: str, pairs: Pairs, rows: Iterable[tuple[str, Callable[[str], str]]]) -> None:
    print(
        f"\n{title}: {len(pairs)} distinct (form, lemma) pairs, {sum(pairs.values())} tokens, "
        f"{len({lemma for _, lemma in pairs})} lemmas"
    )
    print(
        f"  {'':<26}{'form=lemma':>11}{'weighted':>10}{'stems':>7}"
        f"{'collapse:stems':>16}{'lemmas':>8}{'pairs':>10}{'unrelated':>11}"
    )
    for name, stemmer in rows:
        r = evaluate(pairs, stemmer)
        print(
            f"  {name:<26}{r['agree_types']:>10.1%}{r['agree_tokens']:>10.1%}{r['stems']:>7}"
            f"{r['collapse_stems']:>16.2%}{r['collapse_lemmas']:>8.2%}{r['collapse_pairs']:>10.4%}{r['collapse_unrelated']:>11.4%}"
        )


def variant(**constants: object) -> Callable[[str], str]:
    """The stemmer with some of its module constants changed (MIN_STEM, SHORT_ROOTS, MAX_STRIPS)."""

    def run(word: str) -> str:
        saved = {name: getattr(kyrgyz, name) for name in constants}
        for name, value in constants.items():
            setattr(kyrgyz, name, value)
        try:
            return kyrgyz.stem.__wrapped__(word)
        finally:
            for name, value in saved.items():
                setattr(kyrgyz, name, value)

    return run


# --- folding first versus vowel harmony ------------------------------------------------------------

_LOW = {"а": "а", "ы": "а", "у": "а", "я": "а", "о": "о", "ё": "о", "ю": "а", "е": "е", "и": "е", "э": "е",
        "ө": "ө", "ү": "ө"}  # fmt: skip
_HIGH = {"а": "ы", "ы": "ы", "я": "ы", "о": "у", "у": "у", "ё": "у", "ю": "у", "е": "и", "и": "и", "э": "и",
         "ө": "ү", "ү": "ү"}  # fmt: skip
_ALL_VOWELS = "аеёиоөуүыэюя"


def harmonic(stem_: str, suffix: str) -> bool:
    """Does the suffix's first vowel follow Kyrgyz vowel harmony after the stem's last vowel?

    а after а/ы/у, о after о, е after е/и, ө after ө/ү; ы after а/ы, у after о/у, и after е/и,
    ү after ө/ү. The verbal noun -уу and the adjective -луу only have rounded shapes: for them
    only front/back is checked.
    """
    last = next((ch for ch in reversed(stem_) if ch in _ALL_VOWELS), None)
    first = next((ch for ch in suffix if ch in _ALL_VOWELS), None)
    if last is None or first is None:
        return True
    if any(pair in suffix for pair in ("уу", "үү", "оо", "өө")):
        return (last in "аыуояёю") == (first in "уо")
    table = _LOW if first in "аеоө" else _HIGH
    return table.get(last, first) == first


def harmony_stemmer(word: str) -> str:
    """The stemmer with a harmony veto on the unfolded word, folded afterwards (the rejected design)."""
    original = kyrgyz._long_enough

    def checked(rest: str, suffix: str) -> bool:
        cut = len(rest)
        return harmonic(word[:cut], word[cut : cut + len(suffix)]) and original(rest, suffix)

    kyrgyz._long_enough = checked
    try:
        end = kyrgyz._cut(word.translate(kyrgyz._FOLD))
    finally:
        kyrgyz._long_enough = original
    return fold(kyrgyz._normalise(word[:end]))


def folded_first(word: str) -> str:
    """The chosen design: the cut is decided on the folded word (the term is folded anyway)."""
    return fold(kyrgyz.stem(word))


def compare_folding() -> None:
    raw = load_ud(folded=False)
    rows = [("fold, then stem", folded_first), ("stem with harmony, fold", harmony_stemmer)]
    report("Fold first (chosen) vs harmony on unfolded text, UD forms with ө/ү/ң kept", raw, rows)
    words = {form for form, _ in raw}
    for name, stemmer in rows:
        same = sum(stem_word(stemmer, w) == stem_word(stemmer, fold(w)) for w in words)
        print(f"  {name:<26}a query typed without ө/ү/ң gets the indexed stem for {same / len(words):.1%} of forms")


def show_misses(pairs: Pairs, limit: int) -> None:
    misses = sorted(
        ((c, f, l) for (f, l), c in pairs.items() if stem_word(kyrgyz.stem, f) != stem_word(kyrgyz.stem, l)),
        reverse=True,
    )
    print(f"\nmost frequent misses (form → stem | lemma → stem), {len(misses)} in all:")
    for count, form, lemma in misses[:limit]:
        print(f"  {count:>4}  {form} → {kyrgyz.stem(form)} | {lemma} → {kyrgyz.stem(lemma)}")
    lemmas = {lemma for _, lemma in pairs}
    by_stem: dict[str, set[str]] = defaultdict(set)
    for lemma in lemmas:
        by_stem[stem_word(kyrgyz.stem, lemma)].add(lemma)
    shared = sorted((g for g in by_stem.values() if len(g) > 1), key=len, reverse=True)
    print(f"\ncollapsed lemma groups, {len(shared)} in all:")
    for group in shared[:limit]:
        print("  " + ", ".join(sorted(group)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", type=int, default=0, help="also list this many misses and collapses")
    parser.add_argument("--baseline", default="main", help="git revision whose stemmer is the 'before' row")
    parser.add_argument("--changes", type=int, default=0, help="list this many pairs gained/lost against it")
    args = parser.parse_args(argv)
    if not UD.exists():
        print(f"skipped: {UD} not found (the shared corpus is not checked out next to the repository)")
        return 0
    baseline = load_revision(args.baseline)
    if baseline is None:
        print(f"(no baseline: git cannot show {args.baseline}:app/search/kyrgyz.py)")
    rows = [
        ("no stemming (fold only)", identity),
        *([(f"before ({args.baseline})", baseline.stem)] if baseline else []),
        ("stemmer", kyrgyz.stem),
        ("  without 2-letter roots", variant(SHORT_ROOTS=False)),
        ("  MIN_STEM=2 for all", variant(MIN_STEM=2, SHORT_ROOTS=False)),
        ("  MAX_STRIPS=3", variant(MAX_STRIPS=3)),
    ]
    ud = load_ud()
    report("UD Kyrgyz-KTMU", ud, rows)
    report_classes(ud, rows[:3] if baseline else rows[:2])
    if UNIMORPH.exists():
        report("UniMorph Kyrgyz verbs", load_unimorph(), rows)
    compare_folding()
    words = [form for form, _ in ud] * 4
    timed = [("stemmer", kyrgyz.stem.__wrapped__)]
    if baseline:
        timed.append((f"before ({args.baseline})", baseline.stem.__wrapped__))
    rates: dict[str, list[float]] = defaultdict(list)
    for _ in range(5):  # alternated, so a change in the machine's load hits both alike
        for name, function in timed:
            started = time.perf_counter()
            for word in words:
                function(word)
            rates[name].append(len(words) / (time.perf_counter() - started))
    print("\nspeed, uncached, median of 5: " + ", ".join(f"{n} {statistics.median(r):,.0f} words/s" for n, r in rates.items()))
    if args.misses:
        show_misses(ud, args.misses)
    if args.changes and baseline:
        show_changes(ud, baseline.stem, kyrgyz.stem, args.changes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
