#!/usr/bin/env bash
# GPU machine, one tuning round per call: `bash bench/encoder/h200-tune.sh ROUND` from a copy of the
# repository (what h200-unpack.sh expects: $APP_ARCHIVE and the CUDA provider parts). Results and the
# log (tuneN-log.txt; round 1: tune-log.txt) go to $OUT. The rounds are kept as parameter sets so each
# table row in docs/benchmarks.md stays reproducible; they export with the exporter as it is now, so
# re-running an old round measures today's spelling (`--convs` and `--gelu` reproduce the old steps).
#   1  where ONNX Runtime spends its time; CUDA provider options (NHWC); equal value head sizes
#   2  fused export with the patch embedding as a GEMM, timed from C#, numerics against PyTorch fp16
#   3  four fp16 spellings (fused; + GEMM convolutions; + BiasGelu; + equal value heads) and the
#      provider/IO options worth trying (device IO, cuDNN attention, fixed batch, CUDA graphs, offline
#      transformer fusions), numerics, a profile and the operator counts of the graph ORT runs
#   4  BiasGelu export with cuDNN and GEMM convolutions through each IO path (host, views, pinned,
#      device), cutlass vs cuDNN attention, GPU time per kernel for ORT (ncu) and PyTorch (torch.profiler)
#   5  zero padding by concatenation: each IO path, CUDA graphs, cuDNN-convolution variant, numerics,
#      ncu kernels; re-exports the tiny fused fixture
#   6  round 5 without the cuDNN-convolution variant (measured SAM attention in [B, h, w, heads, d] order)
#   7  round 6 again (measured q, k and v as three matrix products on slices of the qkv weight: the
#      default export; the latest numbers in docs/benchmarks.md)
set -uo pipefail
ROUND=${1:-}
case "$ROUND" in
  1|2|3|4|5|6|7) ;;
  *) echo "usage: $0 ROUND   (ROUND 1 to 7; see the comment at the top)" >&2; exit 2 ;;
esac
OUT=${OUT:-/tmp/encoder-out}
WORK=${WORK:-/tmp/encoder-run}
APP_ARCHIVE=${APP_ARCHIVE:-app.tar.xz}
NAME=tune$ROUND; [ "$ROUND" = 1 ] && NAME=tune
mkdir -p "$OUT" "$WORK/models"
log="$OUT/$NAME-log.txt"

# tiny_fixture_and_wait SIZES: export the tiny fused fixture beside the exports already started, wait
# for all of them, and put the fixture into $OUT/tiny-fused.tar.
tiny_fixture_and_wait() {
  OMP_NUM_THREADS=2 timeout 200 python3 tools/export-encoder/export_encoder.py --variant tiny --sizes "$1" --attention fused \
    --out "$WORK/tiny-fused" > "$WORK/export-tiny.log" 2>&1 &
  wait
  tail -n 2 "$WORK"/export-*.log
  (cd "$WORK/tiny-fused" && tar -cf "$OUT/tiny-fused.tar" deepencoder-tiny-*-fused.onnx export-tiny.json)
}

round_1() {
  for attention in fused fused_same_v; do
    timeout 150 python3 tools/export-encoder/export_encoder.py --variant full --sizes 1024 --dtypes fp16 \
      --attention $attention --out "$WORK/models" --no-check
  done
  local exe="$WORK/app/EncoderBench" m="$WORK/models/deepencoder-full-1024-fp16"
  timeout 90 "$exe" --model "$m-fused.onnx" --provider cuda --batches 8,32 --seconds 2 --dump "$WORK/fused.f32" --json "$OUT/tune-fused.json"
  timeout 90 "$exe" --model "$m-fused.onnx" --provider cuda --batches 8,32 --seconds 2 --cuda-options "prefer_nhwc=1" --json "$OUT/tune-nhwc.json"
  timeout 90 "$exe" --model "$m-fused_same_v.onnx" --provider cuda --batches 8,32 --seconds 2 --dump "$WORK/samev.f32" --json "$OUT/tune-samev.json"
  python3 -c "
import numpy as np, sys
a = np.fromfile('$WORK/samev.f32', dtype='<f4'); b = np.fromfile('$WORK/fused.f32', dtype='<f4')
print('same_v vs fused rel err', float(np.linalg.norm(a - b) / np.linalg.norm(b)))"
  timeout 90 "$exe" --model "$m-fused.onnx" --provider cuda --batches 8 --profile "$WORK/prof-fused"
  python3 tools/export-encoder/profile_summary.py "$(ls -t "$WORK"/prof-fused*.json | head -1)"
}

