#!/usr/bin/env bash
# GPU machine, fifth tuning run (one call): the fused export with zero padding by concatenation instead of
# ONNX Pad (and BiasGelu, GEMM or cuDNN convolutions), timed from C# through each input/output path, with
# CUDA graphs, numerics against PyTorch, and GPU time per kernel (ncu) at batch 8; also re-exports the tiny
# fused fixture. Expects what h200-unpack.sh expects; results go to $OUT.
set -uo pipefail
OUT=${OUT:-/tmp/encoder-out}
WORK=${WORK:-/tmp/encoder-run}
APP_ARCHIVE=${APP_ARCHIVE:-app.tar.xz}
mkdir -p "$OUT"
log="$OUT/${LOG_NAME:-tune5}-log.txt"
{
  set -x
  source bench/encoder/h200-lib.sh
  export_full final --attention fused &
  [ "${CUDNN_CONVS:-1}" = 1 ] && export_full final-cudnn --attention fused --convs cudnn &
  OMP_NUM_THREADS=2 timeout 200 python3 tools/export-encoder/export_encoder.py --variant tiny --sizes 640 --attention fused \
    --out "$WORK/tiny-fused" > "$WORK/export-tiny.log" 2>&1 &
  wait
  tail -n 2 "$WORK"/export-*.log
  (cd "$WORK/tiny-fused" && tar -cf "$OUT/tiny-fused.tar" deepencoder-tiny-*-fused.onnx export-tiny.json)
  torch_reference
  final="$WORK/final/deepencoder-full-1024-fp16-fused.onnx"
  bench final-pinned --model "$final" --io pinned --dump "$WORK/torch/ort-final-pinned.f32"
  bench final-views --model "$final" --io views --dump "$WORK/torch/ort-final-views.f32"
  bench final-host --model "$final" --dump "$WORK/torch/ort-final-host.f32"
  bench final-device --model "$final" --io device
  if [ "${CUDNN_CONVS:-1}" = 1 ]; then
    bench final-cudnn-pinned --model "$WORK/final-cudnn/deepencoder-full-1024-fp16-fused.onnx" --io pinned --dump "$WORK/torch/ort-final-cudnn.f32"
    bench final-cudnn-views --model "$WORK/final-cudnn/deepencoder-full-1024-fp16-fused.onnx" --io views
  fi
  bench final-cudagraph --model "$final" --io device --fixed-batch true --cuda-options "enable_cuda_graph=1" --dump "$WORK/torch/ort-final-graph.f32"
  finish "$OUT/${LOG_NAME:-tune5}-results.json"
  ort_kernels "$final"
} >"$log" 2>&1
grep -E "pages/s|Error|error|total GPU" "$log" | tail -n 40
