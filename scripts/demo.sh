#!/usr/bin/env bash
# Install newsbrief (with spaCy for the cross-source analysis) into .venv and brief the example story.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[analysis]"
.venv/bin/newsbrief brief examples/syria-military-police-chief/ "$@"
