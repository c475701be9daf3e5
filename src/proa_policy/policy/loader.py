"""Policy files → `PolicyDocument`: read, validate against `policy.schema.json`, build the model.

Problems are collected, not raised one at a time: a reviewer sees every
`file:line: message` of a broken pull request in one run.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from proa_policy.read.values import MarkedDict, MarkedList
from proa_policy.read.yamltext import load_yaml
from proa_policy.errors import DocumentError, PolicyError, PolicyProblem
from proa_policy.limits import MAX_DATED_VALUES
from proa_policy.policy.model import (
    Annex,
    AnnexRow,
    Article,
    Computed,
    Extension,
    Manifest,
    MessageCase,
    Parameter,
    NotChecked,
    ParameterValue,
    PolicyDocument,
    Rule,
    Section,
)
from proa_policy.resources import default_policies, load_schema
from proa_policy.read.safefile import Refused, read_inside
from proa_policy.source import SourceSpan, display_path

MANIFEST = "manifest.yaml"
#: A policy file larger than this is refused unread.
MAX_POLICY_FILE_BYTES = 5 * 1024 * 1024


def resolve_policy_dir(path: str | Path | None) -> Path:
    """The folder holding `manifest.yaml`: `path` itself, or its single sub-folder that has one."""
    if path is None:
        return default_policies()
    root = Path(path)
    if (root / MANIFEST).is_file():
        return root
    if root.is_dir():
        candidates = sorted(p.parent for p in root.glob(f"*/{MANIFEST}"))
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            names = ", ".join(c.name for c in candidates)
            raise PolicyError(
                [PolicyProblem(SourceSpan(str(root)), f"several policy sets here ({names}): name one")]
            )
    raise PolicyError([PolicyProblem(SourceSpan(str(root)), f"no `{MANIFEST}` here: not a policy set")])


def policy_files(root: Path) -> list[Path]:
    """Every `*.yaml` entry but folders: a pipe or a device is listed, to be refused by name, not skipped."""
    return sorted(p for p in root.glob("*.yaml") if not p.is_dir())


def article_order(label: str) -> tuple[int, ...]:
    """préambule < 1 < 2 < 3 < 3.1 < … < 11 < annexe."""
    if label == "préambule":
        return (0,)
    if label == "annexe":
        return (10**6,)
    return tuple(int(part) for part in label.split("."))


def _span_at(file: str, document: Any, path: Iterable[Any]) -> SourceSpan:
    """The deepest line we know for a path into a marked document."""
    line, column = getattr(document, "line", 0), getattr(document, "column", 0)
    node = document
    for key in path:
        if isinstance(node, MarkedDict) and key in node:
            line, column = node.value_marks.get(key, (line, column))
            if not isinstance(node[key], (MarkedDict, MarkedList)):
                line, column = node.key_marks.get(key, (line, column))
            node = node[key]
        elif isinstance(node, MarkedList) and isinstance(key, int) and key < len(node):
            line, column = node.item_marks[key]
            node = node[key]
        else:
            break
    return SourceSpan(file, line, column)


def _date(text: Any) -> dt.date:
    return text if isinstance(text, dt.date) else dt.date.fromisoformat(str(text))


def whole_patterns(schema: Any) -> Any:
    """The schema with each anchored `^…$` pattern ending in `\\Z`: matched as JSON Schema means it
    (ECMA-262, where `$` is the end of the text), not as Python's `re` does (its `$` also matches before a
    final newline: `"art4.duration_min\\n"` would pass `^[a-z0-9_.]+$`). One rewrite for every patterned
    field — rule ids, article labels, names, annex codes, versions — and no validator class to build (that
    would compile code while a policy set loads)."""
    if isinstance(schema, dict):
        return {k: _whole(v) if k == "pattern" and isinstance(v, str) else whole_patterns(v)
                for k, v in schema.items()}
    if isinstance(schema, list):
        return [whole_patterns(v) for v in schema]
    return schema


def _whole(pattern: str) -> str:
    anchored = pattern.startswith("^") and pattern.endswith("$") and not pattern.endswith("\\$")
    return pattern[:-1] + "\\Z" if anchored else pattern


def _validator() -> Any:
    """The policy schema's validator (jsonschema imported only when files are read, not from the cache)."""
    from jsonschema import Draft202012Validator

    schema = whole_patterns(load_schema("policy.schema.json"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


class _Reader:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[PolicyProblem] = []
        self.invalid: set[Path] = set()  # files that failed their schema: modelled only as far as they allow
        self.validator = _validator()

    def name(self, path: Path) -> str:
        return display_path(path)

    def error(self, span: SourceSpan, message: str) -> None:
        self.problems.append(PolicyProblem(span, message))

    def read(self, path: Path) -> MarkedDict | None:
        file = self.name(path)
        if not path.resolve().is_relative_to(self.root.resolve()):
            self.error(SourceSpan(file), "a symbolic link out of the policy folder: not followed")
            return None
        try:
            text = read_inside(self.root, path, MAX_POLICY_FILE_BYTES).decode("utf-8")
        except UnicodeDecodeError as exc:
            self.error(SourceSpan(file), f"not UTF-8 text (byte {exc.start})")
            return None
        except Refused as exc:
            self.error(SourceSpan(file), str(exc))
            return None
        try:
            document = load_yaml(text)
        except DocumentError as exc:
            self.error(SourceSpan(file, exc.line, exc.column), exc.message)
            return None
        if not isinstance(document, MarkedDict):
            self.error(SourceSpan(file, 1), "a policy file must be a mapping")
            return None
        errors = sorted(self.validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
        for error in errors:
            where = "/".join(str(p) for p in error.absolute_path) or "(document)"
            self.error(_span_at(file, document, error.absolute_path), f"{where}: {_schema_message(error)}")
        if errors:
            self.invalid.add(path)
        return document

    # --- model builders (documents are schema-valid here) ---

    def extension(self, raw: MarkedDict) -> Extension:
        return Extension(
            status=raw["status"],
            citation=raw["citation"],
            excluded=tuple((e["text"], e["footnote"]) for e in raw.get("excluded", [])),
            reservations=tuple((e["text"], e["footnote"]) for e in raw.get("reservations", [])),
        )

    def parameter(self, file: str, raw: MarkedDict, article: str) -> Parameter:
        values = []
        for i, item in enumerate(raw["values"]):
            span = SourceSpan(file, *raw["values"].item_marks[i])
            value: Any = item["value"]
            if raw["type"] == "date":
                try:
                    value = _date(value)
                except ValueError:
                    self.error(span, f"parameter `{raw['name']}`: `{value}` is not a date (YYYY-MM-DD)")
                    continue
            elif not isinstance(value, (int, Decimal)) or isinstance(value, bool):
                self.error(span, f"parameter `{raw['name']}`: `{value}` is not a number")
                continue
            values.append(
                ParameterValue(
                    _date(item["from"]), value, item.get("citation", ""), span, item.get("note", "")
                )
            )
        values.sort(key=lambda v: v.start)
        if len(values) > MAX_DATED_VALUES:  # each is a period to compile and to probe: a bounded cost
            self.error(values[MAX_DATED_VALUES].span, f"parameter `{raw['name']}`: more than "
                       f"{MAX_DATED_VALUES} dated values (a limit of docs/reliability.md)")
            values = values[:MAX_DATED_VALUES]
        for a, b in zip(values, values[1:]):
            if a.start == b.start:
                self.error(b.span, f"parameter `{raw['name']}`: two values from {b.start.isoformat()}")
        return Parameter(
            name=raw["name"], label=raw["label"], type=raw["type"], unit=raw["unit"],
            values=tuple(values), article=article, span=SourceSpan(file, raw.line, raw.column),
            description=raw.get("description", ""),
        )

    def rule(self, file: str, raw: MarkedDict) -> Rule:
        def span(key: str) -> SourceSpan:
            return SourceSpan(file, *raw.value_marks.get(key, (raw.line, raw.column)))

        cases = tuple(
            MessageCase(c["when"], c["fr"], c["en"], SourceSpan(file, *raw["message_cases"].item_marks[i]))
            for i, c in enumerate(raw.get("message_cases", []))
        )
        return Rule(
            id=raw["id"],
            article=raw["article"],
            kind=raw["kind"],
            title=raw["title"],
            quote=raw["quote"],
            condition=raw["condition"],
            message=dict(raw["message"]),
            span=SourceSpan(file, raw.line, raw.column),
            when=raw.get("when"),
            message_cases=cases,
            interpretation=raw.get("interpretation", ""),
            effective_from=_date(raw["effective_from"]) if "effective_from" in raw else None,
            effective_until=_date(raw["effective_until"]) if "effective_until" in raw else None,
            condition_span=span("condition"),
            when_span=span("when") if "when" in raw else None,
            message_span=span("message"),
            title_en=raw.get("title_en", ""),
            interpretation_en=raw.get("interpretation_en", ""),
        )

    def article(self, path: Path, raw: MarkedDict) -> Article:
        file = self.name(path)
        label = raw["article"]
        sections = tuple(
            Section(s["article"], s["title"], s["text"], self.extension(s["extension"]))
            for s in raw.get("sections", [])
        )
        return Article(
            article=label, title=raw["title"], version=raw["version"],
            effective_from=_date(raw["effective_from"]), extension=self.extension(raw["extension"]),
            text=raw.get("text", ""), file=file, span=SourceSpan(file, raw.line, raw.column),
            sections=sections,
            parameters=tuple(self.parameter(file, p, label) for p in raw.get("parameters", [])),
            computed=tuple(
                Computed(c["name"], c["label"], c["expr"], label, SourceSpan(file, *c.value_marks["expr"]),
                         c.get("interpretation", ""))
                for c in raw.get("computed", [])
            ),
            rules=tuple(self.rule(file, r) for r in raw.get("rules", [])),
            notes=raw.get("notes", ""),
            kind=raw["kind"],
            not_checked=tuple(NotChecked(n["requirement"], n["reason"]) for n in raw.get("not_checked", [])),
        )

    def annex_rows(self, path: Path, raw: MarkedDict) -> tuple[AnnexRow, ...]:
        file = self.name(path)
        return tuple(
            AnnexRow(
                sector=r["sector"], sub_sector=r["sub_sector"], occupation=r["occupation"], title=r["title"],
                rncp=r["rncp"], level=r["level"], excluded_from_extension=r["excluded_from_extension"],
                span=SourceSpan(file, *raw["rows"].item_marks[i]), source_line=r.get("source_line"),
                effective_from=_date(r["effective_from"]) if "effective_from" in r else None,
                effective_until=_date(r["effective_until"]) if "effective_until" in r else None,
            )
            for i, r in enumerate(raw["rows"])
        )

    def manifest(self, path: Path, raw: MarkedDict) -> Manifest:
        return Manifest(
            id=raw["id"],
            title=raw["title"],
            version=raw["version"],
            signature_date=_date(raw["signature_date"]),
            signatories={k: tuple(v) for k, v in raw["signatories"].items()},
            extension_order={
                "title": raw["extension_order"]["title"],
                "date": _date(raw["extension_order"]["date"]),
                "journal_officiel": _date(raw["extension_order"]["journal_officiel"]),
            },
            entry_into_force=raw["entry_into_force"],
            not_reproduced=tuple((n["article"], n["note"]) for n in raw.get("not_reproduced", [])),
            evaluation_date=raw["decision"]["evaluation_date"],
            funding_ceiling=raw["decision"]["funding_ceiling"],
            requested_amount=raw["decision"]["requested_amount"],
            span=SourceSpan(self.name(path), raw.line, raw.column),
            idcc=raw.get("idcc"),
            bulletin_officiel=raw.get("bulletin_officiel", ""),
            source=raw.get("source", ""),
        )


def read_policy_document(path: str | Path | None = None) -> PolicyDocument:
    """Read and validate every file of a policy set; raise PolicyError listing every problem."""
    document, problems = read_policy_files(path)
    if problems or document is None:
        raise PolicyError(problems)
    return document


def read_policy_files(path: str | Path | None = None) -> tuple[PolicyDocument | None, list[PolicyProblem]]:
    """The set as far as it reads, and every problem found reading it.

    The document is None only when there is nothing to compile (no manifest
    or no annex); otherwise the caller can compile what read and report the
    problems of both stages together. A set without problems is kept in a
    cache keyed by the content of every file it was read from (`cache.py`):
    the next run skips parsing and validation.
    """
    from proa_policy.policy import cache

    root = resolve_policy_dir(path)
    key = cache.key(root, policy_files(root))
    cached = cache.get(key)
    if isinstance(cached, PolicyDocument):
        return cached, []
    document, problems = _read(root)
    if document is not None and not problems:
        cache.put(key, document)
    return document, problems


def _read(root: Path) -> tuple[PolicyDocument | None, list[PolicyProblem]]:
    reader = _Reader(root)
    manifest: Manifest | None = None
    articles: list[Article] = []
    annex: Annex | None = None
    seen_labels: dict[str, SourceSpan] = {}
    for file in policy_files(root):
        raw = reader.read(file)
        if raw is None:
            continue
        if file in reader.invalid:
            # model what can be modelled, so that compile errors elsewhere in it are reported in the same run
            try:
                article = reader.article(file, raw) if raw.get("kind") == "article" else None
            except (KeyError, TypeError, ValueError, AttributeError):
                article = None
            if article is not None and not any(label in seen_labels for label in article.labels):
                articles.append(article)
                seen_labels.update((label, article.span) for label in article.labels)
            continue
        kind = raw["kind"]
        if kind == "manifest":
            if file.name != MANIFEST:
                reader.error(SourceSpan(str(file), raw.line), f"the manifest must be named `{MANIFEST}`")
                continue
            manifest = reader.manifest(file, raw)
            continue
        article = reader.article(file, raw)
        for label in article.labels:
            if label in seen_labels:
                reader.error(article.span, f"article {label} is already defined at {seen_labels[label]}")
            seen_labels[label] = article.span
        articles.append(article)
        if kind == "annex":
            annex = Annex.build(article, reader.annex_rows(file, raw))
    if manifest is None and not any(p.span.file.endswith(MANIFEST) for p in reader.problems):
        reader.error(SourceSpan(str(root / MANIFEST)), "missing manifest")
    if annex is None and not reader.problems:
        reader.error(SourceSpan(str(root)), "missing annex (a file with `kind: annex`)")
    _check_names(reader, articles)
    if manifest is None or annex is None:
        return None, reader.problems
    articles.sort(key=lambda a: article_order(a.article))
    return PolicyDocument(str(root), manifest, tuple(articles), annex), reader.problems


def _check_names(reader: _Reader, articles: list[Article]) -> None:
    """Rule ids, parameter and computed names are unique across the set; rule labels belong to their file."""
    seen: dict[str, SourceSpan] = {}
    for article in articles:
        for kind, items in (("parameter", article.parameters), ("computed value", article.computed)):
            for item in items:
                key = f"{kind}:{item.name}"
                if key in seen:
                    reader.error(item.span, f"{kind} `{item.name}` is already defined at {seen[key]}")
                seen[key] = item.span
        for rule in article.rules:
            if f"rule:{rule.id}" in seen:
                reader.error(rule.span, f"rule `{rule.id}` is already defined at {seen[f'rule:{rule.id}']}")
            seen[f"rule:{rule.id}"] = rule.span
            if rule.article not in article.labels:
                reader.error(
                    rule.span,
                    f"rule `{rule.id}` cites article {rule.article}, which is not in this file"
                    f" ({', '.join(article.labels)})",
                )


def _schema_message(error: Any) -> str:
    """jsonschema's message, shortened for policy authors (who read English in this tool)."""
    if error.validator == "additionalProperties":
        extras = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return "unknown key(s): " + ", ".join(f"`{e}`" for e in extras)
    if error.validator == "required":
        return error.message.replace("is a required property", "is required")
    if error.validator == "pattern" and error.validator_value.endswith("\\Z"):  # as the schema writes it
        return f"{error.instance!r} does not match {error.validator_value[:-2] + '$'!r}"
    message = error.message
    if len(message) > 200:
        message = message[:200] + "…"
    return message
