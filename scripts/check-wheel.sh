#!/usr/bin/env bash
# Install layerviz the way a user does, with no Node anywhere: build the wheel, install it with
# JupyterLab into a fresh virtual environment whose PATH holds nothing else, then check that
# JupyterLab lists the extension as OK, starts without errors (jupyterlab.browser_check without
# its own browser step, which downloads Playwright browsers with npm), loads the extension in
# Chromium, and that the nbconvert template and the AMD bundle are where they must be.
#
#   bash scripts/check-wheel.sh        (after scripts/setup.sh has built the extension)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf '\n==> %s\n' "$*"; }
work="$(mktemp -d -t layerviz-wheel-XXXXXX)"
trap 'kill "${lab_pid:-}" 2>/dev/null || true; /bin/rm -rf "$work"' EXIT

say "Building the wheel"
.venv/bin/pip wheel --quiet --no-deps --wheel-dir "$work/dist" packages/python
wheel="$(ls "$work"/dist/jupyter_layerviz-*.whl)"
echo "$(basename "$wheel"): $(du -h "$wheel" | cut -f1)"

say "Installing it with JupyterLab into a fresh venv"
"${PYTHON:-python3}" -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "$wheel" "jupyterlab>=4.6,<5" 2>"$work/pip.log" || {
  cat "$work/pip.log" >&2
  exit 1
}

say "Checking the install with nothing but the venv on PATH (no Node)"
outer_path="$PATH"
# A few shell tools, by name: /usr/bin itself would bring Node along.
mkdir -p "$work/tools"
for tool in cat grep rm tail tee test; do ln -s "$(command -v "$tool")" "$work/tools/$tool"; done
export PATH="$work/venv/bin:$work/tools"
if command -v node >/dev/null; then
  echo "node is still on PATH: $(command -v node)" >&2
  exit 1
fi
jupyter labextension list 2>&1 | tee "$work/labextensions.txt"
grep -q '@layerviz/jupyterlab v.*enabled.*OK' "$work/labextensions.txt"
share="$work/venv/share/jupyter"
for file in nbextensions/@layerviz/jupyterlab/index.js \
  nbextensions/@layerviz/jupyterlab/vendor/require.js \
  nbextensions/@layerviz/jupyterlab/vendor/embed-amd.js \
  nbconvert/templates/layerviz/index.html.j2 \
  lab/settings/overrides.d/layerviz.json; do
  test -s "$share/$file" || { echo "missing from the install: share/jupyter/$file" >&2; exit 1; }
done
echo "shared files: installed"
python -c 'import layerviz.report as r; r._page_assets(); print("report page script: installed")'
(cd "$work" && python -m jupyterlab.browser_check --no-browser-test --allow-root >"$work/browser_check.log" 2>&1) || {
  cat "$work/browser_check.log" >&2
  exit 1
}
echo "jupyterlab.browser_check --no-browser-test: OK"
# A saved notebook with a layerviz widget's state, written as offline HTML by the installed code.
python - "$work/saved.ipynb" <<'PY'
import sys

import nbformat

nb = nbformat.v4.new_notebook()
state = {"model_name": "LayerVizModel", "model_module": "@layerviz/jupyterlab", "state": {}}
nb.metadata["widgets"] = {
    "application/vnd.jupyter.widget-state+json": {
        "version_major": 2, "version_minor": 0, "state": {"w": state}
    }
}
nbformat.write(nb, sys.argv[1])
PY
python -m layerviz html "$work/saved.ipynb"
grep -q 'define("@layerviz/jupyterlab", \["@jupyter-widgets/base"\]' "$work/saved.html"
echo "python -m layerviz html: the widget bundle is inlined"

say "Loading JupyterLab from the installed wheel in Chromium"
port=8937
jupyter lab --no-browser --allow-root --port="$port" --ServerApp.ip=127.0.0.1 --ServerApp.root_dir="$work" \
  --IdentityProvider.token='' --ServerApp.password='' --ServerApp.port_retries=0 \
  --LabApp.expose_app_in_browser=True --LabApp.news_url=None \
  >"$work/lab.log" 2>&1 &
lab_pid=$!
PATH="$outer_path" node test/support/check-lab-loads.mjs "http://127.0.0.1:$port/lab" \
  '@layerviz/jupyterlab:plugin' || { tail -30 "$work/lab.log" >&2; exit 1; }
