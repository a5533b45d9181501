"""Alembic environment: always runs on a connection handed in by ``app.db.engine``.

That connection is already in the one transaction the whole upgrade runs in (``schema_connection``), so
Alembic begins none of its own: every step and the ``alembic_version`` update commit together or not at all.
"""

from alembic import context

from app.db.models import Base

target_metadata = Base.metadata


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:  # the alembic command line (writing a new revision): the same transactional connection
        from pathlib import Path

        from app.db.engine import schema_connection

        url = context.config.get_main_option("sqlalchemy.url") or "sqlite:///library.sqlite"
        with schema_connection(Path(url.removeprefix("sqlite:///"))) as conn:
            _run(conn)
    else:
        _run(connection)


def _run(connection) -> None:
    # transactional_ddl: SQLite's DDL is transactional once a BEGIN is sent (Alembic's SQLite default says not)
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                      compare_type=True, transactional_ddl=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
