"""What the server says of its policy set: a summary with a digest of its files, and each article as JSON."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from proa_policy.engine.decision import jsonable
from proa_policy.engine.policyset import PolicySet
from proa_policy.policy.model import Article, Extension

#: Files of a policy set that make its content (the tests and the sources beside it included).
MAX_DIGEST_FILES = 10_000


def policy_digest(root: str | Path) -> str:
    """SHA-256 over every regular file of the set (relative path and bytes, in sorted order)."""
    base = Path(root)
    digest = hashlib.sha256()
    files = sorted(
        p
        for p in base.rglob("*")
        if p.is_file()
        and not p.is_symlink()
        and not any(part.startswith(".") for part in p.relative_to(base).parts)
    )
    for path in files[:MAX_DIGEST_FILES]:
        digest.update(path.relative_to(base).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _extension(extension: Extension) -> dict[str, Any]:
    return {
        "status": extension.status,
        "citation": extension.citation,
        "excluded": [{"text": t, "footnote": f} for t, f in extension.excluded],
        "reservations": [{"text": t, "footnote": f} for t, f in extension.reservations],
    }


class PolicyInfo:
    """Computed once at start: the set is immutable while the server runs."""

    def __init__(self, policies: PolicySet):
        self.policies = policies
        self.digest = policy_digest(policies.document.root)
        manifest = policies.manifest
        self._summary = {
            **policies.policy_info,
            "title": manifest.title,
            "signature_date": manifest.signature_date.isoformat(),
            "idcc": manifest.idcc,
            "extension_order": jsonable_tree(manifest.extension_order),
            "entry_into_force": manifest.entry_into_force,
            "not_reproduced": [{"article": a, "reason": r} for a, r in manifest.not_reproduced],
            "source": manifest.source,
            "digest": "sha256:" + self.digest,
            "rules": len(policies.rules),
            "parameters": len(policies.parameters),
            "annex_rows": len(policies.annex.rows),
        }

    def summary(self) -> dict[str, Any]:
        return self._summary

    def article(self, label: str) -> dict[str, Any] | None:
        """An article by label (`4`, `3.1`, `annexe`, `préambule`), as `proa-policy explain` shows it."""
        label = {"annex": "annexe", "preambule": "préambule"}.get(label.lower(), label.lower())
        article = self.policies.document.article(label)
        return None if article is None else article_record(article)


def article_record(article: Article) -> dict[str, Any]:
    return {
        "article": article.article,
        "title": article.title,
        "version": article.version,
        "effective_from": article.effective_from.isoformat(),
        "text": article.text,
        "extension": _extension(article.extension),
        "sections": [
            {"article": s.article, "title": s.title, "text": s.text, "extension": _extension(s.extension)}
            for s in article.sections
        ],
        "rules": [
            {
                "id": r.id,
                "article": r.article,
                "kind": r.kind,
                "title": r.title,
                "quote": r.quote,
                "condition": r.condition,
                "interpretation": r.interpretation or None,
                "effective_from": r.effective_from.isoformat() if r.effective_from else None,
                "effective_until": r.effective_until.isoformat() if r.effective_until else None,
            }
            for r in article.rules
        ],
        "parameters": [
            {
                "name": p.name,
                "label": p.label,
                "type": p.type,
                "unit": p.unit,
                "description": p.description or None,
                "values": [
                    {
                        "from": v.start.isoformat(),
                        "value": jsonable(v.value),
                        "citation": v.citation,
                        "note": v.note or None,
                    }
                    for v in p.values
                ],
            }
            for p in article.parameters
        ],
        "not_checked": [{"requirement": n.requirement, "reason": n.reason} for n in article.not_checked],
        "notes": article.notes or None,
    }


def jsonable_tree(value: Any) -> Any:
    """A manifest's nested values (dates, decimals) as JSON."""
    if isinstance(value, dict):
        return {str(k): jsonable_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable_tree(v) for v in value]
    return jsonable(value)
