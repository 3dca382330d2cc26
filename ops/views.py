"""`/healthz`: what a load balancer asks each app server before sending it traffic."""

from __future__ import annotations

import logging
import secrets

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def database_reachable() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("health check: the database is unreachable")
        return False


def cache_reachable() -> bool:
    """A round trip through the cache (Redis when REDIS_URL is set): a value written must read back."""
    key, value = f"healthz:{secrets.token_hex(8)}", secrets.token_hex(8)
    try:
        cache.set(key, value, timeout=10)
        ok = cache.get(key) == value
        cache.delete(key)
    except Exception:
        logger.exception("health check: the cache is unreachable")
        return False
    if not ok:
        logger.error("health check: the cache did not return what was written")
    return ok


@login_not_required  # the balancer has no account
@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """200 "ok" when the database and the cache answer, else 503 "fail": nothing else, so it tells an
    anonymous caller nothing about the deployment (the reason goes to the server's log)."""
    # Both are checked every time (no short-circuit), so the log names every failing dependency.
    database, cache_ok = database_reachable(), cache_reachable()
    if database and cache_ok:
        return HttpResponse("ok\n", content_type="text/plain")
    return HttpResponse("fail\n", content_type="text/plain", status=503)
