#!/usr/bin/env bash
# Start JupyterLab for the browser tests and the headless demo, on a throw-away copy of the
# notebooks and data so that autosave never writes into the repository.
#
#   test/support/serve-lab.sh PORT [WORKDIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
port="${1:?usage: serve-lab.sh PORT [WORKDIR]}"
work="${2:-$(mktemp -d -t layerviz-lab-XXXXXX)}"
mkdir -p "$work"
cp -r "$root/notebooks" "$root/data" "$work/"
# The digits the notebooks train on (notebooks/digits_cnn.ipynb reads ../examples/data).
mkdir -p "$work/examples"
cp -r "$root/examples/data" "$work/examples/"
mkdir -p "$work/test"
cp -r "$root/test/e2e/notebooks" "$work/test/"
export PATH="$root/.venv/bin:$PATH"
export JUPYTER_CONFIG_DIR="$work/.jupyter"
export TF_CPP_MIN_LOG_LEVEL=2
# No "get notified about Jupyter news?" toast over the widget in screenshots.
settings="$work/.settings/@jupyterlab/apputils-extension"
mkdir -p "$settings"
echo '{"fetchNews": "false", "checkForUpdates": false}' >"$settings/notification.jupyterlab-settings"
exec jupyter lab --no-browser --allow-root --port="$port" --ServerApp.ip=127.0.0.1 \
  --ServerApp.root_dir="$work" --IdentityProvider.token='' --ServerApp.password='' \
  --ServerApp.disable_check_xsrf=True --LabApp.news_url=None \
  --LabApp.user_settings_dir="$work/.settings" \
  --ServerApp.port_retries=0
