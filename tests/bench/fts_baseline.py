"""SQLite FTS5 as the yardstick for the Whoosh search (used by ``bench_search.py``, not by the app).

Same documents as the Whoosh index (``app.search.documents.build_documents`` from the same database),
analysed in Python with *our* analyzers (``app.search.analysis`` via ``app.search.schema.ANALYZERS``:
folded + stop words + stemmed), stored as space-separated terms in an FTS5 table, so FTS5's own
tokenizer (``unicode61 remove_diacritics 0``) only splits on the spaces.

* columns ``title`` (bm25 weight 3, like ``TITLE_BOOST``), ``body`` (summary, body, files), ``labels``
  (taxonomy labels, multilingual analyzer), ``transcript`` (all cues of a lesson, one column — FTS5
  gives no cue times);
* a query word becomes ``("stem_ru" OR "stem_ky" OR "stem_en")`` — the distinct stems our three
  analyzers give it, as the Whoosh query ORs the per-language fields; words are ANDed; the last word
  of an as-you-type query also matches ``"folded"*`` (FTS5 prefix query); when nothing has all the
  words, the words are ORed (the Whoosh service's "best partial" fallback);
* ranking ``bm25(fts, 3, 1, 1, 1)``, top 20. Without filters: ``ORDER BY score LIMIT 20`` straight
  from MATCH. With filters (kind/topic/region): the matched rowids and scores go into a temp table and
  the filters delete from it (``rowid IN (…)`` beside MATCH makes FTS5 probe row by row: 5–10× slower);
* facet counts: SQL ``GROUP BY`` over the matched rowids (a MATERIALIZED CTE of the MATCH, or the temp
  table, joined with the document and facet tables) for kind, lang, year, topics, regions, target groups;
* snippets: **our snippet code** (``app.search.snippets.Matcher``, the very code the
  Whoosh path uses) on the original body text kept in a plain table — FTS5's ``snippet()`` would show
  stems, since the indexed text is pre-analysed. Prefix terms are expanded through an ``fts5vocab``
  table so they highlight too.

Not done here (the Whoosh path does them): "did you mean" lookups, transcript cue times.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

SCHEMA = """
CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, kind TEXT, lang TEXT, year TEXT,
                  sortdate INTEGER, title TEXT, body TEXT);
