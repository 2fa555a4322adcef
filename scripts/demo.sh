#!/usr/bin/env bash
# Install what is missing, then run the demo: JupyterLab on the sentiment notebook. With
# --headless (or when there is no display) run the notebook in a headless Chromium instead and
# save the rendered layerviz widget as out/layerviz-demo.png.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
notebook=notebooks/sentiment_bilstm.ipynb

headless=0
for arg in "$@"; do
  case "$arg" in
    --headless) headless=1 ;;
    *) echo "usage: scripts/demo.sh [--headless]" >&2; exit 2 ;;
  esac
done
if [[ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" && "$(uname)" != Darwin ]]; then headless=1; fi

bash scripts/setup.sh
export TF_CPP_MIN_LOG_LEVEL=2

if [[ "$headless" == 0 ]]; then
  exec .venv/bin/jupyter lab "$notebook"
fi

port="$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
work="$(mktemp -d -t layerviz-demo-XXXXXX)"
test/support/serve-lab.sh "$port" "$work" >"$work/jupyterlab.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 120); do
  if .venv/bin/python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$port/lab')" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$server" 2>/dev/null; then
    echo "JupyterLab did not start; its log is $work/jupyterlab.log" >&2
    exit 1
  fi
  sleep 1
done
mkdir -p out
node scripts/render-notebook.mjs "http://127.0.0.1:$port" "$notebook" "$root/out/layerviz-demo.png"
