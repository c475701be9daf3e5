"""Coverage-guided fuzzing of the policy loader with atheris (libFuzzer for Python).

    pip install atheris                        # a test-time tool, not a dependency
    python fuzz/fuzz_policy.py --seconds 300   # then any libFuzzer option

A small policy set is built once from the shipped one (manifest, articles 6 and
8, two annex rows). Each input then replaces one of its files, or, when it
starts with `expr:`, the condition of article 6's rule, and the set is loaded
with `load_policies`. The only outcomes allowed are a `PolicySet` (which then
evaluates a valid dossier without an `erreur interne`) or a `PolicyError`
whose every problem names a file. During the load an audit hook refuses any
file opened outside the set and the schemas, any socket, process or `exec`:
policy content must not execute code, read files or reach the network.
The cache of validated sets is turned off, so that every input is parsed.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import atheris

from _common import ROOT, libfuzzer_argv

with atheris.instrument_imports(include=["proa_policy", "yaml"]):
    from proa_policy import PolicyError, load_policies
    from proa_policy.resources import default_policies, schema_path

sys.path.insert(0, str(ROOT / "tests"))
from conftest import BASE  # noqa: E402  (the valid, eligible dossier of the test suite)

SET = Path(tempfile.mkdtemp(prefix="proa-fuzz-policy-"))
SHIPPED = default_policies()
FILES = {"manifest.yaml": "kind: manifest", "annexe.yaml": "kind: annex",
         "article-08.yaml": 'article: "8"', "article-06.yaml": ""}
ORIGINAL: dict[str, bytes] = {}
CONDITION = 'condition: "dossier.funding.requested_amount <= computed.funding_ceiling_eur"'
ALLOWED = (os.path.realpath(SET) + os.sep, os.path.realpath(schema_path("x").parent) + os.sep)
FORBIDDEN = ("socket.", "subprocess.", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
             "exec", "ctypes.", "urllib.", "http.", "os.remove", "os.rename", "shutil.")
watching = False
last_folder = [os.getcwd()]
offences: list[str] = []
os.environ["PROA_POLICY_NO_CACHE"] = "1"  # every input goes through the reader, none is served from the cache


def _build() -> None:
    for name in FILES:
        ORIGINAL[name] = (SHIPPED / name).read_bytes()
    text = ORIGINAL["annexe.yaml"].decode("utf-8")
    head, _, rows = text.partition("\nrows:")
    kept = rows.split("\n  - sector:")[:3]
    ORIGINAL["annexe.yaml"] = (head + "\nrows:" + "\n  - sector:".join(kept).rstrip("\n") + "\n").encode("utf-8")
    assert CONDITION.encode() in ORIGINAL["article-06.yaml"]
    for name, data in ORIGINAL.items():
        (SET / name).write_bytes(data)
    load_policies(SET)  # the small set is valid


def _audit(event: str, args: tuple) -> None:
    # recorded, not raised: a broad `except` on the way (the cache has some) would swallow an exception
    if not watching:
        return
    if event == "open" and not isinstance(args[0], int):
        # read/safefile.py opens the set's folder, then each component relative to it (`dir_fd`): the
        # audit event carries the bare name, which is resolved here against the folder opened last
        name = os.fsdecode(args[0])
        path = os.path.realpath(name if os.path.isabs(name) else os.path.join(last_folder[0], name))
        if os.path.isdir(path):
            last_folder[0] = path
        if not (path + os.sep).startswith(ALLOWED) and not path.endswith((".py", ".pyc", ".so")):
            offences.append(f"open {path}")
    elif event.startswith(FORBIDDEN):
        offences.append(f"{event} {args!r:.200}")


def test_one_input(data: bytes) -> None:
    global watching
    if data.startswith(b"expr:"):
        target = "article-06.yaml"
        condition = data[5:].decode("utf-8", "replace")
        content = ORIGINAL[target].replace(CONDITION.encode(), b"condition: " + json.dumps(condition).encode())
    else:
        target = next(n for n, mark in FILES.items() if mark.encode() in data)
        content = data
    (SET / target).write_bytes(content)
    watching = True
    try:
        policies = load_policies(SET)
    except PolicyError as exc:
        policies = None
        for problem in exc.problems:
            assert problem.span.file and problem.message, problem
    finally:
        watching = False
        (SET / target).write_bytes(ORIGINAL[target])
    assert not offences, offences
    if policies is not None:
        decision = policies.evaluate(BASE, explain=True)
        for message in [e.message for e in decision.errors]:
            assert "erreur interne" not in message, message


def main() -> None:
    _build()
    seeds = Path(tempfile.mkdtemp(prefix="proa-fuzz-policy-seeds-"))
    for name, data in ORIGINAL.items():
        (seeds / name).write_bytes(data)
    for i, expr in enumerate(["dossier.pro_a.training_hours * param.hourly_rate_eur >= 0",
                              "add_months(dossier.pro_a.start_date, 2) > param.entry_into_force",
                              "dossier.employer.kind in ['ETT'] and not (computed.funding_ceiling_eur < 1.5)",
                              "if(dossier.pro_a.tutor_designated, max(1, 2), min(3, 4)) == "
                              "round_half_up(2.5, 0)",
                              # issue 11: long chains (past the depth limit) and digits that are not ASCII
                              "dossier.funding.requested_amount <= " + " + ".join(["1"] * 400),
                              " and ".join(["dossier.pro_a.tutor_designated"] * 60),
                              "dossier.funding.requested_amount <= ١٧٠٠"]):
        (seeds / f"expr-{i}").write_bytes(b"expr:" + expr.encode())
    sys.addaudithook(_audit)
    atheris.Setup(libfuzzer_argv(__doc__.splitlines()[0], [seeds], 65536), test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(SET, ignore_errors=True)
