"""`proa-policy serve`: the HTTP API and the French web page, on Starlette, served by uvicorn.

    >>> from proa_policy.serve import create_app
    >>> app = create_app()                      # the shipped policy set, default limits
    >>> app = create_app(policies, Settings(max_body_bytes=65536), extra=[Mount("/regles", ...)])

Layers: `settings` (limits) → `guard` (limits, access log, errors as problems) →
`bodies` (reading a request with the cap) → `api` (JSON routes), `web` (the page),
`openapi` (the contract) → `app` (assembly, the place where other sites are mounted).
"""

from typing import Any

from proa_policy.serve.settings import Settings

__all__ = ["Settings", "create_app"]


def __getattr__(name: str) -> Any:
    """`create_app` imported on use: the CLI registers `serve` without importing starlette."""
    if name == "create_app":
        from proa_policy.serve.app import create_app

        return create_app
    raise AttributeError(name)
