"""The bare comparison as the issue measured it: wrk (Debian's, in C, in a process of its own), one endpoint at a time.

`make loadtest` runs this after its simulated classes, for each database and worker count: a throwaway database with
one student and enough prepared choice-only attempts, the app and the bare project (tests/load/bare/) each under
gunicorn with the same settings, and wrk against one endpoint at a time for WRK_SECONDS at each concurrency c in
WRK_CONNECTIONS: bare read, question GET, bare write, answer POST, bare flow (read then write), answer flow (question
GET then answer POST). Our share of the bare ceiling is our requests per second over the bare view's, both measured
alike, with only one server busy: in the simulated class the two servers' workers run at once and the kernel's
scheduler decides whose request waits, which moved the shares by a tenth or more between runs.

Every response is checked by a Lua hook that counts any status but the expected one; a wrong status, a socket error
or an attempt run out of questions is an error. Each answer POST answers the next unanswered question of one of the
student's attempts: each wrk thread cycles over attempts of its own, so an attempt comes round again only after all
the thread's others, long after its last answer was stored (the answer flow likewise, a question GET before each
answer).
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import requests

from tests.load.servers import PY, Projects, gunicorn, run, stop, wait_for_port

WRK_SECONDS = int(os.environ.get("LOADTEST_WRK_SECONDS", "10"))
WRK_CONNECTIONS = [int(n) for n in os.environ.get("LOADTEST_WRK_C", "8,32").split(",")]
THREADS = 2
QUESTIONS = 20  # tests/load/prepare.py's attempts
ANSWERS_PER_SECOND = 600  # an upper bound on the answer POST's rate here, to prepare enough attempts
GET_ATTEMPTS = 40
# Measured in this order, so each share's two sides are measured next to each other.
ENDPOINTS = ["bare read", "question GET", "bare write", "answer POST", "bare flow", "answer flow"]
SHARES = {  # our endpoint -> (the bare one, the target or None)
    "question GET": ("bare read", 0.60),
    "answer POST": ("bare write", 0.50),
    "answer flow": ("bare flow", None),
}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

LUA = r"""
-- Written by tests/load/wrk.py for one measurement.
local mode, expected = "%(mode)s", {%(expected)s}
local attempts, threads = {%(attempts)s}, {}
local cookie, token, questions = "%(cookie)s", "%(token)s", %(questions)d

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  mine, n, unexpected, exhausted, inspected = {}, 0, 0, 0, false
  for i, attempt in ipairs(attempts) do
    if (i - 1) %% %(threads)d == id then table.insert(mine, attempt) end
  end
  get_headers = {["Cookie"] = cookie}
  post_headers = {["Cookie"] = cookie, ["Content-Type"] = "application/x-www-form-urlencoded", ["HX-Request"] = "true"}
end

local function question(attempt, step)
  return wrk.format("GET", "/attempts/" .. attempt .. "/questions/" .. (step + 1) .. "/", get_headers)
end

local function answer(attempt, step)
  if step >= questions then exhausted = exhausted + 1 end
  local body = "step=" .. step .. "&option=0&csrfmiddlewaretoken=" .. token
  return wrk.format("POST", "/attempts/" .. attempt .. "/answer/", post_headers, body)
end

local function bare(i, write)
  local row = i %% 200 + 1
  if write then
    return wrk.format("POST", "/write/", post_headers, "row=" .. row .. "&csrfmiddlewaretoken=" .. token)
  end
  return wrk.format("GET", "/read/?row=" .. row, get_headers)
end

