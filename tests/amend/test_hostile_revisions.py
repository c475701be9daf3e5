"""Hostile git histories and patches: a revision or a patch never writes outside its temporary folder.

Each repository is built here with `git mktree` / `git hash-object`, so the
trees hold what `git add` would never produce: entries named `..`, `.`,
`.git`, a backslashed path, symbolic-link blobs, submodules, huge blobs.
The expected outcome is exact: a located `PolicyError` naming the entry, and
nothing written anywhere but the temporary folder.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from proa_policy.policy import cache
from proa_policy.errors import PolicyError
from proa_policy.amend.revisions import MAX_BLOB_BYTES, apply_patch, export_revision, materialize

from ..conftest import POLICIES

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
GIT = ["git", "-c", "user.email=ci@example.org", "-c", "user.name=ci", "-c", "commit.gpgsign=false"]


def git(repo: Path, *args: str, data: bytes | None = None) -> str:
    done = subprocess.run([*GIT, *args], cwd=repo, input=data, capture_output=True, check=True)
    return done.stdout.decode().strip()


def blob(repo: Path, content: bytes) -> str:
    return git(repo, "hash-object", "-w", "--stdin", data=content)


def tree(repo: Path, entries: list[tuple[str, str, str, bytes]]) -> str:
    """`git mktree` of (mode, type, oid, name) entries, names taken as they are."""
    text = b"".join(f"{mode} {kind} {oid}\t".encode() + name + b"\0" for mode, kind, oid, name in entries)
    return git(repo, "mktree", "-z", "--missing", data=text)


def commit(repo: Path, tree_oid: str) -> str:
    oid = git(repo, "commit-tree", tree_oid, "-m", "hostile")
    git(repo, "update-ref", "refs/heads/hostile", oid)
    return oid


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository holding a copy of the policy set, committed, and a sentinel folder beside it."""
    root = tmp_path / "repo"
    shutil.copytree(POLICIES, root / "policies")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    return root


def hostile_commit(repo: Path, name: bytes, mode: str = "100644", content: bytes = b"pwned\n") -> str:
    """The policy folder of HEAD, with one more entry `name` of the given mode and content."""
    policies_tree = git(repo, "rev-parse", "HEAD:policies")
    listing = subprocess.run(
        ["git", "ls-tree", "-z", policies_tree], cwd=repo, capture_output=True, check=True
    ).stdout
    entries = []
    for record in filter(None, listing.split(b"\0")):
        meta, _, entry_name = record.partition(b"\t")
        mode_, kind, oid = meta.decode().split()
        entries.append((mode_, kind, oid, entry_name))
    kind = "commit" if mode == "160000" else "blob"
    oid = blob(repo, content) if kind == "blob" else "0" * 39 + "1"
    entries.append((mode, kind, oid, name))
    return commit(repo, tree(repo, [("040000", "tree", tree(repo, entries), b"policies")]))


def export(repo: Path, rev: str, target: Path) -> Path:
    target.mkdir()
    return export_revision(rev, "policies", repo, target)


@pytest.mark.parametrize("name", [b"..", b".", b".git", b".GIT", b"a\\..\\b"])
def test_a_tree_entry_that_is_not_an_ordinary_name_is_refused(repo, tmp_path, name):
    rev = hostile_commit(repo, name)
    target = tmp_path / "out"
    with pytest.raises(PolicyError) as raised:
        export(repo, rev, target)
    assert "unsafe path in the revision" in str(raised.value)
    assert not any(target.iterdir())  # checked before anything is written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "repo"]


def test_a_dotdot_tree_writes_nothing_above_the_folder(repo, tmp_path):
    """The attack of the issue: a tree `..` holding `pwned`, inside the policy folder."""
    inner = tree(repo, [("100644", "blob", blob(repo, b"pwned\n"), b"pwned")])
    policies_tree = git(repo, "rev-parse", "HEAD:policies")
    outer = tree(repo, [("040000", "tree", policies_tree, b"policies"), ("040000", "tree", inner, b"..")])
    rev = commit(repo, outer)
    with pytest.raises(PolicyError):
        export_revision(rev, ".", repo, tmp_path / "out")
    assert not (tmp_path / "pwned").exists()


def test_a_symbolic_link_blob_is_refused(repo, tmp_path):
    rev = hostile_commit(repo, b"secret.yaml", mode="120000", content=b"/etc/passwd")
    with pytest.raises(PolicyError) as raised:
        export(repo, rev, tmp_path / "out")
    assert "`policies/secret.yaml` is a symbolic link in the revision: not exported" in str(raised.value)


def test_a_submodule_is_refused(repo, tmp_path):
    rev = hostile_commit(repo, b"module", mode="160000")
    with pytest.raises(PolicyError) as raised:
        export(repo, rev, tmp_path / "out")
    assert "is a submodule in the revision" in str(raised.value)


def test_a_huge_blob_is_refused_unread(repo, tmp_path):
    rev = hostile_commit(repo, b"huge.yaml", content=b"#" * (MAX_BLOB_BYTES + 1))
    with pytest.raises(PolicyError) as raised:
        export(repo, rev, tmp_path / "out")
    assert "the revision holds too much" in str(raised.value)
    assert not any((tmp_path / "out").iterdir())


