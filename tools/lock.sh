#!/usr/bin/env bash
# Regenerate the hashed lock files from pyproject.toml.
#
#   requirements.lock      runtime + `test` + `dask` extras   (what `make report` / `make test` / CI install)
#   requirements-lab.lock  runtime + `test` + `lab` (what `make lab` installs on top)
#
# Both are resolved for CPython 3.11 on Linux x86_64 (manylinux), whatever machine runs this.
# uv is installed into a throwaway venv (pinned version) so the result does not depend on
# whatever uv happens to be on PATH.
#
# Usage: tools/lock.sh            # re-resolve, keeping existing pins where still allowed
#        tools/lock.sh --upgrade  # re-resolve everything to the newest allowed versions
set -euo pipefail

UV_VERSION="${UV_VERSION:-0.13.9}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

py="$(command -v python3.11 || command -v python3)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$py" -m venv "$tmp/uv"
"$tmp/uv/bin/pip" install --quiet --disable-pip-version-check "uv==${UV_VERSION}"
uv="$tmp/uv/bin/uv"

common=(
  --python-version 3.11
  --python-platform x86_64-manylinux_2_28
  --generate-hashes
  --no-header
  --quiet
)
extra_args=("$@")

# uv keeps pins already present in -o FILE unless --upgrade is given.
"$uv" pip compile pyproject.toml --extra test --extra dask "${common[@]}" "${extra_args[@]}" \
  -o requirements.lock
"$uv" pip compile pyproject.toml --extra test --extra dask --extra lab "${common[@]}" "${extra_args[@]}" \
  -o requirements-lab.lock

# Guard: rfc3987-syntax (via jupyter_server -> jupyter_events -> jsonschema[format-nongpl])
# makes `import altair` slow; it must stay out of the runtime+test lock.
if grep -qi '^rfc3987-syntax==' requirements.lock; then
  echo "ERROR: rfc3987-syntax ended up in requirements.lock; see pyproject.toml" >&2
  exit 1
fi
echo "wrote requirements.lock ($(grep -c '^[a-z0-9]' requirements.lock) packages)" \
     "and requirements-lab.lock ($(grep -c '^[a-z0-9]' requirements-lab.lock) packages)"
