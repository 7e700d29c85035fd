"""The store's tables (SQLAlchemy Core, one schema for SQLite and PostgreSQL) and its migrations."""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import (
    Column,
    Connection,
    Float,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    inspect,
    select,
    text,
)

SCHEMA_VERSION = 3
# Marks a SQLite file as a Storyline store (its header's application_id: "STLN"); PostgreSQL stores hold
# the marker table instead.
APPLICATION_ID = 0x53544C4E
MARKER_TABLE = "storyline_store"

metadata = MetaData()

meta = Table("meta", metadata, Column("key", Text, primary_key=True), Column("value", Text))
marker = Table(MARKER_TABLE, metadata, Column("application", Text, primary_key=True))

articles = Table(
    "articles", metadata,
    Column("id", Text, primary_key=True),
    Column("content_hash", Text, nullable=False, unique=True),
    Column("title", Text), Column("url", Text), Column("path", Text),
    Column("published", Text), Column("publisher", Text), Column("language", Text),
    Column("fetched_at", Text),
    Column("text", Text, nullable=False),
    Column("article", Text, nullable=False),  # the Article as JSON
    Column("analysis", Text),  # the Analysis as JSON, without its article and (when equal) its text
    Column("duplicate_of", Text), Column("duplicate_score", Float), Column("duplicate_differences", Text),
    Column("linked", Integer, nullable=False, server_default="0"),  # 1 once stories.update has seen it
)
Index("articles_published", articles.c.published)

quotes = Table(
    "quotes", metadata,
    Column("article_id", Text, primary_key=True), Column("position", Integer, primary_key=True),
    Column("speaker", Text),  # the canonical speaker name, for filtering
    Column("text", Text, nullable=False), Column("kind", Text),
    Column("data", Text, nullable=False),  # the Quote as JSON
)
Index("quotes_speaker", quotes.c.speaker)

events = Table(
    "events", metadata,
    Column("article_id", Text, primary_key=True), Column("position", Integer, primary_key=True),
    Column("type", Text), Column("status", Text), Column("date", Text),
    Column("date_start", Text), Column("date_end", Text),  # the days the date covers (v2), for range queries
    Column("participants", Text),  # participant names joined by "|", for filtering
    Column("data", Text, nullable=False),  # the Event as JSON
)
Index("events_type", events.c.type)
Index("events_date", events.c.date)
Index("events_date_range", events.c.date_start, events.c.date_end)

article_entities = Table(
    "article_entities", metadata,
    Column("article_id", Text, primary_key=True), Column("position", Integer, primary_key=True),
    Column("name", Text, nullable=False), Column("type", Text, nullable=False),
    Column("mentions", Integer, nullable=False),
    Column("data", Text, nullable=False),  # the Entity as JSON, without its mentions
)
Index("article_entities_name", article_entities.c.name)

entities = Table(  # cross-document entities, written by the stories stage
    "entities", metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False), Column("type", Text),
    Column("articles", Integer, nullable=False),  # how many articles mention it, for ranking
    Column("data", Text, nullable=False),
)

# The names a quote's speaker or an event's participants go by in their article (the entity's name,
# its aliases, the speaker's words), as padded name keys (names.py), for --speaker and --entity (v3).
name_index = Table(
    "name_index", metadata,
    Column("kind", Text, primary_key=True),  # "quote" or "event"
    Column("article_id", Text, primary_key=True), Column("position", Integer, primary_key=True),
    Column("name", Text, primary_key=True),
    Column("entity_id", Text),  # the article's entity the name belongs to, if any
)
Index("name_index_entity", name_index.c.article_id, name_index.c.entity_id)

# Cross-document entities by every name they go by, and the article entities they gather (v3).
entity_names = Table(
    "entity_names", metadata,
    Column("entity_id", Text, primary_key=True), Column("name", Text, primary_key=True),
)
entity_members = Table(
    "entity_members", metadata,
    Column("entity_id", Text, primary_key=True),
    Column("article_id", Text, primary_key=True), Column("member_id", Text, primary_key=True),
)