function request()
  local i = n
  -- wrk calls thread 1's request() once before the run to inspect it, and never sends that one: not counted,
  -- or that thread's first attempt would be answered from its second question on.
  if id == 0 and not inspected then inspected = true else n = n + 1 end
  if mode == "question GET" then return question(mine[i %% #mine + 1], 0) end
  if mode == "answer POST" then return answer(mine[i %% #mine + 1], math.floor(i / #mine)) end
  if mode == "bare read" then return bare(i, false) end
  if mode == "bare write" then return bare(i, true) end
  local pair = math.floor(i / 2)
  if mode == "bare flow" then return bare(pair, i %% 2 == 1) end
  local attempt, step = mine[pair %% #mine + 1], math.floor(pair / #mine)
  if i %% 2 == 0 then return question(attempt, step) end
  return answer(attempt, step)
end

function response(status, headers, body)
  if not expected[status] then unexpected = unexpected + 1 end
end

function done(summary, latency, requests)
  local bad, out = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("unexpected")
    out = out + thread:get("exhausted")
  end
  io.write(string.format("check: unexpected=%%d exhausted=%%d p50=%%.2f p99=%%.2f\n", bad, out,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


@dataclass
class Measurement:
    endpoint: str
    connections: int
    rps: float
    requests: int
    errors: int
    p50_ms: float
    p99_ms: float


def parse(endpoint: str, connections: int, output: str) -> Measurement:
    """wrk's report and our Lua summary line -> one measurement; socket errors and wrong statuses are errors."""
    check = re.search(r"check: unexpected=(\d+) exhausted=(\d+) p50=([\d.]+) p99=([\d.]+)", output)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    if not (check and rate and total):
        raise RuntimeError(f"wrk's report was not understood:\n{output}")
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = int(check.group(1)) + int(check.group(2)) + (sum(map(int, sockets.groups())) if sockets else 0)
    return Measurement(
        endpoint,
        connections,
        float(rate.group(1)),
        int(total.group(1)),
        errors,
        float(check.group(3)),
        float(check.group(4)),
    )


def script(*, mode: str, attempts: list[int], cookie: str, token: str) -> str:
    expected = "[200] = true, [201] = true" if mode in ("bare write", "bare flow") else "[200] = true"
    return LUA % {
        "mode": mode,
        "expected": expected,
        "attempts": ", ".join(map(str, attempts)) or "0",
        "cookie": cookie,
        "token": token,
        "questions": QUESTIONS,
        "threads": THREADS,
    }


def measure(*, url: str, lua: Path, endpoint: str, connections: int, seconds: int) -> Measurement:
    output = subprocess.run(
        ["wrk", f"-t{THREADS}", f"-c{connections}", f"-d{seconds}s", "--timeout=10s", "-s", str(lua), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse(endpoint, connections, output)


def log_in(base: str, username: str, password: str, page: str) -> tuple[str, str]:
    """The student's cookies (a Cookie header) and a CSRF token of the logged-in session (the login rotates it)."""
    client = requests.Session()
    token = CSRF.search(client.get(f"{base}/accounts/login/").text).group(1)
    response = client.post(
        f"{base}/accounts/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        allow_redirects=False,
    )
    if response.status_code != 302:
        raise RuntimeError(f"the load-test student could not log in: {response.status_code}")
    token = CSRF.search(client.get(f"{base}{page}", allow_redirects=False).text).group(1)
    return "; ".join(f"{name}={value}" for name, value in client.cookies.items()), token


def bare_cookie(base: str) -> tuple[str, str]:
    client = requests.Session()
    token = CSRF.search(client.get(f"{base}/read/?row=1").text).group(1)
    return "; ".join(f"{name}={value}" for name, value in client.cookies.items()), token


def compare(*, kind: str, workers: int, workdir: Path, port: int) -> list[Measurement]:
    """Serve both projects and measure every endpoint at every concurrency, one at a time."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (apt-get install -y wrk; `make loadtest` installs it)")
    projects = Projects(kind, workdir, "wrk")
    env, bare_env = projects.env, projects.bare_env
    out = workdir / f"wrk-{kind}-{workers}w"
    out.mkdir()
    # Per concurrency: attempts enough for WRK_SECONDS of answers at ANSWERS_PER_SECOND, and half as many for the flow.
    answering = math.ceil(WRK_SECONDS * ANSWERS_PER_SECOND / QUESTIONS)
    per_connections = answering + answering // 2
    servers: list = []
    try:
        projects.create()
        plan = out / "plan.json"
        count = GET_ATTEMPTS + per_connections * len(WRK_CONNECTIONS)
        run([PY, "-m", "tests.load.prepare", "--students=1", f"--attempts={count}", f"--out={plan}"], env)
        prepared = json.loads(plan.read_text())
        username, attempts = next(iter(prepared["students"].items()))
        servers = [
            gunicorn("config.wsgi", port, out, "app", env, workers),
            gunicorn("tests.load.bare.wsgi", port + 1, out, "bare", bare_env, workers),
        ]
        wait_for_port(port, servers[0])
        wait_for_port(port + 1, servers[1])
        app_url, bare_url = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{port + 1}"
        cookie, token = log_in(app_url, username, prepared["password"], f"/attempts/{attempts[0]}/questions/1/")
        bare_cookies, bare_token = bare_cookie(bare_url)
        results = []
        for index, connections in enumerate(WRK_CONNECTIONS):
            start = GET_ATTEMPTS + index * per_connections
            slices = {
                "question GET": attempts[:GET_ATTEMPTS],
                "answer POST": attempts[start : start + answering],
                "answer flow": attempts[start + answering : start + per_connections],
            }
            for endpoint in ENDPOINTS:
                ours = not endpoint.startswith("bare")
                lua = out / f"{endpoint.replace(' ', '-')}-{connections}.lua"
                lua.write_text(
                    script(
                        mode=endpoint,
                        attempts=slices.get(endpoint, []),
                        cookie=cookie if ours else bare_cookies,
                        token=token if ours else bare_token,
                    )
                )
                results.append(
                    measure(
                        url=app_url if ours else bare_url,
                        lua=lua,
                        endpoint=endpoint,
                        connections=connections,
                        seconds=WRK_SECONDS,
                    )
                )
        return results
    finally:
        for server in servers:
            stop(server)
        projects.drop()


def shares(results: list[Measurement], connections: int) -> dict[str, float]:
    by_name = {result.endpoint: result for result in results if result.connections == connections}
    return {ours: by_name[ours].rps / by_name[bare].rps for ours, (bare, _target) in SHARES.items()}


def report(results: list[Measurement], *, kind: str, workers: int, gate: bool) -> tuple[list[dict], list[str]]:
    """Print the measurements and shares; return summary rows and, when gated, the targets missed."""
    rows, problems = [], []
    for connections in WRK_CONNECTIONS:
        print(
            f"\n== bare ceiling by wrk: {kind}, {workers} workers, c={connections}, {WRK_SECONDS} s per endpoint, "
            "one endpoint at a time =="
        )
        print(f"{'endpoint':<14}{'requests':>9}{'rps':>9}{'p50 ms':>8}{'p99 ms':>8}{'errors':>8}")
        for result in results:
            if result.connections == connections:
                print(
                    f"{result.endpoint:<14}{result.requests:>9}{result.rps:>9.1f}{result.p50_ms:>8.1f}"
                    f"{result.p99_ms:>8.1f}{result.errors:>8}"
                )
                if result.errors:
                    problems.append(
                        f"wrk {kind} {workers}w c={connections}: {result.errors} errors on {result.endpoint}"
                    )
        measured = shares(results, connections)
        for ours, (bare, target) in SHARES.items():
            aim = "" if target is None else f" (target >= {target:.2f})"
            verdict = "" if target is None else (" ok" if measured[ours] >= target else " BELOW TARGET")
            print(f"share: {ours} / {bare}: {measured[ours]:.2f}{aim}{verdict}")
            if gate and target is not None and measured[ours] < target:
                problems.append(f"wrk {kind} {workers}w c={connections}: {ours} {measured[ours]:.2f} < {target:.2f}")
        rows.append({"kind": kind, "workers": workers, "connections": connections, **measured})
    return rows, problems


def summary(rows: list[dict]) -> None:
    print("\nbare ceiling by wrk (one endpoint at a time; share = our requests per second / the bare view's):")
    print(f"{'database':<11}{'workers':>8}{'c':>5}{'q/bare':>8}{'a/bare':>8}{'flow/bare':>10}")
    for row in rows:
        print(
            f"{row['kind']:<11}{row['workers']:>8}{row['connections']:>5}{row['question GET']:>8.2f}"
            f"{row['answer POST']:>8.2f}{row['answer flow']:>10.2f}"
        )
