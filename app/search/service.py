"""Running a search: filters, all-words-then-best-partial, facets, snippets, transcript times, "did you mean"."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from whoosh.highlight import ContextFragmenter, HtmlFormatter, highlight
from whoosh.query import And, Every, NullQuery, Term

from app.search import query as q
from app.search.analysis import fold
from app.search.index import SearchIndex
from app.search.schema import ANALYZERS, FACETS, cue_fields

SORTS = ("relevance", "date")


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    kind: str | None = None
    lang: str | None = None
    topic: str | None = None
    region: str | None = None  # matches the region and everything inside it
    target_group: str | None = None
    year: str | None = None
    sort: str = "relevance"
    limit: int = 20
    offset: int = 0
    snippets: bool = True
    facets: bool = True
    as_you_type: bool = True


@dataclass(frozen=True)
class SearchHit:
    id: str
    kind: str
    lang: str
    title: str
    score: float
    snippet: str = ""
    time: float | None = None  # a hit inside a video transcript: open the lesson here (seconds)


@dataclass(frozen=True)
class SearchResponse:
    query: str
    total: int
    hits: tuple[SearchHit, ...]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestion: str | None = None  # "did you mean"
    corrected: bool = False  # nothing matched the query, so the suggestion's results are shown
    partial: bool = False  # no item has all the words: the best partial matches are shown

    def to_dict(self) -> dict:
        return asdict(self)


# item id -> (title, text to cut snippets from); supplied by the library (the index stores no bodies)
TextSource = Callable[[list[str]], dict[str, tuple[str, str]]]


class Searcher:
    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self._facet_cache: tuple[object, dict[str, dict[str, frozenset[int]]]] | None = None

    def search(self, req: SearchRequest, texts: TextSource) -> SearchResponse:
        s = self.index.searcher()
        parsed = q.parse_text(req.text, as_you_type=req.as_you_type)
        if parsed.prefix and s.doc_frequency("spell", fold(parsed.prefix.lower())):
            # the last word is already a whole word of the library: completing it would only add noise
            parsed = dataclasses.replace(parsed, prefix=None)
        filt = self._filter(s, req, listing=not parsed.words and not parsed.phrases)
        partial = corrected = False
        suggestion = None
        if not parsed.words and not parsed.phrases:
            results = self._run(s, Every(), filt, req, sort="date")
        else:
            results = self._run(s, q.build(s.schema, parsed), filt, req)
            suggestion = self._suggest(s, parsed, texts)
            if results.is_empty() and suggestion:
                # as web search engines do: nothing for what was typed, but the correction has all words
                alt = self._run(s, q.build(s.schema, q.parse_text(suggestion, as_you_type=False)), filt, req)
                if not alt.is_empty():
                    results, corrected = alt, True
            if results.is_empty() and len(parsed.words) + len(parsed.phrases) > 1:
                results = self._run(s, q.build(s.schema, parsed, all_words=False), filt, req)
                partial = not results.is_empty()
        hits = self._hits(s, results, req, texts, parsed)
        facets = self._facets(s, results.docs()) if req.facets else {}
        return SearchResponse(query=req.text, total=len(results.docs()), hits=hits, facets=facets, suggestion=suggestion,
                              corrected=corrected, partial=partial)

    # --- pieces ------------------------------------------------------------------------------------

    def _filter(self, s, req: SearchRequest, *, listing: bool) -> set[int] | None:  # noqa: ANN001
        """The documents allowed by the filters, from the cached facet postings (no per-query index walk).

        Item queries only touch fields that cue documents lack, so without filters none is needed.
        """
        table = self._facet_postings(s)
        chosen: list[frozenset[int]] = []
        for fieldname, value in (("kind", req.kind), ("lang", req.lang), ("topics", req.topic),
                                 ("regions", req.region), ("target_groups", req.target_group), ("year", req.year)):
            if value:
                chosen.append(table[fieldname].get(value, frozenset()))
        if listing:  # Every() would also match cue documents
            chosen.append(table["doctype"].get("item", frozenset()))
        if not chosen:
            return None
        chosen.sort(key=len)
        allowed = set(chosen[0])
        for other in chosen[1:]:
            allowed &= other
        return allowed

    @staticmethod
    def _run(s, query, filt, req: SearchRequest, sort: str | None = None):  # noqa: ANN001, ANN205
        if query is NullQuery:
            query = Every()
        sort = sort or req.sort
        kwargs = {"sortedby": "sortdate", "reverse": True} if sort == "date" else {}
        return s.search(query, filter=filt, limit=req.offset + req.limit, terms=True, **kwargs)

    def _hits(self, s, results, req: SearchRequest, texts: TextSource,  # noqa: ANN001
              parsed: q.ParsedText) -> tuple[SearchHit, ...]:
        listing = not parsed.words and not parsed.phrases
        page = results[req.offset:req.offset + req.limit]  # not list(results): len() re-runs the query
        ids = [h["owner"] for h in page]
        sources = texts(ids) if ids else {}
        out = []
        for hit in page:
            item_id, lang = hit["owner"], hit["lang"]
            matched = hit.matched_terms() if results.has_matched_terms() else []
            by_field: dict[str, set[str]] = {}
            for fieldname, term in matched:
                by_field.setdefault(fieldname, set()).add(term.decode("utf-8") if isinstance(term, bytes) else term)
            title, body = sources.get(item_id, ("", ""))
            time = None
            snippet = ""
            transcript_fields = [f for f in by_field if f.startswith("transcript_")]
            text_terms = by_field.get(f"text_{lang}", set()) | by_field.get(f"title_{lang}", set())
            for word in by_field.get("spell", ()):  # a prefix match names a whole word: highlight its stem
                text_terms |= {t.text for t in _analyzers.get(lang, _analyzers["en"])(word)}
            if transcript_fields and not by_field.get(f"text_{lang}"):
                time, cue_text, cue_lang = self._cue(s, parsed, item_id)
                if req.snippets and cue_text:
                    snippet = _highlight(cue_text, by_field.get(f"transcript_{cue_lang}", set()), cue_lang) or \
                        _escape(cue_text)
            elif req.snippets and text_terms:
                snippet = _highlight(body, text_terms, lang)
            if req.snippets and not snippet:
                snippet = _escape(body[:200].strip()) + ("…" if len(body) > 200 else "")
            score = 0.0 if listing else round(float(hit.score or 0.0), 4)  # a sorted listing has no relevance
            out.append(SearchHit(id=item_id, kind=hit["kind"], lang=lang, title=title or item_id,
                                 score=score, snippet=snippet, time=time))
        return tuple(out)

    @staticmethod
    def _cue(s, parsed: q.ParsedText, item_id: str) -> tuple[float | None, str, str]:  # noqa: ANN001
        """The best-matching cue of a lesson: where to open the video."""
        cue_query = q.build(s.schema, parsed, fields=cue_fields())
        if cue_query is NullQuery:
            return None, "", ""
        found = s.search(And([cue_query, Term("owner", item_id)]), limit=1)
        if found.is_empty():
            found = s.search(And([q.build(s.schema, parsed, all_words=False, fields=cue_fields()),
                                  Term("owner", item_id)]), limit=1)
        if found.is_empty():
            return None, "", ""
        doc = s.reader().stored_fields(found[0].docnum)
        return float(doc.get("time") or 0.0), doc.get("cue_text", ""), doc.get("cue_lang", "")

    def _facet_postings(self, s) -> dict[str, dict[str, frozenset[int]]]:  # noqa: ANN001
        if self._facet_cache is not None and self._facet_cache[0] is s:
            return self._facet_cache[1]
        table: dict[str, dict[str, frozenset[int]]] = {}
        reader = s.reader()
        for fieldname in (*FACETS, "doctype"):
            values: dict[str, frozenset[int]] = {}
            for term in reader.lexicon(fieldname):
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                values[text] = frozenset(s.postings(fieldname, text).all_ids())
            table[fieldname] = values
        self._facet_cache = (s, table)
        return table

    def _facets(self, s, docs) -> dict[str, dict[str, int]]:  # noqa: ANN001
        docset = docs if isinstance(docs, (set, frozenset)) else set(docs)
        out: dict[str, dict[str, int]] = {}
        for fieldname, values in self._facet_postings(s).items():
            if fieldname not in FACETS:
                continue
            counts = {v: len(docset & ids) for v, ids in values.items()}
            out[fieldname] = {v: c for v, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if c}
        return out

    @staticmethod
    def _surface(s, folded: str, texts: TextSource) -> str:  # noqa: ANN001
        """The word as written in the library (with ө/ү/ң/ё), for a suggestion found among folded words."""
        found = s.search(Term("spell", folded), limit=1)
        if found.is_empty():
            return folded
        title, body = texts([found[0]["owner"]]).get(found[0]["owner"], ("", ""))
        for word in re.findall(r"\w+", title + " " + body):
            if len(word) == len(folded) and fold(word.lower()) == folded:
                return word.lower()
        return folded

    @classmethod
    def _suggest(cls, s, parsed: q.ParsedText, texts: TextSource) -> str | None:  # noqa: ANN001
        """A respelling of the query from the index vocabulary, or None when every word is known.

        A word is known when it occurs as written (folded) or when it matches through stemming
        ("библиотеками" is fine though only "библиотека" is written). The word still being typed is
        left alone while it is the start of some word.
        """
        changed = False
        words = []
        for w in parsed.words:
            folded = fold(w.lower())
            forms = [folded] + [fold(v) for v in parsed.variants.get(w, ())]
            if (len(folded) < 4 or folded.isdigit() or q.is_operator_or_stop(w)
                    or any(s.doc_frequency("spell", f) for f in forms)
                    or cls._matches(s, w, parsed, prefix=w == parsed.prefix)):
                words.append(w)
                continue
            best = None
            for form in forms:
                found = s.suggest("spell", form, limit=1, maxdist=2 if len(form) >= 6 else 1)
                if found:
                    best = found[0]
                    break
            if best and best != folded:
                words.append(cls._surface(s, best, texts))
                changed = True
            else:
                words.append(w)
        if not changed:
            return None
        return " ".join(words + [f'"{p}"' for p in parsed.phrases])

    @staticmethod
    def _matches(s, word: str, parsed: q.ParsedText, *, prefix: bool) -> bool:  # noqa: ANN001
        """The word finds something through stemming (or, while still being typed, as a prefix)."""
        query = q.word_query(s.schema, word, parsed.variants.get(word, ()), prefix=prefix, fields=q.text_fields())
        return query is not None and not s.search(query, limit=1).is_empty()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_fragmenter = ContextFragmenter(maxchars=220, surround=60)
_fragmenter.charlimit = None  # highlight beyond the first 32 KB of long documents too
class _BoldFormatter(HtmlFormatter):
    """Matches as plain ``<b>…</b>`` (no classes): the GUI and the CLI both understand that."""

    def format_token(self, text, token, replace=False):  # noqa: ANN001, ANN201, FBT002
        return "<b>" + _escape(token.text if replace else text[token.startchar:token.endchar]) + "</b>"


_formatter = _BoldFormatter(between=" … ")
_analyzers = {lang: make() for lang, make in ANALYZERS.items()}


WINDOW_BEFORE, WINDOW_AFTER, MAX_WINDOWS = 90, 180, 2
_QUICK_FOLD = str.maketrans({"ё": "е", "ө": "о", "ү": "у", "ң": "н"})


_LAST_LETTER = {"к": "[кг]", "п": "[пб]", "й": "[йю]"}


def _stem_pattern(stem: str) -> str:
    """A stem as found in running text: ь/ъ may sit between its letters (terms drop them), and a Kyrgyz
    stem's final к/п/й is г/б/ю before a vowel in the text (аймак ← аймагы)."""
    letters = [re.escape(c) for c in stem]
    if letters and stem[-1] in _LAST_LETTER:
        letters[-1] = _LAST_LETTER[stem[-1]]
    return "[ьъ]?".join(letters)


