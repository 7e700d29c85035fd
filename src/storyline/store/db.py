"""The corpus store: articles, analyses, quotes, events, entities and stories in SQLite or PostgreSQL."""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any, Literal
from urllib.parse import quote

from sqlalchemy import (
    JSON,
    ColumnElement,
    Connection,
    Engine,
    String,
    and_,
    cast,
    create_engine,
    event,
    false,
    func,
    or_,
    select,
    true,
    tuple_,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import StaticPool

from ..model import Analysis, Article, Story, from_dict, to_dict
from . import export as _export
from . import schema as t
from .errors import StoreBusy, StoreError, translated
from .names import key_matches, matches, name_key, role_matches
from .rows import analysis_rows, article_id, article_row, content_hash, date_range, dumps, entity_name_rows
from .search import create_search, has_operators, index_rows, matching_quotes
from .search import search as _search

log = logging.getLogger(__name__)
_WORD = re.compile(r"\w+")


@dataclass
class AddResult:
    article_id: str
    status: Literal["stored", "duplicate"]


def engine_url(url: str | Path) -> str:
    """A path → a SQLite URL; ``postgresql://`` / ``postgres://`` → the psycopg (v3) driver."""
    url = str(url)
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    if "://" in url:
        return url
    return "sqlite://" if url == ":memory:" else f"sqlite:///{url}"


def _sqlite_engine(url: str, busy_timeout: float, read_only: bool) -> Engine:
    kwargs: dict[str, Any] = {"connect_args": {"timeout": busy_timeout, "check_same_thread": False}}
    if url == "sqlite://":
        kwargs["poolclass"] = StaticPool
    elif read_only:
        path = url[len("sqlite:///"):]
        kwargs["creator"] = lambda: _connect_read_only(path, busy_timeout)
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cursor = dbapi_conn.cursor()
        if not read_only:  # setting the journal mode writes to the file
            _set_wal(cursor, busy_timeout)
            cursor.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: committed data survives a process kill
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        # Writers take the lock up front so two writers queue instead of failing half-way.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

    return engine


def _set_wal(cursor: sqlite3.Cursor, busy_timeout: float) -> None:
    """Switch to WAL, waiting up to ``busy_timeout`` seconds for another writer: SQLite fails this at
    once instead of waiting as it does for other statements."""
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _connect_read_only(path: str, busy_timeout: float) -> sqlite3.Connection:
    """A read-only SQLite connection that never writes the file, even where nothing may be written."""
    uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        if "unable to open" not in str(exc):
            conn.close()
            raise
        # A WAL store in a read-only folder without its -shm file: nobody can be writing it, so it
        # can be read as immutable.
        conn.close()
        conn = sqlite3.connect(uri + "&immutable=1", uri=True, timeout=busy_timeout, check_same_thread=False)
    return conn


def _first_line(exc: Exception) -> str:
    """The driver's own message, without SQLAlchemy's statement and help link."""
    message = str(getattr(exc, "orig", None) or exc).strip()
    return message.splitlines()[0] if message else type(exc).__name__


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


class Store:
    """The corpus store. A path opens SQLite (WAL); a ``postgresql://`` URL opens PostgreSQL.

    ``read_only`` opens it for queries only: nothing is written (no journal-mode change; only a store
    from an older Storyline is migrated first), so it opens in a read-only folder and while another
    process holds a write lock. ``busy_retries`` are the seconds to wait before each new try when the
    database is busy while the schema is checked, created or migrated; ``open_retries`` counts them.
    """

    def __init__(self, url: str | Path = "storyline.db", *, busy_timeout: float = 5.0, read_only: bool = False,
                 busy_retries: Sequence[float] = ()) -> None:
        self.url = str(url)
        self.read_only = read_only
        self.busy_timeout = busy_timeout
        self.open_retries = 0
        full = engine_url(url)
        try:
            if full.startswith("sqlite"):
                if full != "sqlite://" and not read_only:
                    Path(full[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
                self.engine = _sqlite_engine(full, busy_timeout, read_only)
            else:
                options = {"postgresql_readonly": True} if read_only else {}
                self.engine = create_engine(full, pool_pre_ping=True, connect_args={"connect_timeout": 10},
                                            execution_options=options)
            self.dialect = self.engine.dialect.name
            self.schema_version = self._open_schema(busy_retries)
        except StoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - any driver failure becomes one clear message
            raise StoreError(f"cannot open store {self.url}: {_first_line(exc)}") from exc

    def _open_schema(self, busy_retries: Sequence[float]) -> int:
        """Check the schema version, creating or migrating it when needed, waiting while the database is busy."""
        waits = iter(busy_retries)
        while True:
            try:
                return self._check_schema(busy_retries)
            except StoreBusy as exc:
                wait = next(waits, None)
                if wait is None:
                    if self.open_retries:
                        raise StoreBusy(f"{exc} (still busy after {self.open_retries} retries)") from exc
                    raise
                log.warning("database busy while opening %s, retrying in %.1fs: %s", self.url, wait, exc)
                self.open_retries += 1
                time.sleep(wait)

    def _check_schema(self, busy_retries: Sequence[float]) -> int:
        """The schema version; the write lock is taken only to create or migrate the schema."""
        with translated(), self._read() as conn:
            version = t.stored_version(conn)
        if version == t.SCHEMA_VERSION:
            return version
        if not self.read_only:
            with translated(), self._write() as conn:
                return t.ensure_schema(conn, create_search)
        if version is None:
            raise StoreError(f"{self.url} is not a Storyline store")
        t.check_version(version)
        # a store from an older Storyline is migrated once, by a short write, then read as usual
        Store(self.url, busy_timeout=self.busy_timeout, busy_retries=busy_retries).close()
        return t.SCHEMA_VERSION

    # ------------------------------------------------------------------ plumbing

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A connection in a write transaction: committed on success, rolled back on any error."""
        with self.engine.connect().execution_options(write=True) as conn, conn.begin():
            yield conn

    def _read(self):
        return self.engine.connect()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
                with translated(), self._write() as conn:
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
        with self._read() as conn:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                found.update(conn.execute(select(t.articles.c.content_hash)
                                          .where(t.articles.c.content_hash.in_(chunk))).scalars())
        return found

    def known_hashes(self) -> set[str]:
        """Every stored content hash."""
        with self._read() as conn:
            return set(conn.execute(select(t.articles.c.content_hash)).scalars())

    def mark_duplicate(self, article_id: str, of_id: str, score: float, differences: dict) -> None:
        with translated(), self._write() as conn:
            conn.execute(t.articles.update().where(t.articles.c.id == article_id).values(
                duplicate_of=of_id, duplicate_score=score, duplicate_differences=dumps(differences)))

    def save_entities(self, rows: list[dict], *, replace: bool = False) -> None:
        """Upsert cross-document entities (id, name, type, aliases, roles, article_ids, members, evidence)."""
        with translated(), self._write() as conn:
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
        with translated(), self._write() as conn:
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
        with self._read() as conn:
            return list(conn.execute(select(t.articles.c.id).where(t.articles.c.linked == 0)
                                     .order_by(t.articles.c.id)).scalars())

    def mark_linked(self, ids: list[str]) -> None:
        with translated(), self._write() as conn:
            for i in range(0, len(ids), 500):
                conn.execute(t.articles.update().where(t.articles.c.id.in_(ids[i:i + 500])).values(linked=1))

    # ------------------------------------------------------------------ reading

    def article_ids(self) -> list[str]:
        with self._read() as conn:
            return list(conn.execute(select(t.articles.c.id).order_by(t.articles.c.id)).scalars())

    def count(self) -> int:
        with self._read() as conn:
            return conn.execute(select(func.count()).select_from(t.articles)).scalar() or 0

    def get_article(self, id: str) -> Article | None:
        with self._read() as conn:
            data = conn.execute(select(t.articles.c.article).where(t.articles.c.id == id)).scalar()
        return from_dict(Article, json.loads(data)) if data else None

    def get_analysis(self, id: str) -> Analysis | None:
        with self._read() as conn:
            row = conn.execute(select(t.articles.c.article, t.articles.c.analysis, t.articles.c.text)
                               .where(t.articles.c.id == id)).first()
        if row is None or row.analysis is None:
            return None
        data = json.loads(row.analysis)
        data.setdefault("text", row.text)
        analysis = from_dict(Analysis, data)
        analysis.article = from_dict(Article, json.loads(row.article))
        return analysis

    def articles(self, limit: int = 50, offset: int = 0) -> list[dict]:
        """Articles, newest first: id, title, url, path, published, publisher, duplicate_of."""
        a = t.articles.c
        query = (select(a.id, a.title, a.url, a.path, a.published, a.publisher, a.duplicate_of)
                 .order_by(a.published.desc().nulls_last(), a.id).limit(limit).offset(offset))
        with self._read() as conn:
            return [self._article_summary(r) for r in conn.execute(query)]

    @staticmethod
    def _article_summary(row: Any) -> dict:
        return {"id": row.id, "title": row.title, "url": row.url, "path": row.path, "published": row.published,
                "publisher": row.publisher, "duplicate_of": row.duplicate_of}

    def search(self, q: str, limit: int = 20, offset: int = 0) -> list[dict]:
        """Full-text search over article text and quotes, best first, snippets with hits in [ ]."""
        with self._read() as conn:
            return _search(conn, q, limit, offset)

    def _with_article(self, conn: Connection, rows: list[Any]) -> list[dict]:
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

    def quotes(self, speaker: str | None = None, about: str | None = None, limit: int = 50,
               offset: int = 0, *, speech_only: bool = False) -> list[dict]:
        """Stored quotes (the Quote fields plus article_id, title, url, published), filtered;
        ``speech_only`` leaves out beliefs and intentions (attribution "stance")."""
        q = t.quotes.c
        query = select(t.quotes)
        if speech_only:  # stores written before attribution existed hold speech only
            query = query.where(func.coalesce(self._json_field(q.data, "attribution"), "speech") == "speech")
        with self._read() as conn:
            if speaker:
                query = query.where(_named("quote", speaker, q.article_id, q.position, q.speaker,
                                           self._role_holders(conn, speaker)))
            if about:
                query = query.where(self._about(about))
            query = query.order_by(q.article_id, q.position).limit(limit).offset(offset)
            return self._with_article(conn, list(conn.execute(query)))

    def _about(self, about: str) -> ColumnElement[bool]:
        """Quotes whose words or speaker match ``about`` as ``search`` reads it (Budap*, OR, -word,
        "a phrase"); plain words also match inside longer ones, as typed."""
        q = t.quotes.c
        hits = matching_quotes(self.dialect, about)
        found = false() if hits is None else tuple_(q.article_id, cast(q.position, String)).in_(hits)
        if has_operators(about):
            return found
        return or_(found, q.text.icontains(about, autoescape=True), q.speaker.icontains(about, autoescape=True))

    def _role_holders(self, conn: Connection, name: str) -> list[tuple[str, str]]:
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

    def _json_field(self, column, key: str) -> ColumnElement[str]:
        """A top-level field of a JSON text column, as text."""
        if self.dialect == "sqlite":
            return func.json_extract(column, f"$.{key}")
        return cast(column, JSON)[key].as_string()

    def events(self, entity: str | None = None, type: str | None = None, date_from: str | None = None,
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
        with self._read() as conn:
            if entity:
                query = query.where(_named("event", entity, e.article_id, e.position, e.participants,
                                           self._role_holders(conn, entity)))
            query = query.order_by(e.date.asc().nulls_last(), e.article_id, e.position).limit(limit).offset(offset)
            return self._with_article(conn, list(conn.execute(query)))

    def _has_cross_doc_entities(self, conn: Connection) -> bool:
        return conn.execute(select(t.entities.c.id).limit(1)).first() is not None

    def entities(self, type: str | None = None, name: str | None = None, limit: int = 50,
                 offset: int = 0) -> list[dict]:
        """Cross-document entities when the stories stage built them, else per-name aggregates."""
        with self._read() as conn:
            if self._has_cross_doc_entities(conn):
                c = t.entities.c
                query = select(c.data)
                if type:
                    query = query.where(c.type == type.upper())
                if name:
                    query = query.where(self._linked_named(conn, name))
                query = query.order_by(c.articles.desc(), c.name, c.id).limit(limit).offset(offset)
                return [json.loads(d) for d in conn.execute(query).scalars()]
            return list(self._aggregate_entities(conn, type, name, limit, offset))

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
                yield self._aggregate(conn, group.name, group.type, group.mentions)
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
            yield self._aggregate(conn, group.name, group.type, group.mentions)

    def _aggregate(self, conn: Connection, name: str, type: str, mentions: int | None) -> dict:
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

    def entity(self, id: str) -> dict | None:
        with self._read() as conn:
            data = conn.execute(select(t.entities.c.data).where(t.entities.c.id == id)).scalar()
            if data:
                return json.loads(data)
            type, _, name = id.partition(":")
            c = t.article_entities.c
            mentions = conn.execute(select(func.sum(c.mentions)).where(c.name == name, c.type == type)).scalar()
            return self._aggregate(conn, name, type, mentions) if mentions is not None else None

    def duplicates_of(self, article_id: str) -> list[dict]:
        """Articles marked as duplicates of this one: id, title, url, score, differences."""
        a = t.articles.c
        query = (select(a.id, a.title, a.url, a.published, a.duplicate_score, a.duplicate_differences)
                 .where(a.duplicate_of == article_id).order_by(a.id))
        with self._read() as conn:
            return [{"id": r.id, "title": r.title, "url": r.url, "published": r.published,
                     "score": r.duplicate_score,
                     "differences": json.loads(r.duplicate_differences) if r.duplicate_differences else {}}
                    for r in conn.execute(query)]

    def stories(self, limit: int = 50, offset: int = 0) -> list[Story]:
        query = select(t.stories.c.data).order_by(t.stories.c.position, t.stories.c.id).limit(limit).offset(offset)
        with self._read() as conn:
            return [from_dict(Story, json.loads(d)) for d in conn.execute(query).scalars()]

    def story(self, id: str) -> Story | None:
        with self._read() as conn:
            data = conn.execute(select(t.stories.c.data).where(t.stories.c.id == id)).scalar()
        return from_dict(Story, json.loads(data)) if data else None

    # ------------------------------------------------------------------ export

    def export(self, fmt: str, what: str, out: str | Path | IO, limit: int | None = None) -> int:
        """Write one table (or its first ``limit`` rows) as jsonl, csv or parquet to a path or stream."""
        _export.check(fmt, what)
        return _export.write(islice(self._export_rows(what), limit), fmt, what, out)

    def _export_rows(self, what: str) -> Iterator[dict[str, Any]]:
        """The rows the query commands print with ``--json``, the whole table in a stable order."""
        with self._read() as conn:
            if what == "articles":
                for r in conn.execute(select(t.articles).order_by(t.articles.c.id)):
                    article = json.loads(r.article)
                    yield {**self._article_summary(r), "authors": article.get("authors") or [],
                           "language": r.language, "content_hash": r.content_hash, "text": r.text}
            elif what in ("quotes", "events"):
                table = t.quotes if what == "quotes" else t.events
                columns = [table.c.article_id, table.c.position, table.c.data]
                if what == "quotes":
                    columns.append(table.c.speaker)
                rows = conn.execute(select(*columns).order_by(table.c.article_id, table.c.position))
                while chunk := rows.fetchmany(500):
                    yield from self._with_article(conn, chunk)
            elif self._has_cross_doc_entities(conn):
                for data in conn.execute(select(t.entities.c.data).order_by(t.entities.c.id)).scalars():
                    yield json.loads(data)
            else:
                c = t.article_entities.c
                groups = conn.execute(select(c.name, c.type, func.sum(c.mentions).label("mentions"))
                                      .group_by(c.name, c.type).order_by(c.type, c.name)).all()
                for g in groups:
                    yield self._aggregate(conn, g.name, g.type, g.mentions)
