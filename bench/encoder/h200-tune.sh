#!/usr/bin/env bash
# GPU machine, tuning run: where does ONNX Runtime spend its time, and do CUDA provider options or
# equal value head sizes help? Same inputs as h200-csharp.sh; results go to $OUT.
set -uo pipefail
OUT=${OUT:-/tmp/encoder-out}
WORK=${WORK:-/tmp/encoder-run}
APP_ARCHIVE=${APP_ARCHIVE:-app.tar.xz}
mkdir -p "$OUT" "$WORK/app" "$WORK/models"
log="$OUT/tune-log.txt"
{
  set -x
  source bench/encoder/h200-unpack.sh
  for attention in fused fused_same_v; do
    timeout 150 python3 tools/export-encoder/export_encoder.py --variant full --sizes 1024 --dtypes fp16 \
      --attention $attention --out "$WORK/models" --no-check
  done
  bench="$WORK/app/EncoderBench"
  m="$WORK/models/deepencoder-full-1024-fp16"
  timeout 90 "$bench" --model "$m-fused.onnx" --provider cuda --batches 8,32 --seconds 2 --dump "$WORK/fused.f32" --json "$OUT/tune-fused.json"
  timeout 90 "$bench" --model "$m-fused.onnx" --provider cuda --batches 8,32 --seconds 2 --cuda-options "prefer_nhwc=1" --json "$OUT/tune-nhwc.json"
  timeout 90 "$bench" --model "$m-fused_same_v.onnx" --provider cuda --batches 8,32 --seconds 2 --dump "$WORK/samev.f32" --json "$OUT/tune-samev.json"
  python3 -c "
import numpy as np, sys
a = np.fromfile('$WORK/samev.f32', dtype='<f4'); b = np.fromfile('$WORK/fused.f32', dtype='<f4')
print('same_v vs fused rel err', float(np.linalg.norm(a - b) / np.linalg.norm(b)))"
  timeout 90 "$bench" --model "$m-fused.onnx" --provider cuda --batches 8 --profile "$WORK/prof-fused"
  python3 tools/export-encoder/profile_summary.py "$(ls -t "$WORK"/prof-fused*.json | head -1)"
} >"$log" 2>&1
tail -c 5000 "$log"
