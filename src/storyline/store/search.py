"""Full-text search over article text and quotes: SQLite FTS5 or PostgreSQL tsvector, ranked, with snippets."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, TextualSelect, column, text

from .schema import SEARCH_TABLE

SNIPPET_WORDS = 16
HITS_PER_ARTICLE = 5  # a page of articles fetches this many hits per article, to fill it after grouping
# a term: an optional - (NOT), then a "quoted phrase" or a word with an optional * (word start)
_CURLY_QUOTES = str.maketrans({c: '"' for c in "“”„‟«»"})
_TERM = re.compile(r'(-?)(?:"([^"]+)"|(\w[\w\'’-]*)(\*?))', re.UNICODE)


def create_search(conn: Connection) -> None:
    """Create the search index for this connection's dialect."""
    if conn.dialect.name == "sqlite":
        conn.execute(text(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {SEARCH_TABLE} USING fts5("
            "title, body, article_id UNINDEXED, kind UNINDEXED, ref UNINDEXED, "
            "tokenize='porter unicode61 remove_diacritics 2')"))
        return
    conn.execute(text(
        f"CREATE TABLE IF NOT EXISTS {SEARCH_TABLE} (id BIGSERIAL PRIMARY KEY, article_id TEXT NOT NULL, "
        "kind TEXT NOT NULL, ref TEXT, title TEXT, body TEXT NOT NULL, "
        "tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce(title, '')), 'A') "
        "|| setweight(to_tsvector('english', body), 'B')) STORED)"))
    conn.execute(text(f"CREATE INDEX IF NOT EXISTS {SEARCH_TABLE}_tsv ON {SEARCH_TABLE} USING GIN (tsv)"))
    conn.execute(text(f"CREATE INDEX IF NOT EXISTS {SEARCH_TABLE}_article ON {SEARCH_TABLE} (article_id)"))


def index_rows(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Add search rows: ``{article_id, kind, ref, title, body}``."""
    if rows:
        conn.execute(text(f"INSERT INTO {SEARCH_TABLE} (article_id, kind, ref, title, body) "
                          "VALUES (:article_id, :kind, :ref, :title, :body)"), rows)


@dataclass(frozen=True)
class Term:
    """A word or "quoted phrase" of a search; ``prefix`` for a word start (Budap*), ``negated`` for -word."""

    text: str
    prefix: bool = False
    negated: bool = False


def parse_query(q: str) -> list[list[Term]]:
    """User text → alternatives (split at OR), each a list of terms that must all match (or, negated,
    must not). An alternative with only negated terms cannot be searched and is left out."""
    alternatives: list[list[Term]] = [[]]
    q = q.translate(_CURLY_QUOTES)  # “a phrase” typed with curly marks is a phrase too
    for minus, phrase, word, star in _TERM.findall(q):
        if word == "OR" and not minus and not star:
            alternatives.append([])
            continue
        term = (phrase or word).strip()
        if re.search(r"\w", term):  # punctuation alone ("...", "-") is no word to look for
            alternatives[-1].append(Term(term, bool(star) and not phrase, bool(minus)))
    return [terms for terms in alternatives if any(not term.negated for term in terms)]


def has_operators(q: str) -> bool:
    """Whether user text uses search syntax: a "phrase", Budap*, -word or OR."""
    alternatives = parse_query(q)
    return '"' in q or len(alternatives) > 1 or any(t.prefix or t.negated for terms in alternatives for t in terms)


def fts5_query(q: str) -> str:
    """User text → an FTS5 query of :func:`parse_query`'s meaning ("" when nothing can be searched)."""
    def term(t: Term) -> str:
        return f'"{t.text}"' + ("*" if t.prefix else "")

    def alternative(terms: list[Term]) -> str:
        query = "(" + " AND ".join(term(t) for t in terms if not t.negated) + ")"
        for t in terms:
            if t.negated:
                query = f"({query} NOT {term(t)})"
        return query

    return " OR ".join(alternative(terms) for terms in parse_query(q))


def tsquery(q: str) -> str:
    """User text → a PostgreSQL ``to_tsquery`` string of the same meaning as :func:`fts5_query`."""
    def lexeme(word: str, prefix: bool) -> str:
        return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'" + (":*" if prefix else "")

    def term(t: Term) -> str:
        words = t.text.split()
        phrase = " <-> ".join(lexeme(w, t.prefix and i == len(words) - 1) for i, w in enumerate(words))
        return f"!({phrase})" if t.negated else f"({phrase})"

    return " | ".join("(" + " & ".join(term(t) for t in terms) + ")" for terms in parse_query(q))


def _stance_quote(dialect: str) -> str:
    """SQL true for a search row that is a quote whose attribution is a stance (not words said)."""
    attribution = ("json_extract(q.data, '$.attribution')" if dialect == "sqlite"
                   else "(CAST(q.data AS json) ->> 'attribution')")
    return (f"EXISTS (SELECT 1 FROM quotes q WHERE s.kind = 'quote' AND q.article_id = s.article_id "
            f"AND CAST(q.position AS TEXT) = s.ref AND {attribution} = 'stance')")


def matching_quotes(dialect: str, q: str) -> TextualSelect | None:
    """(article_id, ref) of the quotes whose text or speaker matches user text as search reads it;
    None when the text has nothing to search for."""
    if dialect == "sqlite":
        where, query = f"{SEARCH_TABLE} MATCH :quote_q", fts5_query(q)
    else:
        where, query = "tsv @@ to_tsquery('english', :quote_q)", tsquery(q)
    if not query:
        return None
    sql = text(f"SELECT article_id, ref FROM {SEARCH_TABLE} WHERE {where} AND kind = 'quote'")
    return sql.bindparams(quote_q=query).columns(column("article_id"), column("ref"))


def search(conn: Connection, q: str, limit: int, offset: int) -> list[dict[str, Any]]:
    """Rank matches best first; each row: id, title, url, published, snippet (hits in [ ]), kind, score.
    Quotes are speech only: a stance (a belief, intention or finding) is no one's words."""
    speech = f"NOT {_stance_quote(conn.dialect.name)}"
    if conn.dialect.name == "sqlite":
        match = fts5_query(q)
        if not match:
            return []
        sql = text(
            f"SELECT s.article_id AS id, a.title, a.url, a.published, s.kind, s.ref, "
            f"snippet({SEARCH_TABLE}, 1, '[', ']', '…', {SNIPPET_WORDS}) AS snippet, "
            f"-bm25({SEARCH_TABLE}, 2.0, 1.0) AS score "
            f"FROM {SEARCH_TABLE} s JOIN articles a ON a.id = s.article_id "
            f"WHERE {SEARCH_TABLE} MATCH :q AND {speech} ORDER BY score DESC, s.article_id, s.kind, s.ref "
            "LIMIT :limit OFFSET :offset")
    else:
        match = tsquery(q)
        if not match:
            return []
        options = f'StartSel="[", StopSel="]", MaxWords={SNIPPET_WORDS * 2}, MinWords={SNIPPET_WORDS}'
        sql = text(
            "WITH hits AS (SELECT s.article_id, s.kind, s.ref, s.body, ts_rank(s.tsv, query) AS score, query "
            f"FROM {SEARCH_TABLE} s, to_tsquery('english', :q) query WHERE s.tsv @@ query AND {speech} "
            "ORDER BY score DESC, s.article_id, s.kind, s.ref LIMIT :limit OFFSET :offset) "
            "SELECT h.article_id AS id, a.title, a.url, a.published, h.kind, h.ref, h.score, "
            f"ts_headline('english', h.body, h.query, '{options}') AS snippet "
            "FROM hits h JOIN articles a ON a.id = h.article_id ORDER BY h.score DESC, h.article_id, h.kind, h.ref")
    rows = conn.execute(sql, {"q": match, "limit": limit, "offset": offset}).mappings()
    return [{"id": r["id"], "title": r["title"], "url": r["url"], "published": r["published"],
             "snippet": r["snippet"], "kind": r["kind"], "ref": r["ref"], "score": round(float(r["score"]), 6)}
            for r in rows]


def group_by_article(hits: list[dict[str, Any]], per_article: int = 3) -> list[dict[str, Any]]:
    """Search hits grouped by article, in the order of each article's best hit, so one article's many
    quotes do not push the other articles down. Each group: id, title, url, published (the day,
    YYYY-MM-DD), its first ``per_article`` hits, and ``more``: how many of its hits were left out."""
    groups: dict[str, dict[str, Any]] = {}
    for hit in hits:
        group = groups.setdefault(hit["id"], {
            "id": hit["id"], "title": hit["title"], "url": hit["url"],
            "published": (hit["published"] or "")[:10] or None, "hits": [], "more": 0})
        if len(group["hits"]) < per_article:
            group["hits"].append(hit)
        else:
            group["more"] += 1
    return list(groups.values())


def articles_page(search: Callable[..., list[dict[str, Any]]], q: str, limit: int,
                  offset: int = 0) -> tuple[list[dict[str, Any]], bool]:
    """The ``limit`` matching articles after the first ``offset``, their hits grouped as by
    :func:`group_by_article`, and whether more articles match; ``search`` is a store's ``search``."""
    grouped = group_by_article(search(q, limit=(offset + limit + 1) * HITS_PER_ARTICLE))
    return grouped[offset:offset + limit], len(grouped) > offset + limit
