"""Queries over the store, one object per kind of thing a user asks for (articles, quotes, events,
entities, stories), each over a :class:`~storyline.store.database.Database`."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import islice
from typing import Any

from sqlalchemy import ColumnElement, Connection, String, and_, cast, false, func, or_, select, true, tuple_

from ..model import Analysis, Article, Story, from_dict
from . import schema as t
from .database import Database
from .names import key_matches, matches, name_key, role_matches
from .rows import date_range
from .search import has_operators, matching_quotes
from .search import search as _search

_WORD = re.compile(r"\w+")


def _named(kind: str, name: str, article_id, position, names_column,
           role_holders: list[tuple[str, str]]) -> ColumnElement[bool]:
    """Rows of a quote or event whose speaker or participant goes by ``name``: by any name of their
    entity in the article or across articles, without accents, by surname (see names.py), every
    row of the article's entity that one of its names or descriptions ("the US president") matches,
    and every row of ``role_holders``, the (article, entity) pairs whose role the name is."""
    en, m = t.entity_names.c, t.entity_members.c

    def name_matches(row) -> ColumnElement[bool] | None:
        def same_in_article():
            other = t.name_index.alias().c
            return and_(other.kind == row.kind, other.article_id == row.article_id, other.position == row.position,
                        other.entity_id.is_not_distinct_from(row.entity_id)), other.name

        return matches(row.name, name, same_in_article)

    n = t.name_index.c
    in_article = name_matches(n)
    if in_article is None:  # no letters or digits to match: the plain substring, as typed
        return names_column.icontains(name, autoescape=True)
    matched = t.name_index.alias("matched").c
    entity_in_article = select(matched.article_id, matched.entity_id).where(
        matched.kind == kind, matched.entity_id.is_not(None), name_matches(matched))
    across = select(m.article_id, m.member_id).where(m.entity_id.in_(
        select(en.entity_id).where(matches(en.name, name, _other_names_of_entity))))
    speaker = tuple_(n.article_id, n.entity_id)
    named = select(n.article_id, n.position).where(
        n.kind == kind, or_(in_article, speaker.in_(entity_in_article), speaker.in_(across),
                            speaker.in_(role_holders)))
    return tuple_(article_id, position).in_(named)


def _other_names_of_entity() -> tuple[ColumnElement[bool], Any]:
    """The other names of a cross-document entity row (for :func:`names.matches`)."""
    other = t.entity_names.alias("other").c
    return other.entity_id == t.entity_names.c.entity_id, other.name


def article_summary(row: Any) -> dict:
    """The columns every list of articles shows."""
    return {"id": row.id, "title": row.title, "url": row.url, "path": row.path, "published": row.published,
            "publisher": row.publisher, "duplicate_of": row.duplicate_of}


def with_article(conn: Connection, rows: list[Any]) -> list[dict]:
    ids = sorted({r.article_id for r in rows})
    meta = {m.id: m for m in conn.execute(
        select(t.articles.c.id, t.articles.c.title, t.articles.c.url, t.articles.c.published)
        .where(t.articles.c.id.in_(ids)))} if ids else {}
    out = []
    for r in rows:
        item = json.loads(r.data)
        m = meta.get(r.article_id)
        item.update(article_id=r.article_id, position=r.position, title=m.title if m else None,
                    url=m.url if m else None, published=m.published if m else None)
        if hasattr(r, "speaker"):
            item["speaker_name"] = r.speaker
        out.append(item)
    return out


def role_holders(conn: Connection, name: str) -> list[tuple[str, str]]:
    """(article id, article entity id) of every entity with a role ``name`` names ("spokesperson",
    "the Secretary of State"), in its article or as a cross-document entity."""
    words = _WORD.findall(name)
    if not words:
        return []
    rare = max(words, key=len)  # narrows the rows read; role_matches decides
    a, c, m = t.article_entities.c, t.entities.c, t.entity_members.c
    in_articles = ((r.article_id, json.loads(r.data)) for r in conn.execute(
        select(a.article_id, a.data).where(a.data.icontains(rare, autoescape=True))))
    holders = [(article, data.get("id")) for article, data in in_articles
               if role_matches(data.get("roles"), name)]
    linked = [data["id"] for data in map(json.loads, conn.execute(
        select(c.data).where(c.data.icontains(rare, autoescape=True))).scalars())
        if role_matches(data.get("roles"), name)]
    for i in range(0, len(linked), 500):
        holders += [tuple(r) for r in conn.execute(select(m.article_id, m.member_id)
                                                   .where(m.entity_id.in_(linked[i:i + 500])))]
    return [(article, entity) for article, entity in holders if entity]


def has_cross_doc_entities(conn: Connection) -> bool:
    """Whether the stories stage has linked entities across articles."""
    return conn.execute(select(t.entities.c.id).limit(1)).first() is not None


def aggregate(conn: Connection, name: str, type: str, mentions: int | None) -> dict:
    c = t.article_entities.c
    rows = conn.execute(select(c.article_id, c.data).where(c.name == name, c.type == type)
                        .order_by(c.article_id, c.position)).all()
    aliases: list[str] = []
    roles: list[str] = []
    for row in rows:
        data = json.loads(row.data)
        aliases += [x for x in data.get("aliases") or [] if x not in aliases and x != name]
        roles += [x for x in data.get("roles") or [] if x not in roles]
    article_ids = sorted({r.article_id for r in rows})
    return {"id": f"{type}:{name}", "name": name, "type": type, "aliases": aliases, "roles": roles,
            "article_ids": article_ids, "mentions": int(mentions or 0)}


class ArticleQueries:
    """Articles: ids, count, one article or its analysis, lists, copies and full-text search."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def ids(self) -> list[str]:
        with self.db.reading() as conn:
            return list(conn.execute(select(t.articles.c.id).order_by(t.articles.c.id)).scalars())

    def count(self) -> int:
        with self.db.reading() as conn:
            return conn.execute(select(func.count()).select_from(t.articles)).scalar() or 0

    def get(self, id: str) -> Article | None:
        with self.db.reading() as conn:
            data = conn.execute(select(t.articles.c.article).where(t.articles.c.id == id)).scalar()
        return from_dict(Article, json.loads(data)) if data else None

    def analysis(self, id: str) -> Analysis | None:
        with self.db.reading() as conn:
            row = conn.execute(select(t.articles.c.article, t.articles.c.analysis, t.articles.c.text)
                               .where(t.articles.c.id == id)).first()
        if row is None or row.analysis is None:
            return None
        data = json.loads(row.analysis)
        data.setdefault("text", row.text)
        analysis = from_dict(Analysis, data)
        analysis.article = from_dict(Article, json.loads(row.article))
        return analysis

    def newest(self, limit: int = 50, offset: int = 0) -> list[dict]:
        """Articles, newest first: id, title, url, path, published, publisher, duplicate_of."""
        a = t.articles.c
        query = (select(a.id, a.title, a.url, a.path, a.published, a.publisher, a.duplicate_of)
                 .order_by(a.published.desc().nulls_last(), a.id).limit(limit).offset(offset))
        with self.db.reading() as conn:
            return [article_summary(r) for r in conn.execute(query)]

    def duplicates_of(self, article_id: str) -> list[dict]:
        """Articles marked as duplicates of this one: id, title, url, score, differences."""
        a = t.articles.c
        query = (select(a.id, a.title, a.url, a.published, a.duplicate_score, a.duplicate_differences)
                 .where(a.duplicate_of == article_id).order_by(a.id))
        with self.db.reading() as conn:
            return [{"id": r.id, "title": r.title, "url": r.url, "published": r.published,
                     "score": r.duplicate_score,
                     "differences": json.loads(r.duplicate_differences) if r.duplicate_differences else {}}
                    for r in conn.execute(query)]

    def search(self, q: str, limit: int = 20, offset: int = 0) -> list[dict]:
        """Full-text search over article text and quotes, best first, snippets with hits in [ ]."""
        with self.db.reading() as conn:
            return _search(conn, q, limit, offset)


