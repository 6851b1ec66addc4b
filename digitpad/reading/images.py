"""Reading image files safely.

In: a path (or bytes) of a PNG, JPEG, BMP, GIF, WebP, TIFF or HEIC file. Out: a grayscale [H, W] or RGB(A) [H, W, C]
uint8 array the right way up (EXIF orientation applied; the first frame of an animation, the first page of a
multi-page scan), or ImageReadError with a reason a person can act on. Only those formats are opened, and Pillow's
decompression-bomb limit stays on. TIFF is what scanners write; HEIC is what iPhones take photos in (pillow-heif
decodes it for Pillow). A folder given where files are expected stands for the image files in it and its subfolders
(image_files).
"""

from __future__ import annotations

import io
import os
import re
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

register_heif_opener()  # Pillow opens HEIC (and HEIF) files as the format "HEIF"

SUPPORTED_FORMATS = ("PNG", "JPEG", "BMP", "GIF", "WEBP", "TIFF", "HEIF")
SUPPORTED_NAMES = "PNG, JPEG, BMP, GIF, WebP, TIFF or HEIC"
EMPTY = "empty file (0 bytes)"
FOLDER_WITHOUT_IMAGES = f"a folder with no {SUPPORTED_NAMES} files in it or its subfolders"
# file names the page's uploader takes, and the CLI reads in a folder (.jfif, .jpe: JPEG as Windows browsers save it)
SUPPORTED_EXTENSIONS = ("png", "jpg", "jpeg", "jfif", "jpe", "bmp", "gif", "webp", "tif", "tiff", "heic", "heif")


class ImageReadError(Exception):
    """A file that is not a readable image. str() is one line: the reason, without the path."""


def white_value(pixels: np.ndarray) -> float:
    """The value of white in integer pixels: 65535 (16 bits), unless every value fits in 8 bits, as a program that
    saved 8-bit pixels as they were (or numpy's default int64) has them: then 255, not a black image."""
    return 255.0 if pixels.dtype == np.uint8 or pixels.max(initial=0) <= 255 else 65535.0


def to_array(image: Image.Image) -> np.ndarray:
    """A decoded Pillow image -> uint8 array: L, RGB or RGBA, whatever mode it came in (16-bit, CMYK, palette...)."""
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "F"):  # 16-bit or float grayscale: rescale to 8 bits
        wide = np.asarray(image, dtype=np.float64)
        if image.mode == "F":  # floats: white is the largest finite value (1.0 at least); no value (NaN) is black
            top = max(float(wide[np.isfinite(wide)].max(initial=0.0)), 1.0)
            wide = np.nan_to_num(wide, nan=0.0, posinf=top, neginf=0.0)
        else:
            top = white_value(wide)
        return np.clip(wide / top * 255.0 + 0.5, 0, 255).astype(np.uint8)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    return np.asarray(image.convert("RGBA" if has_alpha else "L" if image.mode in ("1", "L") else "RGB"))


def decode(
    source: Path | io.BytesIO, formats: tuple[str, ...] = SUPPORTED_FORMATS, largest: tuple[int, int] | None = None
) -> np.ndarray:
    """Open, check and decode an image from a path or a byte stream: one of `formats` (Pillow's names), no wider or
    taller than `largest` (width, height) if given, which is checked before its pixels are decoded."""
    with warnings.catch_warnings():
        # Above Pillow's pixel limit it only warns; a bomb must be refused like one past twice the limit.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(source, formats=formats) as image:
                if largest is not None and (image.width > largest[0] or image.height > largest[1]):
                    size = f"{image.width} x {image.height} px"
                    raise ImageReadError(f"{size}, larger than {largest[0]} x {largest[1]} px") from None
                image.seek(0)  # an animation: its first frame; a multi-page scan: its first page
                image.load()
                return to_array(ImageOps.exif_transpose(image))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            size = re.search(r"\((\d+) pixels\)", str(error))  # Pillow names the image's size, not its sides
            pixels = f"{int(size.group(1)) / 1e6:,.0f} megapixels; " if size else ""
            limit = f"at most {Image.MAX_IMAGE_PIXELS / 1e6:.0f} megapixels are read"
            raise ImageReadError(f"image too large to open safely ({pixels}{limit})") from None
        except UnidentifiedImageError:
            names = SUPPORTED_NAMES if formats == SUPPORTED_FORMATS else " or ".join(formats)
            raise ImageReadError(f"not an image, or not a {names} file") from None
        except (OSError, ValueError, SyntaxError, EOFError) as error:
            raise ImageReadError(f"damaged or truncated image ({error})") from None


def image_files(paths: list[str]) -> list[str]:
    """The paths given, each folder among them replaced by the image files in it and its subfolders, by path (a
    folder's own files and subfolders in one order: a/1.png, a/b/2.png, a/c.png), each the folder as given joined to
    the file's place in it. A folder with none stays, for read_image to say so."""
    listed = []
    for path in paths:
        inside = sorted(folder_images(Path(path))) if Path(path).is_dir() else []
        listed.extend(inside or [path])
    return listed


def folder_images(folder: Path) -> list[str]:
    """Every image file under `folder`; a subfolder that cannot be listed is passed over, and a link to a folder is
    not followed (one that points up its own tree would never end)."""
    return [str(Path(inside, name)) for inside, _, names in os.walk(folder) for name in names
            if is_image_name(Path(inside, name))]  # fmt: skip


def is_image_name(path: Path) -> bool:
    return path.is_file() and path.suffix.lower().lstrip(".") in SUPPORTED_EXTENSIONS


def read_image(path: Path) -> np.ndarray:
    """An image file -> uint8 array; ImageReadError if it is missing, empty or not a supported, intact image."""
    check_file(path)
    return decode(path)


def check_file(path: Path) -> None:
    """ImageReadError if `path` is missing, not a file or empty: what is known without opening it."""
    if not path.exists():
        raise ImageReadError("no such file")
    if not path.is_file():
        raise ImageReadError(FOLDER_WITHOUT_IMAGES if path.is_dir() else "not a file")
    if path.stat().st_size == 0:
        raise ImageReadError(EMPTY)


def read_upload(content: bytes) -> np.ndarray:
    """An uploaded file's bytes -> uint8 array, with read_image's checks."""
    if not content:
        raise ImageReadError(EMPTY)
    return decode(io.BytesIO(content))