def test_a_name_that_is_not_utf8_is_exported_as_bytes(repo, tmp_path):
    rev = hostile_commit(repo, b"caf\xe9.txt")
    folder = export(repo, rev, tmp_path / "out")
    assert (folder / "caf\udce9.txt").read_bytes() == b"pwned\n"


@pytest.mark.parametrize("rev", ["--full-tree", "--output=/tmp/x", "-h", "", "HEAD\n--all", "\x1b[2J"])
def test_a_revision_is_never_an_option(repo, tmp_path, rev):
    with pytest.raises(PolicyError) as raised, materialize(f"git:{rev}:policies", default=repo / "policies"):
        pass
    assert "not a git revision" in str(raised.value)
    assert not Path("/tmp/x").exists() or rev != "--output=/tmp/x"


def test_an_unknown_revision_is_a_located_error(repo):
    with pytest.raises(PolicyError) as raised, materialize("git:no-such-branch", default=repo / "policies"):
        pass
    assert str(raised.value.problems[0].span).startswith("git rev-parse")


@pytest.mark.parametrize("path", ["../..", "/etc", "policies/../../x", ":(glob)*", ":(top)policies"])
def test_the_path_of_a_revision_stays_in_the_repository(repo, path):
    with pytest.raises(PolicyError) as raised, materialize(f"git:HEAD:{path}", default=repo / "policies"):
        pass
    assert "unsafe path" in str(raised.value) or "no policy files" in str(raised.value)


def test_an_honest_revision_is_exported_whole(repo, tmp_path):
    folder = export(repo, "HEAD", tmp_path / "out")
    assert sorted(p.name for p in folder.glob("*.yaml")) == sorted(p.name for p in POLICIES.glob("*.yaml"))
    assert (folder / "manifest.yaml").read_bytes() == (POLICIES / "manifest.yaml").read_bytes()


def test_a_revision_read_is_not_cached(repo, tmp_path, monkeypatch):
    monkeypatch.delenv("PROA_POLICY_NO_CACHE", raising=False)
    monkeypatch.setenv("PROA_POLICY_CACHE_DIR", str(tmp_path / "cache"))
    from proa_policy import load_policies

    with materialize("git:HEAD:policies", default=repo / "policies") as folder:
        assert cache.directory() is None
        load_policies(folder)
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").iterdir())
    assert cache.directory() == tmp_path / "cache"


# --- patches ------------------------------------------------------------------


def _patch(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "hostile.patch"
    path.write_text(text, encoding="utf-8")
    return path


ESCAPE = """diff --git a/../../escaped.yaml b/../../escaped.yaml
new file mode 100644
--- /dev/null
+++ b/../../escaped.yaml
@@ -0,0 +1 @@
+pwned
"""

LINK = """diff --git a/tests/link.yaml b/tests/link.yaml
new file mode 120000
--- /dev/null
+++ b/tests/link.yaml
@@ -0,0 +1 @@
+/etc/passwd
\\ No newline at end of file
"""


def test_a_patch_cannot_write_outside_the_copy(tmp_path):
    with pytest.raises(PolicyError):
        apply_patch(POLICIES, _patch(tmp_path, ESCAPE), tmp_path / "w" / "set")
    assert not (tmp_path / "escaped.yaml").exists() and not (tmp_path / "w" / "escaped.yaml").exists()


def test_a_link_added_by_a_patch_is_a_plain_file(tmp_path):
    folder = apply_patch(POLICIES, _patch(tmp_path, LINK), tmp_path / "set")
    added = folder / "tests" / "link.yaml"
    assert not added.is_symlink() and added.read_text() == "/etc/passwd"


def test_a_patch_that_is_not_a_regular_file_is_refused(tmp_path):
    with pytest.raises(PolicyError) as raised:
        apply_patch(POLICIES, Path("/dev/zero"), tmp_path / "set")
    assert "not a regular file" in str(raised.value)


def test_a_nul_in_the_path_is_refused_not_a_crash(repo):
    """Found by fuzz/fuzz_revision.py: `git:REV:path` with a NUL (through the API) raised ValueError."""
    with pytest.raises(PolicyError) as raised, materialize("git:HEAD:poli\0cies", default=repo / "policies"):
        pass
    assert "unsafe path" in str(raised.value)


def test_check_base_reads_no_changelog_outside_the_set(repo, tmp_path, monkeypatch):
    """`check --base`: a CHANGELOG.md that is a link out of the set is a located problem, never read."""
    from proa_policy import load_policies
    from proa_policy.amend.baseline import check_against_base

    outside = tmp_path / "outside.md"
    outside.write_text("# 9.9.9 secret heading\n", encoding="utf-8")
    (repo / "policies" / "CHANGELOG.md").unlink()
    (repo / "policies" / "CHANGELOG.md").symlink_to(outside)
    manifest = repo / "policies" / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    problems = [
        f"{p.span}: {p.message}" for p in check_against_base(load_policies(repo / "policies"), "HEAD")
    ]
    assert any(p.endswith("CHANGELOG.md: a symbolic link: not followed") for p in problems), problems
    assert not any("secret" in p for p in problems)
