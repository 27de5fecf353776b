"""Numerics check between ONNX Runtime (C#) outputs and PyTorch outputs on the same pages.

    python3 compare_outputs.py DIR   # reads torch-fp32.f32, torch-<dtype>.f32, ort-<dtype>.f32
    python3 compare_outputs.py DIR variant.f32 ...   # each fp16 variant's output against torch-fp16/fp32

Relative error is ||a - b|| / ||b|| over all tokens; also the worst per-token relative error.
"""

from __future__ import annotations

import json
import os
import sys

import numpy as np


def compare(a: np.ndarray, b: np.ndarray, dim: int = 1280) -> dict[str, float]:
    rel = float(np.linalg.norm(a - b) / np.linalg.norm(b))
    ta, tb = a.reshape(-1, dim).astype(np.float64), b.reshape(-1, dim).astype(np.float64)
    per_token = np.linalg.norm(ta - tb, axis=1) / np.maximum(np.linalg.norm(tb, axis=1), 1e-12)
    return {"rel_err": rel, "worst_token_rel_err": float(per_token.max()), "max_abs_err": float(np.abs(a - b).max())}


def compare_variants(folder: str, files: list[str]) -> dict:
    load = lambda name: np.fromfile(os.path.join(folder, name), dtype="<f4")  # noqa: E731
    references = {name: load(f"torch-{name}.f32") for name in ("fp16", "fp32") if os.path.exists(os.path.join(folder, f"torch-{name}.f32"))}
    report = {}
    for file in files:
        if not os.path.exists(os.path.join(folder, file)):
            report[file] = {"error": "missing"}
            continue
        values = load(file)
        if not np.all(np.isfinite(values)):
            report[file] = {"error": "non-finite values"}
            continue
        report[file] = {f"vs_torch_{name}": compare(values, ref) for name, ref in references.items() if ref.shape == values.shape}
    return report


def main() -> None:
    folder = sys.argv[1]
    if len(sys.argv) > 2:
        print(json.dumps(compare_variants(folder, sys.argv[2:]), indent=2))
        return
    load = lambda name: np.fromfile(os.path.join(folder, name), dtype="<f4")  # noqa: E731
    have_fp32 = os.path.exists(os.path.join(folder, "torch-fp32.f32"))
    reference = load("torch-fp32.f32" if have_fp32 else "torch-fp16.f32")
    report = {}
    for dtype in ("fp32", "fp16"):
        ort_file = os.path.join(folder, f"ort-{dtype}.f32")
        if not os.path.exists(ort_file):
            continue
        ort = load(f"ort-{dtype}.f32")
        if not np.all(np.isfinite(ort)):
            report[dtype] = {"error": "non-finite values in the ONNX Runtime output"}
            continue
        report[dtype] = {"vs_torch_fp32": compare(ort, reference)}
        same = os.path.join(folder, f"torch-{dtype}.f32")
        if dtype != "fp32" and os.path.exists(same):
            report[dtype]["vs_torch_same_dtype"] = compare(ort, load(f"torch-{dtype}.f32"))
            report[dtype]["torch_same_dtype_vs_torch_fp32"] = compare(load(f"torch-{dtype}.f32"), reference)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
