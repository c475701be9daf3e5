"""A spreadsheet row decided: the same path as a JSON or YAML dossier, every position said as its cell.

`dossier/rows.py` has read the row (its document, and where its cells are:
`SheetRow`); here its decision's errors, violations and warnings name the cell
they are about (`planning.xlsx:Dossiers!D7 : …`), and the decision keeps the
row's cells for the annotated spreadsheet.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from proa_policy.dossier.rows import SheetRow, row_issues
from proa_policy.engine.decision import Decision, Finding
from proa_policy.read.inputs import Loaded
from proa_policy.read.sheets import cell_ref
from proa_policy.wording import say


def decide_row(policies: Any, loaded: Loaded, options: Any) -> Decision:
    """One row's decision, the same path as a JSON or YAML dossier, positions said as cells."""
    row: SheetRow = loaded.row
    if row.issues:
        issues = row_issues(policies.schema, loaded, options.lang)
        ident = loaded.document.get("id") if isinstance(loaded.document.get("id"), str) else None
        decision = policies.invalid_decision(ident, tuple(issues), loaded.source)
    else:
        decision = policies.evaluate_document(loaded.document, as_of=options.as_of, lang=options.lang,
                                              explain=options.explain, source=loaded.source)
        lang = options.lang
        errors = tuple(row.issue(e, lang) for e in decision.errors)
        decision = decision.with_source(loaded.source, errors=errors,
                                        violations=tuple(_finding(row, f, lang) for f in decision.violations),
                                        warnings=tuple(_finding(row, f, lang) for f in decision.warnings))
    return replace(decision, inputs=row.inputs)


def _finding(row: SheetRow, finding: Finding, lang: str) -> Finding:
    """A finding said of the row's cell its pointer is about (of the row when no column holds it)."""
    column = row.column_of(finding.pointer)
    ref = cell_ref(row.where, row.number, column)
    text = say("sheet.at", lang, ref=ref, message=finding.message)
    return replace(finding, text=text, said=None, line=row.number, column=column)
