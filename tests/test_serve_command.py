"""`proa-policy serve` as a command: it listens where it says, answers, and stops cleanly on SIGINT/SIGTERM."""

from __future__ import annotations

import json
import signal
import urllib.request

import pytest
from click.testing import CliRunner

pytest.importorskip("uvicorn")
from proa_policy.cli import main  # noqa: E402

from . import serving  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_the_server_logs_where_it_listens_and_stops_cleanly_on_a_signal(sig):
    with serving.running(access_log=True) as server:
        with urllib.request.urlopen(server.url + "/v1/policy", timeout=10) as response:
            assert response.status == 200
        code, err = server.stop(sig)
    assert code == 0
    assert f"http://127.0.0.1:{server.port}" in err
    access = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert any(r["route"] == "/v1/policy" and r["status"] == 200 for r in access)
    assert "Traceback" not in err


def test_a_policy_set_that_does_not_load_exits_2(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--policies", str(tmp_path), "--port", "0"])
    assert result.exit_code == 2


def test_the_limits_are_options():
    result = CliRunner().invoke(main, ["serve", "--help"])
    for option in ("--host", "--port", "--policies", "--max-body", "--max-stream", "--timeout", "--max-in-flight"):
        assert option in result.output
