#!/usr/bin/env bash
# Install layerviz the way a user does, with no Node anywhere: build the wheel, install it with
# JupyterLab into a fresh virtual environment whose PATH holds nothing else, then check that
# JupyterLab lists the extension as OK, starts without errors (jupyterlab.browser_check without
# its own browser step, which downloads Playwright browsers with npm), loads the extension in
# Chromium, and that the nbconvert template and the AMD bundle are where they must be. Fails when
# the wheel is over 6 MB or a report of 2,000 samples and 4 layers is over 5 MB.
#
#   bash scripts/check-wheel.sh        (after scripts/setup.sh has built the extension)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf '\n==> %s\n' "$*"; }
# Size limits (bytes): a wheel quick to install, a report small enough to e-mail. Plotly is in
# each bundle once, with only the trace types the view draws (see
# packages/view/scripts/plotly-source.mjs); the report's script travels gzip-compressed.
max_wheel=6000000
max_report=5000000
work="$(mktemp -d -t layerviz-wheel-XXXXXX)"
trap 'kill "${lab_pid:-}" 2>/dev/null || true; /bin/rm -rf "$work"' EXIT

say "Building the wheel"
.venv/bin/pip wheel --quiet --no-deps --wheel-dir "$work/dist" packages/python
wheel="$(ls "$work"/dist/jupyter_layerviz-*.whl)"
wheel_bytes="$(stat -c %s "$wheel")"
wheel_mb="$(awk -v b="$wheel_bytes" 'BEGIN { printf "%.2f MB", b / 1e6 }')"
echo "$(basename "$wheel"): $wheel_mb (limit $((max_wheel / 1000000)) MB)"
if ((wheel_bytes > max_wheel)); then
  echo "the wheel is over its limit of $((max_wheel / 1000000)) MB; its largest files:" >&2
  unzip -lv "$wheel" | sort -k3 -n -r | head -8 >&2
  exit 1
fi

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
# A report of 2,000 samples and 4 layers as the digits model of test/e2e/report.spec.ts stores it
# (50, 50, 32 and 10 features), written by the installed code, which needs no Keras for it.
python - "$work/report.html" "$max_report" <<'PY'
import sys
from pathlib import Path

import numpy as np

from layerviz.report import report_html
from layerviz.widget import LayerVizWidget

out, limit = Path(sys.argv[1]), int(sys.argv[2])
samples = 2000
widths = {"hidden1": 50, "hidden2": 50, "hidden3": 32, "probs": 10}
rng = np.random.default_rng(0)
widget = LayerVizWidget(
    compute="kernel",
    layers=list(widths),
    layer_info=[
        {"name": name, "class_name": "Dense", "output_shape": [None, width], "index": i}
        for i, (name, width) in enumerate(widths.items())
    ],
    activations={
        name: rng.normal(size=(samples, width)).astype(np.float32)
        for name, width in widths.items()
    },
    labels=np.arange(samples, dtype=np.int32) % 10,
    sample_ids=np.arange(samples, dtype=np.int32),
    total_samples=samples,
)
out.write_text(report_html(widget, "layerviz: size check"), encoding="utf-8")
size = out.stat().st_size
print(f"report of 2,000 samples and 4 layers: {size / 1e6:.2f} MB (limit {limit / 1e6:.0f} MB)")
if size > limit:
    sys.exit(
        f"the report is over its limit of {limit / 1e6:.0f} MB: see what grew in "
        "layerviz/report_page/report.js (packages/jupyterlab/scripts/build-report.mjs)"
    )
PY

say "Loading JupyterLab from the installed wheel in Chromium"
port=8937
jupyter lab --no-browser --allow-root --port="$port" --ServerApp.ip=127.0.0.1 --ServerApp.root_dir="$work" \
  --IdentityProvider.token='' --ServerApp.password='' --ServerApp.port_retries=0 \
  --LabApp.expose_app_in_browser=True --LabApp.news_url=None \
  >"$work/lab.log" 2>&1 &
lab_pid=$!
PATH="$outer_path" node test/support/check-lab-loads.mjs "http://127.0.0.1:$port/lab" \
  '@layerviz/jupyterlab:plugin' || { tail -30 "$work/lab.log" >&2; exit 1; }

say "The README's quick start in the fresh venv: Keras 3 on PyTorch (a backend of the user's choice)"
# `pip install "jupyter-layerviz[keras]"` plus a backend; PyTorch's CPU build only where pip has
# it locally (a plain `pip install torch` would download a CUDA build of several GB).
if PATH="$outer_path" "$work/venv/bin/pip" install --quiet --no-index --no-deps torch==2.13.0 2>/dev/null; then
  PATH="$outer_path" "$work/venv/bin/pip" install --quiet "$wheel[keras]" torch==2.13.0 nbclient ipykernel 2>"$work/pip-keras.log" || {
    cat "$work/pip-keras.log" >&2
    exit 1
  }
  KERAS_BACKEND=torch python - "$work/quickstart.ipynb" <<'PY'
import sys

import nbformat
from nbclient import NotebookClient

nb = nbformat.v4.new_notebook()
nb.cells = [
    nbformat.v4.new_code_cell(
        "import keras\nimport numpy as np\n"
        "model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation='relu', "
        "name='hidden'), keras.layers.Dense(3, activation='softmax', name='probs')])\n"
        "x_test = np.random.default_rng(0).normal(size=(60, 4)).astype('float32')\n"
        "y_test = np.arange(60) % 3"
    ),
    nbformat.v4.new_code_cell("%load_ext layerviz\n%layerviz model x_test y_test"),
    nbformat.v4.new_code_cell(
        "w = _\nprint('QUICKSTART', keras.backend.backend(), w.compute, w.layers, len(w.labels))"
    ),
]
NotebookClient(nb, timeout=300, kernel_name="python3").execute()
out = "".join(o.get("text", "") for o in nb.cells[2].outputs)
print(out.strip())
views = [o for o in nb.cells[1].outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
if "QUICKSTART torch browser ['hidden', 'probs'] 60" not in out or not views:
    sys.exit("the quick start did not give a widget of every layer, converted for the browser")
PY
else
  echo "no local CPU build of PyTorch: the quick start with Keras on PyTorch is skipped"
fi
