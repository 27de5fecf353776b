#!/usr/bin/env bash
# GPU machine, seventh tuning run (one call): run six's measurements after q, k and v became three matrix
# products on slices of the qkv weight (no split + transpose copies) in SAM and CLIP. Results go to $OUT.
LOG_NAME=tune7 CUDNN_CONVS=0 exec bash bench/encoder/h200-tune5.sh
