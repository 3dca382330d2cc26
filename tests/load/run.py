"""`make loadtest`: simulated classes against gunicorn (2 sync workers) on PostgreSQL and on SQLite.

For each database and tier (students): a throwaway database (migrate, load_seeds, students with prepared
choice-only attempts), gunicorn on loopback with the ceiling views mounted (tests.load.settings, DEBUG=0, HTTPS=0),
and beside it, under the same gunicorn settings, the bare ceiling project (tests/load/bare/: Django's default
middleware only, its own database of the same kind and tuning); locust headless for LOADTEST_SECONDS after the
whole class has logged in, then a check in the database that every answer acknowledged with a 2xx is stored
exactly once. Then, for each database and worker count, the bare comparison as the issue measured it: wrk
against one endpoint at a time, the app's and the bare project's (tests/load/wrk.py). Prints tables; exits 1 on
any error, lost or duplicated answer, or an in-stack ratio under its target (the bare shares are reported against
the issue's targets; LOADTEST_BARE_GATE=1 fails on wrk's too).

Ratios: every student does one of each request per round, so the client-side throughputs are equal by
construction. The comparison is therefore of capacity on the same server in the same run: the mean time a
gunicorn worker spends on a request (%(D)s in its access log, from the moment the worker reads the request
to the end of the response, queueing excluded) — a worker's throughput on an endpoint is 1 / that time, so
ratio = mean service time of the ceiling view / mean service time of the app view (1.0 = as cheap as the
ceiling). Two comparisons: in-stack (the ceiling views inside our middleware, as before) and bare (the bare
project's views, which pay only Django's defaults); the answer POST is reported on its own and inside the flow
(question GET then answer POST, against bare read then bare write). The class's bare shares are figures of
interleaved traffic (both servers' workers busy at once); wrk's, one server busy at a time, are the ones gated.

Environment: LOADTEST_SECONDS (60), LOADTEST_TIERS (30,100: students), LOADTEST_DATABASES (postgresql,sqlite),
LOADTEST_WORKERS (2: gunicorn sync workers per server; a list runs each), LOADTEST_PG
(postgresql://postgres@127.0.0.1:5432), LOADTEST_PORT (8765; the bare project on the next port), LOADTEST_WAIT_MAX
(0.5 s of think time at most between a student's requests; 0 makes each student a closed loop, so the tier is the
concurrency c), LOADTEST_BARE_GATE (0), LOADTEST_WRK (1; 0 skips wrk), LOADTEST_WRK_C (8,32: wrk's connections),
LOADTEST_WRK_SECONDS (10 per endpoint and concurrency). The issue's matrix, both databases, 2 and 4 workers, c=8
and c=32: LOADTEST_WORKERS=2,4 LOADTEST_TIERS=8,32 LOADTEST_WAIT_MAX=0 (`make loadtest-matrix`).
"""

from __future__ import annotations

import csv
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.load import wrk
from tests.load.servers import PY, ROOT, Projects, base_env, gunicorn, run, stop, wait_for_port

SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
TIERS = [int(n) for n in os.environ.get("LOADTEST_TIERS", "30,100").split(",")]
DATABASES = os.environ.get("LOADTEST_DATABASES", "postgresql,sqlite").split(",")
PORT = int(os.environ.get("LOADTEST_PORT", "8765"))
BARE_PORT = PORT + 1
BARE_GATE = os.environ.get("LOADTEST_BARE_GATE", "0") == "1"
WRK = os.environ.get("LOADTEST_WRK", "1") == "1"
WORKER_COUNTS = [int(n) for n in os.environ.get("LOADTEST_WORKERS", "2").split(",")]
WAIT_MAX = float(os.environ.get("LOADTEST_WAIT_MAX", "0.5"))
TARGETS = {"question GET": ("ceiling read", 0.60), "answer POST": ("ceiling write", 0.50)}
# The targets, against the bare project: name -> (our endpoints, bare endpoints, target or None).
BARE_TARGETS = {
    "question GET": (["question GET"], ["bare read"], 0.60),
    "answer POST": (["answer POST"], ["bare write"], 0.50),
    "answer flow": (["question GET", "answer POST"], ["bare read", "bare write"], None),
}
ENDPOINTS = ["question GET", "answer POST", "progress GET", "ceiling read", "ceiling write", "bare read", "bare write"]
BARE_ROUTES = [
    ("bare read", "GET", re.compile(r"^/read/$")),
    ("bare write", "POST", re.compile(r"^/write/$")),
]
ROUTES = [
    ("question GET", "GET", re.compile(r"^/attempts/\d+/questions/\d+/$")),
    ("answer POST", "POST", re.compile(r"^/attempts/\d+/answer/$")),
    ("progress GET", "GET", re.compile(r"^/progress/$")),
    ("ceiling read", "GET", re.compile(r"^/loadtest/ceiling/read/$")),
    ("ceiling write", "POST", re.compile(r"^/loadtest/ceiling/write/$")),
]


