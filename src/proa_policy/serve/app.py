"""The assembly: routes of the API, the page, the docs, the static files, and the extensions' mounts."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, Mount, Route
from starlette.staticfiles import StaticFiles

from proa_policy.engine.policyset import PolicySet, load_policies
from proa_policy.serve import extensions
from proa_policy.serve.api import Api, json_response
from proa_policy.serve.guard import Guard
from proa_policy.serve.openapi import document
from proa_policy.serve.policyinfo import PolicyInfo
from proa_policy.serve.problems import problem
from proa_policy.serve.settings import Settings
from proa_policy.serve.web import Web

STATIC = Path(__file__).resolve().parent / "static"


def create_app(
    policies: PolicySet | None = None,
    settings: Settings | None = None,
    *,
    extra: Sequence[extensions.Extension] = (),
    providers: Sequence[str] = extensions.PROVIDERS,
) -> Starlette:
    """The whole server as one ASGI app; `extra` and `providers` add sites (e.g. a `Mount("/regles", …)`)."""
    policies = policies if policies is not None else load_policies()
    settings = settings or Settings()
    info = PolicyInfo(policies)
    api = Api(policies, settings, info)
    web = Web(policies, settings, info)
    added = [*extra, *extensions.load(extensions.Context(policies, settings, info, web.render), providers)]
    web.nav = [link for extension in added for link in extension.nav]
    openapi = document()

    async def openapi_json(request: Request) -> Response:
        return json_response(openapi)

    async def docs(request: Request) -> Response:
        return web.render(request, "docs.html", openapi=openapi)

    routes: list[BaseRoute] = [
        Route("/healthz", api.healthz, methods=["GET"]),
        Route("/v1/evaluate", api.evaluate, methods=["POST"]),
        Route("/v1/validate", api.validate, methods=["POST"]),
        Route("/v1/certifications", api.certifications, methods=["GET"]),
        Route("/v1/articles/{article}", api.article, methods=["GET"]),
        Route("/v1/policy", api.policy, methods=["GET"]),
        Route("/openapi.json", openapi_json, methods=["GET"]),
        Route("/docs", docs, methods=["GET"]),
        *web.routes(),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
        # extensions' sites (the rulebook under /regles/, …) are mounted here, after the core routes
        *(route for extension in added for route in extension.routes),
    ]

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        kind = {404: "not-found", 405: "method"}.get(exc.status_code, "http")
        detail = {404: f"aucune ressource à `{request.url.path[:80]}`", 405: "méthode non admise ici"}
        return problem(
            exc.status_code,
            kind,
            detail.get(exc.status_code, "requête refusée"),
            headers=dict(exc.headers or {}),
        )

    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error})
    app.add_middleware(Guard, settings=settings, route_of=lambda scope: route_of(routes, scope))
    return app


def route_of(routes: Sequence[BaseRoute], scope: dict[str, Any]) -> str:
    """The route template a request matched (`/v1/articles/{article}`), never the path as sent."""
    for route in routes:
        match, _ = route.matches(scope)
        if match == Match.FULL:
            return getattr(route, "path", "?") + ("/…" if isinstance(route, Mount) else "")
    return "(aucune)"
