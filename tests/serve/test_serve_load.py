"""The real server under load on 127.0.0.1: no error at 64 concurrent connections, memory flat.

Bounded in requests (100,000) and in time (each connection waits for its answers; no sleep, no timing
assertion): after a warm-up of 10,000 requests, the server's resident memory may not grow by more than
`GROWTH_BOUND` over the next 90,000. The requests mix eligible, ineligible, invalid and unreadable dossiers,
so every path of `POST /v1/evaluate` runs many times.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("uvicorn")
from proa_policy.report.jsonout import dumps

from . import serving
from ..conftest import dossier

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import httpload

pytestmark = pytest.mark.slow

CONNECTIONS = 64
WARM_UP, REQUESTS = 10_000, 90_000
GROWTH_BOUND = (
    16 * 1024 * 1024
)  # bytes: room for allocator noise, far below what a leak of 90,000 would leave


def resident_bytes(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def requests() -> list[bytes]:
    # eligible dossiers most often, as in use; each other path once in seven requests
    bodies = [
        dossier(),
        dossier(id="B"),
        dossier(id="C"),
        dossier(pro_a__training_hours=140, pro_a__total_hours=800),
        {"id": "x"},
    ]
    raws = [httpload.request_bytes("POST", "/v1/evaluate", dumps(b).encode()) for b in bodies]
    raws.append(httpload.request_bytes("POST", "/v1/evaluate", b"{not json"))
    raws.append(httpload.request_bytes("POST", "/v1/evaluate?explain=true", dumps(dossier()).encode()))
    return raws


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="resident memory is read from /proc")
def test_64_connections_and_100000_requests_no_error_and_flat_memory():
    with serving.running() as server:
        raws = requests()
        warm = httpload.load(server.port, raws, WARM_UP, CONNECTIONS, timed=False)
        before = resident_bytes(server.process.pid)
        run = httpload.load(server.port, raws, REQUESTS, CONNECTIONS, timed=False)
        after = resident_bytes(server.process.pid)
        health = httpload.load(server.port, httpload.request_bytes("GET", "/healthz"), 1, 1)
    for result, expected in ((warm, WARM_UP), (run, REQUESTS)):
        assert not result.failures, result.failures[:3]
        assert result.requests == expected
        assert set(result.statuses) == {200, 400}, result.statuses  # 400: the unreadable body, on purpose
        assert result.statuses[400] >= expected // len(raws) - CONNECTIONS
    assert health.statuses == {200: 1}
    assert after - before < GROWTH_BOUND, f"resident memory grew by {(after - before) / 2**20:.1f} MiB"
