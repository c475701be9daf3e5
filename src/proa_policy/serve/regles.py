"""The rulebook as `proa-policy serve` shows it, under `/regles/`: the static site, rendered once.

`extension(context)` is the provider named in `serve/extensions.py`. The site
is what `proa-policy rulebook` writes (relative links), with one more link first
in its navigation, back to the form at `/`; it is kept in memory. `/regles`
redirects to `/regles/`, `/regles/` is `index.html`, any name the site does not
hold is a 404 problem (no file system is read).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route

from proa_policy.rulebook.site import render_site

PREFIX = "/regles"
#: The served pages' first link: back to the form (the written site has none).
HOME = ("/", "← Évaluer un dossier")
MEDIA = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".js": "text/javascript; charset=utf-8"}


def media_of(name: str) -> str:
    return next((kind for end, kind in MEDIA.items() if name.endswith(end)), "application/octet-stream")


def routes(files: dict[str, bytes]) -> list[Any]:
    async def page(request: Request) -> Response:
        name = request.path_params.get("name") or "index.html"
        if name not in files:
            from proa_policy.serve.problems import problem

            return problem(404, "not-found", f"aucune page du recueil nommée `{name[:80]}`")
        return Response(files[name], media_type=media_of(name))

    async def slash(request: Request) -> Response:
        return RedirectResponse(PREFIX + "/", status_code=308)

    return [
        Route(PREFIX, slash, methods=["GET"]),
        Mount(PREFIX, routes=[Route("/", page, methods=["GET"]),
                              Route("/{name:str}", page, methods=["GET"])]),
    ]


def extension(context: Any) -> Any:
    """The rulebook of the served policy set, in French, every dated value shown (no `--as-of`)."""
    from proa_policy.serve.extensions import Extension

    site = render_site(context.policies, home=HOME)
    return Extension(routes=routes(site), nav=[(PREFIX + "/", "Recueil des règles")])
