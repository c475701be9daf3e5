"""A small HTTP/1.1 load generator on asyncio streams: keep-alive connections, each request timed.

It costs the client little (no HTTP library), so on a small machine the
server, not the client, is what is measured. Used by `benchmarks/serve.py`
and by the load test (`tests/test_serve_load.py`).
"""

from __future__ import annotations

import asyncio
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field

_LENGTH = re.compile(rb"\r\ncontent-length:\s*(\d+)", re.IGNORECASE)


@dataclass
class Result:
    requests: int = 0
    seconds: float = 0.0
    statuses: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        """Latency in milliseconds at percentile `p` (nearest rank)."""
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))] * 1000


def request_bytes(method: str, path: str, body: bytes = b"", content_type: str = "application/json") -> bytes:
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    if body or method == "POST":
        head += f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
    return head.encode() + b"\r\n" + body


async def _connection(
    host: str, port: int, raws: list[bytes], count: int, result: Result, timed: bool, offset: int
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        for n in range(count):
            started = time.perf_counter()
            writer.write(raws[(n + offset) % len(raws)])
            head = await reader.readuntil(b"\r\n\r\n")
            match = _LENGTH.search(head)
            if match is None:
                result.failures.append(head[:80].decode("latin-1"))
                return
            await reader.readexactly(int(match.group(1)))
            if timed:
                result.latencies.append(time.perf_counter() - started)
            result.statuses[int(head[9:12])] += 1
            result.requests += 1
    except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
        result.failures.append(f"{type(exc).__name__}: {exc}")
    finally:
        writer.close()


async def _run(host: str, port: int, raws: list[bytes], total: int, connections: int, timed: bool) -> Result:
    result = Result()
    share, extra = divmod(total, connections)
    started = time.perf_counter()
    await asyncio.gather(
        *(_connection(host, port, raws, share + (i < extra), result, timed, i) for i in range(connections))
    )
    result.seconds = time.perf_counter() - started
    return result


def load(
    port: int,
    raw: bytes | list[bytes],
    total: int,
    connections: int,
    host: str = "127.0.0.1",
    timed: bool = True,
) -> Result:
    """Send `total` requests over `connections` keep-alive connections at once; `raw` is one request, or
    several that each connection sends in turn."""
    raws = [raw] if isinstance(raw, bytes) else list(raw)
    return asyncio.run(_run(host, port, raws, total, connections, timed))


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0
