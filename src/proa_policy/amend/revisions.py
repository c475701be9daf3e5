"""Policy sets from elsewhere: a git revision (`git:REV`, `git:REV:path`) or a patch, in a temporary folder.

A revision is untrusted data (a pull request's history): REV is resolved to
an object id with `--end-of-options`, so it can never reach git as an
option; the tree is listed with `git ls-tree -l` and every entry is checked
before anything is written: only regular blobs of bounded size, every path
component an ordinary name (no `..`, `.`, empty part, `.git`), no link, no
submodule. Files are created with `O_EXCL | O_NOFOLLOW` in a fresh
temporary folder, so nothing lands outside it. No checkout: the work tree is
never touched. The caller owns the returned folder's lifetime through the
context manager; such folders are never cached.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator

from proa_policy.policy import cache
from proa_policy.errors import PolicyError, PolicyProblem
from proa_policy.policy.loader import resolve_policy_dir
from proa_policy.source import SourceSpan

GIT_PREFIX = "git:"
PATCH_SUFFIXES = (".patch", ".diff")
#: Bounds on what a revision may hold under the policy folder (refused beyond them, never truncated).
MAX_BLOB_BYTES = 5 * 1024 * 1024
MAX_TREE_BYTES = 64 * 1024 * 1024
MAX_TREE_ENTRIES = 10_000
MAX_PATCH_BYTES = 5 * 1024 * 1024
_REGULAR_MODES = (b"100644", b"100755")
_OID = re.compile(rb"[0-9a-f]{40}|[0-9a-f]{64}")
_GIT_TIMEOUT = 60


def _fail(where: str, message: str) -> PolicyError:
    return PolicyError([PolicyProblem(SourceSpan(where), message)])


def _git(args: list[str], cwd: Path, data: bytes | None = None, env: dict[str, str] | None = None) -> bytes:
    # literal pathspecs: `git:REV::(glob)*` names a folder called `:(glob)*`, nothing more
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "GIT_LITERAL_PATHSPECS": "1",
           **(env or {})}
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True, check=False,
                              timeout=_GIT_TIMEOUT, env=env)
    except (OSError, ValueError, subprocess.TimeoutExpired) as exc:  # ValueError: a NUL in an argument
        raise _fail(f"git {args[0]}", f"cannot run git: {exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _fail(f"git {args[0]}", message[-1] if message else "git failed")
    return done.stdout


def git_toplevel(start: Path) -> Path:
    return Path(_git(["rev-parse", "--show-toplevel"], start).decode().strip())


def check_revision(rev: str) -> None:
    """A revision is never an option, nor a name that a terminal or git would read as something else."""
    if not rev or rev.startswith("-") or any(ord(c) < 0x20 or c == "\x7f" for c in rev):
        raise _fail(f"{GIT_PREFIX}{rev!r}",
                    "not a git revision (empty, starting with `-`, or a control character)")


def _parts(name: bytes, where: str) -> list[bytes]:
    """The components of a path from a tree, each an ordinary file name, or a PolicyError."""
    parts = name.split(b"/")
    for part in parts:
        if part in (b"", b".", b"..") or part.lower() == b".git" or b"\\" in part or b"\0" in part:
            shown = name.decode("utf-8", "backslashreplace")
            raise _fail(where, f"unsafe path in the revision: `{shown}`: not exported")
    return parts


def check_path_in_repo(path: str) -> str:
    """`git:REV:path`'s path: relative, inside the repository (`.` for its top)."""
    where = f"{GIT_PREFIX}…:{path}"
    path = path.strip("/") if path not in ("", ".") else "."
    if path != ".":
        _parts(os.fsencode(path), where)
    return path


def resolve_tree(rev: str, repo: Path) -> str:
    check_revision(rev)
    oid = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{tree}}"], repo).strip()
    if not _OID.fullmatch(oid):
        raise _fail(f"{GIT_PREFIX}{rev}", "not a git revision")
    return oid.decode()


def _listing(tree: str, path: str, repo: Path, where: str) -> list[tuple[bytes, bytes, int]]:
    """(object id, path, size) of every file under `path` in `tree`, all checked, before anything is read."""
    raw = _git(["ls-tree", "-r", "-z", "-l", "--full-tree", tree, "--", path], repo)
    entries, total = [], 0
    for record in filter(None, raw.split(b"\0")):
        meta, _, name = record.partition(b"\t")
        mode, kind, oid, size = (meta.split() + [b"", b"", b"", b""])[:4]
        parts = _parts(name, where)
        shown = name.decode("utf-8", "backslashreplace")
        if kind != b"blob" or mode not in _REGULAR_MODES or not _OID.fullmatch(oid):
            what = ("a symbolic link" if mode == b"120000" else "a submodule" if kind == b"commit"
                    else "not a file")
            raise _fail(where, f"`{shown}` is {what} in the revision: not exported")
        length = int(size) if size.isdigit() else MAX_BLOB_BYTES + 1
        total += length
        if length > MAX_BLOB_BYTES or total > MAX_TREE_BYTES or len(entries) >= MAX_TREE_ENTRIES:
            raise _fail(where, f"`{shown}`: the revision holds too much (limits: {MAX_BLOB_BYTES} bytes "
                               f"a file, {MAX_TREE_BYTES} bytes and {MAX_TREE_ENTRIES} files in all)")
        entries.append((oid, b"/".join(parts), length))
    return entries


