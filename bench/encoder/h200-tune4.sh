#!/usr/bin/env bash
# GPU machine, fourth tuning run (one call): the BiasGelu export with cuDNN convolutions and with GEMM
# convolutions, timed from C# through each input/output path (pageable host arrays, codecontext's own
# per-view path with pinned staging, pre-filled pinned buffers as PyTorch's timing uses, device-resident),
# cutlass vs cuDNN attention, numerics, and GPU time per kernel for ONNX Runtime (ncu) and PyTorch eager
# (torch.profiler) at batch 8. Expects what h200-unpack.sh expects; results go to $OUT.
set -uo pipefail
OUT=${OUT:-/tmp/encoder-out}
WORK=${WORK:-/tmp/encoder-run}
APP_ARCHIVE=${APP_ARCHIVE:-app.tar.xz}
mkdir -p "$OUT"
log="$OUT/tune4-log.txt"
{
  set -x
  source bench/encoder/h200-lib.sh
  export_full bg --attention fused --convs cudnn &
  export_full new --attention fused &
  timeout 200 python3 tools/export-encoder/kernel_times.py torch --batch 8 > "$OUT/torch-kernels.txt" 2>&1
  wait
  tail -n 2 "$WORK"/export-*.log
  torch_reference
  bg="$WORK/bg/deepencoder-full-1024-fp16-fused.onnx"
  new="$WORK/new/deepencoder-full-1024-fp16-fused.onnx"
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
} >"$log" 2>&1
grep -E "pages/s|Error|error|total GPU" "$log" | tail -n 40
