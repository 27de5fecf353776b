"""Page images and DeepSeek-OCR pre-processing shared by the export, reference and bench scripts."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

# A few lines of ordinary C# to make pages that look like what the renderer produces.
_CODE = """namespace Sample.Billing;

public sealed class InvoiceCalculator(ITaxTable taxes, ILogger<InvoiceCalculator> log)
{
    public decimal Total(Invoice invoice)
    {
        var net = invoice.Lines.Sum(line => line.Quantity * line.UnitPrice);
        var tax = taxes.RateFor(invoice.Country) * net;
        log.LogDebug("invoice {Id}: net {Net} tax {Tax}", invoice.Id, net, tax);
        return decimal.Round(net + tax, 2, MidpointRounding.ToEven);
    }

    // Credit notes are negative invoices; they must never round away from zero.
    public decimal Credit(Invoice original, IReadOnlyList<int> lineIds)
    {
        ArgumentNullException.ThrowIfNull(original);
        var lines = original.Lines.Where(l => lineIds.Contains(l.Id)).ToList();
        if (lines.Count == 0) throw new InvalidOperationException("nothing to credit");
        return -Total(original with { Lines = lines });
    }
}
""".splitlines()

_COLOURS = [(0, 0, 160), (120, 0, 120), (0, 110, 0), (40, 40, 40), (160, 60, 0)]


def _font(size: int):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType: fixed bitmap font
        return ImageFont.load_default()


def make_page(width: int, height: int, seed: int = 0) -> Image.Image:
    """A deterministic synthetic code page (RGB, white background)."""
    img = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    size = max(10, width // 48)
    font = _font(size)
    y, i = 8, seed
    while y < height - size:
        line = _CODE[i % len(_CODE)]
        draw.text((8, y), line, fill=_COLOURS[(i + seed) % len(_COLOURS)], font=font)
        y += int(size * 1.35)
        i += 1
    return img


def to_pixels(img: Image.Image) -> np.ndarray:
    """RGB uint8 -> [3, H, W] float32 normalised with mean 0.5 / std 0.5."""
    a = np.asarray(img.convert("RGB"), dtype=np.float32) / 255.0
    return ((a - 0.5) / 0.5).transpose(2, 0, 1).copy()


def square_view(img: Image.Image, size: int, pad: bool) -> Image.Image:
    """Global view: padded to a square with grey 127 (Base/Large/Gundam) or stretched (Tiny/Small)."""
    if img.size == (size, size):
        return img
    if not pad:
        return img.resize((size, size), Image.Resampling.BICUBIC)
    from PIL import ImageOps

    return ImageOps.pad(img, (size, size), color=(127, 127, 127))
