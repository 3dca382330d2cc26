"""The bare ceiling project (tests/load/bare/) works as the load test uses it: Django's default middleware only,
the app's database tuning, a read that renders one row with a CSRF token, and a CSRF-checked write that inserts.

Run in a subprocess under its own settings module, on a new SQLite file, as its gunicorn runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, re
import django
django.setup()
from django.conf import settings
from django.test import Client
from tests.load.bare.models import Insert

client = Client(enforce_csrf_checks=True)
page = client.get("/read/?row=7")
token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
print(json.dumps({
    "middleware": settings.MIDDLEWARE,
    "database": settings.DATABASES["default"],
    "read": [page.status_code, "Row 6:" in page.content.decode()],
    "missing": client.get("/read/?row=999").status_code,
    "write_without_token": client.post("/write/", {"row": 7}).status_code,
    "write": client.post("/write/", {"row": 7, "csrfmiddlewaretoken": token}).status_code,
    "inserted": list(Insert.objects.values_list("row_id", flat=True)),
}, default=str))
"""


def test_the_bare_project_reads_and_writes_behind_djangos_default_middleware(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.load.bare.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bare.sqlite3'}",
        "SECRET_KEY": "bare-test",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "testserver",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    result = json.loads(out.splitlines()[-1])
    assert result["middleware"] == [
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ]
    # The same SQLite tuning as the app's settings.
    assert result["database"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in result["database"]["OPTIONS"]["init_command"]
    assert result["read"] == [200, True]
    assert result["missing"] == 404
    assert result["write_without_token"] == 403
    assert result["write"] == 201
    assert result["inserted"] == [7]
