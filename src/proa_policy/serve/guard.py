"""The outer layer of every request: the in-flight bound, the time limit, errors, the access log.

A pure ASGI middleware (no buffering: NDJSON streams through it). The access
log is one JSON line per request with what an operator needs — time, method,
route *template* (never the query string), status, duration, verdict, a
digest of the dossier's bytes — and nothing of the dossier itself.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Callable
from typing import Any

import anyio

from proa_policy.serve.problems import problem
from proa_policy.serve.settings import Settings

#: Added to every response: nothing from elsewhere may load, nothing is kept by caches
#: (dossiers are personal data).
SECURITY_HEADERS = (
    (
        b"content-security-policy",
        (
            b"default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; "
            b"base-uri 'none'"
        ),
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
)
ACCESS_LOG = logging.getLogger("proa_policy.serve.access")
ERROR_LOG = logging.getLogger("proa_policy.serve.error")

Scope = dict[str, Any]


class Guard:
    """Bounds requests in flight and in time; turns any failure into a problem response; logs each request."""

    def __init__(self, app: Any, settings: Settings, route_of: Callable[[Scope], str]):
        self.app = app
        self.settings = settings
        self.route_of = route_of
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        scope.setdefault("state", {})
        sent = {"status": 0}

        async def watched(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                sent["status"] = message["status"]
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [h for h in SECURITY_HEADERS if h[0] not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        if self.in_flight >= self.settings.max_in_flight:
            busy = problem(
                503,
                "busy",
                "trop de requêtes en cours ; réessayer dans un instant",
                headers={"Retry-After": "1"},
            )
            await busy(scope, receive, watched)
        else:
            self.in_flight += 1
            try:
                await self._bounded(scope, receive, watched, sent)
            finally:
                self.in_flight -= 1
        self._log(scope, sent["status"], time.perf_counter() - started)

    async def _bounded(self, scope: Scope, receive: Any, send: Any, sent: dict[str, int]) -> None:
        try:
            with anyio.fail_after(self.settings.timeout_seconds):
                await self.app(scope, receive, send)
        except TimeoutError:
            if not sent["status"]:
                late = problem(503, "timeout", f"délai de {self.settings.timeout_seconds:g} s dépassé")
                await late(scope, receive, send)
            # a response already under way (a stream) is cut: the client sees an incomplete body
        except Exception as exc:  # never a traceback in a response; the operator's log says what
            ERROR_LOG.error("%s %s: %s", scope.get("method"), self.route_of(scope), type(exc).__name__)
            if not sent["status"]:
                await problem(500, "internal", "erreur interne du serveur")(scope, receive, send)

    def _log(self, scope: Scope, status: int, seconds: float) -> None:
        if not ACCESS_LOG.isEnabledFor(logging.INFO):
            return
        state = scope.get("state", {})
        record = {
            "time": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
            "method": scope.get("method"),
            "route": self.route_of(scope),
            "status": status,
            "duration_ms": round(seconds * 1000, 3),
            "verdict": state.get("verdict"),
            "dossier_sha256": state.get("dossier_sha256"),
        }
        if "dossiers" in state:
            record["dossiers"] = state["dossiers"]
        ACCESS_LOG.info(json.dumps(record, ensure_ascii=False))
