"""`make loadtest`: simulated classes against gunicorn (2 sync workers) on PostgreSQL and on SQLite.

For each database and tier (students): a throwaway database (migrate, load_seeds, students with prepared
choice-only attempts), gunicorn on loopback with the ceiling views mounted (tests.load.settings, DEBUG=0, HTTPS=0),
locust headless for LOADTEST_SECONDS after the whole class has logged in, then a check in the database that
every answer acknowledged with a 2xx is stored exactly once. Prints a table; exits 1 on any error, lost or
duplicated answer, or a ratio under its target.

Ratios: every student does one of each request per round, so the client-side throughputs are equal by
construction. The comparison is therefore of capacity on the same server in the same run: the mean time a
gunicorn worker spends on a request (%(D)s in its access log, from the moment the worker reads the request
to the end of the response, queueing excluded) — a worker's throughput on an endpoint is 1 / that time, so
ratio = mean service time of the ceiling view / mean service time of the app view (1.0 = as cheap as the
ceiling).

Environment: LOADTEST_SECONDS (60), LOADTEST_TIERS (30,100), LOADTEST_DATABASES (postgresql,sqlite),
LOADTEST_PG (postgresql://postgres@127.0.0.1:5432), LOADTEST_PORT (8765), LOADTEST_WAIT_MAX (0.5 s).
"""

from __future__ import annotations

import csv
import datetime
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PY = sys.executable
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
TIERS = [int(n) for n in os.environ.get("LOADTEST_TIERS", "30,100").split(",")]
DATABASES = os.environ.get("LOADTEST_DATABASES", "postgresql,sqlite").split(",")
PG = os.environ.get("LOADTEST_PG", "postgresql://postgres@127.0.0.1:5432")
PORT = int(os.environ.get("LOADTEST_PORT", "8765"))
WORKERS = 2
TARGETS = {"question GET": ("ceiling read", 0.60), "answer POST": ("ceiling write", 0.50)}
ENDPOINTS = ["question GET", "answer POST", "progress GET", "ceiling read", "ceiling write"]
ROUTES = [
    ("question GET", "GET", re.compile(r"^/attempts/\d+/questions/\d+/$")),
    ("answer POST", "POST", re.compile(r"^/attempts/\d+/answer/$")),
    ("progress GET", "GET", re.compile(r"^/progress/$")),
    ("ceiling read", "GET", re.compile(r"^/loadtest/ceiling/read/$")),
    ("ceiling write", "POST", re.compile(r"^/loadtest/ceiling/write/$")),
]


def run(args: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env, cwd=ROOT, check=True, **kwargs)


def base_env() -> dict:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "HTTPS": "0",
        # The app's settings with the ceiling views' URLconf added (manage.py, gunicorn and the helpers read it).
        "DJANGO_SETTINGS_MODULE": "tests.load.settings",
        "AXES_FAILURE_LIMIT": "1000000",
        "PYTHONUNBUFFERED": "1",
    }


class Database:
    """A throwaway database: created before the tier, dropped after it whatever happens."""

    def __init__(self, kind: str, workdir: Path) -> None:
        self.kind = kind
        self.name = f"hallyu_loadtest_{os.getpid()}"
        self.path = workdir / f"{self.name}.sqlite3"
        self.url = f"{PG}/{self.name}" if kind == "postgresql" else f"sqlite:///{self.path}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"{PG}/postgres", autocommit=True) as connection:
            connection.execute(sql)

    def create(self) -> None:
        self.drop()
        if self.kind == "postgresql":
            self._admin(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        if self.kind == "postgresql":
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)


def wait_for_port(port: int, server: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited during start-up")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start listening")


