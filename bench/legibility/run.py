#!/usr/bin/env python3
"""Tesseract legibility benchmark for rendered code pages.

Renders pages of real C# (a folder you pass, never the bundled sample) for a list of typography
variants (bench/render-bench `legibility-pages`), reads every page region back with Tesseract 5
(`--psm 6`, region upscaled 3x with a Lanczos filter) and prints the character error rate per
variant: edit distance / source length, whitespace removed on both sides, with the compression
of the whole layout (DeepSeek-V3 text tokens / vision tokens, gutter off).

A variant is key=value pairs over the profile's L1 settings (font, size, lh = line height / size,
hint = none|slight|normal|full, aa, subpx, whole = whole-pixel cells, bold, indent = width of a
leading space in cells, empty = height of an empty line in rows, mark = arrow|shade for wrapped
rows, wrap = largest share of wrapped rows). --variants lists them separated by
';'; otherwise every --fonts x --sizes pair is a variant, each with --with appended.

usage: bench/legibility/run.py SOURCE_DIR WORK_DIR [--variants 'size=8,hint=full;size=9'] [--sizes 6,7,8,9,10,11] [--fonts all|id,id] [--with 'aa=0'] [--files 60] [--pages 2] [--profile deepseek-ocr-base] [--jobs 2]
Needs: Debian packages tesseract-ocr and python3-pil; a Release build of bench/render-bench.
"""
import argparse
import concurrent.futures
import json
import os
import subprocess
import sys

from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, "bench", "render-bench", "bin", "Release", "net10.0", "RenderBench.dll")


def ocr_region(work, index, page, region):
    image = Image.open(os.path.join(work, page["png"])).convert("L")
    box = (region["X"], region["Y"], region["X"] + region["Width"], region["Y"] + region["Height"])
    crop = image.crop(box)
    crop = crop.resize((crop.width * 3, crop.height * 3), Image.LANCZOS)
    stem = os.path.join(work, "ocr", f"{index:05d}")
    crop.save(stem + ".png")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    text = subprocess.run(["tesseract", stem + ".png", "stdout", "--psm", "6"], capture_output=True, text=True, env=env, check=True).stdout
    with open(stem + ".ocr.txt", "w", encoding="utf-8") as f:
        f.write(text)
    with open(stem + ".expected.txt", "w", encoding="utf-8") as f:
        f.write(region["text"])
    out = subprocess.run(["dotnet", BENCH, "cer", stem + ".expected.txt", stem + ".ocr.txt"], capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), int(out[1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("work")
    parser.add_argument("--sizes", default="6,7,8,9,10,11")
    parser.add_argument("--fonts", default="all")
    parser.add_argument("--variants", default="")
    parser.add_argument("--with", dest="extra", default="")
    parser.add_argument("--pages", default="2")
    parser.add_argument("--files", default="60")
    parser.add_argument("--profile", default="deepseek-ocr-base")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    os.makedirs(os.path.join(args.work, "ocr"), exist_ok=True)
    variants = args.variants
    if not variants:
        fonts = ["jetbrains-mono", "dejavu-sans-mono", "noto-sans-mono", "fira-code", "inconsolata"] if args.fonts == "all" else args.fonts.split(",")
        variants = ";".join(f"font={font},size={size}" + (f",{args.extra}" if args.extra else "") for font in fonts for size in args.sizes.split(","))
    subprocess.run(["dotnet", BENCH, "legibility-pages", args.source, args.work, args.profile, args.files, args.pages, variants], check=True)
    with open(os.path.join(args.work, "pages.json"), encoding="utf-8") as f:
        pages = json.load(f)

    jobs = []
    for page in pages:
        for region in page["regions"]:
            jobs.append((page, region))

    totals = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(ocr_region, args.work, i, page, region): page for i, (page, region) in enumerate(jobs)}
        for future in concurrent.futures.as_completed(futures):
            page = futures[future]
            distance, length = future.result()
            d, n, c = totals.get(page["variant"], (0, 0, page["compression"]))
            totals[page["variant"]] = (d + distance, n + length, c)

    print("| variant | compression | chars read | CER |")
    print("|---|---|---|---|")
    order = [v.strip() for v in variants.split(";") if v.strip()]
    for variant in order:
        if variant in totals:
            d, n, c = totals[variant]
            print(f"| {variant} | {c:.2f}x | {n} | {100.0 * d / max(n, 1):.2f} % |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
