"""The load test's bare comparison by wrk (tests/load/wrk.py): its Lua script answers every attempt in order, and
wrk's report is read with its errors."""

from __future__ import annotations

import shutil
import threading
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from tests.load import wrk

WRK_REPORT = """Running 10s test @ http://127.0.0.1:8765
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    19.41ms    3.12ms  40.10ms   80.00%
    Req/Sec   186.12     20.33   230.00     70.00%
  3712 requests in 10.01s, 9.12MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
Requests/sec:    370.83
Transfer/sec:    933.10KB
check: unexpected=4 exhausted=0 p50=19.12 p99=31.50
"""


def test_wrk_report_gives_the_rate_and_counts_wrong_statuses_and_socket_errors():
    measured = wrk.parse("answer POST", 8, WRK_REPORT)
    assert measured.rps == pytest.approx(370.83)
    assert measured.requests == 3712
    assert measured.errors == 4 + 2 + 1
    assert (measured.p50_ms, measured.p99_ms) == (19.12, 31.5)


def test_a_report_without_the_scripts_check_line_is_refused():
    with pytest.raises(RuntimeError, match="not understood"):
        wrk.parse("answer POST", 8, WRK_REPORT.replace("check:", "nothing:"))


@pytest.fixture
def recording_server():
    """A stand-in app server that records each answer POST's attempt and step, and answers 200."""
    posted: dict[int, list[int]] = defaultdict(list)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
            attempt = int(self.path.split("/")[2])
            with lock:
                posted[attempt].append(int(body["step"][0]))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", posted
    server.shutdown()


def test_every_attempt_is_answered_from_its_first_question_in_order(recording_server, tmp_path):
    if not shutil.which("wrk"):
        pytest.skip("wrk is not installed (make loadtest and .ci/run install it)")
    url, posted = recording_server
    attempts = list(range(100, 130))
    lua = tmp_path / "answer.lua"
    lua.write_text(wrk.script(mode="answer POST", attempts=attempts, cookie="sessionid=x", token="t"))
    measured = wrk.measure(url=url, lua=lua, endpoint="answer POST", connections=4, seconds=1)
    assert measured.requests > 2 * len(attempts), "long enough for every attempt to come round more than once"
    assert set(posted) == set(attempts)
    for attempt, steps in posted.items():
        # Exactly 0, 1, 2, ... for each attempt: no question skipped (wrk's unsent inspection call is not counted),
        # none posted twice, none out of order.
        assert steps == list(range(len(steps))), (attempt, steps)
