"""`check --base REV`: a policy set against its own copy at a git revision, as a reviewer reads a change.

Every policy file that changed since REV bumped its `version`; when any file changed or went away, the set's
version in `manifest.yaml` went up and `CHANGELOG.md` has a new entry with a heading for that version. The
files of the set under review are read as its loader reads them (inside the folder, no link, bounded); the
revision's copy comes from `revisions.materialize`. The problems go to `authoring.lint.check_policy_set`.
"""

from __future__ import annotations

import re
from pathlib import Path

from proa_policy.amend.revisions import materialize
from proa_policy.engine.policyset import PolicySet
from proa_policy.errors import DocumentError, PolicyError, PolicyProblem
from proa_policy.policy.loader import MAX_POLICY_FILE_BYTES
from proa_policy.read.yamltext import load_yaml
from proa_policy.read.safefile import Refused, read_inside
from proa_policy.source import SourceSpan, display_path

CHANGELOG = "CHANGELOG.md"


def check_against_base(policies: PolicySet, rev: str) -> list[PolicyProblem]:
    """Against git revision `rev`: every changed file bumped its version, the set its version, the CHANGELOG
    has an entry."""
    root = Path(policies.document.root)
    problems: list[PolicyProblem] = []
    try:
        with materialize(f"git:{rev}", default=root) as base:
            review = _Review(policies, base, rev, problems)
            changed = review.changed_files()
            removed = [p.name for p in sorted(base.glob("*.yaml")) if not (root / p.name).exists()]
            if changed or removed:
                review.set_version(changed, removed)
                review.changelog()
    except PolicyError as exc:
        problems += exc.problems
    return problems


def _semver(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


class _Review:
    """The set under review beside the revision's copy (`base`); what is wrong goes to `problems` as found,
    so that a file refused half-way keeps the problems said before it."""

    def __init__(self, policies: PolicySet, base: Path, rev: str, problems: list[PolicyProblem]):
        self.root, self.manifest = Path(policies.document.root), policies.manifest
        self.base, self.rev, self.problems = base, rev, problems

    def own(self, path: Path) -> bytes:
        """A file of the set under review: inside it, no link, no pipe, bounded (its loader's rule)."""
        try:
            return read_inside(self.root, path, MAX_POLICY_FILE_BYTES)
        except Refused as exc:
            raise PolicyError([PolicyProblem(SourceSpan(display_path(path)), str(exc))]) from None

    def changed_files(self) -> list[str]:
        """The policy files changed since the revision (new ones too); a kept one must bump its version."""
        changed = []
        for path in sorted(self.root.glob("*.yaml")):
            before = self.base / path.name
            if before.is_file() and before.read_bytes() == self.own(path):
                continue
            changed.append(path.name)
            if before.is_file():
                self._file_version(path, before)
        return changed

    def _file_version(self, path: Path, before: Path) -> None:
        try:
            old_version = load_yaml(before.read_text(encoding="utf-8")).get("version")
            new_version = load_yaml(self.own(path).decode("utf-8")).get("version")
        except (DocumentError, AttributeError, UnicodeDecodeError):
            return
        if old_version and new_version and _semver(new_version) <= _semver(old_version):
            message = f"changed since {self.rev} but its version is still {new_version} (was {old_version}):"
            self.problems.append(PolicyProblem(SourceSpan(display_path(path), 1), message + " bump it"))

    def set_version(self, changed: list[str], removed: list[str]) -> None:
        """Files changed or removed: the manifest changed too, its version above the revision's."""
        before = self.base / "manifest.yaml"
        base_manifest = load_yaml(before.read_text(encoding="utf-8")) if before.is_file() else {}
        old_set = base_manifest.get("version") if isinstance(base_manifest, dict) else None
        version = self.manifest.version
        if "manifest.yaml" not in changed or (old_set and _semver(version) <= _semver(old_set)):
            self.problems.append(PolicyProblem(
                self.manifest.span,
                f"policy files changed since {self.rev} ({', '.join(changed + removed)}) "
                f"but the policy set's version is still {version}: bump it",
            ))

    def changelog(self) -> None:
        """Files changed or removed: the set's CHANGELOG changed, with a heading for the new version."""
        changelog, before = self.root / CHANGELOG, self.base / CHANGELOG
        exists = changelog.exists() or changelog.is_symlink()
        text = self.own(changelog).decode("utf-8", "replace") if exists else ""
        span = SourceSpan(display_path(changelog))
        version = self.manifest.version
        if not text or (before.is_file() and before.read_text(encoding="utf-8") == text):
            message = f"policy files changed since {self.rev}: add an entry to {CHANGELOG}"
        elif not re.search(rf"^#+ .*\b{re.escape(version)}\b", text, re.M):
            message = f"{CHANGELOG} has no heading for version {version}"
        else:
            return
        self.problems.append(PolicyProblem(span, message))
