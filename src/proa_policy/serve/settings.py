"""The server's limits: every cost of a request is bounded, and each bound is a CLI option."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """Defaults sized for one agency or one case handler's tool; see docs/serving.md."""

    #: A single dossier body (JSON, YAML, a form, an uploaded file) larger than this gets 413.
    max_body_bytes: int = 1024 * 1024
    #: An NDJSON body (many dossiers, streamed) larger than this gets 413,
    #: or ends its stream with an error line.
    max_stream_bytes: int = 64 * 1024 * 1024
    #: Seconds a request may take, from its first byte to its last; then 503 (or the stream is cut).
    timeout_seconds: float = 30.0
    #: Requests handled at once; one more gets 503 with `Retry-After`.
    max_in_flight: int = 128
