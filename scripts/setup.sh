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
  say "Installing layerviz (editable) with JupyterLab, TensorFlow CPU and Keras into .venv/"
  .venv/bin/pip install --quiet -e "packages/python[dev]"
  echo "$want" >"$stamp"
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
