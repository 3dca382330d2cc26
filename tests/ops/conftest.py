"""Redis for the shared-cache tests: REDIS_URL, or the local server on 127.0.0.1:6379."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session")
def redis_url() -> str:
    """A reachable Redis; outside CI a machine without one skips the test, in CI (CI set) it fails."""
    import redis

    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {url} (CI must start it)")
        pytest.skip(f"Redis is not reachable at {url}")
    return url
