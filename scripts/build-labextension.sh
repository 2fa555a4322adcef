#!/usr/bin/env bash
# Build the federated JupyterLab extension of packages/jupyterlab into
# packages/python/layerviz/labextension with @jupyter/builder (rspack, ~25 s; the webpack-based
# @jupyterlab/builder re-minifies Plotly for minutes). JupyterLab's core package metadata comes
# from @jupyterlab/core-meta, so no Python is needed to build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode=()
if [[ "${LAYERVIZ_DEV_BUILD:-}" == 1 ]]; then mode=(--development); fi
node "$root/node_modules/@jupyter/builder/lib/build-labextension.js" \
  --core-package-file "$root/node_modules/@jupyterlab/core-meta/core.package.json" \
  "${mode[@]}" "$root/packages/jupyterlab"
