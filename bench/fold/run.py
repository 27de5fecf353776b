#!/usr/bin/env python3
"""What optical folding buys on real transcripts, and how legible the folded turns are.

For each transcript, profile and budget: runs `codecontext fold`, prints the tokens of the
conversation as text and folded, per form (text, L1..L4, summary, dropped), and the Tesseract
character error rate of the folded turns per level, measured as bench/legibility does: every page
region (one turn's lines) cropped, upscaled 3x (Lanczos), read with `tesseract --psm 6`, compared
with the turn's lines by RenderBench `cer` (edit distance / length, whitespace removed).

usage: bench/fold/run.py WORK_DIR [--budgets 2000,4000,8000] [--profiles deepseek-ocr-base,qwen2.5-vl]
Needs: Debian packages tesseract-ocr and python3-pil; a build of server/CodeContext.Server and a
Release build of bench/render-bench.
"""
import argparse
import json
import os
import subprocess
from collections import defaultdict

from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.path.join(ROOT, "server", "CodeContext.Server", "bin", "Debug", "net10.0", "codecontext.dll")
BENCH = os.path.join(ROOT, "bench", "render-bench", "bin", "Release", "net10.0", "RenderBench.dll")
TRANSCRIPTS = os.path.join(ROOT, "tests", "CodeContext.Server.Tests", "Ask", "Transcripts")


def cer(work, key, expected, image):
    image.save(os.path.join(work, key + ".png"))
    ocr = subprocess.run(["tesseract", os.path.join(work, key + ".png"), "stdout", "--psm", "6"], capture_output=True, text=True, check=True,
                         env=dict(os.environ, OMP_THREAD_LIMIT="1")).stdout
    for name, text in ((".expected.txt", expected), (".ocr.txt", ocr)):
        with open(os.path.join(work, key + name), "w", encoding="utf-8") as f:
            f.write(text)
    out = subprocess.run(["dotnet", BENCH, "cer", os.path.join(work, key + ".expected.txt"), os.path.join(work, key + ".ocr.txt")], capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), int(out[1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("work")
    parser.add_argument("--budgets", default="2000,4000,8000")
    parser.add_argument("--profiles", default="deepseek-ocr-base,qwen2.5-vl")
    args = parser.parse_args()
    print("| transcript | profile | budget | as text | folded | text | L1 | L2 | L3 | L4 | summary | dropped | CER L1 / L2 / L3 / L4 |")
    print("|---|---|---:|---:|---:|---|---|---|---|---|---|---|---|")
    for transcript in sorted(os.listdir(TRANSCRIPTS)):
        for profile in args.profiles.split(","):
            for budget in args.budgets.split(","):
                out = os.path.join(args.work, f"{transcript[:-5]}-{profile}-{budget}")
                subprocess.run(["dotnet", CLI, "fold", os.path.join(TRANSCRIPTS, transcript), "--budget", budget, "--profile", profile, "--out", out], check=True, capture_output=True)
                with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
                    manifest = json.load(f)
                turns = {t["turn"]: t for t in manifest["turns"]}
                forms = defaultdict(lambda: [0, 0, 0])
                for t in manifest["turns"]:
                    forms[t["form"]][0] += 1
                    forms[t["form"]][1] += t["sourceTokens"]
                    forms[t["form"]][2] += t["tokens"]
                errors = defaultdict(lambda: [0, 0])
                ocr = os.path.join(out, "ocr")
                os.makedirs(ocr, exist_ok=True)
                for p, page in enumerate(manifest["pages"]):
                    image = Image.open(os.path.join(out, page["file"])).convert("L")
                    for r, region in enumerate(page["regions"]):
                        turn = turns[int(region["path"].split("-")[1])]
                        lines = turn["text"].replace("\r\n", "\n").split("\n")[region["startLine"] - 1:region["endLine"]]
                        crop = image.crop((region["x"], region["y"], region["x"] + region["width"], region["y"] + region["height"]))
                        crop = crop.resize((crop.width * 3, crop.height * 3), Image.LANCZOS)
                        e, n = cer(ocr, f"{p:03d}-{r:03d}", "\n".join(lines), crop)
                        errors[page["level"]][0] += e
                        errors[page["level"]][1] += n
                cells = [f"{forms[f][0]}: {forms[f][1]} -> {forms[f][2]}" if forms[f][0] else "" for f in ("text", "L1", "L2", "L3", "L4", "summary", "dropped")]
                rates = " / ".join(f"{errors[l][0] / errors[l][1]:.3f}" if errors[l][1] else "-" for l in ("L1", "L2", "L3", "L4"))
                print(f"| {transcript[:-5]} | {profile} | {budget} | {manifest['textTokens']} | {manifest['tokens']} | " + " | ".join(cells) + f" | {rates} |", flush=True)


if __name__ == "__main__":
    main()
