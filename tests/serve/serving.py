"""A real `proa-policy serve` in a subprocess on a free port, for the browser, command and load tests."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
#: How long a server may take to start on a loaded machine; the wait ends as soon as it answers.
START_BOUND_SECONDS = 60


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    port: int

    def stop(self, sig: int = signal.SIGTERM) -> tuple[int, str]:
        """Send `sig`, wait for the exit; (exit code, what it wrote on stderr)."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            _, err = self.process.communicate(timeout=START_BOUND_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
        return self.process.returncode, err


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def command(*args: str) -> list[str]:
    """`proa-policy serve …` run by this interpreter (the same code whatever is on PATH)."""
    return [sys.executable, "-m", "proa_policy.cli", "serve", *args]


@contextlib.contextmanager
def running(*args: str, access_log: bool = False) -> Iterator[Server]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    argv = command(
        "--host", "127.0.0.1", "--port", str(port), *args, *(() if access_log else ("--no-access-log",))
    )
    process = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    server = Server(f"http://127.0.0.1:{port}", process, port)
    try:
        _wait_until_up(server)
        yield server
    finally:
        server.stop()


def _wait_until_up(server: Server) -> None:
    deadline = time.monotonic() + START_BOUND_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                "proa-policy serve exited: " + (server.process.stderr.read() if server.process.stderr else "")
            )
        try:
            with urllib.request.urlopen(server.url + "/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"proa-policy serve did not answer within {START_BOUND_SECONDS} s")


def flat(value: Any, prefix: str = "") -> dict[str, str]:
    """A dossier as the form's fields: `pro_a.training_hours` → text, booleans as `true`/`false`."""
    out: dict[str, str] = {}
    for key, sub in value.items():
        name = f"{prefix}{key}"
        if isinstance(sub, dict):
            out.update(flat(sub, name + "."))
        else:
            out[name] = ("true" if sub else "false") if isinstance(sub, bool) else str(sub)
    return out

