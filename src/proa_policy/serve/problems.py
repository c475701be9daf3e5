"""Errors as RFC 9457 problem details (`application/problem+json`): a title, a detail, never a traceback."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from proa_policy.report.jsonout import dumps

PROBLEM_TYPE = "application/problem+json"
_BASE = "https://proa-policy.example/problems/"

TITLES = {
    400: "Requête invalide",
    404: "Ressource introuvable",
    405: "Méthode non admise",
    413: "Corps de requête trop volumineux",
    415: "Type de contenu non pris en charge",
    500: "Erreur interne",
    503: "Service momentanément indisponible",
}


def problem(
    status: int,
    kind: str,
    detail: str,
    *,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """A problem response; `kind` names the problem type (`unreadable-dossier`, `too-large`…)."""
    body: dict[str, Any] = {
        "type": _BASE + kind,
        "title": TITLES.get(status, "Erreur"),
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    return Response(dumps(body), status_code=status, media_type=PROBLEM_TYPE, headers=headers)
