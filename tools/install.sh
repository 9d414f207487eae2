#!/bin/sh
# Create .venv in the checkout and install music_lib with its dependencies (used by `make demo` / `make test`).
# - A torch that the base Python already has is reused (the venv sees system site-packages).
# - Otherwise a CPU-only machine gets the CPU build of torch (no GPU wheels); a machine with an NVIDIA GPU gets the default build.
set -eu
PY=${PYTHON:-python3}
TORCH_VERSION=${TORCH_VERSION:-2.13.0}
if [ ! -x .venv/bin/python ]; then
  "$PY" -c 'import sys; assert sys.version_info >= (3, 10), "music_lib needs Python >= 3.10, found " + sys.version.split()[0]'
  "$PY" -m venv --system-site-packages .venv
fi
PIP=".venv/bin/python -m pip"
if ! .venv/bin/python -c 'import torch' >/dev/null 2>&1; then
  if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then
    $PIP install "torch==$TORCH_VERSION"
  else
    echo "no NVIDIA GPU: installing the CPU build of torch $TORCH_VERSION"
    $PIP install "torch==$TORCH_VERSION" --extra-index-url https://download.pytorch.org/whl/cpu --retries 1 --timeout 20
  fi
fi
$PIP install -e ".[dev]"
