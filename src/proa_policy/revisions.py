"""Policy sets from elsewhere: a git revision (`git:REV` or `git:REV:path`) or a patch, read into a temporary folder.

Git is asked with `git ls-tree` / `git show`: no checkout, the work tree is
never touched. The caller owns the returned folder's lifetime through the
context manager.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator

from .errors import PolicyError, PolicyProblem
from .loader import resolve_policy_dir
from .source import SourceSpan

GIT_PREFIX = "git:"
PATCH_SUFFIXES = (".patch", ".diff")


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PolicyError([PolicyProblem(SourceSpan(f"git {' '.join(args)}"), f"cannot run git: {exc}")]) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PolicyError([PolicyProblem(SourceSpan(f"git {' '.join(args)}"), message[-1] if message else "git failed")])
    return done.stdout


def git_toplevel(start: Path) -> Path:
    return Path(_git(["rev-parse", "--show-toplevel"], start).decode().strip())


def export_revision(rev: str, path_in_repo: str, repo: Path, target: Path) -> Path:
    """Write the files of `path_in_repo` at `rev` under `target`; return the policy folder there."""
    listing = _git(["ls-tree", "-r", "-z", "--name-only", rev, "--", path_in_repo], repo)
    names = [n for n in listing.decode("utf-8").split("\0") if n]
    if not names:
        raise PolicyError([PolicyProblem(SourceSpan(f"{GIT_PREFIX}{rev}:{path_in_repo}"), "no policy files at this revision")])
    for name in names:
        content = _git(["show", f"{rev}:{name}"], repo)
        out = target / name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(content)
    return target / path_in_repo


def apply_patch(base: Path, patch: Path, target: Path) -> Path:
    """Copy the policy set `base` to `target` and apply a unified diff made from inside its parent folder."""
    shutil.copytree(base, target, dirs_exist_ok=True)
    _git(["apply", "-p1", "--whitespace=nowarn", str(patch.resolve())], target)
    return target


@contextlib.contextmanager
def materialize(spec: str, *, default: Path | None = None) -> Iterator[Path]:
    """A folder holding the policy set named by `spec`: a folder, `git:REV[:path]`, or a patch applied to `default`."""
    default_dir = resolve_policy_dir(default)
    if spec.startswith(GIT_PREFIX):
        rev, _, path = spec[len(GIT_PREFIX):].partition(":")
        repo = git_toplevel(default_dir)
        if not path:
            path = str(default_dir.resolve().relative_to(repo.resolve()))
        with tempfile.TemporaryDirectory(prefix="proa-policy-git-") as tmp:
            yield export_revision(rev, path, repo, Path(tmp))
        return
    if spec.endswith(PATCH_SUFFIXES) and Path(spec).is_file():
        with tempfile.TemporaryDirectory(prefix="proa-policy-patch-") as tmp:
            yield apply_patch(default_dir, Path(spec), Path(tmp) / default_dir.name)
        return
    yield resolve_policy_dir(spec)