stories = Table(
    "stories", metadata,
    Column("id", Text, primary_key=True), Column("position", Integer, nullable=False),
    Column("title", Text), Column("data", Text, nullable=False),
)

# The search index: SQLite uses an FTS5 virtual table of this name; PostgreSQL this table plus a
# generated tsvector column (see search.py). It is created per dialect, not by metadata.create_all.
SEARCH_TABLE = "search_index"

Migration = Callable[[Connection], None]


def _add_event_date_range(conn: Connection) -> None:
    """v2: events get date_start/date_end so a month or a year matches the days inside a range."""
    from .rows import date_range

    conn.execute(text("ALTER TABLE events ADD COLUMN date_start TEXT"))
    conn.execute(text("ALTER TABLE events ADD COLUMN date_end TEXT"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS events_date_range ON events (date_start, date_end)"))
    rows = conn.execute(select(events.c.article_id, events.c.position, events.c.date)
                        .where(events.c.date.is_not(None))).all()
    for row in rows:
        start, end = date_range(row.date)
        conn.execute(events.update().where(events.c.article_id == row.article_id,
                                           events.c.position == row.position)
                     .values(date_start=start, date_end=end))


def _add_name_index(conn: Connection) -> None:
    """v3: the names of speakers, participants and cross-document entities, for matching by any of them."""
    from .rows import entity_name_rows, stored_name_rows

    for table in (name_index, entity_names, entity_members):
        table.create(conn, checkfirst=True)
        conn.execute(table.delete())  # the backfill below is the whole content, even on a rerun
    for row in conn.execute(select(articles.c.id, articles.c.text, articles.c.analysis)
                            .where(articles.c.analysis.is_not(None))):
        names = stored_name_rows(row.id, row.analysis, row.text)
        if names:
            conn.execute(name_index.insert(), names)
    for data in conn.execute(select(entities.c.data)).scalars().all():
        names, members = entity_name_rows(json.loads(data))
        if names:
            conn.execute(entity_names.insert(), names)
        if members:
            conn.execute(entity_members.insert(), members)


# version → the step that brings a store from version-1 to it; add one entry per schema change.
MIGRATIONS: dict[int, Migration] = {2: _add_event_date_range, 3: _add_name_index}


class SchemaError(RuntimeError):
    """The store was written by a newer Storyline, or is not a Storyline store."""


def stored_version(conn: Connection) -> int | None:
    if not inspect(conn).has_table("meta"):
        return None
    value = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
    return int(value) if value is not None else None


def set_version(conn: Connection, version: int) -> None:
    conn.execute(meta.delete().where(meta.c.key == "schema_version"))
    conn.execute(meta.insert().values(key="schema_version", value=str(version)))


def check_version(version: int) -> None:
    """Refuse a store written by a newer Storyline."""
    if version > SCHEMA_VERSION:
        raise SchemaError(f"the store has schema version {version}; this Storyline knows up to {SCHEMA_VERSION}")


def ensure_schema(conn: Connection, create_search: Callable[[Connection], None]) -> int:
    """Create a fresh store or migrate an older one to :data:`SCHEMA_VERSION`; returns the version."""
    version = stored_version(conn)
    if version is None:
        if inspect(conn).has_table("articles"):
            raise SchemaError("the database has an 'articles' table but no Storyline schema version")
        metadata.create_all(conn)
        create_search(conn)
        set_version(conn, SCHEMA_VERSION)
        mark(conn)
        return SCHEMA_VERSION
    check_version(version)
    for step in range(version + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[step](conn)
        set_version(conn, step)
    mark(conn)
    return SCHEMA_VERSION


def mark(conn: Connection) -> None:
    """Mark the database as a Storyline store (stores made before the mark get it when migrated)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        return
    marker.create(conn, checkfirst=True)
    if conn.execute(select(marker.c.application)).first() is None:
        conn.execute(marker.insert().values(application="storyline"))


def is_marked(conn: Connection) -> bool:
    """Whether the database carries Storyline's mark."""
    if conn.dialect.name == "sqlite":
        return conn.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID
    return inspect(conn).has_table(MARKER_TABLE)

