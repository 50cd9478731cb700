#!/usr/bin/env bash
# Install newsbrief with everything its tests need into .venv, then run the test suite.
# Usage: scripts/test.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[test]"
# Optional extras: install each if it is declared, so this script works at every stage.
for extra in eval analysis serve browser; do
  if grep -qE "^${extra} = \[" pyproject.toml; then
    .venv/bin/python -m pip install -q -e ".[${extra}]"
  fi
done
# The browser tests drive Debian's chromium (never a browser download).
if grep -qE "^browser = \[" pyproject.toml && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "warning: could not install chromium; browser tests will be skipped" >&2
  fi
fi
set +e
.venv/bin/python -m pytest -q "$@"
rc=$?
set -e
# pytest exits 5 when it collects no tests: not a failure of the project.
if [ "$rc" = 5 ]; then exit 0; fi
exit "$rc"
