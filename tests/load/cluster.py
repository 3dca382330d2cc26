"""`make cluster-test`: two app servers behind HAProxy, PostgreSQL shared, Redis as the shared cache; faults
injected while a class works through it.

On loopback only: a throwaway PostgreSQL database (migrate, load_seeds, students with prepared attempts), two
gunicorn nodes (the load test's settings, DEBUG=0, HTTPS=0, REDIS_URL, BEHIND_PROXY=1 with one proxy) on two
ports, HAProxy in front (round robin per request, health checks on /healthz every second, connection failures
retried on the other node). Before the load: a session made through one node is honoured by the other, and
wrong passwords spread over both nodes lock the account on both. Then locust drives CLUSTER_STUDENTS students
through HAProxy for CLUSTER_SECONDS after they have logged in, and the phases are:

    steady            both nodes up
    node killed       at 25%: one node's gunicorn (master and workers) gets SIGKILL
    node back         at 45%: that node is started again
    database restart  at 65%: `pg_ctlcluster <version> main restart` (skipped with CLUSTER_PG_RESTART=0)
    recovered         from when both nodes answer /healthz again after the last fault, plus a grace period
                      for the requests already queued

Errors (locust failures: 5xx, refused connections, a 302 to the login page) are counted per phase from a log
of every request. Fails unless: no error while steady or recovered, every answer acknowledged with a 2xx
stored exactly once, each attempt's step equal to its stored answers, and the session and lockout checks pass.

Environment: CLUSTER_SECONDS (60), CLUSTER_STUDENTS (30), CLUSTER_PG_RESTART (1), CLUSTER_GRACE (5 s),
LOADTEST_PG (postgresql://postgres@127.0.0.1:5432), CLUSTER_REDIS (redis://127.0.0.1:6379/0), CLUSTER_PORT (8780:
HAProxy; the nodes on the next two ports).
"""

from __future__ import annotations

import collections
import http.cookiejar
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from tests.load.servers import PG, PY, ROOT, Database, base_env, gunicorn, run, stop, wait_for_port

