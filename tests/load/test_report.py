"""The load test's report reads locust's own CSV files: a run with failures is reported, not crashed on.

The CSV files are written by locust itself (its StatsCSV writer, in a subprocess: importing locust
monkey-patches the interpreter with gevent, which the rest of the suite must not inherit)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.load import run

WRITE_LOCUST_CSVS = """
import csv, sys
from locust.env import Environment
from locust.stats import PERCENTILES_TO_REPORT, StatsCSV

environment = Environment()
stats = environment.stats
for name, method in [
    ("question GET", "GET"), ("answer POST", "POST"), ("progress GET", "GET"),
    ("ceiling read", "GET"), ("ceiling write", "POST"),
]:
    for _ in range(4):
        stats.log_request(method, name, 20, 500)
for _ in range(3):
    stats.log_error("POST", "answer POST", "HTTPError('502 Server Error: Bad Gateway')")
stats.log_error("GET", "progress GET", "ConnectionRefusedError(111, 'Connection refused')")
writer = StatsCSV(environment, PERCENTILES_TO_REPORT)
with open(sys.argv[1] + "_stats.csv", "w", newline="") as out:
    writer.requests_csv(csv.writer(out))
with open(sys.argv[1] + "_failures.csv", "w", newline="") as out:
    writer.failures_csv(csv.writer(out))
"""


def locust_csvs(tmp_path: Path) -> dict:
    prefix = tmp_path / "locust"
    subprocess.run([sys.executable, "-c", WRITE_LOCUST_CSVS, str(prefix)], check=True)
    return run.read_locust_csvs(prefix)


def a_result(csvs: dict) -> dict:
    return {
        "kind": "sqlite",
        "students": 4,
        "workers": 2,
        **csvs,
        "service": {**{name: [5.0] for name in run.ENDPOINTS}, "_5xx": [0]},
        "check": {
            "acknowledged": 4,
            "stored": 4,
            "lost": 0,
            "duplicated": 0,
            "unacknowledged": 0,
            "step_mismatch": 0,
        },
        "measured": True,
        "locust_rc": 1,
    }


def test_locusts_failures_csv_is_the_shape_the_report_reads(tmp_path):
    csvs = locust_csvs(tmp_path)
    assert [row["Name"] for row in csvs["failures"]] == ["answer POST", "progress GET"]
    assert {"Method", "Name", "Error", "Occurrences"} <= set(csvs["failures"][0])
    assert "Failure Count" not in csvs["failures"][0]


def test_a_run_with_failures_is_reported_with_each_error_and_fails(tmp_path, capsys):
    result = a_result(locust_csvs(tmp_path))
    problems = run.report(result)
    printed = capsys.readouterr().out
    assert "failure: POST answer POST: HTTPError('502 Server Error: Bad Gateway') x3" in printed
    assert "failure: GET progress GET: ConnectionRefusedError(111, 'Connection refused') x1" in printed
    assert result["errors"] == 4
    assert "sqlite 2w 4: 4 errors" in problems


def test_a_clean_run_reports_no_problem(tmp_path, capsys):
    csvs = locust_csvs(tmp_path)
    csvs["failures"] = []
    for row in csvs["stats"].values():
        row["Failure Count"] = "0"
    result = a_result(csvs)
    assert run.report(result) == []
    assert result["errors"] == 0
