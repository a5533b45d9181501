"""A deterministic benchmark corpus for the search: up to 50,000 items and their query set.

Run on demand through ``tests/bench/bench_search.py``; this module only generates.

Vocabulary and sentences come from ``../shared/corpus`` (``ky/*.txt`` Kyrgyz news, ``ru/*.txt``
Russian municipal documents and news), read in place at run time: **nothing of those texts is ever
written into the repository** — only into the benchmark's work folder (``/tmp`` by default). Without
that folder a small synthetic vocabulary written here is used instead, and a message says so (figures
from it are not comparable: its vocabulary is tiny).

Items are :class:`app.incoming.ItemRecord` values as an import produces them:

* body ≈300 words cut from 2–3 runs of consecutive corpus sentences (of the item's language), as
  Markdown paragraphs; title = the first sentence (cut to 14 words); summary = another sentence;
* lang ky 45 % / ru 52 % / en 3 % (English is synthetic: the corpus has none);
* kind practice 40 % / document 30 % / lesson 20 % / event 10 %;
* 1–3 topics (skewed: some topics are much commoner), a region from the sample taxonomy (any level,
  90 % of items), 0–2 target groups, a year 2012–2025, event dates;
* 40 % of lessons carry a transcript of 15–40 cues (one corpus sentence each, 3–8 s apart) in the
  item's language, a third of those also in the other language. Cues normally come from subtitle
  files; the bench inserts ``app.db.models.Cue`` rows directly (:func:`cue_rows`).

Queries (``make_queries``), ≥200 per class, all asking for top-20 snippets and facet counts:

* ``words`` — 1–3 words: single frequent words, single rare words, and 2–3 words taken from one
  corpus sentence (so an all-words match exists), typed lowercase, submitted (``as_you_type=False``);
* ``prefix`` — a word of ≥7 letters cut to 3–6 letters, ``as_you_type=True``;
* ``facet`` — 1–2 frequent words plus one filter: kind, topic or region (an oblast or a district).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.authoring.taxonomy import load as load_taxonomy
from app.incoming import ItemRecord, TaxonomyEntry


def _corpus_folder() -> Path:
    """``shared/corpus`` beside the repository or any folder above it (a worktree sits deeper), or
    ``$KITEPKANA_CORPUS``."""
    if os.environ.get("KITEPKANA_CORPUS"):
        return Path(os.environ["KITEPKANA_CORPUS"])
    for parent in Path(__file__).resolve().parents[2:]:
        if (parent / "shared" / "corpus").is_dir():
            return parent / "shared" / "corpus"
    return Path(__file__).resolve().parents[3] / "shared" / "corpus"


CORPUS = _corpus_folder()
SAMPLE = ROOT / "resources" / "sample"

KINDS = (("practice", 0.40), ("document", 0.30), ("lesson", 0.20), ("event", 0.10))
LANGS = (("ky", 0.45), ("ru", 0.52), ("en", 0.03))
BODY_WORDS = 300
CUE_SHARE = 0.40  # of lessons
_WORD = re.compile(r"[^\W\d_]+")
# sentence ends: . ! ? (also the pre-tokenised " . " of RuREBus) followed by space, or a line break
_SENT_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=[«\"(\w])|\n+")
_MD_SPECIAL = str.maketrans({"*": " ", "_": " ", "#": " ", "`": " ", "<": " ", ">": " ", "[": "(", "]": ")",
                             "|": " ", "\\": " "})


# --- the source texts ----------------------------------------------------------------------------

@dataclass
class Source:
    """Sentences per document and word counts, per language."""

    docs: dict[str, list[list[str]]]  # lang -> documents -> sentences
    counts: dict[str, Counter]  # lang -> lowercase word -> corpus frequency
    synthetic: bool
    note: str

    def sentences(self, lang: str) -> list[str]:
        return [s for doc in self.docs[lang] for s in doc]


def _split_sentences(text: str) -> list[str]:
    out = []
    for raw in _SENT_SPLIT.split(text):
        s = " ".join(raw.translate(_MD_SPECIAL).split())
        n = len(_WORD.findall(s))
        if 4 <= n <= 60 and not s.lower().startswith("документ предоставлен"):
            out.append(s)
    return out


def load_source(corpus: Path | None = CORPUS) -> Source:
    """Sentences of ``../shared/corpus`` (read in place), or the synthetic fallback when it is absent."""
    docs: dict[str, list[list[str]]] = {}
    if corpus is not None and (corpus / "ky").is_dir() and (corpus / "ru").is_dir():
        for lang in ("ky", "ru"):
            docs[lang] = []
            for path in sorted((corpus / lang).glob("*.txt")):
                sentences = _split_sentences(path.read_text(encoding="utf-8"))
                if sentences:
                    docs[lang].append(sentences)
        if all(docs.get(lang) for lang in ("ky", "ru")):
            docs["en"] = _synthetic_docs("en", random.Random(7))
            n = {lang: sum(len(d) for d in docs[lang]) for lang in docs}
            note = (f"vocabulary from {corpus} (read in place, not copied): "
                    f"ky {len(docs['ky'])} texts/{n['ky']} sentences, ru {len(docs['ru'])} texts/{n['ru']} "
                    f"sentences; en synthetic")
            return Source(docs, _count(docs), synthetic=False, note=note)
    rnd = random.Random(7)
    docs = {lang: _synthetic_docs(lang, rnd) for lang in ("ky", "ru", "en")}
    note = (f"WARNING: {corpus} not found — using the small SYNTHETIC vocabulary of tests/bench/corpus.py; "
            "figures are not comparable with runs on the real corpus")
    return Source(docs, _count(docs), synthetic=True, note=note)


def _count(docs: dict[str, list[list[str]]]) -> dict[str, Counter]:
    counts = {}
    for lang, texts in docs.items():
        c: Counter = Counter()
        for doc in texts:
            for s in doc:
                c.update(w.lower() for w in _WORD.findall(s))
        counts[lang] = c
    return counts


# A small vocabulary written for the fallback (and for English, which the shared corpus lacks).
_SYNTHETIC = {
    "ky": """айыл өкмөтү жергиликтүү кеңеш депутат бюджет катышуу суу сугат түтүк жайыт мектеп бала бакча аял
        жаштар китепкана тургундар жыйын долбоор акча каражат салык жер ижара жол көпүрө оору кана ден соолук
        дыйкан малчы түшүм үрөн багбанчылык таштанды тазалоо жарык көчө аймак район облус шаар кызмат
        мамлекеттик программа отчет ачыктык угуу сунуш чечим токтом мыйзам укук маданият спорт эс алуу
        ишкер бизнес эмгек жумуш орун окутуу тренинг семинар курс видео сабак комитет коомдук уюм
        донор грант демилге жетишкендик тажрыйба натыйжа көйгөй чечүү пландоо өнүктүрүү жамаат""",
    "ru": """айыл окмоту местный кенеш депутат бюджет участие вода орошение водопровод пастбище школа детский
        сад женщины молодёжь библиотека жители собрание проект средства налог земля аренда дорога мост
        здоровье фермер животновод урожай семена сад отходы уборка освещение улица территория район
        область город услуга государственный программа отчёт прозрачность слушания предложение решение
        постановление закон право культура спорт отдых предприниматель бизнес труд занятость обучение
        тренинг семинар курс видео урок комитет общественный организация донор грант инициатива
        достижение опыт результат проблема планирование развитие сообщество муниципальный""",
    "en": """village council local deputy budget participatory water irrigation pipeline pasture school
        kindergarten women youth library residents meeting project funds tax land lease road bridge health
        farmer herder harvest seeds orchard waste cleaning lighting street territory district region city
        service public programme report transparency hearing proposal decision resolution law rights
        culture sports leisure entrepreneur business labour employment training seminar course video lesson
        committee community organisation donor grant initiative achievement experience result problem
        planning development municipal government""",
}


def _synthetic_docs(lang: str, rnd: random.Random) -> list[list[str]]:
    words = _SYNTHETIC[lang].split()
    docs = []
    for _ in range(40):
        doc = []
        for _ in range(30):
            s = " ".join(rnd.choice(words) for _ in range(rnd.randint(6, 16)))
            doc.append(s[0].upper() + s[1:] + ".")
        docs.append(doc)
    return docs


# --- taxonomy ----------------------------------------------------------------------------------

@dataclass
class Taxonomy:
    topics: list[TaxonomyEntry]
    target_groups: list[TaxonomyEntry]
    regions: list[TaxonomyEntry]


def load_sample_taxonomy(sample: Path = SAMPLE) -> Taxonomy:
    problems: list = []
    topics, groups, regions = load_taxonomy(sample, problems)
    if problems:
        raise SystemExit(f"sample taxonomy has problems: {problems[:3]}")
    return Taxonomy(topics, groups, regions)


# --- items -------------------------------------------------------------------------------------

def _pick(rnd: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    x, acc = rnd.random(), 0.0
    for value, share in table:
        acc += share
        if x < acc:
            return value
    return table[-1][0]


def _body(rnd: random.Random, docs: list[list[str]]) -> list[str]:
    """≈300 words: 2–3 runs of consecutive sentences from different source texts."""
    sentences: list[str] = []
    words = 0
    runs = rnd.randint(2, 3)
    for r in range(runs):
        doc = docs[rnd.randrange(len(docs))]
        i = rnd.randrange(len(doc))
        goal = BODY_WORDS * (r + 1) // runs
        while words < goal:
            s = doc[i % len(doc)]
            sentences.append(s)
            words += len(s.split())
            i += 1
            if i % len(doc) == 0:  # wrapped: continue in another text
                doc = docs[rnd.randrange(len(docs))]
    return sentences


def _markdown(rnd: random.Random, sentences: list[str]) -> str:
    paras, i = [], 0
    while i < len(sentences):
        k = rnd.randint(2, 4)
        paras.append(" ".join(sentences[i:i + k]))
        i += k
    if len(paras) > 2 and rnd.random() < 0.3:
        paras.insert(1, "## " + " ".join(sentences[0].split()[:4]))
    return "\n\n".join(paras) + "\n"


def _title(sentence: str) -> str:
    words = sentence.split()
    title = " ".join(words[:14]).rstrip(" .,;:")
    return title[:1].upper() + title[1:]


@dataclass
class Generated:
    record: ItemRecord
    cues: list[tuple[str, float, float, str]]  # (lang, start, end, text) — lessons only


def generate_items(n: int, source: Source, taxonomy: Taxonomy, *, seed: int = 20260) -> Iterator[Generated]:
    """``n`` items, the same for the same (n-independent) seed: item k does not depend on n."""
    topic_ids = [t.id for t in taxonomy.topics]
    topic_weights = [1.0 / (1 + i) ** 0.8 for i in range(len(topic_ids))]  # a few topics dominate
    group_ids = [g.id for g in taxonomy.target_groups]
    regions = [r for r in taxonomy.regions]
    region_weights = [{"city": 3.0, "oblast": 1.0, "district": 2.0, "aimak": 2.0}.get(r.type or "", 1.0)
                      for r in regions]
    for k in range(n):
        rnd = random.Random(f"{seed}:{k}")
        lang = _pick(rnd, LANGS)
        kind = _pick(rnd, KINDS)
        docs = source.docs[lang]
        sentences = _body(rnd, docs)
        title = _title(sentences[0])
        summary_doc = docs[rnd.randrange(len(docs))]
        summary = summary_doc[rnd.randrange(len(summary_doc))]
        topics = tuple(sorted(set(rnd.choices(topic_ids, topic_weights, k=rnd.randint(1, 3)))))
        region = rnd.choices(regions, region_weights)[0].id if rnd.random() < 0.9 else None
        groups = tuple(sorted(set(rnd.sample(group_ids, rnd.randint(0, 2)))))
        year = rnd.randint(2012, 2025)
        extra: dict = {}
        cues: list[tuple[str, float, float, str]] = []
        if kind == "lesson":
            extra = {"duration": 0.0, "course": f"course-{rnd.randint(1, 40)}", "course_order": rnd.randint(1, 12)}
            if rnd.random() < CUE_SHARE:
                cue_langs = [lang] + ([{"ky": "ru", "ru": "ky"}[lang]] if lang != "en" and rnd.random() < 1 / 3
                                      else [])
                for cue_lang in cue_langs:
                    cdocs = source.docs[cue_lang]
                    doc = cdocs[rnd.randrange(len(cdocs))]
                    i, t = rnd.randrange(len(doc)), 0.0
                    for _ in range(rnd.randint(15, 40)):
                        step = rnd.uniform(3, 8)
                        cues.append((cue_lang, round(t, 2), round(t + step, 2), doc[i % len(doc)]))
                        t += step
                        i += 1
                extra["duration"] = round(max(c[2] for c in cues), 2)
        elif kind == "event":
            day = dt.date(year, 1, 1) + dt.timedelta(days=rnd.randrange(365))
            extra = {"starts": f"{day.isoformat()}T10:00:00", "ends": f"{day.isoformat()}T13:00:00",
                     "format": rnd.choice(("online", "offline", "hybrid")), "location": ""}
        record = ItemRecord(
            id=f"{kind}-{lang}-{k:06d}", kind=kind, lang=lang, title=title, summary=summary,
            body_md=_markdown(rnd, sentences), topics=topics, region=region, target_groups=groups, year=year,
            organisation="", **extra)
        yield Generated(record, cues)


# --- queries -------------------------------------------------------------------------------------

def _stop_words() -> frozenset[str]:
    from app.search.analysis import ENGLISH_STOP_WORDS, KYRGYZ_STOP_WORDS, RUSSIAN_STOP_WORDS

    return frozenset(KYRGYZ_STOP_WORDS | RUSSIAN_STOP_WORDS | ENGLISH_STOP_WORDS)


def _content_words(sentence: str, stops: frozenset[str]) -> list[str]:
    from app.search.analysis import fold

    return [w.lower() for w in _WORD.findall(sentence) if len(w) >= 4 and fold(w.lower()) not in stops]


def make_queries(source: Source, taxonomy: Taxonomy, *, per_class: int = 200, seed: int = 4242) -> list[dict]:
    """Query dicts: ``cls``, ``text``, ``as_you_type`` and optional ``kind``/``topic``/``region`` filters."""
    from app.search.analysis import fold

    rnd = random.Random(seed)
    stops = _stop_words()
    vocab: dict[str, tuple[list[str], list[str], list[str]]] = {}
    for lang, counts in source.counts.items():
        content = [(w, c) for w, c in counts.most_common() if len(w) >= 4 and fold(w) not in stops]
        frequent = [w for w, _ in content[:1500]]
        rare = [w for w, c in content if c <= 2 and len(w) >= 5] or frequent
        long_words = [w for w, _ in content[:4000] if len(w) >= 7] or frequent
        vocab[lang] = (frequent, rare, long_words)
    sentences = {lang: source.sentences(lang) for lang in source.docs}
    langs = (("ky", 0.47), ("ru", 0.47), ("en", 0.06))
    out: list[dict] = []

    for i in range(per_class):  # 1–3 words
        lang = _pick(rnd, langs)
        frequent, rare, _ = vocab[lang]
        shape = i % 4
        if shape == 0:
            text = rnd.choice(frequent)
        elif shape == 1:
            text = rnd.choice(rare)
        else:
            words: list[str] = []
            while len(words) < shape:  # 2 or 3 words of one sentence
                words = _content_words(rnd.choice(sentences[lang]), stops)
            picked = sorted(rnd.sample(range(len(words)), shape))
            text = " ".join(words[j] for j in picked)
        out.append({"cls": "words", "text": text, "as_you_type": False})

    for _ in range(per_class):  # as-you-type prefixes
        lang = _pick(rnd, langs)
        word = rnd.choice(vocab[lang][2])
        out.append({"cls": "prefix", "text": word[:rnd.randint(3, min(6, len(word) - 1))], "as_you_type": True})

    oblasts = [r.id for r in taxonomy.regions if r.type in ("oblast", "city")]
    districts = [r.id for r in taxonomy.regions if r.type == "district"]
    topic_ids = [t.id for t in taxonomy.topics]
    for i in range(per_class):  # words + a filter
        lang = _pick(rnd, langs)
        frequent = vocab[lang][0][:600]
        text = " ".join(rnd.sample(frequent, rnd.randint(1, 2)))
        q: dict = {"cls": "facet", "text": text, "as_you_type": False}
        which = i % 3
        if which == 0:
            q["kind"] = _pick(rnd, KINDS)
        elif which == 1:
            q["topic"] = rnd.choice(topic_ids)
        else:
            q["region"] = rnd.choice(oblasts if rnd.random() < 0.6 else districts)
        out.append(q)
    return out


# --- filling a library ---------------------------------------------------------------------------

def fill_library(lib, n: int, source: Source, taxonomy: Taxonomy, *, batch: int = 1000,
                 progress=None) -> dict:
    """Write ``n`` generated items into ``lib`` (an open :class:`app.library.Library`) as an import does.

    The search index is *not* updated here: the benchmark builds it with ``lib.reindex()``.
    Transcript cues are inserted as ``Cue`` rows directly (no subtitle files are made).
    """
    from app.content import bump_content_version, upsert_items, upsert_taxonomy
    from app.db import models as m

    with lib._write() as s:
        upsert_taxonomy(s, topics=taxonomy.topics, target_groups=taxonomy.target_groups, regions=taxonomy.regions)
        bump_content_version(s)
    cues = lessons_with_cues = 0
    gen = generate_items(n, source, taxonomy)
    done = 0
    while done < n:
        chunk = [next(gen) for _ in range(min(batch, n - done))]
        with lib._write() as s:
            upsert_items(s, [g.record for g in chunk], media=lib.media, origin="bench")
            for g in chunk:
                if g.cues:
                    lessons_with_cues += 1
                    cues += len(g.cues)
                    s.add_all(m.Cue(item_id=g.record.id, lang=lang, start=start, end=end, text=text)
                              for lang, start, end, text in g.cues)
            bump_content_version(s)
        done += len(chunk)
        if progress:
            progress(done, n)
    return {"items": n, "lessons_with_cues": lessons_with_cues, "cues": cues}
