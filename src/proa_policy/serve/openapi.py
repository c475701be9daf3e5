"""The OpenAPI 3.1 document of the API, built from the shipped schemas (no second model of the dossier).

`dossier.schema.json` and `decision.schema.json` go in `components.schemas`
as they are, but for `$schema`/`$id` (a component is not a resource of its
own) and local `$ref`s re-rooted at the component.
"""

from __future__ import annotations

import copy
from typing import Any

from proa_policy import __version__
from proa_policy.resources import load_schema

_NULLABLE_STRING = {"type": ["string", "null"]}


def embed(schema: dict[str, Any], name: str) -> dict[str, Any]:
    """A shipped schema as the component `name`: `#/$defs/x` becomes `#/components/schemas/name/$defs/x`."""

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            out = {k: walk(v) for k, v in node.items() if k not in ("$schema", "$id")}
            ref = out.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/"):
                out["$ref"] = f"#/components/schemas/{name}/" + ref[2:]
            return out
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(copy.deepcopy(schema))


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/problem+json": {"schema": _ref("Problem")}}}


_ERROR_ITEM = {
    "type": "object",
    "required": ["pointer", "message"],
    "properties": {
        "pointer": {"type": "string"},
        "message": {"type": "string"},
        "line": {"type": "integer", "minimum": 1},
        "column": {"type": "integer", "minimum": 0},
    },
}

_OTHERS = {
    "Problem": {
        "description": "RFC 9457 problem details; `errors` when the dossier could not be read.",
        "type": "object",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "errors": {"type": "array", "items": _ERROR_ITEM},
        },
    },
    "Validation": {
        "type": "object",
        "required": ["source", "valid", "errors"],
        "properties": {
            "source": {"type": "string"},
            "valid": {"type": "boolean"},
            "errors": {"type": "array", "items": _ERROR_ITEM},
        },
    },
    "Certification": {
        "description": "One row of the annex, eligible or not on the day asked, and why not.",
        "type": "object",
        "required": [
            "sector",
            "sub_sector",
            "occupation",
            "title",
            "rncp",
            "level",
            "excluded_from_extension",
            "eligible",
            "reason",
        ],
        "properties": {
            "sector": {"type": "string"},
            "sub_sector": {"type": "string"},
            "occupation": {"type": "string"},
            "title": _NULLABLE_STRING,
            "rncp": {"type": "string"},
            "level": {"type": ["integer", "null"]},
            "excluded_from_extension": {"type": "boolean"},
            "eligible": {"type": "boolean"},
            "reason": _NULLABLE_STRING,
        },
    },
    "Article": {
        "description": "An article: its text, extension, rules, parameters and what its rules do not check.",
        "type": "object",
        "required": [
            "article",
            "title",
            "version",
            "effective_from",
            "text",
            "extension",
            "sections",
            "rules",
            "parameters",
            "not_checked",
        ],
        "properties": {
            "article": {"type": "string"},
            "title": {"type": "string"},
            "version": {"type": "string"},
            "effective_from": {"type": "string", "format": "date"},
            "text": {"type": "string"},
            "extension": {"type": "object"},
            "sections": {"type": "array"},
            "rules": {"type": "array", "items": {"type": "object"}},
            "parameters": {"type": "array", "items": {"type": "object"}},
            "not_checked": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["requirement", "reason"],
                    "properties": {"requirement": {"type": "string"}, "reason": {"type": "string"}},
                },
            },
            "notes": _NULLABLE_STRING,
        },
    },
    "Policy": {
        "description": "The policy set served: manifest, versions, a digest of its files.",
        "type": "object",
        "required": ["id", "version", "articles", "title", "digest"],
        "properties": {
            "id": {"type": "string"},
            "version": {"type": "string"},
            "articles": {"type": "object", "additionalProperties": {"type": "string"}},
            "title": {"type": "string"},
            "digest": {"type": "string", "pattern": "^sha256:[0-9a-f]{64}$"},
        },
    },
    "Health": {"type": "object", "required": ["status"], "properties": {"status": {"const": "ok"}}},
}

_LANG = {
    "name": "lang",
    "in": "query",
    "required": False,
    "description": "Langue des messages (`--lang`).",
    "schema": {"enum": ["fr", "en"], "default": "fr"},
}
_AS_OF = {
    "name": "as_of",
    "in": "query",
    "required": False,
    "schema": {"type": "string", "format": "date"},
    "description": "Juger selon les règles en vigueur à cette date (`--as-of`).",
}
_EXPLAIN = {
    "name": "explain",
    "in": "query",
    "required": False,
    "schema": {"type": "boolean", "default": False},
    "description": "Joindre la trace de chaque règle (`--explain`).",
}

