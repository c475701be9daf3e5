"""Where the shipped policy set and schemas live: inside the installed package, or in a source checkout."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


def data_root() -> Path:
    """`_data/` in a wheel; the repository root in an editable install or a checkout."""
    bundled = _PACKAGE / "_data"
    if (bundled / "schemas").is_dir():
        return bundled
    return _PACKAGE.parent.parent


def default_policies() -> Path:
    return data_root() / "policies" / "pro-a-interim-cdi"


def schema_path(name: str) -> Path:
    return data_root() / "schemas" / name


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, Any]:
    """One of the project's JSON Schemas (read-only: callers must not mutate it)."""
    with open(schema_path(name), encoding="utf-8") as handle:
        return json.load(handle)