def service_times(access_log: Path, since: float, routes: list | None = None) -> dict[str, list[float]]:
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
        for name, verb, route in ROUTES if routes is None else routes:
            if method == verb and route.match(path):
                times[name].append(int(micros) / 1000)
    times["_5xx"] = [statuses["5xx"]]
    return times


def prepared_attempts(students: int) -> int:
    """Attempts prepared per student: a few with think time; in a closed loop, about what SECONDS of answering
    at up to ~120 answers a second in all takes (beyond that a student starts one on the practice page)."""
    if WAIT_MAX > 0:
        return 3 if students <= 30 else 2
    return max(3, min(60, round(SECONDS * 120 / students / 20)))


def tier(kind: str, students: int, workdir: Path, workers: int = 2) -> dict:
    projects = Projects(kind, workdir, "loadtest")
    env, bare_env = projects.env, projects.bare_env
    out = workdir / f"{kind}-{workers}w-{students}"
    out.mkdir()
    server = bare_server = None
    try:
        projects.create()
        attempts = prepared_attempts(students)
        plan = out / "plan.json"
        run([PY, "-m", "tests.load.prepare", f"--students={students}", f"--attempts={attempts}", f"--out={plan}"], env)
        server = gunicorn("config.wsgi", PORT, out, "app", env, workers)
        bare_server = gunicorn("tests.load.bare.wsgi", BARE_PORT, out, "bare", bare_env, workers)
        wait_for_port(PORT, server)
        wait_for_port(BARE_PORT, bare_server)
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
            "LOADTEST_BARE_HOST": f"http://127.0.0.1:{BARE_PORT}",
        }
        locust = subprocess.run(
            [
                PY,
                "-m",
                "locust",
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
        stop(bare_server)
        server = bare_server = None
        verify = run(
            [PY, "-m", "tests.load.verify", str(answers)], env, stdout=subprocess.PIPE, text=True
        ).stdout.strip()
        since = float(window.read_text()) if window.exists() else 0.0
        return {
            "kind": kind,
            "students": students,
            "workers": workers,
            **read_locust_csvs(out / "locust"),
            "service": combine(
                service_times(out / "app.access.log", since),
                service_times(out / "bare.access.log", since, BARE_ROUTES),
            ),
            "check": json.loads(verify.splitlines()[-1]),
            "measured": window.exists(),
            "locust_rc": locust.returncode,
        }
    finally:
        for process in (server, bare_server):
            if process is not None:
                stop(process)
        projects.drop()


def combine(app: dict[str, list[float]], bare: dict[str, list[float]]) -> dict[str, list[float]]:
    """The two servers' service times in one table; a 5xx from either counts."""
    times = {name: app[name] + bare[name] for name in ENDPOINTS}
    times["_5xx"] = [app["_5xx"][0] + bare["_5xx"][0]]
    return times


def mean_total(service: dict[str, list[float]], names: list[str]) -> float:
    """The mean service time of a sequence of requests (one of each): the sum of their means."""
    return sum(statistics.fmean(service[name]) for name in names)


def read_locust_csvs(prefix: Path) -> dict:
    """Locust's per-endpoint statistics (by name) and its failures (one row per method, name and error)."""
    with open(f"{prefix}_stats.csv", newline="") as stats, open(f"{prefix}_failures.csv", newline="") as failures:
        return {
            "stats": {row["Name"]: row for row in csv.DictReader(stats)},
            "failures": list(csv.DictReader(failures)),
        }


def report(result: dict) -> list[str]:
    """Print one tier's figures; return what failed."""
    stats, service, check = result["stats"], result["service"], result["check"]
    problems = []
    load = f"c={result['students']} (no think time)" if WAIT_MAX == 0 else f"{result['students']} students"
    print(f"\n== {result['kind']}, {result['workers']} workers, {load}, {SECONDS} s after the class logged in ==")
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
    # The failures CSV counts each distinct error in "Occurrences" ("Failure Count" is the stats CSV's column).
    errors = sum(int(row["Occurrences"]) for row in result["failures"])
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
    bare_ratios = {}
    for name, (ours, bare, target) in BARE_TARGETS.items():
        if not all(service.get(endpoint) for endpoint in [*ours, *bare]):
            continue
        ratio = mean_total(service, bare) / mean_total(service, ours)
        bare_ratios[name] = ratio
        # Requests per second the workers could serve at that mean service time (one sequence per "request").
        workers = result["workers"]
        capacity = workers * 1000 / mean_total(service, ours)
        bare_capacity = workers * 1000 / mean_total(service, bare)
        verdict = "" if target is None else (" ok" if ratio >= target else " BELOW TARGET")
        aim = "" if target is None else f"; target >= {target:.2f}"
        print(
            f"bare: {name} / {' + '.join(bare)}: {ratio:.2f} ({capacity:.0f} vs {bare_capacity:.0f} per second "
            f"at {workers} workers{aim}){verdict}"
        )
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
    result["ratios"], result["bare_ratios"], result["errors"] = ratios, bare_ratios, errors
    return [f"{result['kind']} {result['workers']}w {result['students']}: {problem}" for problem in problems]


def main() -> int:
    problems: list[str] = []
    results = []
    wrk_rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="hallyu-loadtest-") as tmp:
        workdir = Path(tmp)
        env = base_env()
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'static.sqlite3'}"
        run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env)  # the manifest DEBUG=0 serves from
        for kind in DATABASES:
            for workers in WORKER_COUNTS:
                for students in TIERS:
                    print(f"-- {kind}, {workers} workers, {students} students: preparing", flush=True)
                    result = tier(kind, students, workdir, workers)
                    problems += report(result)
                    results.append(result)
                    sys.stdout.flush()
                if WRK:
                    print(f"-- {kind}, {workers} workers: the bare comparison by wrk, preparing", flush=True)
                    measured = wrk.compare(kind=kind, workers=workers, workdir=workdir, port=PORT)
                    rows, missed = wrk.report(measured, kind=kind, workers=workers, gate=BARE_GATE)
                    wrk_rows += rows
                    problems += missed
                    sys.stdout.flush()
    print("\n== summary ==")
    print("in-stack: ratio to the ceiling views inside our middleware; bare: to the bare Django project")
    print(f"think time: up to {WAIT_MAX} s" if WAIT_MAX else "no think time: students = concurrency (c)")
    print(
        f"{'database':<11}{'workers':>8}{'students':>9}{'rps':>8}{'errors':>7}{'q/read':>8}{'a/write':>8}{'q/bare':>8}"
        f"{'a/bare':>8}{'flow/bare':>10}{'acked':>7}{'lost':>6}{'dup':>5}"
    )
    for result in results:
        check, bare = result["check"], result["bare_ratios"]
        print(
            f"{result['kind']:<11}{result['workers']:>8}{result['students']:>9}{float(result['stats']['Aggregated']['Requests/s']):>8.1f}"
            f"{result['errors']:>7}{result['ratios']['question GET']:>8.2f}{result['ratios']['answer POST']:>8.2f}"
            f"{bare.get('question GET', 0):>8.2f}{bare.get('answer POST', 0):>8.2f}{bare.get('answer flow', 0):>10.2f}"
            f"{check['acknowledged']:>7}{check['lost']:>6}{check['duplicated']:>5}"
        )
    if wrk_rows:
        wrk.summary(wrk_rows)
    for problem in problems:
        print(f"FAIL {problem}")
    print("loadtest: " + ("FAILED" if problems else "passed"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
