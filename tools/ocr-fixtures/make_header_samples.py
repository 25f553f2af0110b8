"""Writes tiny images in every format the OCR header reader knows, for src/core/ocr/image-header.test.ts.

Each file is 37 x 23 pixels: odd, unequal sides, so a swapped width and height shows up. Run from the repository root:  /usr/bin/python3 tools/ocr-fixtures/make_header_samples.py
"""
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent / "headers"


def sample(width: int, height: int) -> Image.Image:
    img = Image.new("RGB", (width, height), "white")
    ImageDraw.Draw(img).rectangle([3, 3, width - 4, height - 4], outline="black")
    return img


def main() -> None:
    OUT.mkdir(exist_ok=True)
    img = sample(37, 23)
    img.save(OUT / "sample.png")
    img.save(OUT / "sample.jpg", quality=50)
    img.save(OUT / "sample-progressive.jpg", quality=50, progressive=True)
    img.save(OUT / "sample.gif")
    img.save(OUT / "sample.bmp")
    img.save(OUT / "sample-lossy.webp", lossless=False)
    img.save(OUT / "sample-lossless.webp", lossless=True)
    # A transparent pixel makes PIL write the extended (VP8X) WebP header with an alpha chunk.
    rgba = img.convert("RGBA")
    rgba.putpixel((0, 0), (255, 255, 255, 0))
    rgba.save(OUT / "sample-alpha.webp", lossless=False)
    (OUT / "not-an-image.txt").write_text("HELLO 123 is text, not pixels.\n")


if __name__ == "__main__":
    main()
