#!/usr/bin/env bash
# Install what is missing and build everything: npm packages, the TypeScript packages and the
# JupyterLab extension, a project-local .venv/ with layerviz (editable), JupyterLab, TensorFlow
# (CPU) and Keras, and Debian's Chromium for the browser tests and the headless demo.
# Safe to run again: each step is skipped when its inputs have not changed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf '\n==> %s\n' "$*"; }

if [[ ! -x /usr/bin/chromium ]]; then
  say "Installing Chromium (Debian package) for the browser tests and the headless demo"
  sudo_cmd=()
  if [[ "$(id -u)" != 0 ]]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq chromium >/dev/null
fi

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "Installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

say "Building the TypeScript packages and the JupyterLab extension"
npm run build --silent

python="${PYTHON:-python3}"
if [[ ! -x .venv/bin/python ]]; then
  say "Creating .venv/ with $($python --version)"
  "$python" -m venv .venv
  .venv/bin/pip install --quiet --upgrade pip
fi
stamp=.venv/.layerviz-install-stamp
want="$(cat packages/python/pyproject.toml packages/jupyterlab/package.json | sha256sum | cut -c1-16)"
if [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
  say "Installing jupyter-layerviz (editable) with JupyterLab, TensorFlow CPU and Keras into .venv/"
  # The distribution was called `layerviz` before; an old editable install would shadow it.
  .venv/bin/pip uninstall --quiet -y layerviz 2>/dev/null || true
  .venv/bin/pip install --quiet -e "packages/python[dev]"
  echo "$want" >"$stamp"
fi
# Optional frameworks the tests cover when they can be installed: tf.keras 2 (`tf_keras`, without
# its dependency on the `tensorflow` package: tensorflow-cpu provides the same module) and
# PyTorch's CPU build, which this machine keeps in pip's local wheel folder (a plain
# `pip install torch` would download a CUDA build of several GB, so it is never tried).
has() { .venv/bin/python -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('$1') is None)"; }
if ! has tf_keras; then
  say "Installing tf_keras (tf.keras 2) for the tf.keras model tests"
  tf_version="$(.venv/bin/python -c "from importlib.metadata import version; print(version('tensorflow-cpu').rsplit('.', 1)[0])")"
  .venv/bin/pip install --quiet --no-deps "tf_keras==$tf_version.*"
fi
if ! has torch; then
  if .venv/bin/pip install --quiet --no-index --no-deps torch==2.13.0 2>/dev/null; then
    say "Installed PyTorch (CPU build) for the PyTorch kernel-fallback tests"
    .venv/bin/pip install --quiet torch==2.13.0 # its own small dependencies
  else
    say "No local CPU build of PyTorch: the PyTorch tests will be skipped"
  fi
fi
# Point JupyterLab at the extension we just built (a symlink, so rebuilds show up at once).
.venv/bin/jupyter-builder develop --overwrite packages/python >/dev/null
# Likewise the AMD bundle and the nbconvert template, which the wheel installs as shared data.
link_shared() {
  # An editable install may have copied the folder: replace the copy with the link.
  if [[ -d "$2" && ! -L "$2" ]]; then rm -rf "$2"; fi
  mkdir -p "$(dirname "$2")"
  ln -sfn "$1" "$2"
}
link_shared "$root/packages/python/layerviz/nbextension" .venv/share/jupyter/nbextensions/@layerviz/jupyterlab
link_shared "$root/packages/python/nbconvert-templates/layerviz" .venv/share/jupyter/nbconvert/templates/layerviz
.venv/bin/jupyter labextension list 2>&1 | grep -q '@layerviz/jupyterlab.*enabled.*OK' || {
  echo "the layerviz JupyterLab extension is not installed correctly:" >&2
  .venv/bin/jupyter labextension list >&2
  exit 1
}
say "Set up: .venv/ and the built extension are ready"
