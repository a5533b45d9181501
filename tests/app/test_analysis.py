"""Language analysis for search: Kyrgyz stemming, folding, transliteration and the Whoosh analyzers."""

import pickle

import pytest

from app.search import kyrgyz
from app.search.analysis import (
    english_analyzer,
    fold,
    kyrgyz_analyzer,
    multilingual_analyzer,
    russian_analyzer,
)
from app.search.translit import alternatives, is_latin, to_cyrillic

ANALYZERS = {
    "ru": russian_analyzer,
    "ky": kyrgyz_analyzer,
    "en": english_analyzer,
    "multi": multilingual_analyzer,
}


def terms(analyzer, text: str) -> list[str]:
    return [t.text for t in analyzer(text)]


def term(analyzer, word: str) -> str:
    (only,) = terms(analyzer, word)
    return only


def same_term(analyzer, *words: str) -> bool:
    return len({term(analyzer, w) for w in words}) == 1


# --- Russian -----------------------------------------------------------------------------------------


def test_russian_inflections_share_a_term() -> None:
    ru = russian_analyzer()
    assert same_term(ru, "бюджет", "бюджета", "бюджетом", "бюджетов", "Бюджеты")
    assert same_term(ru, "самоуправление", "самоуправления", "самоуправлением")
    assert same_term(ru, "муниципальный", "муниципального", "муниципальных")
    assert not same_term(ru, "бюджет", "вода")


def test_russian_yo_is_folded_before_stemming() -> None:
    ru = russian_analyzer()
    assert same_term(ru, "ёлка", "елка", "Ёлки")
    assert same_term(ru, "объём", "объем")


def test_russian_stop_words_are_dropped() -> None:
    assert terms(russian_analyzer(), "Вода и водоснабжение в селе") == terms(
        russian_analyzer(), "вода водоснабжение селе"
    )


# --- Kyrgyz ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "forms",
    [
        ("айыл", "айылдар", "айылдарда", "айылдын", "айылга", "айылда", "айылдан", "айылы"),
        ("кеңеш", "кеңештин", "кеңешке", "кеңеште", "кеңештер", "кеңешинин"),
        ("бюджет", "бюджеттин", "бюджетке", "бюджеттен", "бюджети"),
        ("суу", "суусу", "сууну", "суунун", "сууга", "сууда"),
        ("өнүгүү", "өнүгүүсү", "өнүгүүгө", "өнүгүүнүн"),
        ("шаар", "шаарда", "шаарына", "шаарында", "шаарлар"),
        ("аймак", "аймагы", "аймагында"),  # к/г alternation
        ("мектеп", "мектептер", "мектептерде", "мектебине"),  # п/б alternation
        ("министрлик", "министрлиги", "министрлигинин"),
        ("бер", "берди", "берет", "берип", "берүү", "берилди"),  # voice, tense, verbal noun
        ("кел", "келет", "келди", "келип", "келбейт", "келген"),  # (бол- forms are stop words)
        ("иш", "ишке", "иштер", "иштери", "иште"),  # two-letter roots keep their suffixes
    ],
)
def test_kyrgyz_suffixed_forms_share_a_stem(forms: tuple[str, ...]) -> None:
    assert len({kyrgyz.stem(f) for f in forms}) == 1, {f: kyrgyz.stem(f) for f in forms}
    assert same_term(kyrgyz_analyzer(), *forms)


@pytest.mark.parametrize(
    "forms",
    [
        # agent nouns in -уучу/-үүчү/-оочу/-өөчү + plural + possessive + case
        ("окуучу", "окуучулар", "окуучулардын", "окуучуларыбызга", "окуучуларына", "окуучусу"),
        ("айдоочу", "айдоочулар", "айдоочуларына", "айдоочулардан"),
        ("тейлөөчү", "тейлөөчүлөр", "тейлөөчүлөргө", "тейлөөчүлөрүнүн"),
        ("жазуучу", "жазуучусу", "жазуучуларынын", "жазуучулардын"),
        # verbs in -а/-е/-о: the verbal noun swallows the vowel (сура → суроо)
        ("суроо", "сурады", "сурайт", "сураган", "сурап", "сурашты", "сурачу"),
        ("сактоо", "сактады", "сактаган", "сактайт", "сактап"),
        ("жашоо", "жашады", "жашаган", "жашайт", "жашап"),
        # voice on a bare stem and inside verb forms, participles and converbs of compound verbs
        ("баштал", "башталды", "башталат", "башталган", "башталып"),
        ("пайдалан", "пайдаланды", "пайдаланууга", "пайдаланган", "пайдаланып"),
        ("белгилен", "белгиленди", "белгиленген", "белгиленип"),
        # future and present with person endings
        ("бер", "беришер", "беребиз", "беремин", "бересиз"),
        ("ал", "алабыз", "аламын", "аласыз", "алышар"),
        # word-final relative adjective -кы
        ("баш", "башкы"),
        ("бүгүн", "бүгүнкү"),
    ],
)
def test_kyrgyz_suffix_stacks_share_a_stem(forms: tuple[str, ...]) -> None:
    assert len({kyrgyz.stem(f) for f in forms}) == 1, {f: kyrgyz.stem(f) for f in forms}