_LIMITS = {
    "413": _problem("Corps au-delà de la limite (`--max-body`, `--max-stream`)."),
    "415": _problem("Type de contenu autre que JSON, YAML ou NDJSON, ou jeu de caractères autre qu'UTF-8."),
    "503": _problem("Trop de requêtes en cours (`--max-in-flight`) ou délai dépassé (`--timeout`)."),
}


def _dossier_body(ndjson: bool) -> dict[str, Any]:
    content: dict[str, Any] = {
        "application/json": {"schema": _ref("Dossier")},
        "application/yaml": {"schema": _ref("Dossier")},
    }
    if ndjson:
        content["application/x-ndjson"] = {
            "schema": {"type": "string", "description": "Un dossier JSON par ligne."}
        }
    return {"required": True, "content": content}


def _paths() -> dict[str, Any]:
    unreadable = _problem(
        "Corps illisible (ni JSON ni YAML, encodage), ou paramètre invalide ; `errors` dit où."
    )
    evaluate_ok = _json(
        _ref("Decision"),
        "La décision, comme un élément de `evaluate --format json` "
        "(verdict `invalid` et ses erreurs pour un dossier non conforme au schéma).",
    )
    evaluate_ok["content"]["application/x-ndjson"] = {
        "schema": {"type": "string", "description": "Une décision JSON par ligne, dans l'ordre des dossiers."}
    }
    return {
        "/healthz": {
            "get": {
                "operationId": "healthz",
                "summary": "Le service répond",
                "responses": {"200": _json(_ref("Health"), "En service.")},
            }
        },
        "/v1/evaluate": {
            "post": {
                "operationId": "evaluate",
                "summary": "Évaluer un dossier (ou un flux NDJSON de dossiers)",
                "parameters": [_EXPLAIN, _AS_OF, _LANG],
                "requestBody": _dossier_body(ndjson=True),
                "responses": {"200": evaluate_ok, "400": unreadable, **_LIMITS},
            }
        },
        "/v1/validate": {
            "post": {
                "operationId": "validate",
                "summary": "Vérifier un dossier au regard du schéma seul",
                "parameters": [_LANG],
                "requestBody": _dossier_body(ndjson=False),
                "responses": {
                    "200": _json(_ref("Validation"), "Conforme ou non, et les erreurs situées."),
                    "400": unreadable,
                    **_LIMITS,
                },
            }
        },
        "/v1/certifications": {
            "get": {
                "operationId": "certifications",
                "summary": "Chercher dans l'annexe (code RNCP ou mots)",
                "parameters": [
                    {"name": "q", "in": "query", "required": False, "schema": {"type": "string"}},
                    {"name": "sector", "in": "query", "required": False, "schema": {"type": "string"}},
                    _AS_OF,
                    _LANG,
                ],
                "responses": {
                    "200": _json({"type": "array", "items": _ref("Certification")}, "Les lignes trouvées."),
                    "400": _problem("Paramètre invalide."),
                },
            }
        },
        "/v1/articles/{article}": {
            "get": {
                "operationId": "article",
                "summary": "Un article : texte, règles, paramètres, extension",
                "parameters": [
                    {
                        "name": "article",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                        "description": "`4`, `3.1`, `annexe`, `préambule`…",
                    }
                ],
                "responses": {
                    "200": _json(_ref("Article"), "L'article."),
                    "404": _problem("Article inconnu."),
                },
            }
        },
        "/v1/policy": {
            "get": {
                "operationId": "policy",
                "summary": "Le jeu de règles servi",
                "responses": {"200": _json(_ref("Policy"), "Manifeste, versions, empreinte.")},
            }
        },
    }


def document() -> dict[str, Any]:
    """The OpenAPI 3.1 document of this server."""
    schemas = {
        "Dossier": embed(load_schema("dossier.schema.json"), "Dossier"),
        "Decision": embed(load_schema("decision.schema.json"), "Decision"),
        **_OTHERS,
    }
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": {
            "title": "proa-policy",
            "version": __version__,
            "description": "Évaluation de dossiers Pro-A au regard de l'accord du 22 janvier 2021 (travail "
            "temporaire), tel qu'étendu. Aucune donnée n'est conservée.",
        },
        "paths": _paths(),
        "components": {"schemas": schemas},
    }
