"""Where other parts of the package hook into the server: one line each in `PROVIDERS`.

A provider is `"module:function"`; the function takes the `Context` and
returns an `Extension`: routes (a `Mount` of a static site, extra pages) and
links for the page's navigation. The rulebook (`/regles/`) and the
spreadsheet upload are meant to come in here, without touching `app.py`.

    PROVIDERS = (
        "proa_policy.rulebook.site:extension",
    )
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from starlette.routing import BaseRoute

from proa_policy.engine.policyset import PolicySet
from proa_policy.serve.policyinfo import PolicyInfo
from proa_policy.serve.settings import Settings

PROVIDERS: tuple[str, ...] = (
    "proa_policy.serve.regles:extension",
)


@dataclass(frozen=True)
class Context:
    """What an extension may use: the shared policy set, the limits, the policy summary, the page renderer."""

    policies: PolicySet
    settings: Settings
    info: PolicyInfo
    render: Callable[..., Any]  # render(request, "template.html", **values) -> HTMLResponse


@dataclass(frozen=True)
class Extension:
    routes: Sequence[BaseRoute] = ()
    nav: Sequence[tuple[str, str]] = field(default=())  # (href, French label)


def load(context: Context, providers: Sequence[str] = PROVIDERS) -> list[Extension]:
    out = []
    for spec in providers:
        module, _, name = spec.partition(":")
        out.append(getattr(importlib.import_module(module), name)(context))
    return out
