#!/usr/bin/env bash
# GPU machine, second tuning run: the fused export with the patch embedding as a GEMM (no 3-channel
# convolution), timed from C# and checked against PyTorch fp16 on the same pages.
set -uo pipefail
OUT=${OUT:-/tmp/encoder-out}
WORK=${WORK:-/tmp/encoder-run}
APP_ARCHIVE=${APP_ARCHIVE:-app.tar.xz}
mkdir -p "$OUT" "$WORK/app" "$WORK/models" "$WORK/torch"
log="$OUT/tune2-log.txt"
{
  set -x
  source bench/encoder/h200-unpack.sh
  timeout 100 python3 tools/export-encoder/export_encoder.py --variant full --sizes 1024 --dtypes fp16 \
    --attention fused --out "$WORK/models" --no-check
  timeout 60 python3 tools/export-encoder/bench_torch.py --size 1024 --batches 1 --dtypes fp16 \
    --attention reference --seconds 0.5 --out "$WORK/torch"
  bench="$WORK/app/EncoderBench"
  timeout 60 "$bench" --model "$WORK/models/deepencoder-full-1024-fp16-fused.onnx" --provider cuda --batches 1,8,32 --seconds 2 \
    --input "$WORK/torch/numerics-input.f32" --dump "$WORK/torch/ort-fp16.f32" --json "$OUT/tune2-gemm-patch.json"
  python3 tools/export-encoder/compare_outputs.py "$WORK/torch" > "$OUT/tune2-numerics.json" 2>&1 || true
  cat "$OUT/tune2-numerics.json"
  timeout 40 "$bench" --model "$WORK/models/deepencoder-full-1024-fp16-fused.onnx" --provider cuda --batches 8 --profile "$WORK/prof"
  python3 tools/export-encoder/profile_summary.py "$(ls -t "$WORK"/prof*.json | head -1)"
} >"$log" 2>&1
tail -c 4000 "$log"
