"""Run requests at the same moment from several threads, each with its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connections


def at_once(calls: list[Callable[[], object]]) -> list[object]:
    """Run the calls in threads released together by a barrier; returns results (or raised exceptions)."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001  (the test inspects what each thread met)
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def logged_in_clients():
    """`make(user, n)`: n test clients logged in as `user` (one per thread: a Client is not thread-safe)."""
    from django.test import Client

    def make(user, n: int) -> list[Client]:
        clients = []
        for _ in range(n):
            one = Client()
            one.force_login(user)
            clients.append(one)
        return clients

    return make
