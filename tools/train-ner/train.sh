#!/bin/sh
# Runs train.py against OpenBLAS instead of Debian's default reference BLAS, which python3-torch
# (BLAS_INFO=generic) otherwise links: matrix products measured ~2.4 GFLOP/s per core with it and
# ~50 with OpenBLAS here. The library is unpacked under runs/ (gitignored) without touching the system's
# BLAS alternative. Usage: tools/train-ner/train.sh [train.py options]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
blas="$here/runs/openblas"
if [ ! -f "$blas/libblas.so.3" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get download libopenblas0-pthread >/dev/null && dpkg -x libopenblas0-pthread_*.deb root)
  mkdir -p "$blas"
  cp -a "$tmp"/root/usr/lib/x86_64-linux-gnu/openblas-pthread/* "$blas/"
  rm -rf "$tmp"
fi
cd "$here"
LD_LIBRARY_PATH="$blas${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}" \
  exec /usr/bin/python3 train.py "$@"
