"""JSON and JSON Lines: exact numbers, dates as ISO text, stable key order."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from proa_policy.engine.decision import jsonable
from proa_policy.report.escape import json_document

if TYPE_CHECKING:
    from proa_policy.engine.decision import Decision


def _default(value: Any) -> Any:
    converted = jsonable(value)
    if converted is value:
        raise TypeError(f"not JSON serialisable: {type(value).__name__}")
    return converted


#: One encoder for every compact line (`json.dumps` builds one per call); the same bytes as `json.dumps`.
_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_default).encode


def dumps(value: Any, *, pretty: bool = False) -> str:
    if pretty:
        # one per report: the check for lone surrogates costs nothing here (records are cleaned upstream)
        return json_document(json.dumps(value, ensure_ascii=False, indent=2, default=_default))
    return _compact(value)


#: The policy set's description, encoded once per set: it is the same on every line (its last key).
_POLICY_TEXT: dict[int, tuple[Any, str]] = {}


def record_line(decision: Decision, explain: bool = False) -> str:
    """One decision as one JSON Lines line: `dumps(decision.to_dict(explain)) + "\\n"`, byte for byte
    (tests/test_fast_paths.py), with the policy's description encoded once rather than on every line."""
    out = decision.to_dict(explain=explain)
    policy = out["policy"]
    if explain or not policy or next(reversed(out)) != "policy":
        return _compact(out) + "\n"
    cached = _POLICY_TEXT.get(id(policy))
    if cached is None or cached[0] != policy:  # a snapshot compared: a dict changed since is encoded again
        if len(_POLICY_TEXT) > 8:
            _POLICY_TEXT.clear()
        text = _compact(policy)
        cached = _POLICY_TEXT[id(policy)] = (json.loads(text), text)
    del out["policy"]
    return _compact(out)[:-1] + ',"policy":' + cached[1] + "}\n"
