"""Coverage-guided fuzzing of reading a git revision (`diff git:REV`, `check --base REV`) with atheris.

    pip install atheris                          # a test-time tool, not a dependency
    python fuzz/fuzz_revision.py --seconds 120   # then any libFuzzer option

Git itself is replaced by a fake that answers with fuzzed bytes: each input
is split into a revision name, a `git ls-tree -r -z -l` listing (any bytes:
names with `..`, slashes, NULs, modes, sizes) and the blobs `git cat-file
--batch` returns. `revisions.export_revision` then runs as it does on a real
history, into a sandbox folder. A crash is any exception but `PolicyError`,
an option git was not meant to get, a revision before `--end-of-options`,
a file or link written anywhere but under the target folder, or a link or
non-regular file under it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import atheris

from _common import libfuzzer_argv

with atheris.instrument_imports(include=["proa_policy"]):
    from proa_policy.amend import revisions
    from proa_policy.errors import PolicyError

SANDBOX = Path(tempfile.mkdtemp(prefix="proa-fuzz-revision-"))
OPTIONS = {"--verify", "--quiet", "-r", "-z", "-l", "--full-tree", "--batch"}


class FakeGit:
    def __init__(self, rev: str, listing: bytes, blobs: list[bytes]):
        self.rev, self.listing, self.blobs = rev, listing, blobs

    def __call__(self, args: list[str], cwd: Path, data: bytes | None = None, env: object = None) -> bytes:
        ended = False
        for arg in args[1:]:
            if arg in ("--", "--end-of-options"):
                ended = True
            elif arg.startswith("-") and not ended and arg not in OPTIONS:
                raise AssertionError(f"an option git was not meant to get: {args!r}")
            elif self.rev and arg in (self.rev, f"{self.rev}^{{tree}}") and not ended:
                raise AssertionError(f"the revision reached git before --end-of-options: {args!r}")
        if args[0] == "rev-parse":
            return b"a" * 40 + b"\n"
        if args[0] == "ls-tree":
            return self.listing
        if args[0] == "cat-file":
            out = b""
            for line, blob in zip((data or b"").splitlines(), self.blobs):
                out += line + b" blob " + str(len(blob)).encode() + b"\n" + blob + b"\n"
            return out
        raise AssertionError(f"unexpected git command {args!r}")


MODES = [b"100644", b"100755", b"120000", b"160000", b"040000", b"644"]
KINDS = [b"blob", b"commit", b"tree", b"tag"]
PARTS = [b"..", b".", b"", b".git", b"policies", b"tests", b"a\\b", b"x.yaml", b"\xff"]


def structured(fdp: atheris.FuzzedDataProvider) -> tuple[bytes, list[bytes]]:
    """A listing shaped like `git ls-tree -r -z -l`, of hostile parts: the parser's happy path, then worse."""
    records, blobs = [], []
    for _ in range(fdp.ConsumeIntInRange(0, 6)):
        blob = fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 32))
        parts = [
            fdp.PickValueInList(PARTS) if fdp.ConsumeBool() else fdp.ConsumeBytes(6)
            for _ in range(fdp.ConsumeIntInRange(1, 4))
        ]
        size = str(len(blob)).encode() if fdp.ConsumeBool() else fdp.ConsumeBytes(4)
        oid = fdp.ConsumeBytes(20).hex().encode().ljust(40, b"0")
        records.append(
            fdp.PickValueInList(MODES)
            + b" "
            + fdp.PickValueInList(KINDS)
            + b" "
            + oid
            + b" "
            + size
            + b"\t"
            + b"/".join(parts)
        )
        blobs.append(blob)
    return b"\0".join(records) + b"\0", blobs


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    rev = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 40))
    path = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 20)) if fdp.ConsumeBool() else "policies"
    if fdp.ConsumeBool():
        listing, blobs = structured(fdp)
    else:
        listing = fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 2000))
        blobs = [fdp.ConsumeBytes(64) for _ in range(fdp.ConsumeIntInRange(0, 8))]
    run = SANDBOX / "run"
    target = run / "target"
    target.mkdir(parents=True)
    real_git = revisions._git
    revisions._git = FakeGit(rev, listing, blobs)
    try:
        try:
            revisions.check_revision(rev)
            folder = revisions.export_revision(rev, path, SANDBOX, target)
            assert os.path.realpath(folder).startswith(os.path.realpath(target)), folder
        except PolicyError:
            pass
        outside = sorted(p.name for p in run.iterdir())
        assert outside == ["target"], f"written outside the target: {outside}"
        for folder_, dirs, files in os.walk(target):
            for name in dirs + files:
                assert not os.path.islink(os.path.join(folder_, name)), name
            for name in files:
                assert os.path.isfile(os.path.join(folder_, name)), name
    finally:
        revisions._git = real_git
        shutil.rmtree(run)


def main() -> None:
    argv = libfuzzer_argv(__doc__.splitlines()[0], [], 4096)
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
