"""Coverage-guided fuzzing of applying a patch to a policy set (`diff OLD amendment.patch`) with atheris.

    pip install atheris                       # a test-time tool, not a dependency
    python fuzz/fuzz_patch.py --seconds 120   # then any libFuzzer option; seeds: examples/amendments/

Each input is a patch file (any bytes), applied by `revisions.apply_patch` to
a copy of a small policy set in a sandbox folder, with the real `git apply`;
then the result is loaded. A crash is any exception but `PolicyError` (from
the patch or from the load), anything written beside the copy, or a
symbolic link in it (a link the patch adds must land as a plain file).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import atheris

from _common import ROOT, libfuzzer_argv

with atheris.instrument_imports(include=["proa_policy"]):
    from proa_policy import load_policies
    from proa_policy.errors import PolicyError
    from proa_policy.amend.revisions import apply_patch

POLICIES = ROOT / "policies" / "pro-a-interim-cdi"
SANDBOX = Path(tempfile.mkdtemp(prefix="proa-fuzz-patch-"))
os.environ["PROA_POLICY_NO_CACHE"] = "1"


def test_one_input(data: bytes) -> None:
    run = SANDBOX / "run"
    run.mkdir()
    patch = run / "input.patch"
    patch.write_bytes(data)
    target = run / "work" / POLICIES.name
    try:
        try:
            folder = apply_patch(POLICIES, patch, target)
            load_policies(folder)
        except PolicyError:
            pass
        beside = sorted(p.name for p in run.iterdir())
        assert beside in (["input.patch"], ["input.patch", "work"]), beside
        if (run / "work").exists():
            assert sorted(p.name for p in (run / "work").iterdir()) in ([], [POLICIES.name])
        for folder_, dirs, files in os.walk(run / "work"):
            for name in dirs + files:
                assert not os.path.islink(os.path.join(folder_, name)), name
    finally:
        shutil.rmtree(run)


def main() -> None:
    seeds = sorted(ROOT.glob("examples/amendments/*/"))
    argv = libfuzzer_argv(__doc__.splitlines()[0], seeds, 16384)
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
