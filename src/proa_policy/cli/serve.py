"""`proa-policy serve`: the API and the web page on uvicorn, in the foreground, until SIGINT or SIGTERM."""

from __future__ import annotations

import logging
import signal
import sys

import click

from proa_policy.cli.common import load_policy_set
from proa_policy.cli.options import policies_option
from proa_policy.serve.settings import Settings

_DEFAULTS = Settings()


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0: any free port, said in the log).",
)
@policies_option
@click.option(
    "--max-body",
    type=click.IntRange(1),
    default=_DEFAULTS.max_body_bytes,
    show_default=True,
    help="Largest dossier, form or uploaded file, in bytes (413 beyond).",
)
@click.option(
    "--max-stream",
    type=click.IntRange(1),
    default=_DEFAULTS.max_stream_bytes,
    show_default=True,
    help="Largest NDJSON body, in bytes.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.1),
    default=_DEFAULTS.timeout_seconds,
    show_default=True,
    help="Seconds a request may take (503 beyond).",
)
@click.option(
    "--max-in-flight",
    type=click.IntRange(1),
    default=_DEFAULTS.max_in_flight,
    show_default=True,
    help="Requests handled at once (503 with Retry-After beyond).",
)
@click.option(
    "--access-log/--no-access-log",
    default=True,
    show_default=True,
    help="One JSON line per request on stderr (no personal data).",
)
def serve(
    host: str,
    port: int,
    policies_dir: str | None,
    max_body: int,
    max_stream: int,
    timeout: float,
    max_in_flight: int,
    access_log: bool,
) -> None:
    """Serve the HTTP API and the French web page (open http://127.0.0.1:8000).

    Exit 0 after SIGINT or SIGTERM, 2 when the policy set does not load, the
    address cannot be listened on, or the server extra is not installed
    (`pip install "proa-policy[serve]"`).
    """
    try:
        import uvicorn

        from proa_policy.serve.app import create_app
    except ImportError as exc:
        click.echo(f'proa-policy serve: `{exc.name}` is missing: pip install "proa-policy[serve]"', err=True)
        raise SystemExit(2) from None
    policies = load_policy_set(policies_dir)
    settings = Settings(
        max_body_bytes=max_body,
        max_stream_bytes=max_stream,
        timeout_seconds=timeout,
        max_in_flight=max_in_flight,
    )
    _logging(access_log)
    app = create_app(policies, settings)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        access_log=False,
        server_header=False,
        lifespan="off",
        log_config=None,
        timeout_graceful_shutdown=5,
    )
    # uvicorn shuts down gracefully on SIGINT/SIGTERM, then raises the signal again to the handler it found:
    # that handler only notes it, so the command ends with 0, not killed by the signal.
    received: list[int] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda signum, frame: received.append(signum))
    server = uvicorn.Server(config)
    try:
        server.run()
    except SystemExit:  # uvicorn's own exit when it cannot start (the address is taken…)
        pass
    if not server.started:
        click.echo(f"proa-policy serve: cannot listen on {host}:{port}", err=True)
        raise SystemExit(2)
    if received:
        logging.getLogger("uvicorn.error").info("arrêté (%s)", signal.Signals(received[0]).name)


def _logging(access_log: bool) -> None:
    """uvicorn's start/stop lines and our access log as plain lines on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    for name in ("uvicorn", "uvicorn.error", "proa_policy.serve.error"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.INFO)
        logger.propagate = False
    access = logging.getLogger("proa_policy.serve.access")
    access.handlers[:] = [handler] if access_log else []
    access.setLevel(logging.INFO if access_log else logging.CRITICAL)
    access.propagate = False
