#!/bin/sh
# Runs export_checkpoint.py with the OpenBLAS that train.sh unpacked (see train.sh for why).
# Usage: tools/train-ner/export_checkpoint.sh RUN_NAME [EXPORT_DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$here/runs/openblas/libblas.so.3" ]; then
  echo "runs/openblas is missing: run tools/train-ner/train.sh once first (it unpacks OpenBLAS)" >&2
  exit 1
fi
cd "$here"
LD_LIBRARY_PATH="$here/runs/openblas${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}" \
  exec /usr/bin/python3 export_checkpoint.py "$@"
