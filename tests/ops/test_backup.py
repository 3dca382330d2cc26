"""A backup restores into a new database with every row of every table equal to the original.

On SQLite always; on PostgreSQL when the suite runs on it (DATABASE_URL), with pg_dump and pg_restore."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import FactFactory
from tests.security.conftest import make_world


def table_rows(database: dict, tables: list[str]) -> dict[str, list[tuple]]:
    """Every row of every table, sorted on all columns, read through the driver itself (the same on both sides)."""
    rows: dict[str, list[tuple]] = {}
    if database["ENGINE"].endswith("sqlite3"):
        raw = sqlite3.connect(f"file:{database['NAME']}?mode=ro", uri=True)
    else:
        import psycopg

        raw = psycopg.connect(
            dbname=database["NAME"], host=database.get("HOST") or None, port=database.get("PORT") or None,
            user=database.get("USER") or None, password=database.get("PASSWORD") or None,
        )  # fmt: skip
    try:
        for table in tables:
            columns = len(raw.execute(f'SELECT * FROM "{table}" LIMIT 0').description)
            order = ", ".join(str(n) for n in range(1, columns + 1))
            rows[table] = [tuple(row) for row in raw.execute(f'SELECT * FROM "{table}" ORDER BY {order}')]
        if not database["ENGINE"].endswith("sqlite3"):
            # The next id of every table: a restored database must not hand out ids already used.
            rows["<sequences>"] = list(raw.execute("SELECT sequencename, last_value FROM pg_sequences ORDER BY 1"))
    finally:
        raw.close()
    return rows


@pytest.fixture
def restored_database(tmp_path):
    """A new, empty database of the suite's kind, and its settings; dropped afterwards."""
    source = connection.settings_dict
    if source["ENGINE"].endswith("sqlite3"):
        yield {**source, "NAME": str(tmp_path / "restored.sqlite3")}, f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    name = f"{source['NAME']}_restored"
    admin = {
        "host": source.get("HOST") or None, "port": source.get("PORT") or None,
        "user": source.get("USER") or None, "password": source.get("PASSWORD") or None,
    }  # fmt: skip
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as pg:
        pg.execute(f'DROP DATABASE IF EXISTS "{name}"')
        pg.execute(f'CREATE DATABASE "{name}"')
    user, password = source.get("USER") or "", source.get("PASSWORD") or ""
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    url = f"postgres://{credentials}{source.get('HOST') or '127.0.0.1'}:{source.get('PORT') or 5432}/{name}"
    try:
        yield {**source, "NAME": name}, url
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)  # committed rows: the backup reads the database from outside the test
def test_a_backup_restores_every_row_of_every_table(tmp_path, restored_database, client):
    world = make_world(title="Backed up")
    FactFactory.create_batch(3)
    client.force_login(world.student)  # a session row too
    tables = sorted(connection.introspection.table_names())
    original = table_rows(connection.settings_dict, tables)
    assert all(original[table] for table in ["content_fact", "quiz_attempt", "django_session", "auth_user"])

    backup_file = tmp_path / "hallyu-backup"
    call_command("backup", str(backup_file))
    assert backup_file.is_file()
    assert not list(tmp_path.glob(".*partial")), "no half-written file left behind"

    database, url = restored_database
    call_command("restore", str(backup_file), "--database-url", url, "--noinput")
    restored = table_rows(database, tables)
    assert restored.keys() == original.keys()
    for table in original:
        assert restored[table] == original[table], table

    # The comparison sees a difference when there is one.
    if database["ENGINE"].endswith("sqlite3"):
        with sqlite3.connect(database["NAME"]) as raw:
            raw.execute("UPDATE quiz_attempt SET step = step + 1")
        assert table_rows(database, tables)["quiz_attempt"] != original["quiz_attempt"]


@pytest.mark.django_db(transaction=True)
def test_restoring_replaces_what_the_target_held(tmp_path, restored_database):
    FactFactory()
    backup_file = tmp_path / "first"
    call_command("backup", str(backup_file))
    database, url = restored_database
    call_command("restore", str(backup_file), "--database-url", url, "--noinput")
    FactFactory()  # the live database moves on; a second restore of the first backup brings the target back
    second = tmp_path / "second"
    call_command("backup", str(second))
    call_command("restore", str(second), "--database-url", url, "--noinput")
    call_command("restore", str(backup_file), "--database-url", url, "--noinput")
    assert len(table_rows(database, ["content_fact"])["content_fact"]) == 1


def test_a_missing_backup_is_an_error_not_an_empty_database(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no backup"):
        call_command("restore", str(tmp_path / "nothing"), "--database-url", f"sqlite:///{tmp_path}/x", "--noinput")
    assert not Path(tmp_path / "x").exists()
