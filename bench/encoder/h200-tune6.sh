#!/usr/bin/env bash
# GPU machine, sixth tuning run (one call): run five's measurements for the export as it stands now (SAM's
# attention kept in [B, h, w, heads, d] order, no head transposes), without the cuDNN-convolution variant.
# Results go to $OUT.
LOG_NAME=tune6 CUDNN_CONVS=0 exec bash bench/encoder/h200-tune5.sh
