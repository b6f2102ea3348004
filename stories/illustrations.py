"""Warm abstract illustrations for the demo content, drawn with Pillow.

They stand in for photographs without pretending to be any: each evokes its
story's moment in flat shapes and colour (rain and a thumbprint, leaping
figures, an embrace, rattles, an envelope, a road home, a cake), never a
likeness of anyone, so the alt text can say exactly what is shown.
Shapes are drawn at twice the size and scaled down, for smooth edges.
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
    "storm": ("#1f2a44", "#b45309", ["#fde68a", "#e0f2fe", "#fdba74", "#fef3c7"]),
}

MOTIFS = ("thumbprint", "leap", "embrace", "rattles", "envelope", "road", "cake", "waves", "dip")


@dataclass(frozen=True)
class Illustration:
    data: bytes
    width: int
    height: int


def _hex(colour: str, alpha: int | None = None) -> tuple[int, ...]:
    colour = colour.lstrip("#")
    rgb = tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return rgb if alpha is None else (*rgb, alpha)


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


def _disc(pen, cx, cy, r, fill):
    pen.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)


def _thumbprint(pen, w, h, lights, rng):
    """Slanting rain over a glowing oval of loops, like a thumbprint on paper."""
    sheet = (w * 0.56, h * 0.2, w * 0.86, h * 0.86)
    pen.rounded_rectangle(sheet, radius=h // 40, fill=_hex(lights[2], 235))
    cx, cy = (sheet[0] + sheet[2]) / 2, h * 0.58
    for i in range(11, 0, -1):
        rx, ry = i * w * 0.0095, i * h * 0.021
        pen.arc(
            (cx - rx, cy - ry, cx + rx, cy + ry),
            start=200 - i * 4,
            end=520 - i * 6,
            fill=_hex("#9a3412", 230),
            width=max(4, h // 150),
        )
    for _ in range(170):
        x, y = rng.randint(-300, w), rng.randint(-200, h)
        length = rng.randint(h // 9, h // 5)
        pen.line(
            (x, y, x + length * 0.35, y + length),
            fill=_hex(rng.choice(lights[:2]), 120),
            width=max(3, h // 220),
        )


def _figure(pen, x, ground, size, colour, lean=0.0, arms_up=False):
    """A rounded, faceless figure: a head and a body like a tall drop."""
    head = size * 0.22
    body_top = ground - size * 0.78
    _disc(pen, x + lean * size * 0.2, body_top - head * 1.1, head, colour)
    pen.rounded_rectangle(
        (x - size * 0.2, body_top, x + size * 0.2, ground), radius=size * 0.2, fill=colour
    )
    if arms_up:
        for side in (-1, 1):
            pen.line(
                (
                    x + side * size * 0.15,
                    body_top + size * 0.1,
                    x + side * size * 0.45,
                    body_top - size * 0.25,
                ),
                fill=colour,
                width=int(size * 0.11),
            )


def _leap(pen, w, h, lights, rng):
    """Two small figures arcing up toward a tall one with open arms."""
    ground = h * 0.86
    pen.rectangle((0, ground, w, h), fill=_hex(lights[3], 90))
    _figure(pen, w * 0.68, ground, h * 0.55, _hex(lights[2], 245), arms_up=True)
    for start, end, peak, size in (
        (w * 0.08, w * 0.36, h * 0.18, h * 0.22),
        (w * 0.2, w * 0.52, h * 0.34, h * 0.2),
    ):
        for step in range(7):
            t = step / 7
            x = start + (end - start) * t
            y = ground - size - math.sin(t * math.pi / 1.4) * (ground - peak - size)
            _disc(pen, x, y, size * 0.05, _hex(lights[0], 60 + step * 20))
        _figure(pen, end, peak + size, size, _hex(lights[0], 250), lean=0.5, arms_up=True)


def _embrace(pen, w, h, lights, rng):
    """A large and a small rounded form leaning together inside one warm halo."""
    cx, cy = w * 0.5, h * 0.55
    for i in range(6, 0, -1):
        _disc(pen, cx, cy, h * 0.08 * i, _hex(lights[3], 28))
    pen.ellipse(
        (cx - h * 0.36, cy - h * 0.3, cx + h * 0.08, cy + h * 0.42), fill=_hex(lights[2], 240)
    )
    _disc(pen, cx - h * 0.08, cy - h * 0.36, h * 0.12, _hex(lights[2], 240))
    pen.ellipse(
        (cx - h * 0.02, cy - h * 0.05, cx + h * 0.28, cy + h * 0.42), fill=_hex(lights[1], 245)
    )
    _disc(pen, cx + h * 0.12, cy - h * 0.1, h * 0.09, _hex(lights[1], 245))
    pen.arc(
        (cx - h * 0.3, cy - h * 0.12, cx + h * 0.3, cy + h * 0.3),
        start=200,
        end=340,
        fill=_hex(lights[0], 255),
        width=int(h * 0.045),
    )


def _rattles(pen, w, h, lights, rng):
    """Wooden rattles on handles, with rings of sound spreading out."""
    for index, (x, y, angle) in enumerate(
        ((w * 0.25, h * 0.55, -25), (w * 0.5, h * 0.45, 10), (w * 0.75, h * 0.58, 30))
    ):
        colour = _hex(lights[index % 3], 245)
        rad = math.radians(angle)
        dx, dy = math.sin(rad), -math.cos(rad)
        handle_end = (x - dx * h * 0.28, y - dy * h * 0.28)
        pen.line((x, y, *handle_end), fill=_hex("#fff7ed", 230), width=int(h * 0.03))
        box = [
            (x + dx * s - dy * t, y + dy * s + dx * t)
            for s, t in ((0, -h * 0.1), (0, h * 0.1), (h * 0.22, h * 0.1), (h * 0.22, -h * 0.1))
        ]
        pen.polygon(box, fill=colour)
        for ring in range(1, 4):
            r = h * (0.16 + ring * 0.07)
            pen.arc(
                (x - r, y - r, x + r, y + r),
                start=angle - 60 - 90,
                end=angle + 60 - 90,
                fill=_hex(lights[3], 200 - ring * 40),
                width=int(h * 0.012),
            )


def _envelope(pen, w, h, lights, rng):
    """A big envelope, its flap open, with small stars and hearts rising from it."""
    left, top, right, bottom = w * 0.3, h * 0.42, w * 0.7, h * 0.9
    pen.rectangle((left, top, right, bottom), fill=_hex(lights[2], 250))
    pen.polygon(
        [(left, top), (right, top), ((left + right) / 2, top - h * 0.22)], fill=_hex(lights[0], 250)
    )
    pen.line(
        (left, bottom, (left + right) / 2, top + h * 0.24, right, bottom),
        fill=_hex("#9a3412", 200),
        width=int(h * 0.01),
    )
    for _ in range(18):
        x = rng.uniform(left + 20, right - 20)
        y = rng.uniform(h * 0.05, top - h * 0.1)
        r = rng.uniform(h * 0.015, h * 0.035)
        _disc(pen, x - r * 0.5, y, r * 0.6, _hex(lights[1], 230))
        _disc(pen, x + r * 0.5, y, r * 0.6, _hex(lights[1], 230))
        pen.polygon(
            [(x - r * 1.05, y + r * 0.2), (x + r * 1.05, y + r * 0.2), (x, y + r * 1.3)],
            fill=_hex(lights[1], 230),
        )


def _road(pen, w, h, lights, rng):
    """A road winding to a low sun on the horizon, small travellers on it."""
    horizon = h * 0.45
    _disc(pen, w * 0.5, horizon, h * 0.16, _hex(lights[0], 230))
    pen.rectangle((0, horizon, w, h), fill=_hex("#7c2d12", 150))
    for band in range(4):
        y = horizon + band * h * 0.12
        pen.rectangle((0, y, w, y + h * 0.05), fill=_hex(lights[3], 40))
    pen.polygon(
        [(w * 0.49, horizon), (w * 0.51, horizon), (w * 0.78, h), (w * 0.22, h)],
        fill=_hex(lights[2], 220),
    )
    for step in range(9):
        t = (step + 1) / 10
        y = horizon + (h - horizon) * t
        x = w * 0.5 + rng.uniform(-0.12, 0.12) * w * t
        _disc(pen, x, y - h * 0.04 * t, h * 0.02 * t + 3, _hex("#7c2d12", 230))


def _cake(pen, w, h, lights, rng):
    """A round layered cake with lit candles, confetti falling around it."""
    for _ in range(90):
        x, y, r = rng.randint(0, w), rng.randint(0, h), rng.randint(5, 14)
        _disc(pen, x, y, r, _hex(rng.choice(lights), 160))
    cx = w * 0.5
    for tier, (half, top, bottom) in enumerate(((0.22, 0.62, 0.88), (0.15, 0.42, 0.62))):
        pen.rounded_rectangle(
            (cx - w * half, h * top, cx + w * half, h * bottom),
            radius=h * 0.03,
            fill=_hex(lights[2 - tier], 250),
        )
        pen.rectangle(
            (cx - w * half, h * (top + 0.02), cx + w * half, h * (top + 0.05)),
            fill=_hex(lights[1], 255),
        )
    for i in range(5):
        x = cx - w * 0.1 + i * w * 0.05
        pen.rectangle((x - 6, h * 0.32, x + 6, h * 0.42), fill=_hex("#fff7ed", 250))
        pen.ellipse((x - 10, h * 0.26, x + 10, h * 0.32), fill=_hex(lights[0], 255))


def _waves(pen, w, h, lights, rng):
    """Soft horizontal bands: a quiet background for the home page's title."""
    for band in range(7):
        offset = h * (0.3 + band * 0.1)
        points = [(x, offset + math.sin(x / 280 + band) * 70) for x in range(0, w + 80, 80)]
        points += [(w, h), (0, h)]
        pen.polygon(points, fill=_hex(lights[band % len(lights)], 60))


