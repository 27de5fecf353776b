"""DeepSeek-OCR (v1) DeepEncoder, written from the paper's description.

SAM ViT-B (patch 16, windowed attention with decomposed relative positions, global attention in a
few blocks) -> neck to 256 channels -> two stride-2 3x3 convs (16x fewer tokens, 1024 channels) ->
CLIP-L transformer run on that compressed grid (its own patch embedding is bypassed) -> concat of
CLIP and SAM features -> linear to the decoder width, plus the learned newline and view-separator
vectors.

Parameter names follow the public DeepSeek-OCR checkpoint (prefix "model." stripped) so that its
encoder weights load with `DeepEncoder.load_checkpoint`. The modules are fixed-resolution at export
time: `ViewEncoder` bakes the position tables resampled for one input size into the graph, so the
exported ONNX needs no resize ops and its output length is fixed by the size.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass, replace

import torch
import torch.nn.functional as F
from torch import nn


@dataclass(frozen=True)
class EncoderConfig:
    name: str = "full"
    patch: int = 16
    sam_dim: int = 768
    sam_depth: int = 12
    sam_heads: int = 12
    sam_global_blocks: tuple[int, ...] = (2, 5, 8, 11)
    sam_window: int = 14
    sam_train_grid: int = 64  # 1024 / 16: the grid the SAM position tables were trained at
    neck_dim: int = 256
    compress_dims: tuple[int, int] = (512, 1024)
    clip_depth: int = 24
    clip_heads: int = 16
    clip_ffn: int = 4096
    clip_train_grid: int = 16  # 224 / 14: CLIP-L's position table is 16x16 + class
    clip_patch: int = 14
    output_dim: int = 1280

    @property
    def clip_dim(self) -> int:
        return self.compress_dims[1]


FULL = EncoderConfig()
# Same structure, inputs, outputs and token counts; widths cut so the ONNX files stay tiny.
TINY = replace(
    FULL,
    name="tiny",
    sam_dim=8,
    sam_depth=2,
    sam_heads=2,
    sam_global_blocks=(1,),
    neck_dim=8,
    compress_dims=(16, 16),
    clip_depth=2,
    clip_heads=2,
    clip_ffn=32,
)
CONFIGS = {"full": FULL, "tiny": TINY}


# How attention is spelled. "reference": scaled_dot_product_attention with the relative-position
# bias as a mask (what DeepSeek-OCR runs). "math": matmul/softmax/matmul in plain ONNX ops (portable;
# used for the tiny fixtures). "fused": the bias folded into augmented query/key vectors and one
# codecontext::attention op, exported as com.microsoft.MultiHeadAttention so ONNX Runtime runs a
# fused kernel and never materialises the [B, heads, N, N] scores (which also exceed 2^31 elements
# at batch 32 for SAM's 4096-token global blocks).
# "fused_same_v" is "fused" with the value heads zero-padded to the query/key head size, for kernels
# that need equal sizes (ONNX Runtime's flash attention); the padding is sliced off the output.
ATTENTION_MODES = ("reference", "math", "fused", "fused_same_v")
_ATTENTION = "reference"
# Graph spellings that change no number, only which ONNX Runtime kernels run. gemm_convs: SAM's neck
# and compressor convolutions as channels-last im2col + GEMM (see ViewEncoder._compress) instead of
# cuDNN convolutions. bias_gelu: SAM's MLP bias + exact GELU as one com.microsoft.BiasGelu node instead of
# the six elementwise ops the exporter writes (ONNX Runtime does not fuse that pattern).
_GEMM_CONVS = False
_BIAS_GELU = False


@contextlib.contextmanager
def graph_spelling(gemm_convs: bool, bias_gelu: bool):
    global _GEMM_CONVS, _BIAS_GELU
    previous = _GEMM_CONVS, _BIAS_GELU
    _GEMM_CONVS, _BIAS_GELU = gemm_convs, bias_gelu
    try:
        yield
    finally:
        _GEMM_CONVS, _BIAS_GELU = previous


@contextlib.contextmanager
def attention_mode(mode: str):
    global _ATTENTION
    if mode not in ATTENTION_MODES:
        raise ValueError(f"attention mode {mode!r} not in {ATTENTION_MODES}")
    previous, _ATTENTION = _ATTENTION, mode
    try:
        yield
    finally:
        _ATTENTION = previous


@torch.library.custom_op("codecontext::attention", mutates_args=())
def fused_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, num_heads: int, scale: float) -> torch.Tensor:
    """q, k [B, N, heads * Dqk], v [B, N, heads * Dv] -> [B, N, heads * Dv]; no mask."""
    b, n, _ = q.shape
    split = lambda x: x.reshape(b, n, num_heads, -1).transpose(1, 2)  # noqa: E731
    out = F.scaled_dot_product_attention(split(q), split(k), split(v), scale=scale)
    return out.transpose(1, 2).reshape(b, n, -1).contiguous()


@fused_attention.register_fake
def _fused_attention_fake(q, k, v, num_heads, scale):
    return q.new_empty((q.shape[0], q.shape[1], v.shape[2]))


@torch.library.custom_op("codecontext::bias_gelu", mutates_args=())
def bias_gelu(x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
    """gelu(x + bias), exact (erf) GELU."""
    return F.gelu(x + bias)


@bias_gelu.register_fake
def _bias_gelu_fake(x, bias):
    return torch.empty_like(x)


def _register_contrib_schema(name: str, inputs: list[str], attributes: dict[str, str]) -> None:
    """ONNX's registry knows no ONNX Runtime contrib op; declare the part of com.microsoft.<name> we
    emit so onnxscript can build the node. ONNX Runtime validates it against its own full schema on load."""
    import onnx

    try:
        onnx.defs.get_schema(name, 1, "com.microsoft")
        return
    except Exception:  # not registered yet
        pass
    schema_cls = onnx.defs.OpSchema
    kinds = {"int": schema_cls.AttrType.INT, "float": schema_cls.AttrType.FLOAT}
    schema = schema_cls(
        name, "com.microsoft", 1,
        inputs=[schema_cls.FormalParameter(i, "T") for i in inputs],
        outputs=[schema_cls.FormalParameter("output", "T")],
        type_constraints=[("T", ["tensor(float)", "tensor(float16)"], "")],
        attributes=[schema_cls.Attribute(a, kinds[kind], "") for a, kind in attributes.items()],
    )
    onnx.defs.register_schema(schema)


def _contrib_opset():
    import onnxscript

    return onnxscript.values.Opset("com.microsoft", 1)


def fused_attention_onnx(q, k, v, num_heads: int, scale: float):
    """ONNX translation of codecontext::attention (used by export_encoder.py)."""
    _register_contrib_schema("MultiHeadAttention", ["query", "key", "value"], {"num_heads": "int", "scale": "float"})
    return _contrib_opset().MultiHeadAttention(q, k, v, num_heads=num_heads, scale=scale)


def bias_gelu_onnx(x, bias):
    """ONNX translation of codecontext::bias_gelu (used by export_encoder.py)."""
    _register_contrib_schema("BiasGelu", ["A", "B"], {})
    return _contrib_opset().BiasGelu(x, bias)


# Custom ops and their ONNX translations, for torch.onnx.export's custom_translation_table.
ONNX_TRANSLATIONS = {
    torch.ops.codecontext.attention.default: fused_attention_onnx,
    torch.ops.codecontext.bias_gelu.default: bias_gelu_onnx,
}


def attend(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, bias: torch.Tensor | None = None) -> torch.Tensor:
    """q, k, v [B, heads, N, D] -> [B, heads, N, D]."""
    if _ATTENTION == "math":
        scores = torch.matmul(q * (q.shape[-1] ** -0.5), k.transpose(-1, -2))
        if bias is not None:
            scores = scores + bias
        return torch.matmul(torch.softmax(scores, dim=-1), v)
    return F.scaled_dot_product_attention(q, k, v, attn_mask=bias)


def attend_relative(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, rel_h: torch.Tensor, rel_w: torch.Tensor) -> torch.Tensor:
    """Attention over an (h, w) grid with the decomposed relative bias rel_h [B, heads, h, w, h] +
    rel_w [B, heads, h, w, w] added to the scores (the reference spelling; SamAttention._attend_fused
    is the fused one)."""
    b, heads, n, _ = q.shape
    bias = (rel_h.unsqueeze(-1) + rel_w.unsqueeze(-2)).reshape(b, heads, n, n)
    return attend(q, k, v, bias)


def conv3x3_channels_last(x: torch.Tensor, weight: torch.Tensor, stride: int) -> torch.Tensor:
    """A bias-free 3x3 convolution with padding 1 on a channels-last map, as im2col + one GEMM:
    x [B, H, W, C], weight [O, C, 3, 3] -> [B, H', W', O]. The nine taps are strided slices of the
    padded map concatenated tap-major, matching the weight flattened in (row, column, channel) order."""
    b, h, w, c = x.shape
    out_h, out_w = (h - 1) // stride + 1, (w - 1) // stride + 1
    padded = zero_pad_channels_last(x, 1, 1, 1, 1)
    taps = [padded[:, dy:dy + stride * (out_h - 1) + 1:stride, dx:dx + stride * (out_w - 1) + 1:stride, :]
            for dy in range(3) for dx in range(3)]
    columns = torch.cat(taps, dim=-1)  # b, out_h, out_w, 9c
    return F.linear(columns, weight.permute(0, 2, 3, 1).reshape(weight.shape[0], 9 * c))


def split_projection(qkv: nn.Linear, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """q, k and v of a fused qkv projection as three matrix products on slices of its weight, so no
    [.., 3, heads, d] tensor has to be split and transposed (in ONNX Runtime, a copy kernel each)."""
    c = qkv.out_features // 3
    return tuple(F.linear(x, qkv.weight[i * c:(i + 1) * c], qkv.bias[i * c:(i + 1) * c]) for i in range(3))


def pad_grid(x: torch.Tensor, bottom: int, right: int) -> torch.Tensor:
    """Zero-pads a [B, H, W, C] map at the bottom and right. The fused spelling concatenates zeros:
    ONNX Runtime's CUDA Pad kernel took 2.8 ms per SAM window block at batch 8 for this 4-D pad (a third
    of the model's GPU time), its Concat a small fraction of that."""
    if not _ATTENTION.startswith("fused"):
        return F.pad(x, (0, 0, 0, right, 0, bottom))
    return zero_pad_channels_last(x, 0, bottom, 0, right)


