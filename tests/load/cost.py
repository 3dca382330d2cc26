"""What one request costs the server, in process: the question GET and the htmx answer POST against the bare
project's read and write, through each project's WSGI handler exactly as gunicorn calls it (environ in, body
iterated, response closed, so request_started/finished and connection handling run as in production).

    python -m tests.load.cost [--database sqlite|postgresql] [--rounds 400] [--profile DIR]

A throwaway database per project (tests/load/run.py's), one student logged in through the login form, then
rounds of question GET + answer POST (20-question attempts, one after another) and, in the bare project, bare
read + bare write. Prints, per endpoint, the mean CPU time and wall time per request (the process's own CPU:
with PostgreSQL the server's share is not in it; the wall time has it) and the ratios the load test reports,
so a change can be judged on a busy machine before the load test confirms it. --profile writes a cProfile
of the measured rounds per project (DIR/app.prof, DIR/bare.prof). Under `valgrind --tool=callgrind`, run a
worker with instrumentation off until the measured rounds start:

    valgrind --tool=callgrind --instr-atstart=no python -m tests.load.cost --worker=app --callgrind \\
        --plan=PLAN --rounds=N    # "Collected" / N = instructions per round (one request of each kind)
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from tests.load.servers import PY, Projects, run

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
OPTION = re.compile(r'name="option" value="(\d+)"')
WARMUP = 20


class Browser:
    """Calls a WSGI application the way gunicorn does, keeping cookies like a browser."""

    def __init__(self, application) -> None:
        self.application = application
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None, headers: dict | None = None):
        query = ""
        if "?" in path:
            path, query = path.split("?", 1)
        body = urlencode(data or {}, doseq=True).encode()
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SCRIPT_NAME": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8765",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "REMOTE_PORT": "40000",
            "HTTP_HOST": "127.0.0.1:8765",
            "HTTP_USER_AGENT": "cost",
            "HTTP_ACCEPT": "*/*",
            "HTTP_ACCEPT_ENCODING": "gzip, deflate",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.url_scheme": "http",
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        if method == "POST":
            environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
            environ["CONTENT_LENGTH"] = str(len(body))
        if self.cookies:
            environ["HTTP_COOKIE"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        for name, value in (headers or {}).items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        status_headers = {}

        def start_response(status, response_headers, exc_info=None):
            status_headers["status"] = int(status.split()[0])
            status_headers["headers"] = response_headers

        result = self.application(environ, start_response)
        try:
            content = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        for name, value in status_headers["headers"]:
            if name.lower() == "set-cookie":
                for morsel in SimpleCookie(value).values():
                    self.cookies[morsel.key] = morsel.value
        return status_headers["status"], content.decode()


def app_rounds(browser: Browser, plan: dict, rounds: int):
    """Log in, then yield (endpoint, ...) rounds of question GET + answer POST over the prepared attempts."""
    username, attempt_ids = next(iter(plan["students"].items()))
    status, page = browser.request("GET", "/accounts/login/")
    token = CSRF.search(page).group(1)
    status, _ = browser.request(
        "POST",
        "/accounts/login/",
        {"username": username, "password": plan["password"], "csrfmiddlewaretoken": token},
    )
    assert status == 302, f"login refused: {status}"
    steps = ((attempt, step) for attempt in attempt_ids for step in range(20))
    for _ in range(rounds):
        attempt, step = next(steps)
        yield "question GET", ("GET", f"/attempts/{attempt}/questions/{step + 1}/"), 200
        page = browser.last_page
        data = {"step": step, "option": OPTION.search(page).group(1), "csrfmiddlewaretoken": CSRF.search(page).group(1)}
        yield "answer POST", ("POST", f"/attempts/{attempt}/answer/", data, {"HX-Request": "true"}), 200


def bare_rounds(browser: Browser, plan: dict, rounds: int):
    for n in range(rounds):
        row = n % 200 + 1
        yield "bare read", ("GET", f"/read/?row={row}"), 200
        token = CSRF.search(browser.last_page).group(1)
        yield "bare write", ("POST", "/write/", {"row": row, "csrfmiddlewaretoken": token}), 201


def worker(kind: str, plan_path: str, rounds: int, profile: str, callgrind: bool = False) -> None:
    """In this process: one project's WSGI application, WARMUP rounds, then `rounds` measured ones."""
    import django
    from django.core.wsgi import get_wsgi_application

    django.setup(set_prefix=False)
    application = get_wsgi_application()
    browser = Browser(application)
    plan = json.loads(Path(plan_path).read_text())
    requests = (app_rounds if kind == "app" else bare_rounds)(browser, plan, WARMUP + rounds)
    times: dict[str, list[tuple[float, float]]] = {}
    profiler = None
    for index, (name, args, expected) in enumerate(requests):
        if index == 2 * WARMUP and profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        if index == 2 * WARMUP and callgrind:
            # Instructions counted from here to the end only (valgrind --tool=callgrind --instr-atstart=no).
            subprocess.run(["callgrind_control", "--instr=on", str(os.getpid())], check=True, capture_output=True)
        cpu, wall = time.process_time(), time.perf_counter()
        status, page = browser.request(*args)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        assert status == expected, f"{name}: {status}\n{page[:2000]}"
        browser.last_page = page
        if index >= 2 * WARMUP:
            times.setdefault(name, []).append((cpu * 1000, wall * 1000))
    if callgrind:
        subprocess.run(["callgrind_control", "--instr=off", str(os.getpid())], check=True, capture_output=True)
    if profiler is not None:
        profiler.disable()
        Path(profile).mkdir(parents=True, exist_ok=True)
        profiler.dump_stats(str(Path(profile) / f"{kind}.prof"))
    print(
        json.dumps(
            {name: {"cpu": [t[0] for t in values], "wall": [t[1] for t in values]} for name, values in times.items()}
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="sqlite", choices=["sqlite", "postgresql"])
    parser.add_argument("--rounds", type=int, default=400)
    parser.add_argument("--profile", default="")
    parser.add_argument("--worker", choices=["app", "bare"], help=argparse.SUPPRESS)
    parser.add_argument("--callgrind", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--plan", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.plan, args.rounds, args.profile, args.callgrind)
        return 0
    with tempfile.TemporaryDirectory(prefix="hallyu-cost-") as tmp:
        workdir = Path(tmp)
        projects = Projects(args.database, workdir, "cost")
        env, bare_env = projects.env, projects.bare_env
        try:
            projects.create()
            run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], env, stdout=subprocess.DEVNULL)
            plan = workdir / "plan.json"
            attempts = -(-(WARMUP + args.rounds) // 20)
            run([PY, "-m", "tests.load.prepare", "--students=1", f"--attempts={attempts}", f"--out={plan}"], env)
            results = {}
            for kind, kind_env in (("app", env), ("bare", bare_env)):
                command = [PY, "-m", "tests.load.cost", f"--worker={kind}", f"--plan={plan}", f"--rounds={args.rounds}"]
                if args.profile:
                    command.append(f"--profile={args.profile}")
                out = run(command, kind_env, stdout=subprocess.PIPE, text=True).stdout
                results.update(json.loads(out.splitlines()[-1]))
        finally:
            projects.drop()
    print(f"{args.database}, {args.rounds} rounds after {WARMUP} of warm-up, per request:")
    print(f"{'endpoint':<14}{'cpu mean':>10}{'cpu p50':>9}{'wall mean':>11}{'wall p50':>10}")
    for name, values in results.items():
        print(
            f"{name:<14}{statistics.fmean(values['cpu']):>10.3f}{statistics.median(values['cpu']):>9.3f}"
            f"{statistics.fmean(values['wall']):>11.3f}{statistics.median(values['wall']):>10.3f}"
        )
    for ours, bare in (("question GET", "bare read"), ("answer POST", "bare write")):
        for measure in ("cpu", "wall"):
            ratio = statistics.fmean(results[bare][measure]) / statistics.fmean(results[ours][measure])
            print(f"{ours} / {bare} ({measure}): {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
