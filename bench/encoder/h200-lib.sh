# Sourced by h200-tune.sh (rounds 3 to 7; GPU machine, repository root): the steps they share. Expects
# $WORK and $OUT; unpacks the app and the CUDA provider (h200-unpack.sh) and makes the work folders.
mkdir -p "$OUT" "$WORK/app" "$WORK/torch" "$WORK/res"
export PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.sm,clocks.max.sm --format=csv
source bench/encoder/h200-unpack.sh

# export_full NAME OPTIONS...: the full-size fp16 model into $WORK/NAME (several run in parallel).
export_full() {
  local name=$1; shift
  OMP_NUM_THREADS=${EXPORT_THREADS:-6} timeout 330 python3 tools/export-encoder/export_encoder.py --variant full --sizes 1024 \
    --dtypes fp16 --out "$WORK/$name" --no-check "$@" > "$WORK/export-$name.log" 2>&1
}

# torch_reference: PyTorch eager timings (fp16) and the fp16/fp32 reference outputs for the numerics.
torch_reference() {
  timeout 200 python3 tools/export-encoder/bench_torch.py --size 1024 --batches 1,8,32 --dtypes fp16,fp32 --timed-dtypes fp16 \
    --attention reference,fused --seconds 1 --out "$WORK/torch"
  cp "$WORK/torch/torch-bench.json" "$WORK/res/"
}

# bench NAME ENCODERBENCH-OPTIONS...: one C# timing on the reference pages; JSON into $WORK/res/NAME.json.
bench() {
  local name=$1; shift
  timeout 120 "$WORK/app/EncoderBench" --seconds 1 --input "$WORK/torch/numerics-input.f32" --json "$WORK/res/$name.json" "$@" 2>&1 \
    | grep -v -e VerifyEachNodeIsAssignedToAnEp -e "Rerunning with verbose" -e "No execution plans support the graph"
}

# finish RESULTS-FILE: every dumped ort-*.f32 against PyTorch, then all JSON merged into one file.
finish() {
  (cd "$WORK/torch" && python3 "$OLDPWD/tools/export-encoder/compare_outputs.py" . $(ls ort-*.f32)) > "$WORK/res/numerics.json"
  cat "$WORK/res/numerics.json"
  python3 bench/encoder/merge_results.py "$WORK/res" "$1"
}

# ort_kernels MODEL: GPU time per kernel of one warm batch-8 run (ncu), summed by kernel_times.py.
ort_kernels() {
  local ncu
  ncu=$(command -v ncu || ls /opt/nvidia/nsight-compute/*/ncu /usr/local/cuda/bin/ncu 2>/dev/null | head -1)
  timeout 240 "$ncu" --clock-control none --cache-control none --metrics gpu__time_duration.sum --print-kernel-base function \
    --csv --page raw "$WORK/app/EncoderBench" --model "$1" --batches 8 --warmups 1 --min-runs 1 --seconds 0 --io device \
    > "$WORK/ncu-ort.csv" 2> "$WORK/ncu-ort.err"
  tail -n 3 "$WORK/ncu-ort.err"
  python3 tools/export-encoder/kernel_times.py ncu "$WORK/ncu-ort.csv" > "$OUT/ort-kernels.txt" 2>&1
  head -n 40 "$OUT/ort-kernels.txt"
}
