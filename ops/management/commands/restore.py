"""`manage.py restore PATH`: replace the database's contents with a backup (`make restore BACKUP=...`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from ops.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into the database, replacing what it holds."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="a backup written by `manage.py backup`")
        parser.add_argument("--database-url", help="restore into this database instead of the configured one")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args: Any, path: str, database_url: str | None, interactive: bool, **options: Any) -> None:
        database = dj_database_url.parse(database_url) if database_url else connections["default"].settings_dict
        if interactive:
            answer = input(f"Replace everything in {database['NAME']} with {path}? Type 'yes': ")
            if answer.strip() != "yes":
                raise CommandError("restore cancelled")
        # Our own connection would hold the database open (and on SQLite, a lock) while it is replaced.
        connections.close_all()
        try:
            restore(Path(path), database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"restored {path} into {database['NAME']}")
