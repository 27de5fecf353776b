#!/usr/bin/env bash
# GPU machine, step 2 (one run): export the tiny fixtures and the full-size models, time PyTorch eager,
# time the published C# EncoderBench on ONNX Runtime's CUDA provider, and compare the numerics.
# Expects, from earlier calls: /tmp/parts/cuda.xz.part* (the CUDA provider library, xz, split) and
# here: app.tar.xz (EncoderBench published self-contained, linux-x64, -p:OnnxRuntimeFlavor=Gpu).
# Run from the repository root (or a copy of it); results go to $OUT.
set -uo pipefail
OUT=${OUT:-/tmp/encoder-out}
WORK=${WORK:-/tmp/encoder-run}
APP_ARCHIVE=${APP_ARCHIVE:-app.tar.xz}
mkdir -p "$OUT" "$WORK/app" "$WORK/models" "$WORK/torch"
log="$OUT/run-log.txt"
{
  set -x
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.max.sm --format=csv
  source bench/encoder/h200-unpack.sh

  [ "${TINY:-1}" = 1 ] && timeout 120 python3 tools/export-encoder/export_encoder.py --variant tiny --sizes 512,640,1024,1280 --out "$WORK/tiny" --references \
    && tar -C "$WORK/tiny" -cf "$OUT/tiny.tar" .
  timeout 240 python3 tools/export-encoder/export_encoder.py --variant full --sizes 1024 --dtypes fp16,fp32 --attention fused \
    --out "$WORK/models" --no-check
  cp "$WORK/models/export-full.json" "$OUT/" 2>/dev/null
  timeout 200 python3 tools/export-encoder/bench_torch.py --size 1024 --batches 1,8,32 --dtypes fp16,fp32 \
    --attention reference,fused --seconds 2 --out "$WORK/torch" ${TORCH_COMPILE:+--compile}
  cp "$WORK/torch/torch-bench.json" "$OUT/"
  if [ ! -f "$WORK/models/deepencoder-full-1024-fp16-fused.onnx" ]; then
    echo "fused export failed: falling back to the plain-ops export (batch 32 exceeds its limits)"
    timeout 200 python3 tools/export-encoder/export_encoder.py --variant full --sizes 1024 --dtypes fp16,fp32 \
      --attention math --out "$WORK/models" --no-check
    for dtype in fp16 fp32; do ln -sf "deepencoder-full-1024-$dtype.onnx" "$WORK/models/deepencoder-full-1024-$dtype-fused.onnx"
      ln -sf "deepencoder-full-1024-$dtype.onnx.data" "$WORK/models/deepencoder-full-1024-$dtype-fused.onnx.data"; done
    BATCHES=1,8
  fi
  for dtype in fp16 fp32; do
    timeout 200 "$WORK/app/EncoderBench" --model "$WORK/models/deepencoder-full-1024-$dtype-fused.onnx" --provider cuda \
      --batches "${BATCHES:-1,8,32}" --seconds 2 --input "$WORK/torch/numerics-input.f32" --dump "$WORK/torch/ort-$dtype.f32" \
      --json "$OUT/ort-$dtype.json"
  done
  python3 tools/export-encoder/compare_outputs.py "$WORK/torch" > "$OUT/numerics.json"
  cat "$OUT/numerics.json"
} >"$log" 2>&1
tail -c 5000 "$log"
