"""PyTorch side of the encoder benchmark (eager, optionally torch.compile) on the same seeded
weights that export_encoder.py writes to ONNX, plus the inputs and outputs for the numerics check
against ONNX Runtime.

    python3 bench_torch.py --size 1024 --batches 1,8,32 --dtypes fp16,fp32 --out results/ [--compile]

Writes numerics-input.f32 ([N, 3, S, S] raw little-endian float32 pages), torch-<dtype>.f32
([N, tokens, 1280] outputs) and torch-bench.json. Timings include the host->device copy of the
pixels and the device->host copy of the embeddings, as the C# benchmark's do.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from deepencoder import CONFIGS, attention_mode  # noqa: E402
from export_encoder import build_encoder, log, view_for  # noqa: E402
from pages import make_page, to_pixels  # noqa: E402


def pages_tensor(size: int, count: int) -> torch.Tensor:
    return torch.from_numpy(np.stack([to_pixels(make_page(size, size, seed=i)) for i in range(count)]))


def time_batches(model, pages: torch.Tensor, batches: list[int], seconds: float) -> list[dict]:
    rows = []
    for batch in batches:
        reps = (batch + pages.shape[0] - 1) // pages.shape[0]
        x_host = pages.repeat(reps, 1, 1, 1)[:batch].contiguous().pin_memory()
        try:
            with torch.inference_mode():
                for _ in range(3):
                    model(x_host.cuda(non_blocking=True)).cpu()
                torch.cuda.synchronize()
                times: list[float] = []
                deadline = time.perf_counter() + seconds
                while len(times) < 5 or (time.perf_counter() < deadline and len(times) < 200):
                    start = time.perf_counter()
                    model(x_host.cuda(non_blocking=True)).cpu()  # .cpu() synchronises
                    times.append(time.perf_counter() - start)
            median = statistics.median(times)
            rows.append({"batch": batch, "iterations": len(times), "median_ms": round(median * 1e3, 2),
                         "min_ms": round(min(times) * 1e3, 2), "pages_per_s": round(batch / median, 1)})
        except torch.OutOfMemoryError:
            rows.append({"batch": batch, "error": "out of memory"})
        torch.cuda.empty_cache()
        log(json.dumps(rows[-1]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--variant", choices=sorted(CONFIGS), default="full")
    parser.add_argument("--size", type=int, default=1024)
    parser.add_argument("--batches", default="1,8,32")
    parser.add_argument("--dtypes", default="fp16,fp32")
    parser.add_argument("--attention", default="reference,fused",
                        help="eager variants: reference (SDPA + bias mask, as DeepSeek-OCR), fused (augmented q/k)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--numerics-pages", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=4.0, help="timing budget per batch size")
    parser.add_argument("--timed-dtypes", help="dtypes to time (default: all of --dtypes; the others only write outputs)")
    parser.add_argument("--compile", action="store_true", help="also time torch.compile (fp16 only)")
    parser.add_argument("--compile-batches", default="8,32")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    torch.backends.cuda.matmul.allow_tf32 = False  # fp32 means fp32 in the numerics reference
    torch.backends.cudnn.allow_tf32 = False
    encoder, weights = build_encoder(args.variant, args.seed, None)
    pages = pages_tensor(args.size, args.numerics_pages)
    pages.numpy().astype("<f4").tofile(os.path.join(args.out, "numerics-input.f32"))
    batches = [int(b) for b in args.batches.split(",")]
    report: dict = {"weights": weights, "size": args.size, "device": torch.cuda.get_device_name(),
                    "torch": torch.__version__, "eager": {}, "compile": {}}

    for dtype in args.dtypes.split(","):
        model = view_for(encoder, args.size, dtype).cuda()
        with torch.inference_mode():
            out = model(pages.cuda()).cpu().numpy()
        out.astype("<f4").tofile(os.path.join(args.out, f"torch-{dtype}.f32"))
        log(f"{dtype}: output {out.shape}, rms {float(np.sqrt(np.mean(out.astype(np.float64) ** 2))):.4f}")
        timed = dtype in (args.timed_dtypes or args.dtypes).split(",")
        for attention in args.attention.split(",") if timed else []:
            with attention_mode(attention):
                if attention != "reference":
                    with torch.inference_mode():
                        other = model(pages.cuda()).cpu().numpy()
                    report[f"{dtype}_{attention}_vs_reference_rel_err"] = float(np.linalg.norm(other - out) / np.linalg.norm(out))
                report["eager"][f"{dtype}-{attention}"] = time_batches(model, pages, batches, args.seconds)
        if args.compile and dtype == "fp16":
            try:
                compiled = torch.compile(model)
                started = time.perf_counter()
                with torch.inference_mode():
                    for batch in (int(b) for b in args.compile_batches.split(",")):
                        compiled(pages[:1].repeat(batch, 1, 1, 1).cuda()).cpu()
                report["compile"]["compile_seconds"] = round(time.perf_counter() - started, 1)
                report["compile"][dtype] = time_batches(
                    compiled, pages, [int(b) for b in args.compile_batches.split(",")], args.seconds)
            except Exception as error:  # compile is optional: record why it did not run
                report["compile"]["error"] = f"{type(error).__name__}: {str(error)[:500]}"
                log(report["compile"]["error"])
        del model
        torch.cuda.empty_cache()

    if os.path.exists(os.path.join(args.out, "torch-fp16.f32")) and os.path.exists(os.path.join(args.out, "torch-fp32.f32")):
        a = np.fromfile(os.path.join(args.out, "torch-fp16.f32"), dtype="<f4")
        b = np.fromfile(os.path.join(args.out, "torch-fp32.f32"), dtype="<f4")
        report["torch_fp16_vs_fp32_rel_err"] = float(np.linalg.norm(a - b) / np.linalg.norm(b))
    with open(os.path.join(args.out, "torch-bench.json"), "w") as f:
        json.dump(report, f, indent=2)
    log(json.dumps(report))


if __name__ == "__main__":
    main()
