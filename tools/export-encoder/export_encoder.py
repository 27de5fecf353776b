"""Export DeepSeek-OCR's DeepEncoder to ONNX, one file per input size.

Random weights (seeded) for tests and speed:
    python3 export_encoder.py --variant full --sizes 1024 --dtypes fp32,fp16 --out models/
    python3 export_encoder.py --variant tiny --sizes 512,640,1024,1280 --out fixtures/ --references
Real weights (a downloaded DeepSeek-OCR checkpoint folder with its *.safetensors):
    python3 export_encoder.py --variant full --checkpoint /path/to/DeepSeek-OCR \
        --sizes 640,1024 --dtypes fp16 --out models/

Each file maps pixel_values [B, 3, S, S] float32 (mean 0.5 / std 0.5) to embeddings
[B, q*(q+1)+1, 1280] float32: the view's grid rows with newlines, then the view separator.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from deepencoder import (  # noqa: E402
    ATTENTION_MODES, CONFIGS, ONNX_TRANSLATIONS, DeepEncoder, ViewEncoder, attention_mode, graph_spelling,
    view_token_count)  # noqa: E402
from pages import make_page, to_pixels  # noqa: E402

OPSET = 18  # well inside what ONNX Runtime 1.31 implements on CPU and CUDA
DTYPES = {"fp32": torch.float32, "fp16": torch.float16}


def log(*parts: object) -> None:
    print(time.strftime("%H:%M:%S"), *parts, flush=True)


def build_encoder(variant: str, seed: int, checkpoint: str | None) -> tuple[DeepEncoder, str]:
    encoder = DeepEncoder(CONFIGS[variant])
    if checkpoint:
        encoder.randomize(seed)  # anything the checkpoint lacks is reported, never silently zero
        missing = encoder.load_checkpoint(checkpoint)
        if missing:
            raise SystemExit(f"checkpoint {checkpoint} lacks {len(missing)} encoder tensors, e.g. {missing[:5]}")
        weights = f"checkpoint:{os.path.basename(os.path.normpath(checkpoint))}"
    else:
        encoder.randomize(seed)
        weights = f"random:seed={seed}"
    return encoder.eval(), weights


def view_for(encoder: DeepEncoder, size: int, dtype: str) -> ViewEncoder:
    source = encoder if dtype == "fp32" else copy.deepcopy(encoder)
    view = ViewEncoder(source, size, DTYPES[dtype])
    return (view if dtype == "fp32" else view.half()).eval()


def _add_metadata(path: str, metadata: dict[str, str]) -> None:
    import onnx

    model = onnx.load(path, load_external_data=False)
    # Source locations and stack traces the exporter leaves on every node are noise in a shipped file.
    model.graph.doc_string = ""
    for node in model.graph.node:
        node.doc_string = ""
        del node.metadata_props[:]
    del model.metadata_props[:]
    for key, value in metadata.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.save(model, path)


def export_onnx(view: ViewEncoder, path: str, metadata: dict[str, str], attention: str = "math", gemm_convs: bool = False,
                bias_gelu: bool = False) -> str:
    size = view.image_size
    example = torch.randn(2, 3, size, size)
    large = sum(p.numel() for p in view.parameters()) * 4 > 1_000_000_000
    if os.path.exists(path + ".data"):
        os.remove(path + ".data")
    with attention_mode(attention), graph_spelling(gemm_convs, bias_gelu):
        how = _export(view, example, path, large)
    _add_metadata(path, metadata)
    return how


def _export(view: ViewEncoder, example: torch.Tensor, path: str, large: bool) -> str:
    how = "dynamo"
    try:
        batch = torch.export.Dim("batch", min=1, max=1024)
        program = torch.onnx.export(
            view,
            (example,),
            dynamo=True,
            opset_version=OPSET,
            input_names=["pixel_values"],
            output_names=["embeddings"],
            dynamic_shapes={"pixel_values": {0: batch}},
            optimize=True,
            custom_translation_table=ONNX_TRANSLATIONS,
        )
        program.save(path, external_data=large)
    except Exception as error:  # the TorchScript exporter is the fallback, logged so it is visible
        if _uses_fused(view):
            raise
        log(f"dynamo export failed ({type(error).__name__}: {str(error)[:400]}); using the TorchScript exporter")
        how = "torchscript"
        torch.onnx.export(
            view,
            (example,),
            path,
            dynamo=False,
            opset_version=OPSET,
            input_names=["pixel_values"],
            output_names=["embeddings"],
            dynamic_axes={"pixel_values": {0: "batch"}, "embeddings": {0: "batch"}},
            do_constant_folding=True,
        )
    return how


def _uses_fused(view: ViewEncoder) -> bool:
    import deepencoder  # the mode in force while exporting

    return deepencoder._ATTENTION.startswith("fused")


def check_with_onnxruntime(view: ViewEncoder, path: str) -> dict[str, float]:
    """Runs the exported file on ONNX Runtime's CPU provider at two batch sizes against PyTorch."""
    import onnxruntime as ort

    session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    result: dict[str, float] = {}
    gen = torch.Generator().manual_seed(7)
    for batch in (1, 3):
        x = torch.randn(batch, 3, view.image_size, view.image_size, generator=gen).clamp(-1, 1)
        with torch.no_grad():
            expected = view(x).numpy()
        got = session.run(["embeddings"], {"pixel_values": x.numpy()})[0]
        if got.shape != (batch, view_token_count(view.image_size), view.encoder.cfg.output_dim):
            raise AssertionError(f"{path}: output shape {got.shape} at batch {batch}")
        result[f"rel_err_b{batch}"] = float(np.linalg.norm(got - expected) / np.linalg.norm(expected))
    return result


