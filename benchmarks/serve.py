"""Speed of `proa-policy serve`: POST /v1/evaluate beside a bare endpoint of the same stack (issue 13).

    python benchmarks/serve.py            # 6,000 requests per measure
    python benchmarks/serve.py --quick    # 600: a smoke run, figures not meaningful

Two servers run at once on 127.0.0.1, each in its own process, under uvicorn
with the same settings: `proa-policy serve` (limits, access log off, the whole
app), and a bare Starlette app whose one route returns a constant JSON. Each
is loaded at 1, 8 and 64 keep-alive connections by `httpload` (asyncio, in
this process), after a warm-up; each figure is the best of three passes, in
requests per second, with the median and 99th-percentile latency of that pass.
The last thing printed is a markdown table for docs/serving.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

import httpload

CONNECTIONS = (1, 8, 64)
DOSSIER = ROOT / "examples" / "dossiers" / "eligible-clea-numerique.json"


def bare_app():
    from starlette.applications import Starlette
    from starlette.responses import Response
    from starlette.routing import Route

    body = b'{"verdict":"eligible"}'

    async def constant(request):
        await request.body()
        return Response(body, media_type="application/json")

    return Starlette(routes=[Route("/bare", constant, methods=["POST"]), Route("/healthz", constant)])


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(argv: list[str], port: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"server on port {port} did not start: {argv}")


def _measure(port: int, raw: bytes, total: int, connections: int) -> httpload.Result:
    httpload.load(port, raw, max(total // 10, connections), connections, timed=False)  # warm-up
    passes = [httpload.load(port, raw, total, connections) for _ in range(3)]
    for result in passes:
        if result.failures or set(result.statuses) != {200}:
            raise SystemExit(f"errors under load: {result.statuses} {result.failures[:3]}")
    return max(passes, key=lambda r: r.per_second)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--requests", type=int, default=None)
    args = parser.parse_args()
    total = args.requests or (600 if args.quick else 6000)
    proa_port, bare_port = _free_port(), _free_port()
    proa = _start(
        [sys.executable, "-m", "proa_policy.cli", "serve", "--port", str(proa_port), "--no-access-log"],
        proa_port,
    )
    bare = _start([sys.executable, str(Path(__file__).resolve()), "--bare-server", str(bare_port)], bare_port)
    body = DOSSIER.read_bytes()
    evaluate = httpload.request_bytes("POST", "/v1/evaluate", body, "application/json")
    constant = httpload.request_bytes("POST", "/bare", body, "application/json")
    rows = []
    try:
        for connections in CONNECTIONS:
            mine = _measure(proa_port, evaluate, total, connections)
            base = _measure(bare_port, constant, total, connections)
            rows.append((connections, mine, base))
            print(
                f"{connections:>3} connections: evaluate {mine.per_second:8.0f} req/s "
                f"(p50 {mine.percentile(50):.2f} ms, p99 {mine.percentile(99):.2f} ms); bare "
                f"{base.per_second:8.0f} req/s (p50 {base.percentile(50):.2f} ms, "
                f"p99 {base.percentile(99):.2f} ms)",
                flush=True,
            )
    finally:
        for process in (proa, bare):
            process.terminate()
            process.wait(timeout=30)
    print(
        f"\n{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPU, "
        f"{total} requests per pass, best of 3, dossier {DOSSIER.name}\n"
    )
    print(
        "| connections | POST /v1/evaluate req/s | p50 ms | p99 ms "
        "| bare endpoint req/s | p50 ms | p99 ms | ratio |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for connections, mine, base in rows:
        print(
            f"| {connections} | {mine.per_second:.0f} | {mine.percentile(50):.2f} "
            f"| {mine.percentile(99):.2f} "
            f"| {base.per_second:.0f} | {base.percentile(50):.2f} | {base.percentile(99):.2f} "
            f"| {mine.per_second / base.per_second:.2f} |"
        )


def bare_server(port: int) -> None:
    import uvicorn

    uvicorn.run(
        bare_app(),
        host="127.0.0.1",
        port=port,
        access_log=False,
        server_header=False,
        lifespan="off",
        log_level="warning",
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--bare-server":
        bare_server(int(sys.argv[2]))
    else:
        main()