@pytest.mark.parametrize(
    "forms",
    [
        # the voice -ыл/-ыш comes off a bare stem as it does inside a verb form, also behind a converb's vowel
        ("бер", "берил", "берилди", "берилген", "бериле", "бериш", "беришти"),
        ("кур", "курул", "курулду", "курулган", "курула"),
        ("катыш", "катышты", "катышуу", "катышкан", "катышат"),
        ("ал", "алын", "алынды", "алынат", "алыш", "алышты"),  # two-letter roots too
        # the question particle
        ("бар", "барбы"),
        ("керек", "керекпи"),
        ("кал", "калдыңызбы", "калышканбы"),
        # the equative case
        ("көз", "көздөй"),
        ("бир", "бирдей"),
        ("ал", "алгандай"),
        # a noun, its verb in -ла/-ле/-ло and the verbal noun
        ("баа", "баалоо", "баалады", "бааланган"),
        ("реформа", "реформалоо", "реформалайт"),
        ("долбоор", "долбоорлоо", "долбоорлонгон"),
        ("талкуу", "талкуулоо", "талкуулап", "талкууланды"),
        # the negative participle; a protected word is not cut into; бала's plural балдар
        ("бер", "бербестен", "бербес"),
        ("район", "району", "районунун"),
        ("бала", "балдар", "балдарга", "балдарыбыз"),
    ],
)
def test_kyrgyz_round_three_forms_share_a_stem(forms: tuple[str, ...]) -> None:
    assert len({kyrgyz.stem(f) for f in forms}) == 1, {f: kyrgyz.stem(f) for f in forms}


def test_kyrgyz_words_that_only_end_like_a_suffix_keep_their_own_stem() -> None:
    # nouns in -ыл/-ыш/-ын that look like a verb root + voice, and words a new rule would cut into another
    pairs = [("кабыл", "кап"), ("жумуш", "жума"), ("сунуш", "сун"), ("кызыл", "кыз"), ("жашыл", "жаша"),
             ("батыш", "бата"), ("согуш", "сок"), ("добуш", "доп"), ("айыл", "ай"), ("орун", "ор"),
             ("акыл", "ак"), ("үчүн", "үч"), ("узун", "уз"), ("маселе", "масса"), ("жагдай", "жак"),
             ("макала", "мак"), ("сүйлөө", "сүйүү"), ("баланс", "бала"), ("бал", "балдар")]  # fmt: skip
    for word, other in pairs:
        assert kyrgyz.stem(word) != kyrgyz.stem(other), (word, other, kyrgyz.stem(word))
    assert kyrgyz.stem("кабылдады") == kyrgyz.stem("кабыл")  # a protected noun still sheds its own suffixes


def test_kyrgyz_domain_words_are_not_cut_into_others() -> None:
    # bare nouns in -ыл/-ын/-ыш and loans in -ал/-он/-ан that the voice rules must leave alone
    words = "айыл ай кабыл кап сунуш сун жумуш жум кеңеш кең район рай жаран жар канал кан байланыш курулуш кур"
    stems = [kyrgyz.stem(w) for w in words.split()]
    assert len(set(stems)) == len(stems), dict(zip(words.split(), stems, strict=True))


def test_kyrgyz_stemmer_keeps_different_words_apart() -> None:
    stems = {kyrgyz.stem(w) for w in ("айыл", "ай", "суу", "шаар", "бюджет", "кеңеш", "мектеп", "жер")}
    assert len(stems) == 8