SECONDS = int(os.environ.get("CLUSTER_SECONDS", "60"))
STUDENTS = int(os.environ.get("CLUSTER_STUDENTS", "30"))
PG_RESTART = os.environ.get("CLUSTER_PG_RESTART", "1") == "1"
GRACE = float(os.environ.get("CLUSTER_GRACE", "5"))
REDIS = os.environ.get("CLUSTER_REDIS", "redis://127.0.0.1:6379/0")
PORT = int(os.environ.get("CLUSTER_PORT", "8780"))
NODES = {"node1": PORT + 1, "node2": PORT + 2}
VICTIM = "node2"
PHASES = ["steady", "node killed", "node back", "database restart", "recovered"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

HAPROXY_CONFIG = """
global
    maxconn 1000

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # A connection refused by a dead node is retried (up to 3 times) on the other one; a request a node
    # accepted is never sent twice (HAProxy's default retry-on is conn-failure only).
    retries 3
    option redispatch
    option forwardfor

frontend atlas
    bind 127.0.0.1:{port}
    default_backend nodes

backend nodes
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    # Which node answered, for the session and lockout checks.
    http-response set-header X-Node %s
{servers}
"""


def wait_until(predicate, timeout: float, step: float = 0.5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return response.status == 200
    except (OSError, urllib.error.HTTPError):
        return False


class Browser:
    """A cookie-keeping HTTP client that does not follow redirects (a 302 to the login page must show)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), self.NoRedirect
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, str, str]:
        """(status, node that answered, body)."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(f"{self.base}{path}", data=body, timeout=30) as response:
                return response.status, response.headers.get("X-Node", ""), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("X-Node", ""), error.read().decode()

    def login(self, username: str, password: str, on: str = "") -> tuple[int, str]:
        """Log in; with `on`, post to that node: round robin alternates, so the form is fetched (a few times at
        most) until it comes from the other node."""
        for _ in range(4):
            status, node, page = self.request("/accounts/login/")
            if not on or node != on:
                break
        token = CSRF.search(page).group(1)
        status, node, _ = self.request(
            "/accounts/login/", {"username": username, "password": password, "csrfmiddlewaretoken": token}
        )
        return status, node


def check_sessions(base: str, username: str, password: str) -> dict:
    """Log in through the balancer, then read the dashboard four times: each node must know the session."""
    browser = Browser(base)
    status, login_node = browser.login(username, password)
    seen = [browser.request("/dashboard/")[:2] for _ in range(4)]
    return {
        "login": [status, login_node],
        "dashboard": seen,
        "ok": status == 302 and all(code == 200 for code, _ in seen) and {node for _, node in seen} == set(NODES),
    }


def check_lockout(base: str, username: str, password: str, limit: int) -> dict:
    """`limit` wrong passwords spread over both nodes lock the account on both, even with the right password."""
    browser = Browser(base)
    nodes = sorted(NODES)
    wrong = [browser.login(username, "not-the-password", on=nodes[n % 2]) for n in range(limit)]
    right = [browser.login(username, password, on=node) for node in nodes]
    return {
        "wrong": wrong,
        "right": right,
        "ok": {node for _, node in wrong} == set(NODES)
        and {node for _, node in right} == set(NODES)
        and all(status == 429 for status, _ in right),
    }


def postgres_version() -> str:
    return sorted(os.listdir("/etc/postgresql"))[-1]


def restart_postgres() -> None:
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", postgres_version(), "main", "restart"], check=True, timeout=120
    )


def phase_of(moment: float, events: list[tuple[str, float]]) -> str | None:
    current = None
    for name, start in events:
        if moment >= start:
            current = name
    return current


def main() -> int:
    if not shutil.which("haproxy"):
        print("cluster-test: haproxy is not installed (apt-get install -y haproxy; `make cluster-test` does it)")
        return 1
    workdir = Path(tempfile.mkdtemp(prefix="hallyu-cluster-"))
    env = base_env()
    env.pop("AXES_FAILURE_LIMIT")  # the real limit: the lockout check needs it
    database = Database("postgresql", workdir, label="cluster")
    env.update(
        DATABASE_URL=database.url,
        REDIS_URL=REDIS,
        CACHE_KEY_PREFIX=f"hallyu-cluster-{os.getpid()}",
        BEHIND_PROXY="1",
        PROXY_COUNT="1",
    )
    nodes: dict[str, subprocess.Popen] = {}
    balancer = None
    problems: list[str] = []
    try:
        print(f"-- cluster: preparing {database.name} on {PG}, {STUDENTS} students", flush=True)
        database.create()
        run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env)
        run([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
        run([PY, "manage.py", "load_seeds"], env, stdout=subprocess.DEVNULL)
        plan = workdir / "plan.json"
        run([PY, "-m", "tests.load.prepare", f"--students={STUDENTS + 2}", "--attempts=3", f"--out={plan}"], env)
        # Two students are kept out of the load for the session and lockout checks.
        students = json.loads(plan.read_text())
        (session_user, lockout_user), names = sorted(students["students"])[-2:], sorted(students["students"])[:-2]
        students["students"] = {name: students["students"][name] for name in names}
        plan.write_text(json.dumps(students))

        for name, port in NODES.items():
            nodes[name] = gunicorn("config.wsgi", port, workdir, name, env)
        for name, port in NODES.items():
            wait_for_port(port, nodes[name])
        servers = "\n".join(
            f"    server {name} 127.0.0.1:{port} check inter 1s fall 2 rise 2" for name, port in NODES.items()
        )
        config = workdir / "haproxy.cfg"
        config.write_text(HAPROXY_CONFIG.format(port=PORT, servers=servers))
        balancer = subprocess.Popen(
            ["haproxy", "-db", "-f", str(config)],
            stdout=open(workdir / "haproxy.log", "w"),  # noqa: SIM115 - closed with the process
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for_port(PORT, balancer)
        if not wait_until(lambda: healthy(PORT), 30):
            raise RuntimeError("the balancer never answered /healthz")
        base = f"http://127.0.0.1:{PORT}"
        # Both nodes must be in rotation before the checks: HAProxy marks a node up after two good health checks.
        wait_until(lambda: len({Browser(base).request("/healthz")[1] for _ in range(4)}) == 2, 30)

        sessions = check_sessions(base, session_user, students["password"])
        lockout = check_lockout(base, lockout_user, students["password"], limit=5)
        print(f"sessions across nodes: {'ok' if sessions['ok'] else 'FAILED'} {sessions}")
        print(f"lockout across nodes: {'ok' if lockout['ok'] else 'FAILED'} {lockout}")
        if not sessions["ok"]:
            problems.append("a session made on one node was not honoured by the other")
        if not lockout["ok"]:
            problems.append("the lockout did not hold on both nodes")

        answers, window, event_log = workdir / "answers.txt", workdir / "window", workdir / "requests.log"
        answers.touch()
        locust_env = {
            **env,
            "LOADTEST_PLAN": str(plan),
            "LOADTEST_ANSWERS": str(answers),
            "LOADTEST_WINDOW": str(window),
            "LOADTEST_SECONDS": str(SECONDS),
            "LOADTEST_USERS": str(STUDENTS),
            "LOADTEST_EVENTS": str(event_log),
        }
        locust = subprocess.Popen(
            [
                PY, "-m", "locust", "-f", "tests/load/locustfile.py", "--headless",
                f"--users={STUDENTS}", f"--spawn-rate={STUDENTS}", f"--run-time={SECONDS + 180}s",
                f"--host={base}", f"--csv={workdir / 'locust'}", "--only-summary", "--loglevel=WARNING",
            ],
            env=locust_env, cwd=ROOT, stdout=open(workdir / "locust.out", "w"), stderr=subprocess.STDOUT,  # noqa: SIM115
        )  # fmt: skip
        if not wait_until(window.exists, 180):
            raise RuntimeError("the class never finished logging in")
        start = float(window.read_text())
        events: list[tuple[str, float]] = [("steady", start)]

        def at(share: float) -> None:
            time.sleep(max(0.0, start + share * SECONDS - time.time()))

        at(0.25)
        os.killpg(nodes[VICTIM].pid, signal.SIGKILL)
        nodes[VICTIM].wait()
        events.append(("node killed", time.time()))
        print(f"  {time.time() - start:5.1f} s: {VICTIM} killed (SIGKILL)", flush=True)
        at(0.45)
        nodes[VICTIM] = gunicorn("config.wsgi", NODES[VICTIM], workdir, f"{VICTIM}-restarted", env)
        events.append(("node back", time.time()))
        print(f"  {time.time() - start:5.1f} s: {VICTIM} restarted", flush=True)
        if PG_RESTART:
            at(0.65)
            events.append(("database restart", time.time()))
            print(f"  {time.time() - start:5.1f} s: PostgreSQL restarting", flush=True)
            restart_postgres()
            print(f"  {time.time() - start:5.1f} s: PostgreSQL restarted", flush=True)
        if not wait_until(lambda: all(healthy(port) for port in NODES.values()), 60):
            problems.append("the nodes did not answer /healthz again within 60 s")
        recovered = time.time() + GRACE
        events.append(("recovered", recovered))
        print(f"  {time.time() - start:5.1f} s: both nodes healthy; recovered from {recovered - start:.1f} s")
        if recovered > start + SECONDS - 5:
            problems.append("too little of the run left after recovery: raise CLUSTER_SECONDS")
        try:
            locust.wait(timeout=SECONDS + 240)
        except subprocess.TimeoutExpired:
            locust.kill()
            locust.wait()
            problems.append("locust did not stop by itself")

        requests: collections.Counter[str] = collections.Counter()
        errors: collections.Counter[str] = collections.Counter()
        kinds: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        end = start + SECONDS
        for line in event_log.read_text().splitlines():
            moment, name, status, failed = line.split()
            phase = phase_of(float(moment), events)
            if phase is None or float(moment) > end + 5:  # before the window: the logins
                continue
            requests[phase] += 1
            if failed == "1":
                errors[phase] += 1
                kinds[phase][f"{name.replace('_', ' ')} {status}"] += 1
        for name in NODES:
            nodes[name].poll()
        stop(balancer)
        balancer = None
        for name in list(nodes):
            stop(nodes.pop(name))
        check = json.loads(
            run([PY, "-m", "tests.load.verify", str(answers)], env, stdout=subprocess.PIPE, text=True)
            .stdout.strip()
            .splitlines()[-1]
        )
        served = {
            name: sum(len(log.read_text().splitlines()) for log in workdir.glob(f"{name}*.access.log"))
            for name in NODES
        }

        print(f"\n== cluster: 2 nodes behind HAProxy, PostgreSQL, Redis; {STUDENTS} students, {SECONDS} s ==")
        print(f"{'phase':<18}{'from s':>7}{'to s':>7}{'requests':>10}{'errors':>8}  errors by request and status")
        bounds = dict(zip([name for name, _ in events], [*[moment for _, moment in events[1:]], end], strict=True))
        for name in PHASES:
            if name not in bounds:
                print(f"{name:<18}  (skipped: CLUSTER_PG_RESTART=0)")
                continue
            moment, until = dict(events)[name], bounds[name]
            detail = ", ".join(f"{kind} x{n}" for kind, n in kinds[name].most_common())
            print(
                f"{name:<18}{moment - start:>7.1f}{until - start:>7.1f}{requests[name]:>10}{errors[name]:>8}  {detail}"
            )
        print(f"requests served per node (access logs, checks included): {served}")
        print(
            f"answers: {check['acknowledged']} acknowledged (2xx), {check['stored']} stored, lost {check['lost']}, "
            f"duplicated {check['duplicated']}, stored without a 2xx {check['unacknowledged']}, "
            f"attempt steps disagreeing {check['step_mismatch']}"
        )
        if errors["steady"]:
            problems.append(f"{errors['steady']} errors while steady")
        if errors["recovered"]:
            problems.append(f"{errors['recovered']} errors after recovery")
        if not requests["recovered"]:
            problems.append("no request after recovery")
        if check["lost"] or check["duplicated"] or check["step_mismatch"]:
            problems.append("lost or duplicated answers")
    finally:
        if balancer is not None:
            stop(balancer)
        for process in nodes.values():
            stop(process)
        database.drop()
        shutil.rmtree(workdir, ignore_errors=True)
    for problem in problems:
        print(f"FAIL {problem}")
    print("cluster-test: " + ("FAILED" if problems else "passed"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
