"""The load tests' servers: a throwaway database, gunicorn in its own process group, the environment they share.

Used by `make loadtest` (tests/load/run.py), its bare comparison by wrk (tests/load/wrk.py), the in-process cost
probe (tests/load/cost.py) and `make cluster-test` (tests/load/cluster.py).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
PG = os.environ.get("LOADTEST_PG", "postgresql://postgres@127.0.0.1:5432")


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

    def __init__(self, kind: str, workdir: Path, label: str = "loadtest") -> None:
        self.kind = kind
        self.name = f"hallyu_{label}_{os.getpid()}"
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


def gunicorn(wsgi: str, port: int, out: Path, name: str, env: dict, workers: int = 2) -> subprocess.Popen:
    """gunicorn with the load test's settings (`workers` sync workers, loopback), in its own process group."""
    return subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            wsgi,
            f"--workers={workers}",
            "--worker-class=sync",
            f"--bind=127.0.0.1:{port}",
            "--timeout=60",
            f"--access-logfile={out / f'{name}.access.log'}",
            "--access-logformat=%(t)s %(m)s %(U)s %(s)s %(D)s",
            f"--error-logfile={out / f'{name}.error.log'}",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )


class Projects:
    """The app and the bare ceiling project (tests/load/bare/), each on a throwaway database of one kind, with the
    environment each is run in: what the load test, its wrk comparison and the cost probe all serve."""

    def __init__(self, kind: str, workdir: Path, label: str) -> None:
        self.database, self.bare_database = Database(kind, workdir, label), Database(kind, workdir, f"{label}_bare")
        self.env = {**base_env(), "DATABASE_URL": self.database.url}
        self.bare_env = {
            **self.env,
            "DATABASE_URL": self.bare_database.url,
            "DJANGO_SETTINGS_MODULE": "tests.load.bare.settings",
        }

    def create(self) -> None:
        """Both databases created and migrated, the seeds loaded into the app's."""
        self.database.create()
        self.bare_database.create()
        run([PY, "manage.py", "migrate", "--noinput", "-v0"], self.bare_env)
        run([PY, "manage.py", "migrate", "--noinput", "-v0"], self.env)
        run([PY, "manage.py", "load_seeds"], self.env, stdout=subprocess.DEVNULL)

    def drop(self) -> None:
        self.database.drop()
        self.bare_database.drop()