def stop(server: subprocess.Popen) -> None:
    """Stop gunicorn and its workers (its own process group), gracefully, then by force."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    except ProcessLookupError:
        pass


def service_times(access_log: Path, since: float) -> dict[str, list[float]]:
    """Per endpoint, the worker's time on each request (ms) in the measured window, from gunicorn's access log."""
    times: dict[str, list[float]] = {name: [] for name in ENDPOINTS}
    statuses: dict[str, int] = {"5xx": 0}
    for line in access_log.read_text().splitlines():
        stamp, _zone, method, path, status, micros = line.split()
        if status.startswith("5"):
            statuses["5xx"] += 1
        when = datetime.datetime.strptime(f"{stamp} {_zone}", "[%d/%b/%Y:%H:%M:%S %z]").timestamp()
        if when < int(since):
            continue
        for name, verb, route in ROUTES:
            if method == verb and route.match(path):
                times[name].append(int(micros) / 1000)
    times["_5xx"] = [statuses["5xx"]]
    return times


def tier(kind: str, students: int, workdir: Path) -> dict:
    env = base_env()
    database = Database(kind, workdir)
    env["DATABASE_URL"] = database.url
    out = workdir / f"{kind}-{students}"
    out.mkdir()
    server = None
    try:
        database.create()
        run([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
        run([PY, "manage.py", "load_seeds"], env, stdout=subprocess.DEVNULL)
        attempts = 3 if students <= 30 else 2
        plan = out / "plan.json"
        run([PY, "-m", "tests.load.prepare", f"--students={students}", f"--attempts={attempts}", f"--out={plan}"], env)
        access_log = out / "access.log"
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "config.wsgi",
                f"--workers={WORKERS}",
                "--worker-class=sync",
                f"--bind=127.0.0.1:{PORT}",
                "--timeout=60",
                f"--access-logfile={access_log}",
                "--access-logformat=%(t)s %(m)s %(U)s %(s)s %(D)s",
                f"--error-logfile={out / 'error.log'}",
            ],
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
        wait_for_port(PORT, server)
        answers = out / "answers.txt"
        answers.touch()
        window = out / "window"
        locust_env = {
            **env,
            "LOADTEST_PLAN": str(plan),
            "LOADTEST_ANSWERS": str(answers),
            "LOADTEST_WINDOW": str(window),
            "LOADTEST_SECONDS": str(SECONDS),
            "LOADTEST_USERS": str(students),
        }
        locust = subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                "tests/load/locustfile.py",
                "--headless",
                f"--users={students}",
                f"--spawn-rate={students}",
                f"--run-time={SECONDS + 180}s",  # a bound: the locustfile stops SECONDS after the last login
                f"--host=http://127.0.0.1:{PORT}",
                f"--csv={out / 'locust'}",
                "--only-summary",
                "--loglevel=WARNING",
            ],
            env=locust_env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        (out / "locust.out").write_text(locust.stdout)
        if not (out / "locust_stats.csv").exists():
            print(locust.stdout[-4000:])
            raise RuntimeError(f"locust wrote no statistics (exit {locust.returncode})")
        stop(server)
        server = None
        verify = run(
            [PY, "-m", "tests.load.verify", str(answers)], env, stdout=subprocess.PIPE, text=True
        ).stdout.strip()
        since = float(window.read_text()) if window.exists() else 0.0
        return {
            "kind": kind,
            "students": students,
            "stats": {row["Name"]: row for row in csv.DictReader(open(out / "locust_stats.csv"))},
            "failures": list(csv.DictReader(open(out / "locust_failures.csv"))),
            "service": service_times(access_log, since),
            "check": json.loads(verify.splitlines()[-1]),
            "measured": window.exists(),
            "locust_rc": locust.returncode,
        }
    finally:
        if server is not None:
            stop(server)
        database.drop()


def report(result: dict) -> list[str]:
    """Print one tier's figures; return what failed."""
    stats, service, check = result["stats"], result["service"], result["check"]
    problems = []
    print(f"\n== {result['kind']}, {result['students']} students, {SECONDS} s after the class logged in ==")
    print(
        f"{'endpoint':<15}{'requests':>9}{'rps':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}{'errors':>8}"
        f"{'service ms':>12}"
    )
    for name in [*ENDPOINTS, "practice POST", "Aggregated"]:
        row = stats.get(name)
        if row is None or row["Request Count"] == "0":
            continue
        mean = f"{statistics.fmean(service[name]):.2f}" if service.get(name) else ""
        print(
            f"{name:<15}{row['Request Count']:>9}{float(row['Requests/s']):>8.1f}{row['50%']:>8}{row['95%']:>8}"
            f"{row['99%']:>8}{row['Failure Count']:>8}{mean:>12}"
        )
    errors = sum(int(row["Failure Count"]) for row in result["failures"] or []) if result["failures"] else 0
    errors = max(errors, int(stats["Aggregated"]["Failure Count"]), service["_5xx"][0])
    for row in result["failures"]:
        print(f"  failure: {row['Method']} {row['Name']}: {row['Error']} x{row['Occurrences']}")
    ratios = {}
    for name, (ceiling, target) in TARGETS.items():
        ratio = statistics.fmean(service[ceiling]) / statistics.fmean(service[name])
        ratios[name] = ratio
        verdict = "ok" if ratio >= target else "BELOW TARGET"
        print(
            f"ratio {name} / {ceiling}: {ratio:.2f} (capacity from mean service times; target >= {target:.2f}) "
            f"{verdict}"
        )
        if ratio < target:
            problems.append(f"{name}/{ceiling} ratio {ratio:.2f} < {target:.2f}")
    print(
        f"answers: {check['acknowledged']} acknowledged (2xx), {check['stored']} stored, lost {check['lost']}, "
        f"duplicated {check['duplicated']}, stored without a 2xx {check['unacknowledged']}, "
        f"attempt steps disagreeing {check['step_mismatch']}"
    )
    if errors:
        problems.append(f"{errors} errors")
    if check["lost"] or check["duplicated"] or check["step_mismatch"]:
        problems.append("lost or duplicated answers")
    if not result["measured"]:
        problems.append("the class never finished logging in")
    if result["locust_rc"] not in (0, 1):
        problems.append(f"locust exited {result['locust_rc']}")
    result["ratios"], result["errors"] = ratios, errors
    return [f"{result['kind']} {result['students']}: {problem}" for problem in problems]


def main() -> int:
    problems: list[str] = []
    results = []
    with tempfile.TemporaryDirectory(prefix="hallyu-loadtest-") as tmp:
        workdir = Path(tmp)
        env = base_env()
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'static.sqlite3'}"
        run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env)  # the manifest DEBUG=0 serves from
        for kind in DATABASES:
            for students in TIERS:
                print(f"-- {kind}, {students} students: preparing", flush=True)
                result = tier(kind, students, workdir)
                problems += report(result)
                results.append(result)
                sys.stdout.flush()
    print("\n== summary ==")
    print(
        f"{'database':<11}{'students':>9}{'rps':>8}{'errors':>7}{'q/read':>8}{'a/write':>8}{'acked':>7}"
        f"{'lost':>6}{'dup':>5}"
    )
    for result in results:
        check = result["check"]
        print(
            f"{result['kind']:<11}{result['students']:>9}{float(result['stats']['Aggregated']['Requests/s']):>8.1f}"
            f"{result['errors']:>7}{result['ratios']['question GET']:>8.2f}{result['ratios']['answer POST']:>8.2f}"
            f"{check['acknowledged']:>7}{check['lost']:>6}{check['duplicated']:>5}"
        )
    for problem in problems:
        print(f"FAIL {problem}")
    print("loadtest: " + ("FAILED" if problems else "passed"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
