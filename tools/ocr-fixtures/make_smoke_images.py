"""Draws text into images of several sizes for scripts/ocr-smoke.ts and saves them as raw RGBA.

For each image NAME it writes NAME.rgba (width * height * 4 bytes, row-major RGBA, what ImageData holds)
and NAME.json ({"width", "height", "lines": [the drawn strings, top to bottom]}).

Usage: /usr/bin/python3 tools/ocr-fixtures/make_smoke_images.py OUT_DIR
Needs Pillow and the DejaVu Sans font (Debian: python3-pil, fonts-dejavu-core).
"""
import json
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

# name, (width, height), background RGBA, [(x, y, font size, text, fill RGBA)]
SCENES = [
    ("line-300x120", (300, 120), (255, 255, 255, 255), [(20, 35, 36, "HELLO 123", (0, 0, 0, 255))]),
    (
        "two-lines-640x200",
        (640, 200),
        (245, 240, 225, 255),
        [(30, 30, 44, "Bucketing works", (20, 20, 80, 255)), (30, 110, 40, "ONNX 2026", (90, 10, 10, 255))],
    ),
    (
        "page-1000x700",
        (1000, 700),
        (255, 255, 255, 255),
        [
            (60, 60, 48, "HELLO 123", (0, 0, 0, 255)),
            (60, 200, 40, "Padding is wasted work", (0, 0, 0, 255)),
            (60, 340, 40, "Buckets save time", (30, 30, 30, 255)),
            (520, 520, 36, "WebGPU", (0, 60, 0, 255)),
        ],
    ),
    # Dark text on a transparent background: the pipeline must composite over white.
    ("transparent-400x100", (400, 100), (0, 0, 0, 0), [(20, 25, 40, "clear 42", (0, 0, 0, 255))]),
    # Over 4096 px wide: scaled down to 4096 before OCR, and the result must say so.
    ("wide-5000x400", (5000, 400), (255, 255, 255, 255), [(200, 100, 160, "WIDE BANNER", (0, 0, 0, 255))]),
]


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, (width, height), background, texts in SCENES:
        img = Image.new("RGBA", (width, height), background)
        draw = ImageDraw.Draw(img)
        for x, y, size, text, fill in texts:
            draw.text((x, y), text, font=ImageFont.truetype(FONT, size), fill=fill)
        (out / f"{name}.rgba").write_bytes(img.tobytes())
        meta = {"width": width, "height": height, "lines": [t[3] for t in texts]}
        (out / f"{name}.json").write_text(json.dumps(meta))
        print(f"{name}: {width} x {height}, {len(texts)} line(s)")


if __name__ == "__main__":
    main()
