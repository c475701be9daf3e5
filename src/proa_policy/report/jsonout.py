"""JSON and JSON Lines: exact numbers, dates as ISO text, stable key order."""

from __future__ import annotations

import json
from typing import Any

from proa_policy.engine.decision import jsonable
from proa_policy.report.escape import json_document


def _default(value: Any) -> Any:
    converted = jsonable(value)
    if converted is value:
        raise TypeError(f"not JSON serialisable: {type(value).__name__}")
    return converted


def dumps(value: Any, *, pretty: bool = False) -> str:
    if pretty:
        # one per report: the check for lone surrogates costs nothing here (records are cleaned upstream)
        return json_document(json.dumps(value, ensure_ascii=False, indent=2, default=_default))
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_default)
