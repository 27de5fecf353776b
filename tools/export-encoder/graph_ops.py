"""Counts the operators of ONNX graphs (an export, or the graph ONNX Runtime optimised for a provider):
which fusions happened.

    python3 graph_ops.py model.onnx [optimized.onnx ...]
"""

from __future__ import annotations

import collections
import sys

import onnx


def main() -> None:
    for path in sys.argv[1:]:
        model = onnx.load(path, load_external_data=False)
        ops = collections.Counter(f"{n.domain + '.' if n.domain not in ('', 'ai.onnx') else ''}{n.op_type}" for n in model.graph.node)
        print(f"{path}: {len(model.graph.node)} nodes")
        print("  " + ", ".join(f"{op} {count}" for op, count in ops.most_common()))


if __name__ == "__main__":
    main()