@pytest.mark.parametrize(
    "word",
    ["суу", "ата", "бала", "айыл", "айылды", "араба", "эне", "үйү", "ишти", "аймак", "орун", "ылдам",
     "өнүгүүсүнүн", "алдынкылардын", "кызматташтыгынын"],
)  # fmt: skip
def test_stems_are_never_shorter_than_the_minimum(word: str) -> None:
    stem = kyrgyz.stem(word)
    assert len(stem) >= kyrgyz.MIN_STEM or (
        len(stem) == 2 and stem[0] in kyrgyz.VOWELS and stem[1] not in kyrgyz.VOWELS  # ал, иш, өт
    )
    assert word.startswith(stem[:-1])  # a prefix, up to the final к/п normalisation


def test_short_words_and_bare_roots_are_kept() -> None:
    assert kyrgyz.stem("суу") == "суу"
    assert kyrgyz.stem("айыл") == "айыл"  # not ай + passive -ыл
    assert kyrgyz.stem("араба") == "арап"  # negation -ба never ends a word (only the final а goes, б → п)
    assert kyrgyz.stem("ал") == "ал"


def test_kyrgyz_stemmer_commutes_with_folding() -> None:
    words = "өнүгүү өнүгүүсүнүн кеңештин көчөлөрүндө үйлөрү төлөмдөр жүрүүдө мөөнөтү түзүлдү өкмөтү сүйлөдү"
    for word in words.split():
        assert fold(kyrgyz.stem(word)) == kyrgyz.stem(fold(word)), word


def test_kyrgyz_stop_words_are_dropped() -> None:
    assert terms(kyrgyz_analyzer(), "айыл жана шаар менен үчүн бул") == [kyrgyz.stem("айыл"), kyrgyz.stem("шаар")]


# --- folding -----------------------------------------------------------------------------------------


def test_fold_letters() -> None:
    assert fold("Өнүгүү КЕҢЕШ Ёлка") == "онугуу кенеш елка"


def test_folded_typing_gives_identical_terms() -> None:
    for analyzer in (kyrgyz_analyzer(), multilingual_analyzer()):
        assert terms(analyzer, "онугуу") == terms(analyzer, "өнүгүү")
        assert terms(analyzer, "кенеш") == terms(analyzer, "кеңеш")
        assert terms(analyzer, "журуу жергиликтуу") == terms(analyzer, "жүрүү жергиликтүү")
        assert terms(analyzer, "кочолордо") == terms(analyzer, "көчөлөрдө")


def test_latin_look_alikes_inside_cyrillic_words_become_cyrillic() -> None:
    latin_a = "a" + "йыл"  # Latin "a" + Cyrillic
    assert latin_a != "айыл"
    assert fold(latin_a) == "айыл"
    assert fold("Бишкeк") == "бишкек"  # Latin e
    assert fold("PAЙOH") == "район"  # Latin P, A, O, H in capitals
    assert terms(kyrgyz_analyzer(), latin_a + "дарда") == terms(kyrgyz_analyzer(), "айылдарда")
    assert terms(russian_analyzer(), "сeлo") == terms(russian_analyzer(), "село")


def test_fold_leaves_latin_words_latin() -> None:
    assert fold("Water supply") == "water supply"
    assert fold("С" + "all") == "call"  # a Latin word with a Cyrillic look-alike: made Latin
    assert fold("унциясынаUSD") == "унциясынаusd"  # glued words are left as they are


# --- transliteration ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("ayil okmotu", "айыл окмоту"),
        ("aiyl okmotu", "айыл окмоту"),
        ("Aiyl Ökmötü", "айыл өкмөтү"),
        ("jergiliktuu kenesh", "жергиликтуу кенеш"),
        ("kengesh", "кеңеш"),
        ("mestnoe samoupravlenie", "местное самоуправление"),
        ("vodosnabzhenie", "водоснабжение"),
        ("shkola", "школа"),
        ("chek", "чек"),
        ("kyrgyzstan", "кыргызстан"),
        ("tsentr", "центр"),
        ("khozyaystvo", "хозяйство"),
        ("byudjet", "бюджет"),
        ("yu ya yo", "ю я ё"),
        ("novyy", "новый"),
    ],
)
def test_transliteration(latin: str, cyrillic: str) -> None:
    assert to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize(
    ("analyzer", "latin", "text"),
    [
        (kyrgyz_analyzer, "ayil okmotu", "Айыл өкмөтү"),
        (kyrgyz_analyzer, "jergiliktuu kenesh", "жергиликтүү кеңеш"),
        (kyrgyz_analyzer, "aiyl okmotunun byudjeti", "айыл өкмөтүнүн бюджети"),
        (russian_analyzer, "mestnoe samoupravlenie", "Местное самоуправление"),
        (russian_analyzer, "munitsipalnogo byudjeta", "муниципального бюджета"),
        (multilingual_analyzer, "taza suu", "Таза суу"),
    ],
)
def test_transliterated_queries_meet_the_text(analyzer, latin: str, text: str) -> None:
    a = analyzer()
    assert terms(a, to_cyrillic(latin)) == terms(a, text)


