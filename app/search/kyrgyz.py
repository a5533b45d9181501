"""A light Kyrgyz suffix stemmer, written for this project from the grammar (no lexicon, no third-party code).

Kyrgyz is agglutinative: a root takes suffixes in a fixed order, each suffix in several shapes chosen by
vowel harmony (а/е/о/ө, ы/и/у/ү) and by the sound before it (д/т, г/к, л/д/т, н):

    nouns  root + plural + possessive + case (+ personal predicate)   айыл·дар·ыбыз·да
    verbs  root + voice + negation + tense/aspect or verbal noun (+ possessive, case) + person
           бер·ил·ди, бол·бо·йт, өт·үү·дө, кел·ер·сиз

The stemmer strips suffixes from the end of the word, at most :data:`MAX_STRIPS` of them, the longest
matching shape first, each only in the sound context its shape requires (``-тар`` after a voiceless
consonant, ``-лар`` after a vowel, р or й, ``-нда`` only after a possessive vowel...), and never below
:data:`MIN_STEM` letters or down to a stem without a vowel. Roots of two letters (ал, иш, өт, ай) do
lose a suffix that starts with a consonant or a few unambiguous vowel ones (``ал·ды``, ``иш·ке``,
``ал·уу``), because they are among the commonest verbs and nouns.

Order is deliberately loose: apart from a few constraints (voice only inside a verb form, the present
-а/-й and future -ар only before a person ending, a possessive after ``-нда/-нан/-на``), any suffix
may follow any other. A bare word and its inflected forms then lose the same material — ``кызмат``
and ``кызматтын`` both become ``кызм`` — which is what search needs, at the cost of some over-stemming.
Measured on UD Kyrgyz-KTMU (``tests/bench/bench_kyrgyz_stemmer.py``): strict slot order about 83% of forms
agree with their lemma, loose order 88%, for a small rise in lemmas sharing a stem.

Measured and left out: the causative -дыр/-тыр (өнүктүр·үү → өнүк, but алмаштыр → алма "apple",
камсыздандыр → кам; −1.1 points), the first-person possessive -ым (маалымат → маал; −0.2 points
but a tenth fewer lemmas sharing a stem), the accusative -н after a possessive and the relative
adjective -кы (both ±0.1 points for more collisions), and the intention -мак (аймак → ай).

**Folding.** People type Kyrgyz on Russian keyboards: a query says "онугуу" for "өнүгүү". The stemmer
therefore decides where to cut on the *folded* word (ө→о, ү→у, ң→н, ё→е), with harmony-agnostic
suffix shapes and sound-context checks that folding does not change, and cuts the word as given.
Folding maps one letter to one letter, so ``fold(stem(w)) == stem(fold(w))`` for every word: the
indexed text and a query typed without ө/ү/ң always meet. The alternative — stem the unfolded word
with vowel-harmony checks, fold afterwards — was measured on the same data: 87.6% agreement instead of
87.8% (harmony vetoes little that the sound context does not veto already, and loanwords and the
rounded-only -уу/-луу break it), and for 5.7% of word forms a query typed without ө/ү/ң then got
another stem than the text.

**Round two** (stacks of suffixes, verb stems; UD agreement 87.8% → 90.9%, UniMorph verbs 80.2% → 91.7%,
unrelated-lemma collapses on UD 0.006% → 0.012%): a stem-final vowel after a consonant is dropped
(:data:`DROP_VOWEL`) because the verbal noun swallows it (сура → суроо, тазала → тазалоо); the voice
-л/-н/-ш after а/е/о comes off a bare verb stem too (:func:`_final_voice`); the 3rd person future
-ышар/-шар, the present -а after two-letter roots (ал·а·быз) and a word-final relative -кы (баш·кы,
бүгүн·кү) are stripped; up to five suffixes per word (agent noun + plural + possessive + case:
айд·оочу·лар·ы·на). Measured and left out: the voice -ыл/-ын/-ыш after a consonant on bare stems (+1.5
points, but кабыл → кап, жумуш → жум, курулуш → кур), -кы/-гы inside a word (−0.8: it is mostly a stem's к +
possessive), the future -ар at the end of a word (берер; +0.1 but аткар → атк), a present -а before -сың
(системасын → систем).

**Round three** (UD agreement 90.9% → 94.4%, UniMorph verbs 91.7% → 94.6%, unrelated-lemma collapses on
UD 0.012% → 0.016%; each step measured on its own, in points of UD agreement):

* the voice -ыл/-ыш after a consonant comes off a bare stem (берил, катыш, курул → бер, кат, кур), as it
  does inside a verb form: +1.7 with the common nouns that end so protected (кабыл, жумуш, сунуш,
  кызыл, батыш, согуш...: :data:`PROTECTED`, read off the real texts' merges), and +0.3 more when a
  converb's vowel hid it (бер·ил·е → берил → бер);
* two-letter roots lose -ыл/-ын/-ыш too (ал·ын, ач·ыл, иш·ин): +0.5, with айыл, орун, акыл, акын,
  үчүн, узун... protected (they would become ай, ор, ак, үч, уз);
* the question particle -бы/-пы at the end of a word (бар·бы, керек·пи, кал·дыңыз·бы): +0.2;
* the equative -дай/-дей/-дой/-тай (көз·дөй, бир·дей, ал·ган·дай), also the converb of -да/-та verbs
  (сакта·й): +0.3; the negative participle -бас/-бес (бер·бес·тен): +0.05;
* the verb-forming -ла/-ле/-ло after a vowel, р or й comes off, so a noun, its verb and the verbal noun
  meet (баа / баала·ды / баалоо, реформа / реформалоо, долбоор / долбоорлоо): +0.2;
* a protected word is never cut into (району·н → район, сүйлө·ө → сүйл; :func:`_floor`), and бала's
  plural балдар stems to бала: +0.1.

Measured and left out this round: the first-person -м after the present -а/-е (ал·а·м; адам, жардам,
көлөм would lose -ам), the intention -мак (аймак, тармак, салмак), the imperative -гыла and -гын (they
take белгиле, салыгын, укугун apart), the optative -айын (атайын), -ыптыр (no gain), possessives only at
the end of a word or before a case (−3.1: a stem's own ы/и/у goes with them).

**Normalisation.** A stem-final г/б becomes к/п (``аймагы`` → ``аймак``, ``эсеби`` → ``эсеп``: Kyrgyz
voices к/п before a vowel) and a ю after a vowel becomes й (``коюлду`` → ``кой``), on every stem, so
both sides of the alternation meet.

:func:`stem` is a module-level function on purpose: Whoosh pickles the analyzer into the index, and
a bound method or a closure would not load in another process or in the frozen app.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["MAX_STRIPS", "MIN_STEM", "SHORT_ROOTS", "stem"]

#: Shortest stem left after stripping (but see :data:`SHORT_ROOTS`).
MIN_STEM = 3
#: Let a two-letter root of vowel + consonant (ал, иш, өт, ай) lose a suffix that starts with a consonant
#: or is one of :data:`_SHORT_ROOT_SUFFIXES`: +2 points of agreement on the gold data.
SHORT_ROOTS = True
#: At most this many suffixes come off one word.
MAX_STRIPS = 5
#: A stem ending in consonant + а/е/о loses that vowel (сура·ды → сур, like суроо → сур; тазала → тазал):
#: verbs in -а/-е/-о lose it before the verbal noun -оо/-өө, so only stems without it meet.
DROP_VOWEL = True

_FOLD = str.maketrans({"ө": "о", "ү": "у", "ң": "н", "ё": "е"})

VOWELS = frozenset("аеиоуыэюяёөү")
VOICELESS = frozenset("кпстфхцчшщ")
VOICED = frozenset("бвгджзлмнй")  # (ң folds to н)
_POSS3 = frozenset("иуы")  # the vowel of a third-person possessive (-ы/-и/-у/-ү, folded)

# What a suffix is. Only a few constraints use these; see the module docstring.
PERSON = "person"  # personal endings
PERSON_V = "person after a vowel"  # those that follow the present -а/-й or future -ар: ал·а·мын
CASE = "case"
POSS = "possessive"
PLURAL = "plural"
VERB = "verb form"
NEG = "negation"
VOICE = "voice"
DERIV = "derivation"
RELATIVE = "relative adjective"
PARTICLE = "question particle"
END = "end of the word"  # in an ``after`` set: the suffix may also end the word
_END = frozenset({END})
_VERBAL = frozenset({VERB, NEG, VOICE})
_VOICE_ONLY = frozenset({VOICE})
#: A word-final voice suffix comes off only above this many letters (see :func:`_final_voice`).
FINAL_VOICE_STEM = 4

# Templates in folded spelling: A = а/е/о(/ө), Ы = ы/и/у(/ү), D = д/т, G = г/к, L = л/д/т,
# УУ = уу/оо (the verbal noun -уу/-үү/-оо/-өө: one vowel twice). Every other letter is itself.
_CLASSES = {"A": "аео", "Ы": "иуы", "D": "дт", "G": "гк", "L": "лдт", "УУ": ("уу", "оо")}

# (template, kinds, context, final_ok, after)
#   context: "auto" = the suffix's first letter follows the sound before it (д/г after a vowel or a
#            voiced consonant, т/к after a voiceless one, л after a vowel, р or й); "V" after a vowel;
#            "C" after a consonant; "P3" after a possessive vowel (ы/и/у/ү); "" anywhere.
#   final_ok: False for suffixes that never end a word (negation, voice, the present -а), so a word
#            like "араба" keeps its "-ба".
#   after:   if set, the suffix is only stripped right after one of these kinds.
_RULES: tuple[tuple[str, frozenset[str], str, bool, frozenset[str] | None], ...] = tuple(
    (template, frozenset(kinds), context, final_ok, frozenset(after) if after else None)
    for template, kinds, context, final_ok, after in (
        # personal predicate endings: бар·а·быз, кел·е·сиз, мугалим·мин
        ("мЫн", {PERSON_V}, "", True, None),
        ("сЫн", {PERSON_V}, "", True, None),  # -сың, folded
        ("сЫз", {PERSON_V}, "", True, None),
        ("сЫнAр", {PERSON_V}, "", True, None),
        ("сЫздAр", {PERSON_V}, "", True, None),
        ("бЫз", {PERSON_V, POSS}, "", True, None),
        ("пЫз", {PERSON}, "", True, None),
        ("нЫз", {PERSON, POSS}, "V", True, None),  # -ңыз after a vowel
        ("нЫздAр", {PERSON, POSS}, "V", True, None),
        ("нAр", {PERSON, POSS}, "V", True, None),  # -ңар
        # past tense -ды with the short person endings: ал·дым, кел·диң, бар·дык, кел·диңер
        ("DЫм", {PERSON}, "auto", True, None),
        ("DЫк", {PERSON}, "auto", True, None),
        ("DЫн", {PERSON}, "auto", True, None),
        ("DЫнAр", {PERSON}, "auto", True, None),
        ("DЫнЫз", {PERSON}, "auto", True, None),
        # habitual past with person: сат·чу·буз
        ("чЫнAр", {PERSON}, "", True, None),
        ("чЫбЫз", {PERSON}, "", True, None),
        ("чЫмЫн", {PERSON}, "", True, None),
        ("чЫсЫн", {PERSON}, "", True, None),
        ("чЫсЫз", {PERSON}, "", True, None),
        # cases
        ("нЫн", {CASE}, "V", True, None),  # genitive after a vowel or a possessive
        ("DЫн", {CASE}, "auto", True, None),  # genitive after a consonant
        ("GA", {CASE}, "auto", True, None),  # dative
        ("нA", {CASE}, "P3", True, None),  # dative after a possessive: шаар·ы·на
        ("нЫ", {CASE}, "V", True, None),  # accusative after a vowel
        ("DЫ", {CASE, VERB}, "auto", True, None),  # accusative; past tense
        ("DA", {CASE}, "auto", True, None),  # locative
        ("ндA", {CASE}, "P3", True, None),
        ("DAн", {CASE}, "auto", True, None),  # ablative
        ("нAн", {CASE}, "P3", True, None),
        ("ндAн", {CASE}, "P3", True, None),
        ("DAGЫ", {CASE}, "auto", True, None),  # locative + relative -гы: банктар·дагы
        ("DAй", {CASE}, "auto", True, None),  # equative: көз·дөй, бир·дей
        ("ндAGЫ", {CASE}, "P3", True, None),
        # possessive
        ("Ы", {POSS}, "C", True, None),
        ("сЫ", {POSS}, "V", True, None),
        ("Ын", {POSS}, "C", True, None),  # -ың
        ("ЫбЫз", {POSS}, "C", True, None),
        ("ЫнЫз", {POSS}, "C", True, None),
        ("ЫнAр", {POSS}, "C", True, None),
        # plural
        ("LAр", {PLURAL}, "auto", True, None),
        # verb forms
        ("GAн", {VERB}, "auto", True, None),  # past participle
        ("GAндЫк", {VERB}, "auto", True, None),
        ("Aт", {VERB}, "C", True, None),  # present/future, 3rd person
        ("йт", {VERB}, "V", True, None),
        ("ЫшAт", {VERB}, "C", True, None),  # ... 3rd person plural
        ("шAт", {VERB}, "V", True, None),
        ("ЫшAр", {VERB}, "C", True, None),  # future, 3rd person plural: бер·иш·ер
        ("шAр", {VERB}, "V", True, None),
        ("A", {VERB}, "C", False, {PERSON_V}),  # present before a person ending: ал·а·быз
        ("й", {VERB}, "V", False, {PERSON_V}),  # ырда·й·мын
        ("Aр", {VERB}, "C", False, {PERSON_V}),  # future before a person ending: кел·ер·сиз
        ("р", {VERB}, "V", False, {PERSON_V}),
        ("чЫ", {VERB}, "", True, None),  # habitual -чу/-чү; also the agent noun -чы
        ("УУ", {VERB}, "", True, None),  # verbal noun
        ("УУчЫ", {VERB}, "", True, None),
        ("Ып", {VERB}, "C", True, None),  # gerund
        ("п", {VERB}, "V", True, None),
        ("сA", {VERB}, "", True, None),  # conditional
        ("бAс", {NEG, VERB}, "", True, None),  # negative future participle: бер·бес·тен
        ("пAс", {NEG, VERB}, "", True, None),
        # negation
        ("бA", {NEG}, "", False, None),
        ("пA", {NEG}, "", False, None),
        ("бAй", {NEG, VERB}, "", True, None),
        ("пAй", {NEG, VERB}, "", True, None),
        # voice: passive -ыл/-л, reflexive -ын/-н, reciprocal -ыш/-ш, only inside a verb form
        ("Ыл", {VOICE}, "C", False, _VERBAL),
        ("л", {VOICE}, "V", False, _VERBAL),
        ("Ын", {VOICE}, "C", False, _VERBAL),
        ("н", {VOICE}, "V", False, _VERBAL),
        ("Ыш", {VOICE}, "C", False, _VERBAL),
        ("ш", {VOICE}, "V", False, _VERBAL),
        # derivation: abstract nouns and adjectives
        ("LЫк", {DERIV}, "auto", True, None),  # -лык: министр·лик, мамлекет·тик
        ("LУУ", {DERIV}, "auto", True, None),  # -луу: милдет·түү, орун·дуу
        ("кЫ", {RELATIVE}, "C", True, None),  # relative adjective -кы, word-final only: баш·кы, бүгүн·кү
        ("лA", {DERIV}, "auto", True, None),  # verbs from nouns: баа·ла, реформа·ла, долбоор·ло (see below)
        # the question particle, last in a word: бар·бы, керек·пи, кал·дыңыз·бы
        ("бЫ", {PARTICLE}, "Q", True, {END}),
        ("пЫ", {PARTICLE}, "Q", True, {END}),
    )
)

# Vowel-initial suffixes a two-letter root may lose (see SHORT_ROOTS): ал·уу, ал·ат, ал·ып, иш·и, and the
# voice or possessive -ыл/-ын/-ыш: ал·ын, ач·ыл, иш·ин (two-letter nouns that end so are in PROTECTED).
_SHORT_ROOT_SUFFIXES = frozenset(
    ("уу", "оо", "ат", "ет", "от", "ып", "ип", "уп", "ы", "и", "у", "а", "е", "о")
    + tuple(vowel + voice for vowel in "ыиу" for voice in "лнш")
)


def _expand(template: str) -> list[str]:
    shapes = [""]
    i = 0
    while i < len(template):
        key = template[i : i + 2] if template[i : i + 2] in _CLASSES else template[i]
        letters = _CLASSES.get(key, key)
        shapes = [s + c for s in shapes for c in letters]
        i += len(key)
    return shapes


Entry = tuple[frozenset[str], str, bool, "frozenset[str] | None"]


def _build() -> dict[str, list[Entry]]:
    table: dict[str, list[Entry]] = {}
    for template, kinds, context, final_ok, after in _RULES:
        for shape in _expand(template):
            table.setdefault(shape, []).append((kinds, context, final_ok, after))
    return table


_TABLE = _build()
_MAXLEN = max(map(len, _TABLE))


def _context_ok(context: str, suffix: str, before: str) -> bool:
    if context == "":
        return True
    if context == "V":
        return before in VOWELS
    if context == "C":
        return before not in VOWELS
    if context == "P3":
        return before in _POSS3
    if context == "Q":  # the question particle: -бы after a voiced consonant, -пы after a voiceless one
        return before in VOICED or before == "р" if suffix[0] == "б" else before in VOICELESS
    first = suffix[0]  # "auto"
    if first == "л":
        return before in VOWELS or before in "рй"
    if first in "дг":
        return before in VOWELS or before in VOICED or before == "р"
    if first in "тк":
        return before in VOICELESS
    return True


def _long_enough(rest: str, suffix: str) -> bool:
    if len(rest) >= MIN_STEM:
        return any(ch in VOWELS for ch in rest)
    return (
        SHORT_ROOTS
        and len(rest) == 2
        and rest[0] in VOWELS
        and rest[1] not in VOWELS
        and (suffix[0] not in VOWELS or suffix in _SHORT_ROOT_SUFFIXES)
    )


def _final_voice(rest: str, suffix: str) -> bool:
    """A verb stem ending in a voice suffix loses it even at the end of the word, as it does inside a verb
    form, so the bare stem and its forms meet:

    * -л/-н/-ш after а/е/о (баштал, пайдалан, белгилен, жардамдаш; баштал·ды → башта): +1.7 points on UD;
    * -ыл/-ыш after a consonant (берил, курул, катыш, тааныш; берил·ди → бер): +1.7 points more. Common
      nouns that end so (кабыл, жумуш, сунуш, байланыш, кызыл, батыш...) are in :data:`PROTECTED`, or they
      would meet another word (кап, жум, сун, кыз, бат). Not -ын: a word-final -ың/-ын is the possessive
      and comes off anyway.
    """
    if len(suffix) == 1:
        return rest[-1] in "аео" and len(rest) >= FINAL_VOICE_STEM
    return suffix[-1] in "лш" and rest[-1] not in VOWELS


def _prefer_bare_possessive(rest: str) -> bool:
    """``облус·у`` rather than ``облу·су``: a stem ending in a lone ы/и/у after a consonant is rare,
    except for the agent nouns in -чы (катчы·сы)."""
    return len(rest) >= 3 and rest[-1] in _POSS3 and rest[-2] not in VOWELS and rest[-2] != "ч"


def _normalise(stem_: str) -> str:
    last = stem_[-1:]
    if last == "г":
        return stem_[:-1] + "к"
    if last == "б":
        return stem_[:-1] + "п"
    if last == "ю" and len(stem_) > 2 and stem_[-2] in VOWELS:
        return stem_[:-1] + "й"  # ко·ю·л·ду: й + у is written ю
    return stem_


# Stems whose ending only looks like a suffix (or whose final vowel must stay: кара is not кар "snow"): common words of our domain (and loans) that the rules
# would otherwise cut into another word's stem (билет "ticket" → бил, the stem of билүү "to know").
# Folded spelling; a word stops being cut as soon as what is left is one of these.
_BARE_VOICE = frozenset(vowel + voice for vowel in "ыиу" for voice in "лш")

_PROTECTED_TEXT = """
    билет комитет бюджет кызмат мектеп өкмөт маалымат тажрыйба совет депутат пакет проект объект
    кеңеш жаран район миллион социал мисал кырдаал муниципал телефон канал капитал материал потенциал
    квартал журнал мекен заман ресторан дыйкан мусулман электрон
    кара бала жеке
    кабыл жумуш сунуш байланыш кызыл жашыл зарыл батыш чыгыш добуш макул жеңил турмуш мүчүлүш конуш
    жаңылыш согуш кумуш жарыш тартип кесип кепил курал
    айыл акыл акын орун үчүн үчүнчү узун өкүл ушул улуш отун изил адил адыл эрин ийин
    жагдай кандай курулуш маселе макала сүйл айлан