class QuoteQueries:
    """Stored quotes by speaker (any name, alias or role) and by what they are about."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def find(self, speaker: str | None = None, about: str | None = None, limit: int = 50,
               offset: int = 0, *, speech_only: bool = False) -> list[dict]:
        """Stored quotes (the Quote fields plus article_id, title, url, published), filtered;
        ``speech_only`` leaves out beliefs and intentions (attribution "stance")."""
        q = t.quotes.c
        query = select(t.quotes)
        if speech_only:  # stores written before attribution existed hold speech only
            query = query.where(func.coalesce(self.db.json_field(q.data, "attribution"), "speech") == "speech")
        with self.db.reading() as conn:
            if speaker:
                query = query.where(_named("quote", speaker, q.article_id, q.position, q.speaker,
                                           role_holders(conn, speaker)))
            if about:
                query = query.where(self._about(about))
            query = query.order_by(q.article_id, q.position).limit(limit).offset(offset)
            return with_article(conn, list(conn.execute(query)))

    def _about(self, about: str) -> ColumnElement[bool]:
        """Quotes whose words or speaker match ``about`` as ``search`` reads it (Budap*, OR, -word,
        "a phrase"); plain words also match inside longer ones, as typed."""
        q = t.quotes.c
        hits = matching_quotes(self.db.dialect, about)
        found = false() if hits is None else tuple_(q.article_id, cast(q.position, String)).in_(hits)
        if has_operators(about):
            return found
        return or_(found, q.text.icontains(about, autoescape=True), q.speaker.icontains(about, autoescape=True))


class EventQueries:
    """Stored events by participant, type and date range."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def find(self, entity: str | None = None, type: str | None = None, date_from: str | None = None,
               date_to: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        """Stored events in date order (undated last), filtered by participant, type and date range."""
        e = t.events.c
        query = select(e.article_id, e.position, e.data)
        if type:
            query = query.where(func.lower(e.type) == type.lower())
        # an event matches when the days its date covers overlap the range (a month, a year, a day)
        if date_from:
            query = query.where(e.date_end >= date_range(date_from)[0])
        if date_to:
            query = query.where(e.date_start <= date_range(date_to)[1])
        with self.db.reading() as conn:
            if entity:
                query = query.where(_named("event", entity, e.article_id, e.position, e.participants,
                                           role_holders(conn, entity)))
            query = query.order_by(e.date.asc().nulls_last(), e.article_id, e.position).limit(limit).offset(offset)
            return with_article(conn, list(conn.execute(query)))


