"""REDIS_URL selects Redis as the cache, shared by every app server; without it each process has its own.

Each "node" here is a separate Python process started with the production settings module, as gunicorn
nodes are: what one writes, another reads; and a local-memory cache does not cross processes."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

NODE = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.core.cache import cache
action, key, value = sys.argv[1:4]
if action == "set":
    cache.set(key, value, timeout=60)
print(json.dumps({"backend": settings.CACHES["default"]["BACKEND"], "value": cache.get(key)}))
"""


def node(action: str, key: str, value: str = "", **env: str) -> dict:
    environment = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings", **env)
    out = subprocess.run(
        [sys.executable, "-c", NODE, action, key, value],
        env=environment,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.splitlines()[-1])


def test_without_redis_url_the_cache_is_per_process():
    key = f"test:{secrets.token_hex(6)}"
    written = node("set", key, "from node A")
    assert written == {"backend": "django.core.cache.backends.locmem.LocMemCache", "value": "from node A"}
    assert node("get", key)["value"] is None


def test_with_redis_url_what_one_node_caches_another_reads(redis_url):
    key, prefix = f"test:{secrets.token_hex(6)}", f"hallyu-test-{secrets.token_hex(4)}"
    written = node("set", key, "from node A", REDIS_URL=redis_url, CACHE_KEY_PREFIX=prefix)
    assert written == {"backend": "django.core.cache.backends.redis.RedisCache", "value": "from node A"}
    assert node("get", key, REDIS_URL=redis_url, CACHE_KEY_PREFIX=prefix)["value"] == "from node A"
    # A deployment with another prefix (another site on the same Redis) does not see it.
    assert node("get", key, REDIS_URL=redis_url, CACHE_KEY_PREFIX=f"{prefix}-other")["value"] is None


def test_sessions_and_lockouts_are_in_the_database_every_node_shares():
    from importlib import import_module

    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    # Django's database engine (config/request_auth.py only reads its rows with a cheaper statement).
    store = import_module(settings.SESSION_ENGINE).SessionStore
    assert issubclass(store, SessionStore)
    assert store.get_model_class() is Session
    assert getattr(settings, "AXES_HANDLER", "axes.handlers.database.AxesDatabaseHandler") == (
        "axes.handlers.database.AxesDatabaseHandler"
    )
