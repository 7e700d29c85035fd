"""The corpus store: a :class:`~storyline.store.database.Database` that stores analysed articles and
answers the query commands through the query objects of :mod:`storyline.store.queries`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Literal

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError

from ..model import Analysis, Article, Story, to_dict
from . import export as _export
from . import schema as t
from .database import Database, engine_url
from .errors import translated
from .queries import ArticleQueries, EntityQueries, EventQueries, QuoteQueries, StoryQueries, export_rows
from .rows import analysis_rows, article_id, article_row, content_hash, dumps, entity_name_rows
from .search import index_rows

__all__ = ["AddResult", "Store", "engine_url"]


@dataclass
class AddResult:
    article_id: str
    status: Literal["stored", "duplicate"]


class Store(Database):
    """The corpus store. A path opens SQLite (WAL); a ``postgresql://`` URL opens PostgreSQL.

    ``Store(path)`` opens an existing store and refuses anything else; ``Store.create(path)`` also makes
    a new one where nothing is yet.

    Writes are methods of the store; each query method hands over to the query object that owns it
    (``store.article_queries``, ``quote_queries``, ``event_queries``, ``entity_queries``, ``story_queries``).
    """

    def __init__(self, url: str | Path = "storyline.db", *, busy_timeout: float = 5.0, read_only: bool = False,
                 busy_retries: Sequence[float] = (), create: bool = False) -> None:
        super().__init__(url, busy_timeout=busy_timeout, read_only=read_only, busy_retries=busy_retries,
                         create=create)
        self.article_queries = ArticleQueries(self)
        self.quote_queries = QuoteQueries(self)
        self.event_queries = EventQueries(self)
        self.entity_queries = EntityQueries(self)
        self.story_queries = StoryQueries(self)

    # ------------------------------------------------------------------ writing

    def add(self, article: Article, analysis: Analysis | None = None) -> AddResult:
        """Store one article with its analysis; the same content twice is stored once."""
        return self.add_many([(article, analysis)])[0]

    def add_many(self, items: Iterable[tuple[Article, Analysis | None]]) -> list[AddResult]:
        """Store several articles in one transaction (all or none are committed)."""
        items = list(items)
        attempts_left = 3
        while True:
            try:
                with translated(), self.writing() as conn:
                    return [self._add(conn, article, analysis) for article, analysis in items]
            except IntegrityError:
                # another writer stored the same content meanwhile: the retry sees it as a duplicate
                attempts_left -= 1
                if not attempts_left:
                    raise

    def _add(self, conn: Connection, article: Article, analysis: Analysis | None) -> AddResult:
        digest = content_hash(article)
        existing = conn.execute(select(t.articles.c.id).where(t.articles.c.content_hash == digest)).scalar()
        if existing:
            return AddResult(existing, "duplicate")
        aid = article_id(digest)
        conn.execute(t.articles.insert().values(**article_row(aid, digest, article, analysis)))
        rows = analysis_rows(aid, article, analysis)
        for name in ("quotes", "events", "article_entities", "name_index"):
            if rows[name]:
                conn.execute(getattr(t, name).insert(), rows[name])
        index_rows(conn, rows["search"])
        return AddResult(aid, "stored")

    def known(self, digests: Iterable[str]) -> set[str]:
        """Which of these content hashes are already stored (lets an ingest skip work it has done)."""
        wanted = list(digests)
        found: set[str] = set()
        with self.reading() as conn:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                found.update(conn.execute(select(t.articles.c.content_hash)
                                          .where(t.articles.c.content_hash.in_(chunk))).scalars())
        return found

    def known_hashes(self) -> set[str]:
        """Every stored content hash."""
        with self.reading() as conn:
            return set(conn.execute(select(t.articles.c.content_hash)).scalars())

    def mark_duplicate(self, article_id: str, of_id: str, score: float, differences: dict) -> None:
        with translated(), self.writing() as conn:
            conn.execute(t.articles.update().where(t.articles.c.id == article_id).values(
                duplicate_of=of_id, duplicate_score=score, duplicate_differences=dumps(differences)))

    def save_entities(self, rows: list[dict], *, replace: bool = False) -> None:
        """Upsert cross-document entities (id, name, type, aliases, roles, article_ids, members, evidence)."""
        with translated(), self.writing() as conn:
            keyed_by_entity = ((t.entities, t.entities.c.id), (t.entity_names, t.entity_names.c.entity_id),
                                (t.entity_members, t.entity_members.c.entity_id))
            ids = [r["id"] for r in rows]
            for table, entity_id in keyed_by_entity:
                if replace:
                    conn.execute(table.delete())
                    continue
                for i in range(0, len(ids), 500):
                    conn.execute(table.delete().where(entity_id.in_(ids[i:i + 500])))
            if rows:
                conn.execute(t.entities.insert(), [
                    {"id": r["id"], "name": r["name"], "type": r.get("type"),
                     "articles": len(r.get("article_ids") or []), "data": dumps(to_dict(r))} for r in rows])
            names, members = [], []
            for row in rows:
                row_names, row_members = entity_name_rows(row)
                names += row_names
                members += row_members
            if names:
                conn.execute(t.entity_names.insert(), names)
            if members:
                conn.execute(t.entity_members.insert(), members)

    def save_stories(self, stories: list[Story], *, replace: bool = False) -> None:
        """Upsert stories by id, keeping the given order as their rank."""
        with translated(), self.writing() as conn:
            if replace:
                conn.execute(t.stories.delete())
            ids = [s.id for s in stories]
            for i in range(0, len(ids), 500):
                conn.execute(t.stories.delete().where(t.stories.c.id.in_(ids[i:i + 500])))
            if stories:
                conn.execute(t.stories.insert(), [
                    {"id": s.id, "position": n, "title": s.title, "data": dumps(to_dict(s))}
                    for n, s in enumerate(stories)])

    def unlinked_ids(self) -> list[str]:
        """Articles the stories stage has not processed yet (e.g. after an interrupted ingest)."""
        with self.reading() as conn:
            return list(conn.execute(select(t.articles.c.id).where(t.articles.c.linked == 0)
                                     .order_by(t.articles.c.id)).scalars())

    def mark_linked(self, ids: list[str]) -> None:
        with translated(), self.writing() as conn:
            for i in range(0, len(ids), 500):
                conn.execute(t.articles.update().where(t.articles.c.id.in_(ids[i:i + 500])).values(linked=1))

    # ------------------------------------------------------------------ reading

    def article_ids(self) -> list[str]:
        return self.article_queries.ids()

    def count(self) -> int:
        return self.article_queries.count()

    def get_article(self, id: str) -> Article | None:
        return self.article_queries.get(id)

    def get_analysis(self, id: str) -> Analysis | None:
        return self.article_queries.analysis(id)

    def articles(self, limit: int = 50, offset: int = 0) -> list[dict]:
        """Articles, newest first: id, title, url, path, published, publisher, duplicate_of."""
        return self.article_queries.newest(limit, offset)

    def search(self, q: str, limit: int = 20, offset: int = 0) -> list[dict]:
        """Full-text search over article text and quotes, best first, snippets with hits in [ ]."""
        return self.article_queries.search(q, limit, offset)

    def duplicates_of(self, article_id: str) -> list[dict]:
        """Articles marked as duplicates of this one: id, title, url, score, differences."""
        return self.article_queries.duplicates_of(article_id)

    def quotes(self, speaker: str | None = None, about: str | None = None, limit: int = 50,
               offset: int = 0, *, speech_only: bool = False) -> list[dict]:
        """Stored quotes (the Quote fields plus article_id, title, url, published), filtered;
        ``speech_only`` leaves out beliefs and intentions (attribution "stance")."""
        return self.quote_queries.find(speaker, about, limit, offset, speech_only=speech_only)

    def events(self, entity: str | None = None, type: str | None = None, date_from: str | None = None,
               date_to: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        """Stored events in date order (undated last), filtered by participant, type and date range."""
        return self.event_queries.find(entity, type, date_from, date_to, limit, offset)

    def entities(self, type: str | None = None, name: str | None = None, limit: int = 50,
                 offset: int = 0) -> list[dict]:
        """Cross-document entities when the stories stage built them, else per-name aggregates."""
        return self.entity_queries.find(type, name, limit, offset)

    def entity(self, id: str) -> dict | None:
        return self.entity_queries.get(id)

    def stories(self, limit: int = 50, offset: int = 0) -> list[Story]:
        return self.story_queries.ranked(limit, offset)

    def story(self, id: str) -> Story | None:
        return self.story_queries.get(id)

    # ------------------------------------------------------------------ export

    def export(self, fmt: str, what: str, out: str | Path | IO, limit: int | None = None) -> int:
        """Write one table (or its first ``limit`` rows) as jsonl, csv or parquet to a path or stream."""
        _export.check(fmt, what)
        return _export.write(islice(export_rows(self, what), limit), fmt, what, out)
