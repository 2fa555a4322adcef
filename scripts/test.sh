#!/usr/bin/env bash
# Install what is missing, then run every check: lint (ESLint, Prettier, ruff), TypeScript unit
# tests (vitest), the examples outside Jupyter in Chromium, Python tests (pytest, including Keras
# vs TF.js layer by layer), the wheel installed without Node (scripts/check-wheel.sh) and the
# end-to-end tests (real JupyterLab and Notebook 7, IPython kernel and Chromium).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf '\n==> %s\n' "$*"; }
export TF_CPP_MIN_LOG_LEVEL=2

bash scripts/setup.sh

say "Lint"
npx eslint .
npx prettier --check .
.venv/bin/ruff check packages/python bench
.venv/bin/ruff format --check packages/python bench

say "TypeScript unit tests"
npx vitest run
node examples/node/layers.mjs >/dev/null

say "Examples outside Jupyter (Vite page, notebook page of ES module cells) in Chromium"
npx playwright test -c test/examples/playwright.config.ts

say "Python tests"
(cd packages/python && ../../.venv/bin/python -m pytest)

say "The wheel, installed with no Node on PATH"
bash scripts/check-wheel.sh

say "End-to-end test in JupyterLab + Chromium"
npx playwright test -c test/e2e/playwright.config.ts
