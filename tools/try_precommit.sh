#!/usr/bin/env bash
# Try the pre-commit hooks of this repository on a scratch repository (needs `pip install pre-commit`).
# Usage: tools/try_precommit.sh   — exits non-zero if a hook does not behave as documented.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
git init -q
git config user.email ci@example.org
git config user.name ci
mkdir dossiers
cp "$here/examples/dossiers/eligible-rncp-ett.yaml" dossiers/
git add -A
# an eligible dossier: the hook passes
pre-commit try-repo "$here" proa-policy-evaluate --files dossiers/eligible-rncp-ett.yaml
# an ineligible one: the hook must fail
cp "$here/examples/dossiers/incomplete-art5-no-tutor.yaml" dossiers/
git add -A
if pre-commit try-repo "$here" proa-policy-evaluate --files dossiers/incomplete-art5-no-tutor.yaml; then
  echo "the hook accepted an ineligible dossier" >&2
  exit 1
fi
echo "pre-commit hooks behave as documented"
