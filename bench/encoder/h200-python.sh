#!/usr/bin/env bash
# GPU machine, step 1: export the tiny fixtures (+ references) and a full-size model, and time
# PyTorch eager / torch.compile. Run from the repository root (or a copy of it); results go to $OUT.
set -uo pipefail
OUT=${OUT:-/tmp/encoder-out}
MODELS=${MODELS:-/tmp/encoder-models}
mkdir -p "$OUT" "$MODELS"
log="$OUT/python-log.txt"
{
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.max.sm --format=csv
  python3 -c 'import torch, onnx, onnxruntime; print("torch", torch.__version__, "onnx", onnx.__version__, "ort", onnxruntime.__version__)'
  echo "== tiny export"
  timeout 240 python3 tools/export-encoder/export_encoder.py --variant tiny --sizes 512,640,1024,1280 \
    --out "$MODELS/tiny" --references
  tar -C "$MODELS/tiny" -cf "$OUT/tiny.tar" .
  echo "== full export"
  timeout 400 python3 tools/export-encoder/export_encoder.py --variant full --sizes 1024 \
    --dtypes "${FULL_DTYPES:-fp32,fp16}" --out "$MODELS/full"
  cp "$MODELS/full/export-full.json" "$OUT/" 2>/dev/null
  if [ "${TORCH_BENCH:-1}" != 0 ]; then
    echo "== torch bench"
    timeout 420 python3 tools/export-encoder/bench_torch.py --size 1024 --batches 1,8,32 --dtypes fp16,fp32 \
      ${TORCH_COMPILE:+--compile} --out "$MODELS/torch"
    cp "$MODELS/torch/torch-bench.json" "$OUT/" 2>/dev/null
  fi
} >"$log" 2>&1
tail -c 6000 "$log"
