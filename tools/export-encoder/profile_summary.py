"""Sums an ONNX Runtime profile (JSON trace) by operator type and by node: where the encoder's time goes.

    python3 profile_summary.py onnxruntime_profile_*.json

The first run is left out (allocations, cuDNN's algorithm search). For the CUDA provider a node's time is
the host time of its Compute call: kernel launches (which block once the launch queue is full), plus
any synchronous work such as cuDNN plan building; read it as a pointer, and confirm with timings.
"""

from __future__ import annotations

import collections
import json
import sys


def main() -> None:
    events = json.load(open(sys.argv[1]))
    runs = sorted((e["ts"], e["ts"] + e["dur"]) for e in events if e.get("cat") == "Session" and e.get("name") == "model_run")
    kept = runs[1:] if len(runs) > 1 else runs
    inside = lambda ts: any(start <= ts <= end for start, end in kept)  # noqa: E731
    by_op: collections.Counter[str] = collections.Counter()
    by_node: collections.Counter[str] = collections.Counter()
    for event in events:
        if event.get("cat") == "Node" and event.get("name", "").endswith("_kernel_time") and inside(event.get("ts", -1)):
            op = event.get("args", {}).get("op_name", "?")
            by_op[op] += event.get("dur", 0)
            by_node[f"{op} {event['name'][:-len('_kernel_time')]}"] += event.get("dur", 0)
    total = sum(by_op.values())
    wall = sum(end - start for start, end in kept)
    print(f"{len(kept)} of {len(runs)} runs, {wall / 1e3 / max(len(kept), 1):.1f} ms per run, node time {total / 1e3 / max(len(kept), 1):.1f} ms per run")
    for op, micros in by_op.most_common(15):
        print(f"{op:32s} {micros / 1e3 / len(kept):10.2f} ms/run {100 * micros / max(total, 1):5.1f}%")
    print("top nodes:")
    for node, micros in by_node.most_common(12):
        print(f"  {node[:70]:70s} {micros / 1e3 / len(kept):8.2f} ms/run")


if __name__ == "__main__":
    main()
