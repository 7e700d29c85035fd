"""Full-text search over article text and quotes: SQLite FTS5 or PostgreSQL tsvector, ranked, with snippets."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, text

from .schema import SEARCH_TABLE

SNIPPET_WORDS = 16
_TERM = re.compile(r'"([^"]+)"|([\w][\w\'’-]*)(\*?)', re.UNICODE)


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


def _terms(q: str) -> list[tuple[str, bool]]:
    """The words and "quoted phrases" of user text, each with whether it is a word start ("Budap*")."""
    terms = []
    for phrase, word, star in _TERM.findall(q):
        term = (phrase or word).replace('"', " ").strip()
        if term:
            terms.append((term, bool(star) and not phrase))
    return terms


def fts5_query(q: str) -> str:
    """User text → an FTS5 query: every word (or "quoted phrase") must match, a word ending in * matches
    the words it starts; other operators are not parsed."""
    return " ".join(f'"{term}"' + ("*" if prefix else "") for term, prefix in _terms(q))


def prefix_tsquery(q: str) -> str | None:
    """User text with a word start ("Budap*") → a PostgreSQL ``to_tsquery`` string of the same meaning as
    :func:`fts5_query`; None without one (``websearch_to_tsquery`` reads such text, but has no prefixes)."""
    terms = _terms(q)
    if not any(prefix for _, prefix in terms):
        return None

    def lexeme(word: str, prefix: bool) -> str:
        return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'" + (":*" if prefix else "")

    phrases = []
    for term, prefix in terms:
        words = term.split()
        phrases.append(" <-> ".join(lexeme(w, prefix and i == len(words) - 1) for i, w in enumerate(words)))
    return " & ".join(f"({phrase})" for phrase in phrases)


def search(conn: Connection, q: str, limit: int, offset: int) -> list[dict[str, Any]]:
    """Rank matches best first; each row: id, title, url, published, snippet (hits in [ ]), kind, score."""
    if conn.dialect.name == "sqlite":
        match = fts5_query(q)
        if not match:
            return []
        sql = text(
            f"SELECT s.article_id AS id, a.title, a.url, a.published, s.kind, s.ref, "
            f"snippet({SEARCH_TABLE}, 1, '[', ']', '…', {SNIPPET_WORDS}) AS snippet, "
            f"-bm25({SEARCH_TABLE}, 2.0, 1.0) AS score "
            f"FROM {SEARCH_TABLE} s JOIN articles a ON a.id = s.article_id "
            f"WHERE {SEARCH_TABLE} MATCH :q ORDER BY score DESC, s.article_id, s.kind, s.ref "
            "LIMIT :limit OFFSET :offset")
        rows = conn.execute(sql, {"q": match, "limit": limit, "offset": offset}).mappings()
    else:
        if not q.strip():
            return []
        prefixed = prefix_tsquery(q)
        parser = "websearch_to_tsquery" if prefixed is None else "to_tsquery"
        options = f'StartSel="[", StopSel="]", MaxWords={SNIPPET_WORDS * 2}, MinWords={SNIPPET_WORDS}'
        sql = text(
            "WITH hits AS (SELECT s.article_id, s.kind, s.ref, s.body, ts_rank(s.tsv, query) AS score, query "
            f"FROM {SEARCH_TABLE} s, {parser}('english', :q) query WHERE s.tsv @@ query "
            "ORDER BY score DESC, s.article_id, s.kind, s.ref LIMIT :limit OFFSET :offset) "
            "SELECT h.article_id AS id, a.title, a.url, a.published, h.kind, h.ref, h.score, "
            f"ts_headline('english', h.body, h.query, '{options}') AS snippet "
            "FROM hits h JOIN articles a ON a.id = h.article_id ORDER BY h.score DESC, h.article_id, h.kind, h.ref")
        rows = conn.execute(sql, {"q": prefixed or q, "limit": limit, "offset": offset}).mappings()
    return [{"id": r["id"], "title": r["title"], "url": r["url"], "published": r["published"],
             "snippet": r["snippet"], "kind": r["kind"], "ref": r["ref"], "score": round(float(r["score"]), 6)}
            for r in rows]