def test_is_latin() -> None:
    assert is_latin("ayil okmotu")
    assert is_latin("Budget 2024")
    assert not is_latin("айыл")
    assert not is_latin("aйыл")  # mixed: fold it, do not transliterate it
    assert not is_latin("2024")


# --- analyzers ---------------------------------------------------------------------------------------


def test_english_stemming() -> None:
    en = english_analyzer()
    assert same_term(en, "budget", "budgets", "budgeting")
    assert terms(en, "the water of the villages") == ["water", "villag"]


def test_tokenizer_keeps_cyrillic_latin_and_numbers() -> None:
    assert terms(russian_analyzer(), "Бюджет 2024 года: GIZ-проект") == ["бюджет", "2024", "год", "giz", "проект"]


def test_multilingual_emits_both_cyrillic_stems_at_one_position() -> None:
    tokens = [(t.text, t.pos) for t in multilingual_analyzer()("айылдарда water", positions=True)]
    assert (kyrgyz.stem("айылдарда"), 0) in tokens
    assert ("water", 1) in tokens
    assert {pos for _, pos in tokens} == {0, 1}
    # one term when both stemmers agree
    assert terms(multilingual_analyzer(), "кеңеш") == ["кенеш"]


def test_multilingual_matches_both_languages() -> None:
    ml = multilingual_analyzer()
    assert set(terms(ml, "бюджетом")) & set(terms(ml, "бюджет"))
    assert set(terms(ml, "айылдарда")) & set(terms(ml, "айыл"))
    assert set(terms(ml, "онугуу")) & set(terms(ml, "өнүгүү"))


@pytest.mark.parametrize("name", sorted(ANALYZERS))
def test_analyzers_pickle(name: str) -> None:
    analyzer = ANALYZERS[name]()
    text = "Айыл өкмөтү жана кеңештин бюджеттери; муниципального бюджета; water supplies 2024"
    restored = pickle.loads(pickle.dumps(analyzer))
    assert terms(restored, text) == terms(analyzer, text)
    assert restored == analyzer


def test_analyzers_survive_a_whoosh_index(tmp_path) -> None:
    from whoosh import fields, index
    from whoosh.qparser import QueryParser

    schema = fields.Schema(
        id=fields.ID(stored=True),
        ky=fields.TEXT(analyzer=kyrgyz_analyzer()),
        ru=fields.TEXT(analyzer=russian_analyzer()),
        labels=fields.TEXT(analyzer=multilingual_analyzer(), multitoken_query="or"),
    )
    ix = index.create_in(tmp_path, schema)
    with ix.writer() as writer:
        writer.add_document(id="1", ky="Айыл өкмөтүнүн бюджети", ru="Бюджет сельского поселения",
                            labels="Бюджет Budget")  # fmt: skip
    ix = index.open_dir(tmp_path)  # the schema (with its analyzers) is unpickled here
    with ix.searcher() as searcher:
        for field, query in (("ky", "айыл окмоту"), ("ru", "бюджетом"), ("labels", "бюджетов"), ("labels", "budgets")):
            hits = searcher.search(QueryParser(field, ix.schema).parse(query))
            assert [hit["id"] for hit in hits] == ["1"], (field, query)


def test_transliteration_alternatives_read_ambiguous_letters_otherwise() -> None:
    assert to_cyrillic("otvetstvennost") == "отвецтвенност"  # the fixed mapping reads ts as ц
    assert "ответственност" in alternatives("otvetstvennost")
    assert "джалал-абад" in alternatives("Jalal-Abad")  # j: ж or дж
    assert "май" in alternatives("maj")  # j: й
    assert "көк-ой" in alternatives("ko'k-oy")  # Uzbek-style o'
    assert "тсентр" in alternatives("tsentr")  # the rest keeps its context: no word-initial э in the middle
    assert to_cyrillic("tsentr") not in alternatives("tsentr")
    assert len(alternatives("kyrgyzstan-kyrgyzstan", limit=5)) == 5
