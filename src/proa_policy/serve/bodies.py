"""Reading a request body within its cap, and the media types a dossier may come as."""

from __future__ import annotations

import hashlib
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from proa_policy.serve.problems import problem

JSON_TYPES = frozenset({"application/json"})
YAML_TYPES = frozenset({"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"})
NDJSON_TYPES = frozenset({"application/x-ndjson", "application/jsonl", "application/x-jsonlines"})
DOSSIER_TYPES = JSON_TYPES | YAML_TYPES


class TooLarge(Exception):
    """The body is over the cap (by its Content-Length, or as it arrives)."""


class BadLength(Exception):
    """A Content-Length that is not a number."""


def media_type(request: Request) -> tuple[str, str | None]:
    """(`type/subtype` in lower case, charset or None) of the request's Content-Type."""
    raw = request.headers.get("content-type", "")
    kind, *params = raw.split(";")
    charset = None
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return kind.strip().lower(), charset


def acceptable_charset(charset: str | None) -> bool:
    """Dossiers are UTF-8 (as files are); a body that says otherwise is refused before it is read."""
    return charset in (None, "utf-8", "utf8")


def declared_length(request: Request) -> int | None:
    raw = request.headers.get("content-length")
    if raw is None:
        return None
    if not raw.strip().isdigit():
        raise BadLength(raw)
    return int(raw)


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, refusing to hold more than `limit` bytes."""
    length = declared_length(request)
    if length is not None and length > limit:
        raise TooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


async def body_or_problem(request: Request, limit: int, what: str) -> bytes | Response:
    """The body within `limit`, or the problem to answer: 413 beyond it (« `what` de plus de … »), 400 for a
    Content-Length that is not a length. One place for every route that reads a whole body."""
    try:
        return await read_body(request, limit)
    except TooLarge:
        return problem(413, "too-large", f"{what} de plus de {limit} octets")
    except BadLength:
        return problem(400, "bad-length", "en-tête Content-Length invalide")


def digest(data: bytes) -> str:
    """What the access log says of a dossier: its SHA-256, so the sender can match it, nothing readable."""
    return hashlib.sha256(data).hexdigest()


def remember(request: Request, **values: Any) -> None:
    """Facts for the access log line (verdict, digest), kept in the request's scope."""
    for key, value in values.items():
        setattr(request.state, key, value)