CREATE TABLE f_topics(rowid INTEGER, value TEXT);
CREATE TABLE f_regions(rowid INTEGER, value TEXT);
CREATE TABLE f_groups(rowid INTEGER, value TEXT);
CREATE VIRTUAL TABLE fts USING fts5(title, body, labels, transcript, tokenize="unicode61 remove_diacritics 0");
CREATE VIRTUAL TABLE fts_vocab USING fts5vocab(fts, 'row');
"""
INDEXES = """
CREATE INDEX ix_docs_kind ON docs(kind, rowid);
CREATE INDEX ix_topics ON f_topics(value, rowid);
CREATE INDEX ix_topics_row ON f_topics(rowid);
CREATE INDEX ix_regions ON f_regions(value, rowid);
CREATE INDEX ix_regions_row ON f_regions(rowid);
CREATE INDEX ix_groups_row ON f_groups(rowid);
"""
FACET_TABLES = (("topics", "f_topics"), ("regions", "f_regions"), ("target_groups", "f_groups"))


def _analyzers():
    from app.search.analysis import multilingual_analyzer
    from app.search.schema import ANALYZERS

    return {lang: make() for lang, make in ANALYZERS.items()}, multilingual_analyzer()


def _terms(analyzer, text: str) -> str:
    return " ".join(t.text for t in analyzer(text)) if text else ""


def build(library_dir: Path, target: Path) -> dict:
    """Build the FTS5 database from the library database; returns timings."""
    from sqlalchemy.orm import sessionmaker

    from app.db import engine as db_engine
    from app.paths import resolve
    from app.search.documents import build_documents, count_items

    t0 = time.perf_counter()
    paths = resolve(library_dir)
    engine = db_engine.make_engine(paths.database)
    sessions = sessionmaker(engine, expire_on_commit=False)
    by_lang, multi = _analyzers()
    target.unlink(missing_ok=True)
    con = sqlite3.connect(target)
    con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    n = 0
    docs_rows, fts_rows, facet_rows = [], [], {t: [] for _, t in FACET_TABLES}
    t_analysis = 0.0

    def flush() -> None:
        con.executemany("INSERT INTO docs VALUES (?,?,?,?,?,?,?,?)", docs_rows)
        con.executemany("INSERT INTO fts(rowid, title, body, labels, transcript) VALUES (?,?,?,?,?)", fts_rows)
        for table, rows in facet_rows.items():
            con.executemany(f"INSERT INTO {table} VALUES (?,?)", rows)
            rows.clear()
        docs_rows.clear()
        fts_rows.clear()

    with sessions() as session:
        total = count_items(session)
        for item, _texts in build_documents(session):
            n += 1
            lang = item["lang"]
            an = by_lang[lang]
            title, body = item.get(f"title_{lang}", ""), item.get(f"text_{lang}", "")
            ta = time.perf_counter()
            transcript = " ".join(_terms(by_lang[cl], item.get(f"transcript_{cl}", "")) for cl in by_lang)
            row = (n, _terms(an, title), _terms(an, body), _terms(multi, item.get("labels", "")), transcript.strip())
            t_analysis += time.perf_counter() - ta
            fts_rows.append(row)
            docs_rows.append((n, item["key"], item["kind"], lang, item.get("year", ""), item.get("sortdate", 0),
                              title, body))
            for field, table in FACET_TABLES:
                for value in filter(None, item.get(field, "").split(",")):
                    facet_rows[table].append((n, value))
            if len(fts_rows) >= 500:
                flush()
        flush()
    t_index = time.perf_counter()
    con.executescript(INDEXES)
    con.execute("INSERT INTO fts(fts) VALUES('optimize')")
    con.commit()
    con.close()
    engine.dispose()
    t1 = time.perf_counter()
    assert n == total
    return {"items": n, "seconds": t1 - t0, "analysis_seconds": t_analysis, "finish_seconds": t1 - t_index}


class FtsSearcher:
    def __init__(self, path: Path) -> None:
        self.con = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.con.executescript("PRAGMA temp_store=MEMORY; CREATE TEMP TABLE m(rowid INTEGER PRIMARY KEY, score REAL);")
        self.by_lang, self.multi = _analyzers()

    def close(self) -> None:
        self.con.close()

    # --- query text → FTS5 expression ---------------------------------------------------------

    def _word_alternatives(self, spellings: tuple[str, ...]) -> tuple[list[str], dict[str, set[str]]]:
        alts: list[str] = []
        terms: dict[str, set[str]] = {lang: set() for lang in self.by_lang}
        for spelling in spellings:
            for lang, an in self.by_lang.items():
                toks = [t.text for t in an(spelling)]
                if not toks:
                    continue
                terms[lang] |= set(toks)
                expr = '"' + toks[0] + '"' if len(toks) == 1 else "(" + " AND ".join(f'"{t}"' for t in toks) + ")"
                if expr not in alts:
                    alts.append(expr)
        return alts, terms

    def expression(self, text: str, *, as_you_type: bool) -> tuple[str | None, str | None, dict[str, set[str]], str]:
        """(all-words expression, any-word expression, terms per language for highlighting, prefix)."""
        from app.search import query as user_query
        from app.search.analysis import fold

        parsed = user_query.parse_text(text, as_you_type=as_you_type)
        parts: list[str] = []
        terms: dict[str, set[str]] = {lang: set() for lang in self.by_lang}
        prefix = ""
        for i, w in enumerate(parsed.words):
            alts, found = self._word_alternatives((w, *parsed.variants.get(w, ())))
            for lang in terms:
                terms[lang] |= found[lang]
            if i == len(parsed.words) - 1 and parsed.prefix == w:
                prefix = fold(w.lower()).replace('"', "")
                if len(prefix) >= user_query.MIN_PREFIX:
                    alts.append(f'"{prefix}"*')
            if alts:
                parts.append("(" + " OR ".join(alts) + ")")
        for phrase in parsed.phrases:  # not in the bench's query set; kept for completeness
            for lang, an in self.by_lang.items():
                toks = [t.text for t in an(phrase)]
                if toks:
                    parts.append('"' + " ".join(toks) + '"')
                    break
        if not parts:
            return None, None, terms, prefix
        return " AND ".join(parts), (" OR ".join(parts) if len(parts) > 1 else None), terms, prefix

    # --- searching ------------------------------------------------------------------------------

    @staticmethod
    def _filter(kind: str | None, topic: str | None, region: str | None) -> tuple[str, list]:
        sql, args = "", []
        if kind:
            sql += " AND rowid IN (SELECT rowid FROM docs WHERE kind = ?)"
            args.append(kind)
        if topic:
            sql += " AND rowid IN (SELECT rowid FROM f_topics WHERE value = ?)"
            args.append(topic)
        if region:
            sql += " AND rowid IN (SELECT rowid FROM f_regions WHERE value = ?)"
            args.append(region)
        return sql, args

    def search(self, text: str, *, kind: str | None = None, topic: str | None = None, region: str | None = None,
               limit: int = 20, as_you_type: bool = False, snippets: bool = True, facets: bool = True) -> dict:
        from app.search.snippets import Matcher, plain

        all_expr, any_expr, terms, prefix = self.expression(text, as_you_type=as_you_type)
        if all_expr is None:
            return {"total": 0, "hits": [], "facets": {}}
        con = self.con
        filtered = bool(kind or topic or region)
        if filtered:
            # a ``rowid IN (…)`` beside MATCH makes FTS5 probe row by row (measured: 5–10× slower), so the
            # matches go into a temp table first and the filters delete from it
            total = self._match(all_expr, kind, topic, region)
            if not total and any_expr:
                total = self._match(any_expr, kind, topic, region)
            top = con.execute("SELECT rowid, score FROM temp.m ORDER BY score LIMIT ?", [limit]).fetchall()
            source, args = "temp.m", []
        else:
            # no filter: rank straight from MATCH, count facets over a second MATCH (no bm25, no inserts)
            expr = all_expr
            top = self._top(expr, limit)
            if not top and any_expr:
                expr = any_expr
                top = self._top(expr, limit)
            source, args = "m", [expr]
            total = len(top)
        out_facets: dict[str, dict[str, int]] = {}
        if facets and top:
            sql = ("" if filtered else "WITH m AS MATERIALIZED (SELECT rowid FROM fts WHERE fts MATCH ?) ")
            sql += (f"SELECT 'kind', d.kind, count(*) FROM {source} JOIN docs d ON d.rowid = m.rowid GROUP BY 2 "
                    f"UNION ALL SELECT 'lang', d.lang, count(*) FROM {source} JOIN docs d ON d.rowid = m.rowid "
                    f"GROUP BY 2 UNION ALL SELECT 'year', d.year, count(*) FROM {source} JOIN docs d "
                    f"ON d.rowid = m.rowid GROUP BY 2 ")
            for field, table in FACET_TABLES:
                sql += (f"UNION ALL SELECT '{field}', t.value, count(*) FROM {source} JOIN {table} t "
                        f"ON t.rowid = m.rowid GROUP BY 2 ")
            for field, value, count in con.execute(sql, args):
                out_facets.setdefault(field, {})[value] = count
            total = sum(out_facets.get("kind", {}).values())
        elif top and not filtered:
            total = con.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", args).fetchone()[0]
        hits = []
        if top:
            rows = {r[0]: r[1:] for r in con.execute(
                f"SELECT rowid, id, kind, lang, title, body FROM docs WHERE rowid IN ({','.join('?' * len(top))})",
                [r[0] for r in top])}
            extra: set[str] = set()
            if snippets and prefix:
                extra = {t for (t,) in con.execute("SELECT term FROM fts_vocab WHERE term >= ? AND term < ? LIMIT 64",
                                                   [prefix, prefix + "\U0010ffff"])}
            for rowid, score in top:
                item_id, kind_, lang, title, body = rows[rowid]
                snippet = ""
                if snippets:
                    # the same snippet code as the Whoosh path (regex over the stored text)
                    snippet = Matcher.of(terms.get(lang, set()) | extra).snippet(body) or plain(body)
                hits.append({"id": item_id, "kind": kind_, "lang": lang, "title": title, "score": -score,
                             "snippet": snippet})
        return {"total": total, "hits": hits, "facets": out_facets}

    def _top(self, expr: str, limit: int) -> list[tuple[int, float]]:
        return self.con.execute("SELECT rowid, bm25(fts, 3.0, 1.0, 1.0, 1.0) AS score FROM fts WHERE fts MATCH ? "
                                "ORDER BY score LIMIT ?", [expr, limit]).fetchall()

    def _match(self, expr: str, kind: str | None, topic: str | None, region: str | None) -> int:
        con = self.con
        con.execute("DELETE FROM temp.m")
        con.execute("INSERT INTO temp.m SELECT rowid, bm25(fts, 3.0, 1.0, 1.0, 1.0) FROM fts WHERE fts MATCH ?",
                    [expr])
        for sql, value in (("DELETE FROM temp.m WHERE rowid NOT IN (SELECT rowid FROM docs WHERE kind = ?)", kind),
                           ("DELETE FROM temp.m WHERE rowid NOT IN (SELECT rowid FROM f_topics WHERE value = ?)", topic),
                           ("DELETE FROM temp.m WHERE rowid NOT IN (SELECT rowid FROM f_regions WHERE value = ?)",
                            region)):
            if value:
                con.execute(sql, [value])
        return con.execute("SELECT count(*) FROM temp.m").fetchone()[0]