def write_references(encoder: DeepEncoder, out: str) -> None:
    """Committed page PNGs at a mode's native size (so no resampling is involved) and the tiny
    model's PyTorch output for each, stored as float16 to keep the fixtures small."""
    entries = []
    for name, size, mode in (("page-1024.png", 1024, "Base"), ("page-640.png", 640, "Small")):
        page = make_page(size, size, seed=size)
        page.save(os.path.join(out, name))
        view = ViewEncoder(encoder, size).eval()
        with torch.no_grad():
            y = view(torch.from_numpy(to_pixels(page))[None]).numpy()[0]
        ref = f"{os.path.splitext(name)[0]}.{mode.lower()}.f16"
        y.astype("<f2").tofile(os.path.join(out, ref))
        entries.append({"page": name, "mode": mode, "imageSize": size, "tokens": int(y.shape[0]),
                        "dim": int(y.shape[1]), "reference": ref, "dtype": "float16",
                        "rms": float(np.sqrt(np.mean(y.astype(np.float64) ** 2)))})
        log(f"reference {ref}: {y.shape}, rms {entries[-1]['rms']:.4f}")
    with open(os.path.join(out, "references.json"), "w") as f:
        json.dump({"model": "deepencoder-tiny-{size}-fp32.onnx", "entries": entries}, f, indent=2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variant", choices=sorted(CONFIGS), default="full")
    parser.add_argument("--sizes", default="1024", help="comma-separated input sizes (512, 640, 1024, 1280)")
    parser.add_argument("--dtypes", default="fp32", help="comma-separated: fp32, fp16")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--checkpoint", help="DeepSeek-OCR safetensors file or folder (real weights)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--references", action="store_true", help="also write page PNGs + PyTorch references")
    parser.add_argument("--attention", choices=ATTENTION_MODES[1:], default="math",
                        help="math: plain ONNX ops (portable); fused, fused_same_v: com.microsoft.MultiHeadAttention (ONNX Runtime)")
    parser.add_argument("--convs", choices=("auto", "cudnn", "gemm"), default="auto",
                        help="SAM's neck/compressor convolutions: cudnn (Conv ops), gemm (channels-last im2col + "
                             "MatMul); auto: gemm with fused attention, cudnn with math")
    parser.add_argument("--gelu", choices=("auto", "ops", "bias_gelu"), default="auto",
                        help="SAM's MLP activation: ops (the exporter's elementwise ops), bias_gelu (one "
                             "com.microsoft.BiasGelu node); auto: bias_gelu with fused attention, ops with math")
    parser.add_argument("--no-check", action="store_true", help="skip the ONNX Runtime CPU check")
    args = parser.parse_args()
    fused = args.attention.startswith("fused")
    gemm_convs = args.convs == "gemm" or (args.convs == "auto" and fused)
    bias_gelu = args.gelu == "bias_gelu" or (args.gelu == "auto" and fused)

    os.makedirs(args.out, exist_ok=True)
    torch.manual_seed(args.seed)
    encoder, weights = build_encoder(args.variant, args.seed, args.checkpoint)
    log(f"{args.variant}: {sum(p.numel() for p in encoder.parameters()) / 1e6:.1f}M parameters, weights {weights}")
    report = []
    for size in (int(s) for s in args.sizes.split(",")):
        for dtype in args.dtypes.split(","):
            view = view_for(encoder, size, dtype)
            suffix = "" if args.attention == "math" else f"-{args.attention}"
            path = os.path.join(args.out, f"deepencoder-{args.variant}-{size}-{dtype}{suffix}.onnx")
            metadata = {
                "codecontext.encoder": "deepseek-ocr-v1",
                "codecontext.image_size": str(size),
                "codecontext.tokens": str(view_token_count(size)),
                "codecontext.output_dim": str(encoder.cfg.output_dim),
                "codecontext.variant": args.variant,
                "codecontext.dtype": dtype,
                "codecontext.weights": weights,
                "codecontext.attention": args.attention,
                "codecontext.convs": "gemm" if gemm_convs else "cudnn",
                "codecontext.gelu": "bias_gelu" if bias_gelu else "ops",
            }
            started = time.perf_counter()
            how = export_onnx(view, path, metadata, args.attention, gemm_convs, bias_gelu)
            entry = {"file": os.path.basename(path), "exporter": how, "seconds": round(time.perf_counter() - started, 1),
                     "bytes": os.path.getsize(path) + (os.path.getsize(path + ".data") if os.path.exists(path + ".data") else 0)}
            if not args.no_check and dtype == "fp32":  # ORT's CPU provider has no fast fp16 path
                entry.update(check_with_onnxruntime(view, path))
            log(json.dumps(entry))
            report.append(entry)
    if args.references:
        write_references(encoder, args.out)
    with open(os.path.join(args.out, f"export-{args.variant}.json"), "w") as f:
        json.dump(report, f, indent=2)


if __name__ == "__main__":
    main()
