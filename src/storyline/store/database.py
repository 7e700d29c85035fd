"""The database under the store: one engine for SQLite (WAL) or PostgreSQL, its schema (created,
checked or migrated on opening) and its transactions; the queries and writes build on it."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self
from urllib.parse import quote

from sqlalchemy import JSON, ColumnElement, Connection, Engine, cast, create_engine, event, func, inspect
from sqlalchemy.pool import StaticPool

from . import schema as t
from .errors import StoreBusy, StoreError, translated
from .search import create_search

log = logging.getLogger(__name__)


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


def _listed(tables: list[str]) -> str:
    shown = ", ".join(sorted(tables)[:5])
    return f"tables {shown}{', …' if len(tables) > 5 else ''}"


def _check_sqlite_file(path: Path, url: str, *, create: bool) -> None:
    """Refuse, without writing a byte, a file that is not a Storyline store; a missing (or zero-byte) file is
    made a store only when ``create``. Stores made before the mark are known by their schema version."""
    if not path.exists():
        if create:
            return
        raise StoreError(f"no store at {url}; run `storyline ingest SOURCES --db {url}` first "
                         "(in Python: Store.create(path))")
    if path.is_dir():
        raise StoreError(f"{url} is a folder, not a store file")
    if path.stat().st_size == 0:
        if create:
            return  # an empty file (from touch or mktemp) holds nothing to lose
        raise StoreError(f"{url} is an empty file, not a Storyline store")
    with path.open("rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise StoreError(f"{url} is not a database (not SQLite); give a Storyline store or a new file name")
    try:
        conn = _connect_read_only(str(path), 1.0)
        try:
            marked = conn.execute("PRAGMA application_id").fetchone()[0] == t.APPLICATION_ID
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            legacy = "meta" in tables and conn.execute(
                "SELECT 1 FROM meta WHERE key = 'schema_version'").fetchone() is not None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc):
            return  # another writer holds it; opening waits for it and tells
        raise StoreError(f"{url} is not a Storyline store: {exc}") from exc
    if marked or legacy:
        return
    if tables:
        raise StoreError(f"{url} is not a Storyline store (it holds {_listed(tables)}); give another --db")
    raise StoreError(f"{url} is an empty SQLite database, not a Storyline store")


class Database:
    """A SQLite file (a path) or a PostgreSQL database (a ``postgresql://`` URL) holding a Storyline schema.

    ``read_only`` opens it for queries only: nothing is written (no journal-mode change; only a store
    from an older Storyline is migrated first), so it opens in a read-only folder and while another
    process holds a write lock. ``busy_retries`` are the seconds to wait before each new try when the
    database is busy while the schema is checked, created or migrated; ``open_retries`` counts them.
    """

    def __init__(self, url: str | Path = "storyline.db", *, busy_timeout: float = 5.0, read_only: bool = False,
                 busy_retries: Sequence[float] = (), create: bool = False) -> None:
        self.url = str(url)
        self.read_only = read_only
        self.busy_timeout = busy_timeout
        self.open_retries = 0
        full = engine_url(url)
        try:
            if full.startswith("sqlite"):
                if full != "sqlite://":
                    path = Path(full[len("sqlite:///"):])
                    # before any connection: opening for writes changes a SQLite file's header
                    _check_sqlite_file(path, self.url, create=create and not read_only)
                    if not read_only:
                        path.parent.mkdir(parents=True, exist_ok=True)
                self.engine = _sqlite_engine(full, busy_timeout, read_only)
            else:
                options = {"postgresql_readonly": True} if read_only else {}
                self.engine = create_engine(full, pool_pre_ping=True, connect_args={"connect_timeout": 10},
                                            execution_options=options)
                self._check_server_database(create=create and not read_only)
            self.dialect = self.engine.dialect.name
            self.schema_version = self._open_schema(busy_retries)
        except StoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - any driver failure becomes one clear message
            raise StoreError(f"cannot open store {self.url}: {_first_line(exc)}") from exc

    @classmethod
    def create(cls, url: str | Path, **options: Any) -> Self:
        """Open the store at ``url``, making a new one when nothing is there yet (what ``ingest`` does).

        A file or database that holds something else is refused all the same, and left as it was."""
        return cls(url, create=True, **options)

    def _check_server_database(self, *, create: bool) -> None:
        """Refuse a PostgreSQL database that holds tables but no Storyline mark, or none and is not to be made."""
        with translated(), self.reading() as conn:
            if t.is_marked(conn) or t.stored_version(conn) is not None:
                return
            tables = inspect(conn).get_table_names()
        if tables:
            raise StoreError(f"{self.url} is not a Storyline store (it holds {_listed(tables)}); give another --db")
        if not create:
            raise StoreError(f"{self.url} is an empty database, not a Storyline store; "
                             "run `storyline ingest SOURCES --db URL` to make one there")

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
        with translated(), self.reading() as conn:
            version = t.stored_version(conn)
            marked = version is not None and t.is_marked(conn)
        if version == t.SCHEMA_VERSION and (marked or self.read_only):
            return version
        if not self.read_only:
            with translated(), self.writing() as conn:
                return t.ensure_schema(conn, create_search)
        if version is None:
            raise StoreError(f"{self.url} is not a Storyline store")
        t.check_version(version)
        # a store from an older Storyline is migrated once, by a short write, then read as usual
        type(self)(self.url, busy_timeout=self.busy_timeout, busy_retries=busy_retries).close()
        return t.SCHEMA_VERSION

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A connection in a write transaction: committed on success, rolled back on any error."""
        with self.engine.connect().execution_options(write=True) as conn, conn.begin():
            yield conn

    def reading(self) -> Connection:
        """A connection for queries (a context manager)."""
        return self.engine.connect()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def json_field(self, column, key: str) -> ColumnElement[str]:
        """A top-level field of a JSON text column, as text."""
        if self.dialect == "sqlite":
            return func.json_extract(column, f"$.{key}")
        return cast(column, JSON)[key].as_string()
