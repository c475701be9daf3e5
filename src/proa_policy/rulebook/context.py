"""What each page of the rulebook shows, as plain data: the model read for people, nothing rendered yet."""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from proa_policy.engine.policyset import PolicySet
from proa_policy.expr import parse
from proa_policy.expr.ast import names
from proa_policy.policy.loader import policy_files
from proa_policy.policy.model import Article, Parameter, Rule
from proa_policy.authoring.cases import TestCase, load_cases, measure_coverage, parameter_dependencies
from proa_policy.report import readable
from proa_policy.rulebook.marking import paragraphs
from proa_policy.wording import in_catalogue, in_language, kind_label, say, translated, verdict_label


VERDICT_ORDER = ("eligible", "incomplete", "ineligible", "not_applicable", "invalid")


def page_of(label: str) -> str:
    """The file of an article's page: `article-4.html`, `annexe.html`, `preambule.html`."""
    ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    if label == "annexe":
        return "annexe.html"
    if not ascii_label[:1].isdigit():
        return f"{ascii_label}.html"
    return f"article-{ascii_label}.html"


def policy_digest(root: str) -> str:
    """SHA-256 over the policy files (name and bytes, in name order): names the exact text rendered."""
    digest = hashlib.sha256()
    for path in policy_files(Path(root)):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class Builder:
    """Reads a compiled policy set once and answers each page's questions."""

    def __init__(self, policies: PolicySet, as_of: dt.date | None, lang: str):
        self.policies, self.as_of, self.lang = policies, as_of, lang
        self.document = policies.document
        self.deps = parameter_dependencies(policies)
        self.cases, _ = load_cases(self.document.root)
        self.decisions: dict[int, Any] = {}
        self.coverage = measure_coverage(policies, self.cases).rules if self.cases else {}
        self.labels = readable.labels()
        self.reference = _reference([c.dossier for c in self.cases if isinstance(c.dossier, dict)])
        self.rule_page = {r.id: page_of(a.article) for a in self.document.articles for r in a.rules}

    # --- index -----------------------------------------------------------

    def index(self) -> dict[str, Any]:
        manifest = self.document.manifest
        entry = self.policies.parameters.get(manifest.entry_into_force)
        return {
            "manifest": manifest,
            "entry_into_force": [self.value(v, entry) for v in entry.values] if entry else [],
            "digest": policy_digest(self.document.root),
            "articles": [self.toc_entry(a) for a in self.document.articles],
            "not_reproduced": list(manifest.not_reproduced),
            "coverage": self.coverage_rows(),
        }

    def toc_entry(self, article: Article) -> dict[str, Any]:
        return {"label": article.article, "title": article.title, "page": page_of(article.article),
                "rules": len(article.rules), "extension": self.extension_label(article.extension.status),
                "version": article.version, "kind": article.kind}

    def coverage_rows(self) -> list[dict[str, Any]]:
        out = []
        for rule in self.document.rules:
            counts = self.coverage.get(rule.id, Counter())
            out.append({"id": rule.id, "href": f"{self.rule_page[rule.id]}#{rule.id}", "title": rule.title,
                        "passed": counts["passed"], "failed": counts["failed"],
                        "formality": rule.kind == "formality",
                        "not_reached": counts["not_reached"],
                        "covered": bool(counts["passed"] and counts["failed"])})
        return out

    def verdict_counts(self) -> list[dict[str, Any]]:
        """How many test cases end on each verdict, `incomplete` (« à compléter ») included, in fixed
        order."""
        found = Counter(self.decide(case).verdict for case in self.cases)
        return [{"key": key, "label": verdict_label(key, self.lang), "count": found[key]}
                for key in VERDICT_ORDER if found[key] or key in ("eligible", "incomplete", "ineligible")]

    def decide(self, case: TestCase) -> Any:
        key = id(case)
        if key not in self.decisions:
            self.decisions[key] = self.policies.evaluate(case.dossier, as_of=case.as_of, lang=self.lang)
        return self.decisions[key]

    # --- article pages ---------------------------------------------------------

    def article(self, article: Article) -> dict[str, Any]:
        blocks, missing, anchors = self.blocks(article)
        return {
            "article": article, "page": page_of(article.article), "blocks": blocks,
            "rules": {r.id: self.rule(r, anchors.get(r.id, "")) for r in article.rules},
            "missing": missing,
            "extension": self.extension(article),
            "parameters": [self.parameter(p) for p in article.parameters],
            "computed": list(article.computed),
            "not_checked": list(article.not_checked),
            "examples": self.examples(article),
        }

    def blocks(self, article: Article) -> tuple[list[dict[str, Any]], list[str], dict[str, str]]:
        """The article's own text and its sections, each cut into paragraphs with the rules beside them."""
        parts = [(article.article, "", article.text, article.extension)]
        parts += [(s.article, s.title, s.text, s.extension) for s in article.sections]
        pending = {r.id: r for r in article.rules}
        out, anchors = [], {}
        for index, (label, title, text, extension) in enumerate(parts):
            quotes = [(r.id, r.quote) for r in pending.values() if r.article in (label, article.article)]
            found, missing, placed = paragraphs(text, quotes, list(extension.excluded), f"q{index}-")
            for rule_id in placed:
                pending.pop(rule_id)
            anchors.update(placed)
            if text.strip():
                out.append({"label": label, "title": title, "paragraphs": found,
                            "section": label != article.article})
        return out, list(pending), anchors

    def extension(self, article: Article) -> dict[str, Any]:
        ext = article.extension
        return {"status": self.extension_label(ext.status), "citation": ext.citation,
                "excluded": list(ext.excluded), "reservations": list(ext.reservations),
                "sections": [(s.article, self.extension_label(s.extension.status), s.extension.citation)
                             for s in article.sections if s.extension != ext]}

    def extension_label(self, status: str) -> str:
        """`extension.<status>`, or the rulebook's own words for it (`rulebook.extension.<status>`)."""
        for key in (f"rulebook.extension.{status}", f"extension.{status}"):
            if in_catalogue(key):
                return say(key, self.lang)
        return status

    def rule(self, rule: Rule, anchor: str) -> dict[str, Any]:
        counts = self.coverage.get(rule.id, Counter())
        return {
            "rule": rule, "anchor": anchor, "kind": kind_label(rule.kind, self.lang),
            "message": in_language(rule.message, self.lang),
            "cases": [(c.when, translated(c.fr, c.en, self.lang)) for c in rule.message_cases],
            "parameters": [self.parameter(self.policies.parameters[p]) for p in self.rule_parameters(rule)
                           if p in self.policies.parameters],
            "in_force": self.as_of is None or rule.in_force(self.as_of),
            "coverage": {k: counts[k] for k in ("passed", "failed", "not_reached")},
        }

    def rule_parameters(self, rule: Rule) -> list[str]:
        """The parameters a rule reads, directly or through computed values, in name order."""
        found: set[str] = set()
        for text in (rule.when, rule.condition):
            if not text:
                continue
            for name in names(parse(text)):
                if name.parts[0] == "param":
                    found.add(name.parts[1])
                elif name.parts[0] == "computed":
                    found |= self.deps.get(name.parts[1], set())
        return sorted(found)

    def parameter(self, parameter: Parameter) -> dict[str, Any]:
        return {"parameter": parameter, "unit": self.unit(parameter.unit),
                "page": page_of(parameter.article),
                "dated": [self.value(v, parameter) for v in parameter.values]}

    def unit(self, unit: str) -> str:
        """A parameter's unit in words (`rulebook.unit.<unit>`: months, EUR…), else as the policy names it."""
        key = f"rulebook.unit.{unit}"
        return say(key, self.lang) if in_catalogue(key) else unit

    def value(self, value: Any, parameter: Parameter | None) -> dict[str, Any]:
        current = parameter.at(self.as_of) if parameter is not None and self.as_of else None
        return {"start": value.start.isoformat(), "value": readable.show_value(value.value, self.lang),
                "citation": value.citation, "note": value.note, "in_force": current is value}

    # --- worked examples ---------------------------------------------------------

    def examples(self, article: Article) -> dict[str, Any]:
        cases = [c for c in self.cases if c.article in article.labels]
        return {"cases": [self.example(c) for c in cases],
                "reference": readable.rows(self.reference, self.lang, self.labels)}

    def example(self, case: TestCase) -> dict[str, Any]:
        decision = self.decide(case)
        failing = [(v.rule, self.rule_page.get(v.rule, "")) for v in decision.violations]
        warnings = [(w.rule, self.rule_page.get(w.rule, "")) for w in decision.warnings]
        return {"name": case.name, "id": case.id, "as_of": case.as_of.isoformat() if case.as_of else "",
                "verdict": verdict_label(decision.verdict, self.lang), "verdict_key": decision.verdict,
                "failing": failing, "warnings": warnings,
                "expected": verdict_label(str(case.expect.get("verdict")), self.lang),
                "matches": decision.verdict == case.expect.get("verdict"),
                "errors": [(e.pointer, e.message) for e in decision.errors],
                "differs": readable.differing(case.dossier, self.reference, self.lang, self.labels),
                "rows": readable.rows(case.dossier, self.lang, self.labels)}

    # --- the annex ---------------------------------------------------------------

    def annex(self) -> dict[str, Any]:
        annex = self.policies.annex
        extended = annex.sets_at(self.as_of)["extended_codes"] if self.as_of else annex.extended_codes
        seen: set[str] = set()
        rows = []
        for row in annex.rows:
            eligible = row.rncp in extended and (self.as_of is None or row.in_force(self.as_of))
            rows.append({"row": row, "anchor": row.rncp if row.rncp not in seen else "", "eligible": eligible,
                         "level": "" if row.level is None else str(row.level)})
            seen.add(row.rncp)
        return {"rows": rows, "sectors": sorted({r.sector for r in annex.rows}),
                "levels": sorted({r["level"] for r in rows}, key=lambda s: (s == "", s))}


def _reference(dossiers: list[dict[str, Any]]) -> dict[str, Any]:
    """The most frequent value of every leaf field across the cases' dossiers (ties: the first seen)."""
    counts: dict[tuple[str, ...], Counter] = {}
    values: dict[tuple[str, str], Any] = {}
    order: list[tuple[str, ...]] = []
    for dossier in dossiers:
        for path, value in _leaves(dossier):
            if path not in counts:
                counts[path] = Counter()
                order.append(path)
            key = type(value).__name__ + ":" + repr(value)
            counts[path][key] += 1
            values.setdefault((".".join(path), key), value)
    out: dict[str, Any] = {}
    for path in order:
        key, count = counts[path].most_common(1)[0]
        if count * 2 < len(dossiers):
            continue  # a field most cases lack is not part of the reference
        node = out
        for part in path[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                break
        else:
            node[path[-1]] = values[(".".join(path), key)]
    return out


def _leaves(node: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    if isinstance(node, dict) and node:
        return [leaf for key, child in node.items() for leaf in _leaves(child, (*path, str(key)))]
    return [(path, node)] if path else []
