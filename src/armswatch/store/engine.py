"""Where the store lives and how to connect: URL resolution, engine set-up, migrations on open.

- `db` empty: `<data_dir>/armswatch.sqlite3`; a plain path: a SQLite file; `sqlite:///...` or
  `postgresql://...` URLs are used as given (PostgreSQL through psycopg 3).
- SQLite runs in WAL mode with a busy timeout, and write transactions start with BEGIN IMMEDIATE,
  so two processes writing at once queue up instead of failing half-way.
- Every open brings the schema up to the newest Alembic revision shipped in the package, under a
  lock, so two processes opening a fresh database at once do not both create it.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from armswatch.errors import StoreError
from armswatch.settings import Settings

__all__ = ["WRITE", "create_store_engine", "current_revision", "head_revision", "migrate", "resolve_url"]

# Execution option marking a connection whose transactions write (BEGIN IMMEDIATE on SQLite).
WRITE = "armswatch_write"
_BUSY_TIMEOUT_S = 120.0
# Arbitrary constant key for PostgreSQL advisory locks taken by armswatch writers.
PG_LOCK_KEY = 7_134_201_655


def resolve_url(db: str, settings: Settings) -> str:
    """The SQLAlchemy URL for a `db` setting value (a path, a URL, or empty for the default file)."""
    if not db:
        path = Path(settings.data_dir).expanduser() / "armswatch.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    if "://" not in db:
        path = Path(db).expanduser().resolve()
        if not path.parent.is_dir():
            raise StoreError(f"{db}: the folder {path.parent} does not exist")
        return f"sqlite:///{path}"
    try:
        url = make_url(db)
    except ArgumentError as e:
        raise StoreError(f"{db}: not a database URL ({e})") from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(f"{db}: unsupported database {url.get_backend_name()!r}; use SQLite or PostgreSQL")
    return url.render_as_string(hide_password=False)


def _set_wal(cur: Any) -> None:
    """Switch the file to WAL (a no-op once it is). Two processes opening a fresh file at once can be told
    "database is locked" at once, without the busy timeout applying, while the other converts the file:
    try again until the busy timeout has passed (seen about once in 40 such races)."""
    deadline = time.monotonic() + _BUSY_TIMEOUT_S
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own handling defers it).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={int(_BUSY_TIMEOUT_S * 1000)}")
        _set_wal(cur)
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA cache_size=-32000")  # 32 MB page cache: lookups stay fast as the file grows
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")


def create_store_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, a busy timeout and explicit BEGIN handling."""
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": _BUSY_TIMEOUT_S})
            _sqlite_setup(engine)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, SQLAlchemyError, ImportError) as e:
        raise StoreError(f"cannot use database {url!r}: {e}") from None
    return engine


def lock_writers(conn: Connection) -> None:
    """Serialise writers for the rest of this transaction (SQLite's BEGIN IMMEDIATE already does)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})


def alembic_config(conn: Connection) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "armswatch.store:migrations")
    cfg.attributes["connection"] = conn
    return cfg


def head_revision() -> str:
    """The newest schema revision this version of armswatch knows."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", "armswatch.store:migrations")
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> None:
    """Bring the schema to the head revision (no-op when it is there already)."""
    from alembic import command
    from alembic.util.exc import CommandError

    head = head_revision()
    try:
        with engine.connect() as conn:
            if current_revision(conn) == head:
                return
        with engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
            lock_writers(conn)
            current = current_revision(conn)  # again, under the lock: another process may have won
            if current == head:
                return
            try:
                command.upgrade(alembic_config(conn), "head")
            except CommandError as e:
                raise StoreError(
                    f"the database is at schema revision {current!r}, which this armswatch does not know "
                    f"(newest known: {head}); was it written by a newer armswatch? ({e})"
                ) from None
    except SQLAlchemyError as e:
        raise StoreError(f"cannot open the store at {engine.url!r}: {e.__class__.__name__}: {e}") from None
