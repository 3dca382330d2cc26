"""Backups of the database that restore: pg_dump / pg_restore for PostgreSQL, SQLite's online backup API.

Both work on a database in use: pg_dump reads one consistent snapshot; SQLite's backup API copies the pages
of one read transaction (committed rows in the WAL included). A backup is written beside its final name and
renamed once complete and checked, so a backup file that exists is whole.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

POSTGRESQL = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"

DatabaseSettings = dict[str, Any]


class BackupError(Exception):
    pass


def kind(database: DatabaseSettings) -> str:
    engine = database["ENGINE"]
    if engine == POSTGRESQL:
        return "postgresql"
    if engine == SQLITE:
        return "sqlite"
    raise BackupError(f"no backup method for {engine}")


def suffix(database: DatabaseSettings) -> str:
    return ".dump" if kind(database) == "postgresql" else ".sqlite3"


def _pg_env_and_args(database: DatabaseSettings) -> tuple[dict[str, str], list[str]]:
    """libpq's connection options from Django's settings; the password through the environment, never argv."""
    env = dict(os.environ)
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    args = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            args.append(f"{option}={database[key]}")
    return env, args


def _sqlite_path(database: DatabaseSettings) -> Path:
    name = str(database["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        raise BackupError(f"not a database file: {name}")
    return Path(name)


def backup(database: DatabaseSettings, target: Path) -> Path:
    """Write a backup of `database` to `target` (created whole, or not at all)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        if kind(database) == "postgresql":
            env, args = _pg_env_and_args(database)
            # Custom format: compressed, and pg_restore can restore it into any database, in one transaction.
            subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}", *args,
                 f"--dbname={database['NAME']}"],
                env=env, check=True,
            )  # fmt: skip
            # pg_restore reads the table of contents back: a truncated or corrupt archive fails here, not at restore.
            subprocess.run(["pg_restore", "--list", str(partial)], check=True, stdout=subprocess.DEVNULL)
        else:
            source_path = _sqlite_path(database)
            if not source_path.exists():
                raise BackupError(f"no database at {source_path}")
            source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True, timeout=20)
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)
                # The copy opens as a database with the source's schema. (SQLite's integrity_check would also
                # evaluate our check constraints, which call functions only a Django connection registers.)
                schema = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
                if copy.execute(schema).fetchall() != source.execute(schema).fetchall():
                    raise BackupError("the copy's schema differs from the database's")
            finally:
                copy.close()
                source.close()
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def restore(source: Path, database: DatabaseSettings) -> None:
    """Replace the contents of `database` with the backup `source` (in one transaction on PostgreSQL)."""
    if not source.is_file():
        raise BackupError(f"no backup at {source}")
    if kind(database) == "postgresql":
        env, args = _pg_env_and_args(database)
        subprocess.run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
             "--exit-on-error", *args, f"--dbname={database['NAME']}", str(source)],
            env=env, check=True,
        )  # fmt: skip
        return
    target_path = _sqlite_path(database)
    backup_file = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    target = sqlite3.connect(target_path, timeout=20)
    try:
        # The backup API replaces every page of the target under its write lock: readers see the old
        # database or the restored one, never a mix.
        backup_file.backup(target)
    finally:
        target.close()
        backup_file.close()
