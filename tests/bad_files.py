"""A small corpus of awkward image files, generated on the fly: what a room of people will pass to digitpad.

In: a folder and one real digit image (uint8 [H, W], white ink on black). Out: the files written there, each with
what digitpad must make of it: DIGIT (read as the drawn digit), BLANK (no digit in it), or else the words that the
refusal's one-line reason must contain.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image
from pillow_heif import register_heif_opener

register_heif_opener()  # Pillow writes HEIC, as an iPhone does

DIGIT, BLANK = "digit", "blank"

Writer = Callable[[Path, np.ndarray], None]  # writes a file at the path from the digit image


def raw(content: bytes | Callable[[np.ndarray], bytes]) -> Writer:
    return lambda path, digit: path.write_bytes(content(digit) if callable(content) else content)


def pillow(make: Callable[[np.ndarray], Image.Image]) -> Writer:
    return lambda path, digit: make(digit).save(path)


def truncated_png(digit: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(digit).save(buffer, format="PNG")
    return buffer.getvalue()[:200]


def pixmap(digit: np.ndarray) -> bytes:
    """A portable pixmap (PPM), a format Pillow reads but digitpad does not open, its name ending in .png."""
    buffer = io.BytesIO()
    Image.fromarray(digit).save(buffer, format="PPM")
    return buffer.getvalue()


def ink_only_in_alpha(digit: np.ndarray) -> Image.Image:
    """White everywhere, the digit only in the alpha channel: a transparent sheet with opaque strokes."""
    rgba = np.full((*digit.shape, 4), 255, np.uint8)
    rgba[:, :, 3] = digit
    return Image.fromarray(rgba)


def rotated_by_exif(path: Path, digit: np.ndarray) -> None:
    """A phone photo of paper: the pixels stored on their side, with the EXIF orientation that turns them upright."""
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation 6: display turned 90 degrees clockwise
    # np.rot90 turns counter-clockwise. The EXIF goes in as bytes: pillow-heif then stores the turn as HEIC's own, as
    # an iPhone does (given an Exif object, it keeps the tag alone, which HEIC readers ignore)
    Image.fromarray(np.rot90(255 - digit)).save(path, exif=exif.tobytes())


def animation(path: Path, digit: np.ndarray) -> None:
    """Two frames (a GIF's) or pages (a TIFF scan's), the digit then nothing: the first is the one read."""
    first, empty = Image.fromarray(digit), Image.fromarray(np.zeros_like(digit))
    first.save(path, save_all=True, append_images=[empty], duration=200, loop=0)


def float_with_gaps(digit: np.ndarray) -> Image.Image:
    """The digit as 32-bit floats (a scientific camera's), a strip of its paper with no value (NaN), and one pixel of
    its ink infinite: read as its finite pixels are (numpy's RuntimeWarning on the command line before)."""
    pixels = digit.astype(np.float32) / 255
    pixels[:2] = np.nan
    pixels.flat[np.argmax(digit)] = np.inf
    return Image.fromarray(pixels, mode="F")


CORPUS: dict[str, tuple[Writer, str]] = {
    "zero_bytes.png": (raw(b""), "empty file (0 bytes)"),
    "truncated.png": (raw(truncated_png), "damaged or truncated"),
    "shopping_list.png": (raw(b"eggs, milk, bread\n"), "not an image"),
    "one_pixel.png": (pillow(lambda _: Image.new("L", (1, 1), 255)), BLANK),
    "hairline_strip.png": (pillow(lambda _: Image.new("L", (3000, 1), 255)), BLANK),  # shrunk to nothing: cv2 raised
    # 400 megapixels in a few kilobytes: Pillow's decompression-bomb limit must refuse it
    "bomb.png": (pillow(lambda _: Image.new("1", (20_000, 20_000))), "too large to open safely (400 megapixels;"),
    "sixteen_bit.png": (pillow(lambda d: Image.fromarray(d.astype(np.uint16) * 257)), DIGIT),
    "cmyk.jpg": (pillow(lambda d: Image.fromarray(255 - d).convert("CMYK")), DIGIT),
    "ink_only_in_alpha.png": (pillow(ink_only_in_alpha), DIGIT),
    "rotated_by_exif.jpg": (rotated_by_exif, DIGIT),
    "rotated_by_exif.heic": (rotated_by_exif, DIGIT),  # an iPhone's photo
    "animated.gif": (animation, DIGIT),
    "two_pages.tiff": (animation, DIGIT),  # a scanner's
    "sixteen_bit_scan.tiff": (pillow(lambda d: Image.fromarray(65535 - d.astype(np.uint16) * 257)), DIGIT),
    # 8-bit values kept in a wider integer (numpy's int32 or uint16 saved as they were): not a near-black image
    "eight_bit_in_int32.tiff": (pillow(lambda d: Image.fromarray(d.astype(np.int32))), DIGIT),
    "eight_bit_in_sixteen.png": (pillow(lambda d: Image.fromarray(d.astype(np.uint16))), DIGIT),
    "float_with_gaps.tiff": (pillow(float_with_gaps), DIGIT),
    "pixmap_named_png.png": (raw(pixmap), "not a PNG, JPEG, BMP, GIF, WebP, TIFF or HEIC"),  # a format not opened
}


def write_corpus(folder: Path, digit: np.ndarray) -> dict[Path, str]:
    """Write every file of the corpus for `digit` into `folder`; returns {path: what it must give}."""
    expected = {}
    for name, (write, outcome) in CORPUS.items():
        write(folder / name, digit)
        expected[folder / name] = outcome
    return expected
