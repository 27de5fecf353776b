"""Merges the JSON results of a GPU-machine run into one file and prints one line per timed batch.

    python3 merge_results.py RESULTS-FOLDER merged.json
"""

import glob
import json
import os
import sys


def main() -> None:
    folder, target = sys.argv[1:3]
    merged = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        try:
            merged[os.path.basename(path)[:-5]] = json.load(open(path))
        except Exception as error:  # a run that died half-way leaves a broken file: say so, keep the rest
            merged[os.path.basename(path)[:-5]] = {"error": str(error)}
    json.dump(merged, open(target, "w"), indent=1)
    for name, value in merged.items():
        for run in value.get("runs", []) if isinstance(value, dict) else []:
            print(f"{name:24s} batch {run['batch']:3d} {run['median_ms']:9.2f} ms {run['pages_per_s']:8.1f} pages/s")
    print(json.dumps(merged.get("torch-bench", {}).get("eager", {})))


if __name__ == "__main__":
    main()
