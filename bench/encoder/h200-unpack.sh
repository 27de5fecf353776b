# Sourced by the GPU-machine scripts: unpacks the published EncoderBench ($APP_ARCHIVE) and the CUDA
# provider library (/tmp/parts/cuda.xz.part*) into $WORK/app, and points LD_LIBRARY_PATH at the
# CUDA 13 / cuDNN 9 libraries of the machine's PyTorch install.
cat /tmp/parts/cuda.xz.part* > "$WORK/cuda.xz"
python3 - "$APP_ARCHIVE" "$WORK/app" "$WORK/cuda.xz" <<'PY'
import lzma, os, shutil, sys, tarfile
archive, app, provider = sys.argv[1:4]
with tarfile.open(archive, "r:xz") as t:
  t.extractall(app, filter="data")
with lzma.open(provider) as src, open(os.path.join(app, "libonnxruntime_providers_cuda.so"), "wb") as dst:
  shutil.copyfileobj(src, dst, 1 << 24)
os.chmod(os.path.join(app, "EncoderBench"), 0o755)
print("unpacked", len(os.listdir(app)), "files; provider", os.path.getsize(os.path.join(app, "libonnxruntime_providers_cuda.so")), "bytes")
PY
# ONNX Runtime 1.31's CUDA provider wants CUDA 13 + cuDNN 9: take them from PyTorch's install.
libs=$(python3 - <<'PY'
import glob, os, site
dirs = set()
roots = site.getsitepackages() + ["/usr/local/cuda/lib64", "/usr/local/cuda/targets/x86_64-linux/lib"]
for root in roots:
  for pattern in ("libcudart.so.13*", "libcublas.so.13*", "libcublasLt.so.13*", "libcudnn.so.9*", "libcufft.so.12*", "libcurand.so.10*", "libnvrtc.so.13*"):
      for f in glob.glob(os.path.join(root, "**", pattern), recursive=True):
          dirs.add(os.path.dirname(f))
print(":".join(sorted(dirs)))
PY
)
export LD_LIBRARY_PATH="$libs:${LD_LIBRARY_PATH:-}"
echo "LD_LIBRARY_PATH=$LD_LIBRARY_PATH"