round_2() {
  timeout 100 python3 tools/export-encoder/export_encoder.py --variant full --sizes 1024 --dtypes fp16 \
    --attention fused --out "$WORK/models" --no-check
  timeout 60 python3 tools/export-encoder/bench_torch.py --size 1024 --batches 1 --dtypes fp16 \
    --attention reference --seconds 0.5 --out "$WORK/torch"
  local exe="$WORK/app/EncoderBench" m="$WORK/models/deepencoder-full-1024-fp16-fused.onnx"
  timeout 60 "$exe" --model "$m" --provider cuda --batches 1,8,32 --seconds 2 \
    --input "$WORK/torch/numerics-input.f32" --dump "$WORK/torch/ort-fp16.f32" --json "$OUT/tune2-gemm-patch.json"
  python3 tools/export-encoder/compare_outputs.py "$WORK/torch" > "$OUT/tune2-numerics.json" 2>&1 || true
  cat "$OUT/tune2-numerics.json"
  timeout 40 "$exe" --model "$m" --provider cuda --batches 8 --profile "$WORK/prof"
  python3 tools/export-encoder/profile_summary.py "$(ls -t "$WORK"/prof*.json | head -1)"
}

round_3() {
  EXPORT_THREADS=3
  export_full base --attention fused --convs cudnn --gelu ops &
  export_full gemm --attention fused --convs gemm --gelu ops &
  export_full new --attention fused --convs gemm --gelu bias_gelu &
  export_full samev --attention fused_same_v --convs gemm --gelu bias_gelu &
  tiny_fixture_and_wait 640,1024
  torch_reference
  local new="$WORK/new/deepencoder-full-1024-fp16-fused.onnx"
  local samev="$WORK/samev/deepencoder-full-1024-fp16-fused_same_v.onnx"
  local base="$WORK/base/deepencoder-full-1024-fp16-fused.onnx"
  mkdir -p "$WORK/opt"
  timeout 300 python3 tools/export-encoder/optimize_onnx.py "$new" "$WORK/opt/deepencoder-full-1024-fp16-fused.onnx" > "$WORK/optimize.log" 2>&1 &
  local optimizer=$!
  bench base --model "$base" --dump "$WORK/torch/ort-base.f32"
  bench new --model "$new" --dump "$WORK/torch/ort-new.f32"
  bench new-device --model "$new" --io device --dump "$WORK/torch/ort-new-device.f32"
  bench gemm --model "$WORK/gemm/deepencoder-full-1024-fp16-fused.onnx" --dump "$WORK/torch/ort-gemm.f32"
  bench new-cudagraph --model "$new" --io device --fixed-batch true --cuda-options "enable_cuda_graph=1" --dump "$WORK/torch/ort-new-graph.f32"
  ORT_ENABLE_CUDNN_FLASH_ATTENTION=1 bench new-cudnn-attention --model "$new" --batches 8,32 --dump "$WORK/torch/ort-new-cudnn.f32"
  bench samev --model "$samev" --batches 8,32 --dump "$WORK/torch/ort-samev.f32"
  bench samev-cudnn --model "$samev" --batches 8 --cuda-options "sdpa_kernel=8" --dump "$WORK/torch/ort-samev-cudnn.f32"
  bench base-heuristic --model "$base" --batches 8,32 --cuda-options "cudnn_conv_algo_search=HEURISTIC"
  bench new-fixed-device --model "$new" --io device --fixed-batch true
  wait $optimizer
  tail -n 5 "$WORK/optimize.log"
  [ -f "$WORK/opt/deepencoder-full-1024-fp16-fused.onnx" ] && bench new-offline-fusions --model "$WORK/opt/deepencoder-full-1024-fp16-fused.onnx" \
    --batches 8,32 --dump "$WORK/torch/ort-new-opt.f32"
  for model in "$new" "$samev"; do  # which attention kernel ONNX Runtime picks for each MultiHeadAttention node
    ORT_ENABLE_ATTENTION_KERNEL_DEBUG_INFO=1 timeout 60 "$WORK/app/EncoderBench" --model "$model" --batches 1 --seconds 0 2>&1 \
      | grep -i -e "kernel" -e "attention" | sed -E 's/Node=[^ ]+ ?//' | sort | uniq -c | head -12
  done
  bench new-save --model "$new" --batches 8 --seconds 0 --save-optimized "$WORK/cuda-optimized.onnx" > /dev/null
  python3 tools/export-encoder/graph_ops.py "$base" "$new" "$WORK/cuda-optimized.onnx" "$WORK/opt/deepencoder-full-1024-fp16-fused.onnx"
  for name in new base; do
    timeout 100 "$WORK/app/EncoderBench" --model "$WORK/$name/deepencoder-full-1024-fp16-fused.onnx" --batches 8 --profile "$WORK/prof-$name"
    python3 tools/export-encoder/profile_summary.py "$(ls -t "$WORK"/prof-"$name"*.json | head -1)"
  done
  finish "$OUT/tune3-results.json"
}

