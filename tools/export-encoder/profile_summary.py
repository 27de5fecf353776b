"""Sums an ONNX Runtime profile (JSON trace) by operator type: where the encoder's time goes.

    python3 profile_summary.py onnxruntime_profile_*.json
"""

from __future__ import annotations

import collections
import json
import sys


def main() -> None:
    events = json.load(open(sys.argv[1]))
    by_op: collections.Counter[str] = collections.Counter()
    runs = 0
    for event in events:
        if event.get("cat") == "Session" and event.get("name") == "model_run":
            runs += 1
        if event.get("cat") == "Node" and event.get("name", "").endswith("_kernel_time"):
            by_op[event.get("args", {}).get("op_name", "?")] += event.get("dur", 0)
    total = sum(by_op.values())
    print(f"{runs} runs, kernel time {total / 1e3:.1f} ms total")
    for op, micros in by_op.most_common(15):
        print(f"{op:32s} {micros / 1e3:10.1f} ms {100 * micros / max(total, 1):5.1f}%")


if __name__ == "__main__":
    main()
