#!/usr/bin/env bash
# GPU machine, third tuning run (one call): export four fp16 spellings of the full model in parallel
# (the earlier session's fused export; + GEMM convolutions; + BiasGelu; + equal value heads), PyTorch eager
# timings and reference outputs, then C# EncoderBench on ONNX Runtime CUDA for each spelling and for the
# provider/IO options worth trying (device IO, cuDNN attention, fixed batch, CUDA graphs, ONNX Runtime's
# offline transformer fusions), the numerics of every variant, a profile and the operator counts of the
# graph ONNX Runtime runs. Expects what h200-unpack.sh expects; results go to $OUT.
set -uo pipefail
OUT=${OUT:-/tmp/encoder-out}
WORK=${WORK:-/tmp/encoder-run}
APP_ARCHIVE=${APP_ARCHIVE:-app.tar.xz}
mkdir -p "$OUT"
log="$OUT/tune3-log.txt"
{
  set -x
  source bench/encoder/h200-lib.sh
  EXPORT_THREADS=3
  export_full base --attention fused --convs cudnn --gelu ops &
  export_full gemm --attention fused --convs gemm --gelu ops &
  export_full new --attention fused --convs gemm --gelu bias_gelu &
  export_full samev --attention fused_same_v --convs gemm --gelu bias_gelu &
  OMP_NUM_THREADS=2 timeout 200 python3 tools/export-encoder/export_encoder.py --variant tiny --sizes 640,1024 --attention fused \
    --out "$WORK/tiny-fused" > "$WORK/export-tiny.log" 2>&1 &
  wait
  tail -n 2 "$WORK"/export-*.log
  (cd "$WORK/tiny-fused" && tar -cf "$OUT/tiny-fused.tar" deepencoder-tiny-*-fused.onnx export-tiny.json)
  torch_reference

  new="$WORK/new/deepencoder-full-1024-fp16-fused.onnx"
  samev="$WORK/samev/deepencoder-full-1024-fp16-fused_same_v.onnx"
  base="$WORK/base/deepencoder-full-1024-fp16-fused.onnx"
  mkdir -p "$WORK/opt"
  timeout 300 python3 tools/export-encoder/optimize_onnx.py "$new" "$WORK/opt/deepencoder-full-1024-fp16-fused.onnx" > "$WORK/optimize.log" 2>&1 &
  optimizer=$!
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
} >"$log" 2>&1
grep -E "pages/s|rel_err\"|Error|error" "$log" | tail -n 60