def zero_pad_channels_last(x: torch.Tensor, top: int, bottom: int, left: int, right: int) -> torch.Tensor:
    """[B, H, W, C] with zero rows/columns added, by concatenation (see pad_grid)."""
    b, h, w, c = x.shape
    if left or right:
        parts = ([x.new_zeros((b, h, left, c))] if left else []) + [x] + ([x.new_zeros((b, h, right, c))] if right else [])
        x = torch.cat(parts, dim=2)
    if top or bottom:
        width = w + left + right
        parts = ([x.new_zeros((b, top, width, c))] if top else []) + [x] + ([x.new_zeros((b, bottom, width, c))] if bottom else [])
        x = torch.cat(parts, dim=1)
    return x


def tokens_per_side(image_size: int, patch: int = 16) -> int:
    """Grid side after the patch embedding and the two stride-2 convs: ceil((size // 16) / 4)."""
    return math.ceil((image_size // patch) / 4)


def view_token_count(image_size: int) -> int:
    """One view as the decoder sees it: q rows of q tokens + a newline each, then the separator."""
    q = tokens_per_side(image_size)
    return q * (q + 1) + 1


# ----------------------------------------------------------------------------------------------
# SAM ViT-B
# ----------------------------------------------------------------------------------------------


class PatchEmbed(nn.Module):
    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        self.proj = nn.Conv2d(3, cfg.sam_dim, kernel_size=cfg.patch, stride=cfg.patch)


class SamMlp(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        self.lin1 = nn.Linear(dim, dim * 4)
        self.lin2 = nn.Linear(dim * 4, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if _BIAS_GELU:
            return self.lin2(bias_gelu(F.linear(x, self.lin1.weight), self.lin1.bias))
        return self.lin2(F.gelu(self.lin1(x)))


class SamAttention(nn.Module):
    """Multi-head attention over an (H, W) grid with decomposed relative position bias."""

    def __init__(self, dim: int, heads: int, rel_extent: int):
        super().__init__()
        self.heads = heads
        self.head_dim = dim // heads
        self.qkv = nn.Linear(dim, dim * 3)
        self.proj = nn.Linear(dim, dim)
        # Trained tables: one embedding per relative offset (2 * extent - 1 offsets) per axis.
        self.rel_pos_h = nn.Parameter(torch.zeros(2 * rel_extent - 1, self.head_dim))
        self.rel_pos_w = nn.Parameter(torch.zeros(2 * rel_extent - 1, self.head_dim))

    def forward(self, x: torch.Tensor, rel_h_table: torch.Tensor, rel_w_table: torch.Tensor) -> torch.Tensor:
        if _ATTENTION.startswith("fused"):
            return self.proj(self._attend_fused(x, rel_h_table, rel_w_table))
        b, h, w, c = x.shape
        n = h * w
        qkv = self.qkv(x).reshape(b, n, 3, self.heads, self.head_dim).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]  # b, heads, n, head_dim
        # The bias uses the unscaled query (as in MViTv2/SAM); tables are [h, k_h, d] and [w, k_w, d].
        rq = q.reshape(b, self.heads, h, w, self.head_dim)
        rel_h = torch.matmul(rq, rel_h_table.transpose(-1, -2))  # b, heads, h, w, k_h
        rel_w = torch.matmul(rq.transpose(2, 3), rel_w_table.transpose(-1, -2)).transpose(2, 3)  # b, heads, h, w, k_w
        out = attend_relative(q, k, v, rel_h, rel_w)
        out = out.transpose(1, 2).contiguous().reshape(b, h, w, c)
        return self.proj(out)

    def _attend_fused(self, x: torch.Tensor, rel_h_table: torch.Tensor, rel_w_table: torch.Tensor) -> torch.Tensor:
        """The fused spelling: the relative bias rides inside the dot product. The query gets
        [q * scale, rel_h, rel_w, 0...] and the key [k, onehot(key row), onehot(key column), 0...], so
        q'.k' equals scale * q.k + rel_h[key row] + rel_w[key column] exactly, and attention is one
        com.microsoft.MultiHeadAttention node. The zero columns pad the head size to a multiple of 8
        (fused kernels want it) without a Pad op. Tensors stay in [B, h, w, heads, d] order from the qkv
        projection to the output, the layout the attention node takes, so no head transposes are needed."""
        b, h, w, c = x.shape
        heads, d, n = self.heads, self.head_dim, h * w
        q, k, v = (t.reshape(b, h, w, heads, d) for t in split_projection(self.qkv, x))
        cols = w + (-(d + h + w)) % 8
        w_table = F.pad(rel_w_table, (0, 0, 0, cols - w))  # w, cols, d: zero key columns past w
        # rel_h[:, i, j, head] = q[:, i, j, head] . table_h[i]: one matmul batched over the query row i.
        rel_h = torch.matmul(q.permute(1, 0, 2, 3, 4).reshape(h, -1, d), rel_h_table.transpose(-1, -2))
        rel_h = rel_h.reshape(h, -1, w, heads, h).permute(1, 0, 2, 3, 4)  # b, h, w, heads, h
        rel_w = torch.matmul(q.permute(2, 0, 1, 3, 4).reshape(w, -1, d), w_table.transpose(-1, -2))
        rel_w = rel_w.reshape(w, -1, h, heads, cols).permute(1, 2, 0, 3, 4)  # b, h, w, heads, cols
        eye_h = torch.eye(h, dtype=q.dtype, device=q.device)
        eye_w = F.pad(torch.eye(w, dtype=q.dtype, device=q.device), (0, cols - w))
        key_rows = eye_h[None, :, None, None, :].expand(b, h, w, heads, h)
        key_cols = eye_w[None, None, :, None, :].expand(b, h, w, heads, cols)
        q_aug = torch.cat([q * (d**-0.5), rel_h, rel_w], -1).reshape(b, n, -1)
        k_aug = torch.cat([k, key_rows, key_cols], -1).reshape(b, n, -1)
        if _ATTENTION == "fused_same_v":  # value heads zero-padded to the query/key head size
            width = q_aug.shape[-1] // heads
            out = fused_attention(q_aug, k_aug, F.pad(v, (0, width - d)).reshape(b, n, -1), heads, 1.0)
            return out.reshape(b, h, w, heads, width)[..., :d].reshape(b, h, w, c)
        return fused_attention(q_aug, k_aug, v.reshape(b, n, c), heads, 1.0).reshape(b, h, w, c)


class SamBlock(nn.Module):
    def __init__(self, cfg: EncoderConfig, window: int):
        super().__init__()
        self.window = window
        extent = window if window > 0 else cfg.sam_train_grid
        self.norm1 = nn.LayerNorm(cfg.sam_dim, eps=1e-6)
        self.attn = SamAttention(cfg.sam_dim, cfg.sam_heads, extent)
        self.norm2 = nn.LayerNorm(cfg.sam_dim, eps=1e-6)
        self.mlp = SamMlp(cfg.sam_dim)

    def forward(self, x: torch.Tensor, rel_h_table: torch.Tensor, rel_w_table: torch.Tensor) -> torch.Tensor:
        shortcut = x
        x = self.norm1(x)
        if self.window > 0:
            b, h, w, c = x.shape
            ws = self.window
            ph, pw = (ws - h % ws) % ws, (ws - w % ws) % ws
            x = pad_grid(x, ph, pw)
            hp, wp = h + ph, w + pw
            x = x.reshape(b, hp // ws, ws, wp // ws, ws, c).permute(0, 1, 3, 2, 4, 5).reshape(-1, ws, ws, c)
            x = self.attn(x, rel_h_table, rel_w_table)
            x = x.reshape(b, hp // ws, wp // ws, ws, ws, c).permute(0, 1, 3, 2, 4, 5).reshape(b, hp, wp, c)
            x = x[:, :h, :w, :]
        else:
            x = self.attn(x, rel_h_table, rel_w_table)
        x = shortcut + x
        return x + self.mlp(self.norm2(x))


class ChannelLayerNorm(nn.Module):
    """LayerNorm over the channel axis of an NCHW map (SAM's neck)."""

    def __init__(self, channels: int, eps: float = 1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(channels))
        self.bias = nn.Parameter(torch.zeros(channels))
        self.eps = eps
        self.shape = (channels,)  # static, so the TorchScript exporter sees a constant

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.permute(0, 2, 3, 1)
        x = F.layer_norm(x, self.shape, self.weight, self.bias, self.eps)
        return x.permute(0, 3, 1, 2)


class SamEncoder(nn.Module):
    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        self.cfg = cfg
        self.patch_embed = PatchEmbed(cfg)
        g = cfg.sam_train_grid
        self.pos_embed = nn.Parameter(torch.zeros(1, g, g, cfg.sam_dim))
        self.blocks = nn.ModuleList(
            SamBlock(cfg, 0 if i in cfg.sam_global_blocks else cfg.sam_window) for i in range(cfg.sam_depth)
        )
        self.neck = nn.Sequential(
            nn.Conv2d(cfg.sam_dim, cfg.neck_dim, kernel_size=1, bias=False),
            ChannelLayerNorm(cfg.neck_dim),
            nn.Conv2d(cfg.neck_dim, cfg.neck_dim, kernel_size=3, padding=1, bias=False),
            ChannelLayerNorm(cfg.neck_dim),
        )
        d1, d2 = cfg.compress_dims
        self.net_2 = nn.Conv2d(cfg.neck_dim, d1, kernel_size=3, stride=2, padding=1, bias=False)
        self.net_3 = nn.Conv2d(d1, d2, kernel_size=3, stride=2, padding=1, bias=False)


# ----------------------------------------------------------------------------------------------
# CLIP-L on the compressed grid
# ----------------------------------------------------------------------------------------------


class ClipEmbeddings(nn.Module):
    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        dim = cfg.clip_dim
        self.class_embedding = nn.Parameter(torch.zeros(dim))
        # Present in the checkpoint; unused because SAM's compressed grid replaces the patches.
        self.patch_embedding = nn.Conv2d(3, dim, kernel_size=cfg.clip_patch, stride=cfg.clip_patch, bias=False)
        self.position_embedding = nn.Embedding(cfg.clip_train_grid**2 + 1, dim)


class ClipAttention(nn.Module):
    def __init__(self, dim: int, heads: int):
        super().__init__()
        self.heads = heads
        self.head_dim = dim // heads
        self.qkv_proj = nn.Linear(dim, dim * 3)
        self.out_proj = nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, n, c = x.shape
        if _ATTENTION.startswith("fused"):  # [B, n, heads * d] is the layout the attention node takes
            q, k, v = split_projection(self.qkv_proj, x)
            return self.out_proj(fused_attention(q, k, v, self.heads, self.head_dim**-0.5))
        qkv = self.qkv_proj(x).reshape(b, n, 3, self.heads, self.head_dim).permute(2, 0, 3, 1, 4)
        out = attend(qkv[0], qkv[1], qkv[2])
        return self.out_proj(out.transpose(1, 2).contiguous().reshape(b, n, c))


class ClipMlp(nn.Module):
    def __init__(self, dim: int, hidden: int):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.fc1(x)
        return self.fc2(h * torch.sigmoid(1.702 * h))  # quick GELU, as CLIP was trained


class ClipLayer(nn.Module):
    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        self.self_attn = ClipAttention(cfg.clip_dim, cfg.clip_heads)
        self.mlp = ClipMlp(cfg.clip_dim, cfg.clip_ffn)
        self.layer_norm1 = nn.LayerNorm(cfg.clip_dim, eps=1e-5)
        self.layer_norm2 = nn.LayerNorm(cfg.clip_dim, eps=1e-5)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.self_attn(self.layer_norm1(x))
        return x + self.mlp(self.layer_norm2(x))


class ClipTransformer(nn.Module):
    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        self.layers = nn.ModuleList(ClipLayer(cfg) for _ in range(cfg.clip_depth))


class ClipEncoder(nn.Module):
    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        self.embeddings = ClipEmbeddings(cfg)
        self.pre_layrnorm = nn.LayerNorm(cfg.clip_dim, eps=1e-5)  # sic: the checkpoint's spelling
        self.transformer = ClipTransformer(cfg)


class Projector(nn.Module):
    def __init__(self, in_dim: int, out_dim: int):
        super().__init__()
        self.layers = nn.Linear(in_dim, out_dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.layers(x)


# ----------------------------------------------------------------------------------------------
# The whole encoder, weights, and per-resolution views
# ----------------------------------------------------------------------------------------------


class DeepEncoder(nn.Module):
    CHECKPOINT_PREFIXES = ("sam_model.", "vision_model.", "projector.", "image_newline", "view_seperator")

    def __init__(self, cfg: EncoderConfig):
        super().__init__()
        self.cfg = cfg
        self.sam_model = SamEncoder(cfg)
        self.vision_model = ClipEncoder(cfg)
        self.projector = Projector(cfg.clip_dim * 2, cfg.output_dim)
        self.image_newline = nn.Parameter(torch.zeros(cfg.output_dim))
        self.view_seperator = nn.Parameter(torch.zeros(cfg.output_dim))  # sic: the checkpoint's spelling

    @torch.no_grad()
    def randomize(self, seed: int) -> "DeepEncoder":
        """Deterministic random weights (no checkpoint is reachable in CI or on the bench machine).
        Every table is non-zero so every path (positions, relative bias) is exercised."""
        gen = torch.Generator().manual_seed(seed)
        for name, p in self.named_parameters():
            noise = torch.randn(p.shape, generator=gen)
            if name.endswith(("norm1.weight", "norm2.weight", "layrnorm.weight")) or (
                name.startswith("sam_model.neck.") and name.endswith(("1.weight", "3.weight"))
            ):
                p.copy_(1.0 + 0.02 * noise)
            elif name in ("image_newline", "view_seperator"):
                p.copy_(noise / math.sqrt(self.cfg.output_dim))
            else:
                p.copy_(0.02 * noise)
        return self

    def load_checkpoint(self, path: str) -> list[str]:
        """Loads the encoder part of a DeepSeek-OCR checkpoint (safetensors file or folder).
        Returns the keys that were expected but missing (empty when the load is complete)."""
        import glob
        import os

        from safetensors import safe_open

        files = sorted(glob.glob(os.path.join(path, "*.safetensors"))) if os.path.isdir(path) else [path]
        if not files:
            raise FileNotFoundError(f"no .safetensors file at {path}")
        wanted = dict(self.state_dict())
        loaded: dict[str, torch.Tensor] = {}
        for file in files:
            with safe_open(file, framework="pt") as f:
                for key in f.keys():
                    name = key[len("model."):] if key.startswith("model.") else key
                    if name in wanted:
                        loaded[name] = f.get_tensor(key).to(torch.float32)
        for name, tensor in loaded.items():
            if tuple(tensor.shape) != tuple(wanted[name].shape):
                raise ValueError(f"{name}: checkpoint shape {tuple(tensor.shape)} != model shape {tuple(wanted[name].shape)}")
        self.load_state_dict(loaded, strict=False)
        return sorted(set(wanted) - set(loaded))


def _resize_grid(table: torch.Tensor, size: int) -> torch.Tensor:
    """[1, g, g, c] position table -> [1, size, size, c], bicubic with antialias (as the reference)."""
    if table.shape[1] == size:
        return table
    t = table.permute(0, 3, 1, 2).to(torch.float32)
    t = F.interpolate(t, size=(size, size), mode="bicubic", antialias=True, align_corners=False)
    return t.permute(0, 2, 3, 1)


def _relative_table(rel_pos: torch.Tensor, size: int) -> torch.Tensor:
    """Trained per-offset table -> [size(query), size(key), d] gathered for a square grid."""
    offsets = 2 * size - 1
    if rel_pos.shape[0] != offsets:
        t = rel_pos.to(torch.float32).reshape(1, rel_pos.shape[0], -1).permute(0, 2, 1)
        rel_pos = F.interpolate(t, size=offsets, mode="linear").reshape(-1, offsets).permute(1, 0)
    coords = torch.arange(size)[:, None] - torch.arange(size)[None, :] + (size - 1)
    return rel_pos[coords]


class ViewEncoder(nn.Module):
    """One square view at a fixed input size -> the decoder's placeholder sequence for that view:
    q rows of (q tokens + newline), then the view separator. [B, 3, S, S] float32 (normalised
    with mean 0.5 / std 0.5) -> [B, q*(q+1)+1, output_dim] float32. Gundam tiles reuse the grid
    rows of this output (dropping newlines and separator) and are assembled by the caller."""

    def __init__(self, encoder: DeepEncoder, image_size: int, dtype: torch.dtype = torch.float32):
        super().__init__()
        cfg = encoder.cfg
        if image_size % cfg.patch != 0:
            raise ValueError(f"image size {image_size} is not a multiple of {cfg.patch}")
        self.encoder = encoder
        self.image_size = image_size
        self.compute_dtype = dtype
        self.grid = image_size // cfg.patch
        self.side = tokens_per_side(image_size, cfg.patch)
        with torch.no_grad():
            sam = encoder.sam_model
            self.register_buffer("sam_pos", _resize_grid(sam.pos_embed.detach(), self.grid).to(dtype))
            for i, block in enumerate(sam.blocks):
                extent = block.window if block.window > 0 else self.grid
                self.register_buffer(f"rel_h_{i}", _relative_table(block.attn.rel_pos_h.detach(), extent).to(dtype))
                self.register_buffer(f"rel_w_{i}", _relative_table(block.attn.rel_pos_w.detach(), extent).to(dtype))
            pos = encoder.vision_model.embeddings.position_embedding.weight.detach()
            g = cfg.clip_train_grid
            grid_pos = _resize_grid(pos[1:].reshape(1, g, g, -1), self.side).reshape(self.side * self.side, -1)
            self.register_buffer("clip_pos", torch.cat([pos[:1].to(torch.float32), grid_pos], 0)[None].to(dtype))

    def _patch_embed(self, x: torch.Tensor) -> torch.Tensor:
        """[B, 3, S, S] -> [B, g, g, C]. In the fused spelling the 16x16/16 convolution is written as
        the matrix product it is (patches flattened in the kernel's (channel, row, column) order),
        which ONNX Runtime runs as one GEMM instead of a 3-channel cuDNN convolution."""
        proj = self.encoder.sam_model.patch_embed.proj
        if not _ATTENTION.startswith("fused"):
            return proj(x).permute(0, 2, 3, 1)
        b, g, p = x.shape[0], self.grid, proj.kernel_size[0]
        patches = x.reshape(b, 3, g, p, g, p).permute(0, 2, 4, 1, 3, 5).reshape(b, g, g, 3 * p * p)
        return F.linear(patches, proj.weight.reshape(proj.out_channels, -1), proj.bias)

    def _compress(self, h: torch.Tensor) -> torch.Tensor:
        """SAM's neck and the two stride-2 convolutions: [B, g, g, C] -> [B, q*q, clip_dim]. In the
        GEMM spelling the map stays channels-last: the 1x1 convolution is a linear layer, the channel
        LayerNorms are plain LayerNorms, and each 3x3 convolution is an im2col (nine strided slices)
        followed by one matrix product, which ONNX Runtime runs on cuBLAS instead of cuDNN kernels
        that it could not plan for these shapes."""
        sam = self.encoder.sam_model
        if not _GEMM_CONVS:
            h = sam.net_3(sam.net_2(sam.neck(h.permute(0, 3, 1, 2))))  # b, clip_dim, q, q
            return h.flatten(2).transpose(1, 2)
        reduce, norm1, conv, norm2 = sam.neck
        h = F.linear(h, reduce.weight.reshape(reduce.out_channels, -1))
        h = F.layer_norm(h, norm1.shape, norm1.weight, norm1.bias, norm1.eps)
        h = conv3x3_channels_last(h, conv.weight, stride=1)
        h = F.layer_norm(h, norm2.shape, norm2.weight, norm2.bias, norm2.eps)
        h = conv3x3_channels_last(h, sam.net_2.weight, stride=2)
        h = conv3x3_channels_last(h, sam.net_3.weight, stride=2)
        return h.reshape(h.shape[0], -1, h.shape[-1])

    def forward(self, pixel_values: torch.Tensor) -> torch.Tensor:
        enc = self.encoder
        sam = enc.sam_model
        x = pixel_values.to(self.compute_dtype)
        h = self._patch_embed(x) + self.sam_pos
        for i, block in enumerate(sam.blocks):
            h = block(h, getattr(self, f"rel_h_{i}"), getattr(self, f"rel_w_{i}"))
        sam_tokens = self._compress(h)  # b, q*q, clip_dim
        b = sam_tokens.shape[0]
        clip = enc.vision_model
        cls = clip.embeddings.class_embedding.reshape(1, 1, -1).expand(b, 1, -1)
        t = torch.cat([cls, sam_tokens], dim=1) + self.clip_pos
        t = clip.pre_layrnorm(t)
        for layer in clip.transformer.layers:
            t = layer(t)
        features = enc.projector(torch.cat([t[:, 1:], sam_tokens], dim=-1))  # b, q*q, out
        q, d = self.side, features.shape[-1]
        rows = features.reshape(b, q, q, d)
        newline = enc.image_newline.reshape(1, 1, 1, d).expand(b, q, 1, d)
        rows = torch.cat([rows, newline], dim=2).reshape(b, q * (q + 1), d)
        separator = enc.view_seperator.reshape(1, 1, d).expand(b, 1, d)
        return torch.cat([rows, separator], dim=1).to(torch.float32)
