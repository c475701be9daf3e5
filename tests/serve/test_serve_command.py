"""`proa-policy serve` as a command: it says where it listens, answers, stops cleanly on SIGINT/SIGTERM."""

from __future__ import annotations

import json
import signal
import urllib.request

import pytest
from click.testing import CliRunner

pytest.importorskip("uvicorn")
from proa_policy.cli import main

from . import serving

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
    for option in (
        "--host",
        "--port",
        "--policies",
        "--max-body",
        "--max-stream",
        "--timeout",
        "--max-in-flight",
    ):
        assert option in result.output


def _chunk(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


def test_ndjson_decisions_come_back_while_the_request_is_still_being_sent():
    """Streamed both ways: the first decision arrives before the second line is even sent."""
    import socket

    from proa_policy.report.jsonout import dumps

    from ..conftest import dossier

    with (
        serving.running() as server,
        socket.create_connection(("127.0.0.1", server.port), timeout=serving.START_BOUND_SECONDS) as sock,
    ):
        sock.sendall(
            b"POST /v1/evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        sock.sendall(_chunk(dumps(dossier(id="FIRST")).encode() + b"\n"))
        received = b""
        while b"FIRST" not in received:  # bounded by the socket timeout, never by a sleep
            data = sock.recv(65536)
            assert data, "connection closed before the first decision"
            received += data
        assert b"SECOND" not in received and received.startswith(b"HTTP/1.1 200")
        sock.sendall(_chunk(dumps(dossier(id="SECOND")).encode() + b"\n") + b"0\r\n\r\n")
        while not received.endswith(b"0\r\n\r\n"):
            data = sock.recv(65536)
            assert data
            received += data
    assert received.index(b"FIRST") < received.index(b"SECOND")


def test_an_address_already_taken_exits_2():
    import subprocess

    with serving.running() as server:
        taken = subprocess.run(
            serving.command("--port", str(server.port), "--no-access-log"),
            cwd=serving.ROOT,
            capture_output=True,
            text=True,
            timeout=serving.START_BOUND_SECONDS,
        )
    assert taken.returncode == 2
    assert "cannot listen" in taken.stderr