class EntityQueries:
    """Entities: linked across articles once the stories stage ran, else aggregated by name."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def find(self, type: str | None = None, name: str | None = None, limit: int = 50,
                 offset: int = 0) -> list[dict]:
        """Cross-document entities when the stories stage built them, else per-name aggregates."""
        with self.db.reading() as conn:
            if has_cross_doc_entities(conn):
                c = t.entities.c
                query = select(c.data)
                if type:
                    query = query.where(c.type == type.upper())
                if name:
                    query = query.where(self._linked_named(conn, name))
                query = query.order_by(c.articles.desc(), c.name, c.id).limit(limit).offset(offset)
                return [json.loads(d) for d in conn.execute(query).scalars()]
            return list(self._aggregate_entities(conn, type, name, limit, offset))

    def get(self, id: str) -> dict | None:
        with self.db.reading() as conn:
            data = conn.execute(select(t.entities.c.data).where(t.entities.c.id == id)).scalar()
            if data:
                return json.loads(data)
            type, _, name = id.partition(":")
            c = t.article_entities.c
            mentions = conn.execute(select(func.sum(c.mentions)).where(c.name == name, c.type == type)).scalar()
            return aggregate(conn, name, type, mentions) if mentions is not None else None

    def _linked_named(self, conn: Connection, name: str) -> ColumnElement[bool]:
        """Cross-document entities going by ``name`` as ``--speaker`` finds them (names.py) or with it as a role."""
        c, en = t.entities.c, t.entity_names.c

        by_name = matches(en.name, name, _other_names_of_entity)
        if by_name is None:  # no letters or digits to match: the plain substring, as typed
            return c.name.icontains(name, autoescape=True)
        words = _WORD.findall(name)
        if not words:  # letters only after normalising ("™"): no role to look for
            return c.id.in_(select(en.entity_id).where(by_name))
        by_role = [data["id"] for data in map(json.loads, conn.execute(
            select(c.data).where(c.data.icontains(max(words, key=len), autoescape=True))).scalars())
            if role_matches(data.get("roles"), name)]
        return or_(c.id.in_(select(en.entity_id).where(by_name)), c.id.in_(by_role))

    def _aggregate_entities(self, conn: Connection, type: str | None, name: str | None, limit: int,
                            offset: int) -> Iterator[dict]:
        c = t.article_entities.c
        articles = func.count(func.distinct(c.article_id)).label("articles")
        query = select(c.name, c.type, articles, func.sum(c.mentions).label("mentions")).group_by(c.name, c.type)
        if type:
            query = query.where(c.type == type.upper())
        query = query.order_by(articles.desc(), func.sum(c.mentions).desc(), c.name, c.type)
        if not name:
            for group in conn.execute(query.limit(limit).offset(offset)):
                yield aggregate(conn, group.name, group.type, group.mentions)
            return
        # names, aliases and roles are matched as by --speaker, in memory: these entities have no name keys
        names: dict[tuple[str, str], list[str]] = {}
        roles: dict[tuple[str, str], list[str]] = {}
        for row in conn.execute(select(c.name, c.type, c.data).where(c.type == type.upper() if type else true())):
            data = json.loads(row.data)
            names.setdefault((row.name, row.type), [row.name]).extend(data.get("aliases") or [])
            roles.setdefault((row.name, row.type), []).extend(data.get("roles") or [])
        known = {word for group in names.values() for n in group for word in name_key(n).split()}
        found = (g for g in conn.execute(query).all() if key_matches(names[(g.name, g.type)], name, known)
                 or role_matches(roles[(g.name, g.type)], name))
        for group in islice(found, offset, offset + limit):
            yield aggregate(conn, group.name, group.type, group.mentions)


class StoryQueries:
    """Stories with their timelines, in rank order."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def ranked(self, limit: int = 50, offset: int = 0) -> list[Story]:
        query = select(t.stories.c.data).order_by(t.stories.c.position, t.stories.c.id).limit(limit).offset(offset)
        with self.db.reading() as conn:
            return [from_dict(Story, json.loads(d)) for d in conn.execute(query).scalars()]

    def get(self, id: str) -> Story | None:
        with self.db.reading() as conn:
            data = conn.execute(select(t.stories.c.data).where(t.stories.c.id == id)).scalar()
        return from_dict(Story, json.loads(data)) if data else None