def _windows(text: str, terms: set[str]) -> str:
    """Cut the text down to the neighbourhoods of the first matches before highlighting.

    Highlighting re-analyses (and stems) the text it is given; doing that for a whole document costs
    tens of milliseconds. Stems are, after folding, prefixes of the words they come from, so a plain
    search of the folded text finds where the matches are, and only those windows are analysed.
    """
    if len(text) <= WINDOW_BEFORE + WINDOW_AFTER:
        return text
    folded = text.lower().translate(_QUICK_FOLD)  # 1:1 letters, in C: positions stay valid
    if len(folded) != len(text):  # a rare letter changed length when lowercased: play safe
        return text
    stems = sorted({fold(t) for t in terms if t}, key=len, reverse=True)
    if not stems:
        return text[:WINDOW_BEFORE + WINDOW_AFTER]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(_stem_pattern(t) for t in stems) + ")")
    spans: list[list[int]] = []
    for m in pattern.finditer(folded):
        start, end = max(0, m.start() - WINDOW_BEFORE), min(len(text), m.start() + WINDOW_AFTER)
        if spans and start <= spans[-1][1]:
            spans[-1][1] = end
        else:
            if len(spans) == MAX_WINDOWS:
                break
            spans.append([start, end])
    if not spans:
        return text[:WINDOW_BEFORE + WINDOW_AFTER]
    return " … ".join(text[a:b] for a, b in spans)


def _highlight(text: str, terms: set[str], lang: str) -> str:
    if not text or not terms:
        return ""
    analyzer = _analyzers.get(lang) or _analyzers["en"]
    return highlight(_windows(text, terms), terms, analyzer, _fragmenter, _formatter, top=2)
