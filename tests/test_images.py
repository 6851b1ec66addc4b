"""Reading image files: every supported format the right way up; anything else refused with a one-line reason."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from digitpad.images import ImageReadError, read_image

DIGIT = np.zeros((40, 30), np.uint8)
DIGIT[5:35, 12:18] = 255  # a white "1" on black


@pytest.mark.parametrize("extension", ["png", "jpg", "bmp", "gif", "webp"])
def test_supported_formats_read_back(tmp_path, extension):
    path = tmp_path / f"digit.{extension}"
    Image.fromarray(DIGIT).save(path)
    pixels = read_image(path)
    assert pixels.shape[:2] == DIGIT.shape
    gray = pixels if pixels.ndim == 2 else pixels[:, :, 0]  # palette formats come back as RGB
    assert np.abs(gray.astype(int) - DIGIT).mean() < 3  # lossy formats stay close


def test_sixteen_bit_png_is_scaled_to_eight_bits(tmp_path):
    path = tmp_path / "deep.png"
    Image.fromarray(DIGIT.astype(np.uint16) * 257).save(path)
    np.testing.assert_array_equal(read_image(path), DIGIT)


def test_exif_rotation_is_applied(tmp_path):
    path = tmp_path / "rotated.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: the camera was turned; show it rotated 90 degrees clockwise
    Image.fromarray(DIGIT).save(path, exif=exif)
    assert read_image(path).shape == (30, 40)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "no such file"),
        (b"", "empty file"),
        (b"this is not a picture", "not an image"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x10", "damaged or truncated"),
    ],
    ids=["missing", "zero bytes", "text named .png", "truncated png"],
)
def test_unreadable_files_give_a_reason(tmp_path, content, reason):
    path = tmp_path / "digit.png"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ImageReadError, match=reason):
        read_image(path)


def test_unsupported_format_is_refused(tmp_path):
    path = tmp_path / "digit.tiff"
    Image.fromarray(DIGIT).save(path)
    with pytest.raises(ImageReadError, match="not a PNG, JPEG, BMP, GIF or WebP"):
        read_image(path)


def test_decompression_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.png"
    Image.new("1", (20_000, 20_000)).save(path)  # 400 megapixels, a few kilobytes on disk
    with pytest.raises(ImageReadError, match="too large"):
        read_image(path)
