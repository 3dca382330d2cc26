"""`manage.py backup [PATH]`: a backup of the database (`make backup`)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from ops.backup import BackupError, backup, suffix


class Command(BaseCommand):
    help = "Back up the database: pg_dump (custom format) for PostgreSQL, SQLite's online backup API for SQLite."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", help="where to write it (default: backups/hallyu-<UTC time>.<ext>)")
        parser.add_argument("--database-url", help="another database than the configured one")

    def handle(self, *args: Any, path: str | None, database_url: str | None, **options: Any) -> None:
        database = dj_database_url.parse(database_url) if database_url else connections["default"].settings_dict
        if path is None:
            stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
            path = f"backups/hallyu-{stamp}{suffix(database)}"
        try:
            written = backup(database, Path(path))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"backup written to {written} ({written.stat().st_size} bytes)")
