"""The JSON API: evaluate, validate, the annex, the articles, the policy set; on the public Python API.

A dossier is read by the same functions as a file on the command line
(`inputs.load_bytes`, `inputs.load_line`) and judged by the same `batch.decide`,
so a response is one element of `evaluate --format json`, positions included.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import AsyncIterator
from typing import Any

import anyio
from starlette.requests import Request
from starlette.responses import Response

from proa_policy.engine.batch import Options, decide
from proa_policy.policy.annex import lookup
from proa_policy.engine.policyset import PolicySet
from proa_policy.errors import DocumentError
from proa_policy.read.inputs import MAX_LINE_BYTES, Loaded, load_bytes, load_line, too_long
from proa_policy.read.positions import locate
from proa_policy.report.jsonout import dumps
from proa_policy.serve import params
from proa_policy.serve.bodies import (
    DOSSIER_TYPES,
    JSON_TYPES,
    NDJSON_TYPES,
    BadLength,
    acceptable_charset,
    body_or_problem,
    declared_length,
    digest,
    media_type,
    remember,
)
from proa_policy.serve.policyinfo import PolicyInfo
from proa_policy.serve.problems import problem
from proa_policy.serve.settings import Settings

#: Above this size a document is read and judged in a worker thread, so the time limit can still answer.
INLINE_BYTES = 64 * 1024
SOURCE = "request"


def json_response(value: Any, status: int = 200) -> Response:
    return Response(dumps(value), status_code=status, media_type="application/json")


class Api:
    """The routes of `/v1/…`, sharing one immutable policy set."""

    def __init__(self, policies: PolicySet, settings: Settings, info: PolicyInfo):
        self.policies = policies
        self.settings = settings
        self.info = info

    # --- dossiers ------------------------------------------------------------

    async def _document(self, request: Request) -> Loaded | Response:
        """The request's dossier read like a file, or the response that says why it cannot be."""
        kind, charset = media_type(request)
        if kind not in DOSSIER_TYPES:
            return problem(
                415,
                "media-type",
                f"type de contenu `{kind or '(absent)'}` non pris en charge ; "
                "attendu : application/json, application/yaml ou application/x-ndjson",
            )
        if not acceptable_charset(charset):
            return problem(
                415, "charset", f"jeu de caractères `{charset}` non pris en charge ; attendu : utf-8"
            )
        body = await body_or_problem(request, self.settings.max_body_bytes, "dossier")
        if isinstance(body, Response):
            return body
        remember(request, dossier_sha256=digest(body))
        name = SOURCE + (".json" if kind in JSON_TYPES else ".yaml")
        if len(body) <= INLINE_BYTES:
            return load_bytes(name, body)
        return await anyio.to_thread.run_sync(load_bytes, name, body, abandon_on_cancel=True)

    async def evaluate(self, request: Request) -> Response:
        try:
            options = params.options(request.query_params)
        except params.BadParameter as exc:
            return problem(400, "bad-parameter", str(exc))
        kind, charset = media_type(request)
        if kind in NDJSON_TYPES:
            if not acceptable_charset(charset):
                return problem(
                    415, "charset", f"jeu de caractères `{charset}` non pris en charge ; attendu : utf-8"
                )
            return await self._stream(request, options)
        loaded = await self._document(request)
        if isinstance(loaded, Response):
            return loaded
        if (
            loaded.text is not None and len(loaded.text) > INLINE_BYTES
        ):  # a large document: off the event loop
            decision = await anyio.to_thread.run_sync(
                decide, self.policies, loaded, options, abandon_on_cancel=True
            )
        else:
            decision = decide(self.policies, loaded, options)
        if loaded.error is not None:  # not JSON or YAML at all: the request is bad, said as on the CLI
            remember(request, verdict=decision.verdict)
            return problem(
                400,
                "unreadable-dossier",
                decision.errors[0].message,
                errors=[e.to_dict() for e in decision.errors],
            )
        remember(request, verdict=decision.verdict)
        return json_response(decision.to_dict(explain=options.explain))

    async def validate(self, request: Request) -> Response:
        try:
            lang = params.lang(request.query_params)
        except params.BadParameter as exc:
            return problem(400, "bad-parameter", str(exc))
        loaded = await self._document(request)
        if isinstance(loaded, Response):
            return loaded
        if loaded.error is not None:
            decision = decide(self.policies, loaded, Options(lang=lang))
            return problem(
                400,
                "unreadable-dossier",
                decision.errors[0].message,
                errors=[e.to_dict() for e in decision.errors],
            )
        schema = self.policies.schema
        issues = [] if schema.is_valid(loaded.document) else schema.issues(loaded.document, lang)
        errors = []
        for issue in issues:
            line, column = locate(loaded.source, loaded.text or "", issue.pointer, loaded.document)
            errors.append({**issue.to_dict(), **({"line": line, "column": column} if line else {})})
        remember(request, verdict="valid" if not errors else "invalid")
        return json_response({"source": loaded.source, "valid": not errors, "errors": errors})

    async def _stream(self, request: Request, options: Options) -> Response:
        try:
            length = declared_length(request)
        except BadLength:
            return problem(400, "bad-length", "en-tête Content-Length invalide")
        if length is not None and length > self.settings.max_stream_bytes:
            return problem(413, "too-large", f"flux de plus de {self.settings.max_stream_bytes} octets")
        return NdjsonResponse(self._decisions(request, options))

    async def _decisions(self, request: Request, options: Options) -> AsyncIterator[bytes]:
        """One decision per non-blank line, in order, as the lines arrive; each line bounded."""
        counts: dict[str, int] = {}
        received = hashlib.sha256()
        total, number, pending = 0, 0, b""
        limit = self.settings.max_stream_bytes

        def answer(raw: bytes) -> bytes:
            nonlocal number
            number += 1
            if not raw.strip():
                return b""
            loaded = too_long(SOURCE, number) if len(raw) > MAX_LINE_BYTES else load_line(SOURCE, number, raw)
            decision = decide(self.policies, loaded, options)
            counts[decision.verdict] = counts.get(decision.verdict, 0) + 1
            return (dumps(decision.to_dict(explain=options.explain)) + "\n").encode()

        async for chunk in request.stream():
            total += len(chunk)
            if total > limit:
                yield self._cut(number + 1, options)
                break
            received.update(chunk)
            pending += chunk
            *lines, pending = pending.split(b"\n")
            out = b"".join(answer(line) for line in lines)
            if out:
                yield out
            if len(pending) > MAX_LINE_BYTES:  # a line without end: answered as too long, the rest skipped
                pending = b"x" * (MAX_LINE_BYTES + 1)
        else:
            if pending.strip():
                yield answer(pending)
        remember(request, dossiers=counts, dossier_sha256=received.hexdigest())

    def _cut(self, number: int, options: Options) -> bytes:
        error = DocumentError(
            f"flux de plus de {self.settings.max_stream_bytes} octets : lecture arrêtée", line=number
        )
        decision = decide(self.policies, Loaded(f"{SOURCE}:{number}", error=error), options)
        return (dumps(decision.to_dict(explain=options.explain)) + "\n").encode()

    # --- the accord ----------------------------------------------------------

    async def certifications(self, request: Request) -> Response:
        query = request.query_params
        try:
            day = params.date(query, "as_of") or dt.date.today()
            lang = params.lang(query)
        except params.BadParameter as exc:
            return problem(400, "bad-parameter", str(exc))
        return json_response(lookup(self.policies, query.get("q"), query.get("sector"), day, lang))

    async def article(self, request: Request) -> Response:
        label = request.path_params["article"]
        record = self.info.article(label)
        if record is None:
            known = ", ".join(a.article for a in self.policies.document.articles)
            return problem(404, "unknown-article", f"article `{label[:40]}` inconnu (articles : {known})")
        return json_response(record)

    async def policy(self, request: Request) -> Response:
        return json_response(self.info.summary())

    async def healthz(self, request: Request) -> Response:
        return json_response({"status": "ok", "policy": self.info.summary()["version"]})


class NdjsonResponse(Response):
    """A stream of decisions sent as they are made, reading the request as it comes (not buffered)."""

    media_type = "application/x-ndjson"

    def __init__(self, chunks: AsyncIterator[bytes]):
        self.chunks = chunks
        self.status_code = 200
        self.background = None
        self.init_headers()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
        async for chunk in self.chunks:
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body", "body": b"", "more_body": False})