def _dip(pen, w, h, lights, rng):
    """A low sun over cold water, with a splash: a polar dip, for the fundraising page."""
    _disc(pen, w * 0.72, h * 0.3, h * 0.14, _hex(lights[0], 235))
    for band in range(5):
        offset = h * (0.5 + band * 0.1)
        points = [(x, offset + math.sin(x / 160 + band * 1.3) * 24) for x in range(0, w + 80, 80)]
        pen.polygon([*points, (w, h), (0, h)], fill=_hex("#2563eb", 90 + band * 30))
    for _ in range(26):
        angle = rng.uniform(math.pi * 1.1, math.pi * 1.9)
        distance = rng.uniform(h * 0.05, h * 0.22)
        x, y = w * 0.35 + math.cos(angle) * distance, h * 0.52 + math.sin(angle) * distance
        _disc(pen, x, y, rng.uniform(h * 0.008, h * 0.02), _hex("#ffffff", 220))


_DRAWERS = {
    "dip": _dip,
    "thumbprint": _thumbprint,
    "leap": _leap,
    "embrace": _embrace,
    "rattles": _rattles,
    "envelope": _envelope,
    "road": _road,
    "cake": _cake,
    "waves": _waves,
}


def draw(palette: str, motif: str, seed: int, size=(1200, 675)) -> Illustration:
    """A JPEG of ``motif`` (one of MOTIFS) over a two-colour gradient in ``palette``."""
    rng = random.Random(seed)
    top, bottom, lights = PALETTES[palette]
    big = (size[0] * 2, size[1] * 2)
    base = _gradient(big, top, bottom).convert("RGBA")
    layer = Image.new("RGBA", big, (0, 0, 0, 0))
    _DRAWERS[motif](ImageDraw.Draw(layer), big[0], big[1], lights, rng)
    layer = layer.filter(ImageFilter.GaussianBlur(1.5))
    picture = Image.alpha_composite(base, layer).convert("RGB").resize(size, Image.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=84, optimize=True, progressive=True)
    return Illustration(buffer.getvalue(), *size)