def export_rows(db: Database, what: str) -> Iterator[dict[str, Any]]:
    """The rows the query commands print with ``--json``, the whole table in a stable order."""
    with db.reading() as conn:
        if what == "articles":
            for r in conn.execute(select(t.articles).order_by(t.articles.c.id)):
                article = json.loads(r.article)
                yield {**article_summary(r), "authors": article.get("authors") or [],
                       "language": r.language, "content_hash": r.content_hash, "text": r.text}
        elif what in ("quotes", "events"):
            table = t.quotes if what == "quotes" else t.events
            columns = [table.c.article_id, table.c.position, table.c.data]
            if what == "quotes":
                columns.append(table.c.speaker)
            rows = conn.execute(select(*columns).order_by(table.c.article_id, table.c.position))
            while chunk := rows.fetchmany(500):
                yield from with_article(conn, chunk)
        elif has_cross_doc_entities(conn):
            for data in conn.execute(select(t.entities.c.data).order_by(t.entities.c.id)).scalars():
                yield json.loads(data)
        else:
            c = t.article_entities.c
            groups = conn.execute(select(c.name, c.type, func.sum(c.mentions).label("mentions"))
                                  .group_by(c.name, c.type).order_by(c.type, c.name)).all()
            for g in groups:
                yield aggregate(conn, g.name, g.type, g.mentions)
