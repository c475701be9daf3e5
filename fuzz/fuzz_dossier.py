"""Coverage-guided fuzzing of the dossier path with atheris (libFuzzer for Python).

    pip install atheris                         # a test-time tool, not a dependency
    python fuzz/fuzz_dossier.py --seconds 300   # then any libFuzzer option, e.g. -jobs=2 -workers=2

Each input is a file's content, read three times: named `.json`, `.yaml` and
`.jsonl` (messages in French or English by the parity of its length). It goes
the way `proa-policy evaluate` takes it — decoding, JSON/YAML reading, JSON
Lines splitting, schema validation,
evaluation with the trace, locating each error's line, JSON and text reports —
and through the Python API (`PolicySet.evaluate`). A crash is any exception
that escapes, an `erreur interne` message (a bug the engine caught), or a
report that cannot be written as UTF-8; libFuzzer saves its input as
`crash-<sha1>` and stops. Seeds: `examples/dossiers/` and `tests/hostile/`.
"""

from __future__ import annotations

import io

import atheris

from _common import ROOT, libfuzzer_argv

with atheris.instrument_imports(include=["proa_policy", "yaml"]):
    from proa_policy import load_policies
    from proa_policy.errors import DossierIssue
    from proa_policy.read.inputs import _load_bytes, iter_jsonl
    from proa_policy.read.positions import locate
    from proa_policy.report import jsonout
    from proa_policy.report import text as text_report

POLICIES = load_policies()
NAMES = ("fuzz.json", "fuzz.yaml", "fuzz.jsonl")


def check(decision, lang: str) -> None:
    for message in [e.message for e in decision.errors] + [f.message for f in decision.violations + decision.warnings]:
        if "erreur interne" in message:
            raise AssertionError(message)
    jsonout.dumps(decision.to_dict(explain=True)).encode("utf-8")
    text_report.render_decision(decision, lang=lang, explain=True).encode("utf-8")


def test_one_input(data: bytes) -> None:
    lang = "en" if len(data) % 2 else "fr"
    for name in NAMES:
        run(name, data, lang)


def run(name: str, data: bytes, lang: str) -> None:
    loaded = list(iter_jsonl(name, io.BytesIO(data))) if name.endswith(".jsonl") else [_load_bytes(name, data)]
    for item in loaded:
        if item.error is not None:
            issue = DossierIssue(item.error.pointer, item.error.message, item.error.line, item.error.column)
            check(POLICIES.invalid_decision(None, (issue,)).with_source(item.source), lang)
            continue
        decision = POLICIES.evaluate_document(item.document, lang=lang, explain=True)
        if item.text is not None:
            for issue in decision.errors:
                locate(item.source, item.text, issue.pointer)
            for finding in decision.violations:
                if finding.pointer is not None:
                    locate(item.source, item.text, finding.pointer)
        check(decision, lang)
        check(POLICIES.evaluate(item.document, lang=lang), lang)


def main() -> None:
    argv = libfuzzer_argv(__doc__.splitlines()[0], [ROOT / "examples" / "dossiers", ROOT / "tests" / "hostile"], 16384)
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
