"""Pieces of `make cluster-test` (tests/load/cluster.py) that can be checked without running it: the HAProxy
configuration it writes is valid and health-checks /healthz, and each request is counted in its phase."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.load import cluster


def test_each_moment_falls_in_the_phase_that_had_begun():
    events = [("steady", 100.0), ("node killed", 110.0), ("node back", 118.0), ("recovered", 130.0)]
    assert cluster.phase_of(99.9, events) is None  # before the window: the logins
    assert cluster.phase_of(100.0, events) == "steady"
    assert cluster.phase_of(117.9, events) == "node killed"
    assert cluster.phase_of(118.0, events) == "node back"
    assert cluster.phase_of(500.0, events) == "recovered"


def test_the_haproxy_configuration_is_valid_and_checks_healthz(tmp_path):
    if not shutil.which("haproxy"):
        pytest.skip("haproxy is not installed (make cluster-test installs it)")
    servers = "\n".join(
        f"    server {name} 127.0.0.1:{port} check inter 1s fall 2 rise 2" for name, port in cluster.NODES.items()
    )
    config = tmp_path / "haproxy.cfg"
    text = cluster.HAPROXY_CONFIG.format(port=cluster.PORT, servers=servers)
    config.write_text(text)
    result = subprocess.run(["haproxy", "-c", "-f", str(config)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "uri /healthz" in text
    assert "bind 127.0.0.1:" in text, "loopback only"