round_4() {
  export_full bg --attention fused --convs cudnn &
  export_full new --attention fused &
  timeout 200 python3 tools/export-encoder/kernel_times.py torch --batch 8 > "$OUT/torch-kernels.txt" 2>&1
  wait
  tail -n 2 "$WORK"/export-*.log
  torch_reference
  local bg="$WORK/bg/deepencoder-full-1024-fp16-fused.onnx"
  local new="$WORK/new/deepencoder-full-1024-fp16-fused.onnx"
  bench bg-host --model "$bg" --dump "$WORK/torch/ort-bg-host.f32"
  bench bg-views --model "$bg" --io views --dump "$WORK/torch/ort-bg-views.f32"
  bench bg-pinned --model "$bg" --io pinned --dump "$WORK/torch/ort-bg-pinned.f32"
  bench bg-device --model "$bg" --io device
  bench new-views --model "$new" --io views --dump "$WORK/torch/ort-new-views.f32"
  bench new-host --model "$new" --batches 8,32
  bench bg-efficient-attention --model "$bg" --batches 8,32 --cuda-options "sdpa_kernel=2" --dump "$WORK/torch/ort-bg-efficient.f32"
  finish "$OUT/tune4-results.json"
  ort_kernels "$bg"
  head -n 40 "$OUT/torch-kernels.txt"
}

# Rounds 5 to 7: the same measurements; $1 = 1 adds the cuDNN-convolution variant (round 5 only).
round_5() {
  local cudnn_convs=${1:-1}
  export_full final --attention fused &
  [ "$cudnn_convs" = 1 ] && export_full final-cudnn --attention fused --convs cudnn &
  tiny_fixture_and_wait 640
  torch_reference
  local final="$WORK/final/deepencoder-full-1024-fp16-fused.onnx"
  bench final-pinned --model "$final" --io pinned --dump "$WORK/torch/ort-final-pinned.f32"
  bench final-views --model "$final" --io views --dump "$WORK/torch/ort-final-views.f32"
  bench final-host --model "$final" --dump "$WORK/torch/ort-final-host.f32"
  bench final-device --model "$final" --io device
  if [ "$cudnn_convs" = 1 ]; then
    bench final-cudnn-pinned --model "$WORK/final-cudnn/deepencoder-full-1024-fp16-fused.onnx" --io pinned --dump "$WORK/torch/ort-final-cudnn.f32"
    bench final-cudnn-views --model "$WORK/final-cudnn/deepencoder-full-1024-fp16-fused.onnx" --io views
  fi
  bench final-cudagraph --model "$final" --io device --fixed-batch true --cuda-options "enable_cuda_graph=1" --dump "$WORK/torch/ort-final-graph.f32"
  finish "$OUT/$NAME-results.json"
  ort_kernels "$final"
}
round_6() { round_5 0; }
round_7() { round_5 0; }

{
  set -x
  if [ "$ROUND" -le 2 ]; then
    mkdir -p "$WORK/app" "$WORK/torch"
    source bench/encoder/h200-unpack.sh
  else
    source bench/encoder/h200-lib.sh
  fi
  "round_$ROUND"
} >"$log" 2>&1
case "$ROUND" in
  1) tail -c 5000 "$log" ;;
  2) tail -c 4000 "$log" ;;
  3) grep -E "pages/s|rel_err\"|Error|error" "$log" | tail -n 60 ;;
  *) grep -E "pages/s|Error|error|total GPU" "$log" | tail -n 40 ;;
esac