"""
PROTECTED = frozenset(w.translate(_FOLD) for w in _PROTECTED_TEXT.split())
# The same words as they start an inflected form: a final к/п is voiced before a vowel (тартип·и → тартиби).
_PROTECTED_PREFIXES = PROTECTED | {w[:-1] + {"к": "г", "п": "б"}[w[-1]] for w in PROTECTED if w[-1] in "кп"}
_PROTECTED_STARTS = frozenset(w[:MIN_STEM] for w in _PROTECTED_PREFIXES)


def _floor(folded: str) -> int:
    """The length of the longest protected word the folded word starts with (1 if none): no cut goes
    below it, so району·н keeps район and сүйлө·ө keeps сүйл (and тартиб·и keeps тартип)."""
    if folded[:MIN_STEM] not in _PROTECTED_STARTS:
        return 1
    for size in range(len(folded), MIN_STEM - 1, -1):
        if folded[:size] in _PROTECTED_PREFIXES:
            return size
    return 1


def _cut(folded: str) -> int:
    """How many leading letters of the folded word make its stem."""
    current = folded
    previous: frozenset[str] | None = None  # kinds of the suffix stripped last
    needs_possessive = False  # after -нда/-нан/-на comes a possessive
    floor = _floor(folded)
    for _ in range(MAX_STRIPS):
        if current in PROTECTED:
            break
        end = len(current)
        chosen = None
        for size in range(min(_MAXLEN, end - floor), 0, -1):
            suffix = current[end - size : end]
            entries = _TABLE.get(suffix)
            if not entries:
                continue
            rest = current[: end - size]
            kinds: set[str] = set()
            p3 = False
            for entry_kinds, context, final_ok, after in entries:
                if entry_kinds == _VOICE_ONLY and _final_voice(rest, suffix):
                    pass  # a verb stem in -л/-н/-ш on its own: баштал, белгилен (баштал·ды → башта)
                elif previous is None and not final_ok:
                    continue
                elif RELATIVE in entry_kinds and previous is not None:
                    continue  # -кы inside a word is far more often a stem's к + possessive
                elif after is not None and not (previous or _END) & after:
                    continue
                if needs_possessive and POSS not in entry_kinds:
                    continue
                if _context_ok(context, suffix, rest[-1]) and _long_enough(rest, suffix):
                    kinds |= entry_kinds
                    p3 = p3 or context == "P3"
            if kinds:
                if size == 2 and suffix[0] == "с" and POSS in kinds and _prefer_bare_possessive(rest):
                    chosen = (1, frozenset({POSS}), False)
                else:
                    chosen = (size, frozenset(kinds), p3)
                break
        if chosen is None:
            break
        size, previous, needs_possessive = chosen
        current = _normalise(current[: end - size])
    return len(current)


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The stem of a lowercase Kyrgyz word, folded or not: the cut falls at the same place either way.

    The stem keeps the letters of ``word`` (ө, ү, ң stay if they were there), except that a final г/б
    becomes к/п and a final ю after a vowel becomes й.
    """
    if len(word) <= 2:
        return _normalise(word)
    folded = word.translate(_FOLD)
    end = _cut(folded)
    if DROP_VOWEL and end >= 4 and folded[:end] not in PROTECTED and folded[end - 1] in "аео" and folded[end - 2] not in VOWELS:
        # a lone final vowel after a consonant: the verb's -а/-е/-о (see DROP_VOWEL), or a noun's, which
        # all its forms keep and lose alike (бала, бала·лар → бал)
        end -= 1
        rest, voice = folded[: end - 2], folded[end - 2 : end]
        if voice in _BARE_VOICE and _final_voice(rest, voice) and _long_enough(rest, voice) and end - 2 >= _floor(folded):
            end -= 2  # the vowel was a converb's after a voice: бер·ил·е → берил → бер, as бер·ил·ди
    if folded.startswith("балдар") and end == 3:
        return word[:2] + "ла"  # the plural of бала "child" is балдар (and бал "honey" is never plural)
    return _normalise(word[:end])
