"""GPU time per kernel, to compare ONNX Runtime's kernels with PyTorch's for the same model.

    python3 kernel_times.py ncu ncu-raw.csv          # ncu --csv --page raw --metrics gpu__time_duration.sum ... > ncu-raw.csv
    python3 kernel_times.py torch --batch 8          # PyTorch eager (fused attention), one forward under torch.profiler

For ncu the trace should hold two identical runs (one warm-up, one measured): the second half of the
kernels is summed. ONNX Runtime's own profiler times a CUDA node on the host (its launch), not on the GPU.
"""

from __future__ import annotations

import argparse
import collections
import csv
import os
import sys


def print_table(times: dict[str, float], counts: dict[str, int], top: int = 30) -> None:
    total = sum(times.values())
    print(f"total GPU time {total:.2f} ms over {sum(counts.values())} kernels")
    for name, ms in sorted(times.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{ms:9.3f} ms {100 * ms / total:5.1f}% x{counts[name]:4d}  {name[:110]}")


def from_ncu(path: str) -> None:
    rows = [line for line in open(path, errors="replace") if line.startswith('"')]
    table = list(csv.reader(rows))
    header, body = table[0], [r for r in table[1:] if r and r[0].isdigit()]
    name_col, time_col = header.index("Kernel Name"), header.index("gpu__time_duration.sum")
    measured = body[len(body) // 2:]
    times: dict[str, float] = collections.defaultdict(float)
    counts: collections.Counter[str] = collections.Counter()
    for row in measured:
        times[row[name_col]] += float(row[time_col].replace(",", "")) / 1e6  # ns -> ms
        counts[row[name_col]] += 1
    print(f"{len(body)} kernels traced, the last {len(measured)} summed")
    print_table(times, counts)


def from_torch(batch: int, attention: str) -> None:
    import torch

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from bench_torch import pages_tensor
    from deepencoder import attention_mode
    from export_encoder import build_encoder, view_for

    encoder, _ = build_encoder("full", 0, None)
    model = view_for(encoder, 1024, "fp16").cuda()
    pages = pages_tensor(1024, 4)
    x = pages.repeat((batch + 3) // 4, 1, 1, 1)[:batch].cuda()
    with attention_mode(attention), torch.inference_mode():
        for _ in range(3):
            model(x)
        torch.cuda.synchronize()
        with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CUDA]) as profile:
            model(x)
            torch.cuda.synchronize()
    times: dict[str, float] = collections.defaultdict(float)
    counts: collections.Counter[str] = collections.Counter()
    for event in profile.events():
        if event.device_type == torch.autograd.DeviceType.CUDA:
            times[event.name] += event.time_range.elapsed_us() / 1e3  # us -> ms
            counts[event.name] += 1
    print_table(times, counts)


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="source", required=True)
    ncu = sub.add_parser("ncu")
    ncu.add_argument("csv")
    torch_parser = sub.add_parser("torch")
    torch_parser.add_argument("--batch", type=int, default=8)
    torch_parser.add_argument("--attention", default="fused")
    args = parser.parse_args()
    if args.source == "ncu":
        from_ncu(args.csv)
    else:
        from_torch(args.batch, args.attention)


if __name__ == "__main__":
    main()
