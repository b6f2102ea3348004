"""Warm abstract illustrations for the demo content, drawn with Pillow.

They stand in for photographs without pretending to be any: shapes and
colour only, never a person, so the alt text can say exactly what is shown.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter

PALETTES = {
    "sunrise": ("#7c2d12", "#f59e0b", ["#fde68a", "#fb923c", "#fef3c7", "#f97316"]),
    "dusk": ("#4c1d95", "#f97316", ["#fbcfe8", "#fcd34d", "#fdba74", "#fff7ed"]),
    "earth": ("#3f2a1d", "#c2410c", ["#fcd34d", "#fed7aa", "#f59e0b", "#ffedd5"]),
    "rose": ("#881337", "#fb7185", ["#ffe4e6", "#fde68a", "#fecdd3", "#fdba74"]),
    "meadow": ("#14532d", "#ca8a04", ["#fef08a", "#fde68a", "#bbf7d0", "#fed7aa"]),
    "ember": ("#450a0a", "#ea580c", ["#fde047", "#fdba74", "#fecaca", "#fff7ed"]),
    "sky": ("#1e3a8a", "#f59e0b", ["#fde68a", "#fed7aa", "#e0f2fe", "#fdba74"]),
}


@dataclass(frozen=True)
class Illustration:
    data: bytes
    width: int
    height: int


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _gradient(size, top, bottom) -> Image.Image:
    _width, height = size
    top, bottom = _hex(top), _hex(bottom)
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(1, height - 1)
        column.putpixel(
            (0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        )
    return column.resize(size)


def draw(palette: str, motif: str, seed: int, size=(1200, 675)) -> Illustration:
    """A JPEG: a two-colour gradient with soft shapes in the palette's light tones.

    Motifs: "suns" (overlapping circles), "rain" (slanting strokes over a glow),
    "rings" (concentric rings), "waves" (horizontal bands), "confetti" (small dots).
    """
    rng = random.Random(seed)
    top, bottom, lights = PALETTES[palette]
    base = _gradient(size, top, bottom)
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    pen = ImageDraw.Draw(layer)
    width, height = size
    if motif == "suns":
        for _ in range(9):
            r = rng.randint(height // 10, height // 3)
            x, y = rng.randint(0, width), rng.randint(height // 4, height)
            pen.ellipse((x - r, y - r, x + r, y + r), fill=(*_hex(rng.choice(lights)), 110))
    elif motif == "rain":
        cx, cy, r = width * 0.7, height * 0.35, height // 4
        pen.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*_hex(lights[0]), 170))
        for _ in range(140):
            x, y = rng.randint(-200, width), rng.randint(-100, height)
            pen.line((x, y, x + 40, y + 110), fill=(*_hex(rng.choice(lights)), 120), width=4)
    elif motif == "rings":
        cx, cy = width * rng.uniform(0.3, 0.7), height * rng.uniform(0.4, 0.6)
        for i in range(12, 0, -1):
            r = i * height // 14
            pen.ellipse(
                (cx - r, cy - r, cx + r, cy + r),
                outline=(*_hex(lights[i % len(lights)]), 150),
                width=10,
            )
    elif motif == "waves":
        for band in range(7):
            points = []
            offset = height * (0.3 + band * 0.1)
            for x in range(0, width + 40, 40):
                points.append((x, offset + math.sin(x / 140 + band) * 35))
            points += [(width, height), (0, height)]
            pen.polygon(points, fill=(*_hex(lights[band % len(lights)]), 60))
    else:  # confetti
        for _ in range(260):
            r = rng.randint(6, 22)
            x, y = rng.randint(0, width), rng.randint(0, height)
            pen.ellipse((x - r, y - r, x + r, y + r), fill=(*_hex(rng.choice(lights)), 190))
    layer = layer.filter(ImageFilter.GaussianBlur(3))
    picture = Image.alpha_composite(base.convert("RGBA"), layer).convert("RGB")
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return Illustration(buffer.getvalue(), width, height)