def _blobs(entries: list[tuple[bytes, bytes, int]], repo: Path) -> Iterator[tuple[bytes, bytes]]:
    """(path, content) of each entry, read in one `git cat-file --batch` (object ids only, no names)."""
    out = _git(["cat-file", "--batch"], repo, data=b"".join(oid + b"\n" for oid, _, _ in entries))
    at = 0
    for oid, name, size in entries:
        header_end = out.index(b"\n", at)
        header = out[at:header_end].split()
        if len(header) != 3 or header[0] != oid or header[1] != b"blob" or int(header[2]) != size:
            raise _fail("git cat-file", f"unexpected object for `{name.decode('utf-8', 'replace')}`")
        yield name, out[header_end + 1:header_end + 1 + size]
        at = header_end + 1 + size + 1


def _write_new(target: Path, name: bytes, content: bytes) -> None:
    """Create `target/name` and the folders above it; never follow or replace anything already there."""
    *folders, leaf = name.split(b"/")
    here = os.fsencode(target)
    for folder in folders:
        here = os.path.join(here, folder)
        with contextlib.suppress(FileExistsError):
            os.mkdir(here, 0o700)
        if not stat.S_ISDIR(os.lstat(here).st_mode):
            raise OSError(f"not a folder: {os.fsdecode(here)}")
    fd = os.open(os.path.join(here, leaf), os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)


def export_revision(rev: str, path_in_repo: str, repo: Path, target: Path) -> Path:
    """Write the files of `path_in_repo` at `rev` under `target` (empty); return the policy folder there."""
    path = check_path_in_repo(path_in_repo)
    where = f"{GIT_PREFIX}{rev}:{path}"
    entries = _listing(resolve_tree(rev, repo), path, repo, where)
    if not entries:
        raise _fail(where, "no policy files at this revision")
    try:
        for name, content in _blobs(entries, repo):
            _write_new(target, name, content)
    except (OSError, ValueError) as exc:
        raise _fail(where, f"cannot export the revision: {exc}") from None
    return target if path == "." else target / path


def _copy_ignore(folder: str, names: list[str]) -> list[str]:
    """While copying a policy set: skip what is not a folder, a regular file or a link (pipes, devices)."""
    skipped = []
    for name in names:
        try:
            mode = os.lstat(os.path.join(folder, name)).st_mode
        except OSError:
            skipped.append(name)
            continue
        if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            skipped.append(name)
    return skipped


def apply_patch(base: Path, patch: Path, target: Path) -> Path:
    """Copy the policy set `base` to `target` and apply a unified diff made from inside its parent folder.

    Links are copied as links (the loader refuses those that leave the set),
    `git apply` refuses paths outside the folder and writes through no link,
    a link the patch adds is a plain file, and git never looks for a repository
    above the temporary folder.
    """
    try:
        info = patch.stat()
    except OSError as exc:
        raise _fail(str(patch), f"cannot read the patch: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_PATCH_BYTES:
        raise _fail(str(patch), f"not a regular file of at most {MAX_PATCH_BYTES} bytes")
    shutil.copytree(base, target, symlinks=True, ignore=_copy_ignore, dirs_exist_ok=True)
    # core.symlinks=false: a link the patch creates is written as a file holding its text, never a link
    _git(["-c", "core.symlinks=false", "apply", "-p1", "--whitespace=nowarn", str(patch.resolve())], target,
         env={"GIT_CEILING_DIRECTORIES": str(Path(target).resolve().parent)})
    return target


@contextlib.contextmanager
def materialize(spec: str, *, default: Path | None = None) -> Iterator[Path]:
    """The folder of the set named by `spec`: a folder, `git:REV[:path]`, or a patch applied to `default`."""
    default_dir = resolve_policy_dir(default)
    if spec.startswith(GIT_PREFIX):
        rev, _, path = spec[len(GIT_PREFIX):].partition(":")
        check_revision(rev)
        repo = git_toplevel(default_dir)
        if not path:
            path = str(default_dir.resolve().relative_to(repo.resolve()))
        with tempfile.TemporaryDirectory(prefix="proa-policy-git-") as tmp, cache.bypassed():
            yield export_revision(rev, path, repo, Path(tmp))
        return
    if spec.endswith(PATCH_SUFFIXES) and Path(spec).is_file():
        with tempfile.TemporaryDirectory(prefix="proa-policy-patch-") as tmp, cache.bypassed():
            yield apply_patch(default_dir, Path(spec), Path(tmp) / default_dir.name)
        return
    yield resolve_policy_dir(spec)
