"""MNIST-style preprocessing: the properties of MNIST's procedure, checked directly on drawn digits."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image

from digitpad.config import DIGIT_BOX, INK_THRESHOLD, MNIST_STROKE_WIDTHS, MODEL_SIZE
from digitpad.reading.preprocess import (
    ImageError,
    centre_of_mass,
    crop_to_ink,
    ink_map,
    normalise_stroke_width,
    preprocess,
    preprocess_ink,
    resize_by,
    scale_to_digit_box,
    stroke_width,
)
from digitpad.reading.strokes import draw_strokes, fit_strokes, render_canvas

CENTRE = (MODEL_SIZE - 1) / 2


def ink_box(model_input: np.ndarray) -> tuple[int, int]:
    """(height, width) of the bounding box of the ink (pixels above INK_THRESHOLD)."""
    rows, columns = np.nonzero(model_input > INK_THRESHOLD)
    return rows.max() - rows.min() + 1, columns.max() - columns.min() + 1


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Pearson correlation of two images' pixels: 1 for the same picture."""
    return float(np.corrcoef(a.ravel(), b.ravel())[0, 1])


@pytest.fixture(scope="module")
def sample_digits(pen_digits):
    """The first pen-drawn digit of each class."""
    firsts = {}
    for digit in pen_digits:
        firsts.setdefault(digit.label, digit)
    return [firsts[label] for label in range(10)]


@pytest.mark.parametrize("shape", [(9, 13), (20, 2), (2, 20), (20, 1)])  # N x 2: what cv2.moments took for points
def test_centre_of_mass_matches_the_textbook_formula(shape):
    image = np.random.default_rng(0).random(shape).astype(np.float32)
    rows, columns = np.indices(image.shape)
    expected = ((rows * image).sum() / image.sum(), (columns * image).sum() / image.sum())
    assert centre_of_mass(image) == pytest.approx(expected, abs=1e-4)


def test_a_hairline_across_a_big_image_is_read_not_a_crash():
    scan = np.zeros((1500, 1500), np.uint8)
    cv2.line(scan, (0, 0), (1499, 1499), 255, 1)  # 1 px wide: fainter than ink once shrunk to canvas size
    model_input = preprocess(scan)
    assert model_input.shape == (MODEL_SIZE, MODEL_SIZE) and model_input.max() > 0


def test_a_hairline_upright_is_centred_not_a_crash():
    line = np.zeros((18, 2), np.float32)
    line[:, :] = 1.0  # a segment of a number cut down to a 2 px sliver
    model_input = preprocess_ink(line)
    assert centre_of_mass(model_input) == pytest.approx(((MODEL_SIZE - 1) / 2, (MODEL_SIZE - 1) / 2), abs=0.5)


@pytest.mark.parametrize("interpolation", [cv2.INTER_AREA, cv2.INTER_NEAREST])
def test_resize_by_is_cv2s_resize_and_keeps_a_side_cv2_would_shrink_to_nothing(interpolation):
    image = np.random.default_rng(1).random((37, 1234)).astype(np.float32)
    expected = cv2.resize(image, None, fx=0.3241, fy=0.3241, interpolation=interpolation)
    np.testing.assert_array_equal(resize_by(image, 0.3241, interpolation), expected)  # the same pixels, not just size
    strip = image[:1]  # 1 px tall: cv2.resize(fx=0.1) would ask for a 0 px tall result and raise
    assert resize_by(strip, 0.1, interpolation).shape == (1, 123)


def test_output_is_28x28_float_ink_in_unit_range(sample_digits):
    model_input = preprocess(render_canvas(sample_digits[3].strokes))
    assert model_input.shape == (MODEL_SIZE, MODEL_SIZE)
    assert model_input.dtype == np.float32
    assert model_input.min() >= 0.0 and model_input.max() == pytest.approx(1.0, abs=0.05)
    assert model_input[0].max() == 0.0 and model_input[:, 0].max() == 0.0  # paper around the digit


def test_centre_of_mass_is_at_the_centre(sample_digits):
    for digit in sample_digits:
        for centre in [(0.5, 0.5), (0.25, 0.7)]:
            model_input = preprocess(render_canvas(digit.strokes, centre=centre))
            row, column = centre_of_mass(model_input)
            assert abs(row - CENTRE) <= 0.5 and abs(column - CENTRE) <= 0.5, (digit.label, row, column)


def test_longer_side_is_20_pixels(sample_digits):
    for digit in sample_digits:
        for height in (0.3, 0.9):
            canvas = render_canvas(digit.strokes, height_fraction=height)
            assert max(scale_to_digit_box(crop_to_ink(ink_map(canvas))).shape) == DIGIT_BOX
            # after the sub-pixel shift into place the ink still spans 20 px, give or take the pixel it straddles
            assert max(ink_box(preprocess(canvas))) in (DIGIT_BOX, DIGIT_BOX + 1)


def test_aspect_ratio_is_kept():
    canvas = np.zeros((280, 280), dtype=np.uint8)
    canvas[40:200, 100:180] = 255  # a 160 x 80 block of ink: 2:1
    assert scale_to_digit_box(crop_to_ink(ink_map(canvas))).shape == (DIGIT_BOX, DIGIT_BOX // 2)
    height, width = ink_box(preprocess(canvas))
    assert height / width == pytest.approx(2, rel=0.1)


@pytest.mark.parametrize(
    "image",
    [
        np.zeros((280, 280, 4), np.uint8),
        np.full((280, 280, 3), 255, np.uint8),  # white paper, nothing written
        np.pad(np.full((1, 1), 255, np.uint8), 100),  # one speck of dust
        (np.random.default_rng(1).random((280, 280)) * 20).astype(np.uint8),  # faint sensor noise, no ink
        np.full((280, 280, 4), 255, np.uint8),  # the whole canvas inked: no stroke stands out from the rest
        None,  # no image at all
        np.zeros((0, 0, 4), np.uint8),  # no pixels
    ],
    ids=["empty canvas", "blank paper", "one speck", "faint noise", "all ink", "None", "no pixels"],
)
def test_blank_images_give_none(image):
    assert preprocess(image) is None


def test_two_sizes_give_nearly_the_same_input(sample_digits):
    for digit in sample_digits:  # the same drawing, scaled: twice as tall with a twice as wide pen
        small = preprocess(render_canvas(digit.strokes, stroke_width=9, height_fraction=0.3))
        large = preprocess(render_canvas(digit.strokes, stroke_width=18, height_fraction=0.6))
        assert similarity(small, large) > 0.95, digit.label


def test_two_positions_give_nearly_the_same_input(sample_digits):
    for digit in sample_digits:
        top_left = preprocess(render_canvas(digit.strokes, height_fraction=0.4, centre=(0.3, 0.3)))
        bottom_right = preprocess(render_canvas(digit.strokes, height_fraction=0.4, centre=(0.7, 0.7)))
        assert similarity(top_left, bottom_right) > 0.98, digit.label


def test_both_polarities_give_the_same_input(sample_digits):
    canvas = render_canvas(sample_digits[5].strokes)[:, :, :3]
    on_paper = 255 - canvas  # dark ink on white paper, as a scan
    np.testing.assert_allclose(preprocess(on_paper), preprocess(canvas), atol=1e-5)


@pytest.mark.parametrize("paper", [0.35, 0.45, 0.65])
def test_a_dim_scan_and_a_grey_canvas_keep_their_inks_polarity(sample_digits, paper):
    """Dark ink on paper the light left dim (under half bright) is dark ink, and white ink on a light grey canvas
    (over half) light: the ink is what stands out more, whichever side of half the paper is."""
    drawn = render_canvas(sample_digits[3].strokes)[:, :, 0].astype(np.float32) / 255  # 1 ink
    dim_scan = paper * (1.0 - 0.9 * drawn)  # ink at a tenth of the paper's brightness
    grey_canvas = paper + (1.0 - paper) * drawn
    expected = preprocess(drawn)
    for image in (dim_scan, grey_canvas):
        assert similarity(preprocess((image * 255).astype(np.uint8)), expected) > 0.99


@pytest.mark.parametrize("grey", [0.55, 0.65])
def test_a_thin_dark_stroke_on_a_grey_canvas_inside_a_white_margin_is_the_ink(sample_digits, grey):
    """An app's grey canvas on its white page: the margin stands out lighter, over more of the picture than a thin
    stroke stands out darker, and is no ink (a review's made-up drawings: 9 of 236 so read wrong)."""
    drawn = render_canvas(sample_digits[4].strokes, stroke_width=4)[:, :, 0].astype(np.float32) / 255
    canvas = np.pad(grey * (1.0 - 0.9 * drawn), 35, constant_values=1.0)
    assert similarity(preprocess((canvas * 255).astype(np.uint8)), preprocess(drawn)) > 0.99


def test_grayscale_rgb_and_rgba_agree(sample_digits):
    rgba = render_canvas(sample_digits[7].strokes)
    transparent = rgba.copy()
    transparent[:, :, 3] = rgba[:, :, 0]  # ink only in the alpha channel, on a transparent sheet
    transparent[:, :, :3] = 255
    expected = preprocess(rgba[:, :, 0])
    for image in (rgba, rgba[:, :, :3], transparent, rgba[:, :, :1], rgba[:, :, 0].astype(np.float32) / 255):
        np.testing.assert_allclose(preprocess(image), expected, atol=1e-5)


@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.int16, np.uint16, np.uint32])
def test_integer_pixels_are_read_by_their_values_whatever_the_dtype(sample_digits, dtype):
    canvas = render_canvas(sample_digits[4].strokes)[:, :, 0]
    expected = preprocess(canvas)
    # 0-255 in numpy's default int64 (np.zeros(..., int) drawn on with 255) is 8-bit ink, not a black image
    np.testing.assert_allclose(preprocess(canvas.astype(dtype)), expected, atol=1e-5)
    if np.iinfo(dtype).max >= 65535:  # and 16-bit pixels are 16 bits
        np.testing.assert_allclose(preprocess(canvas.astype(dtype) * 257), expected, atol=1e-5)


@pytest.mark.parametrize("dtype", [np.uint8, np.int64])
def test_a_mask_of_0s_and_1s_is_ink_not_a_black_image(sample_digits, dtype):
    canvas = render_canvas(sample_digits[4].strokes)[:, :, 0]
    mask = (canvas > 127).astype(dtype)  # numpy's usual way of making one
    np.testing.assert_allclose(preprocess(mask), preprocess((canvas > 127).astype(np.float32)), atol=1e-5)


def test_floats_a_little_over_1_and_infinities_are_still_0_to_1(sample_digits):
    unit = render_canvas(sample_digits[4].strokes)[:, :, 0].astype(np.float32) / 255
    expected = preprocess(unit)
    noisy = unit * 1.02  # noise over white: 0..1.02
    assert similarity(preprocess(noisy), expected) > 0.99  # its brightest edges clipped to white: a pixel or two
    overflowed = unit.copy()
    overflowed[unit == 1] = np.inf  # a division by zero where the ink is brightest
    np.testing.assert_allclose(preprocess(overflowed), expected, atol=1e-5)


def window_screenshot(digit: np.ndarray, margin: int) -> np.ndarray:
    """`digit` (dark ink on white, grey) as a window's screenshot: RGBA, see-through round it but for a faint black
    shadow (what a Mac saves for a window)."""
    height, width = digit.shape
    shot = np.zeros((height + 2 * margin, width + 2 * margin, 4), np.uint8)
    shot[margin // 2 : -margin // 2, margin // 2 : -margin // 2, 3] = 100  # the shadow: black, 40% opaque
    shot[margin:-margin, margin:-margin, :3] = digit[:, :, None]
    shot[margin:-margin, margin:-margin, 3] = 255
    return shot


def test_a_picture_with_see_through_margins_is_read_on_its_paper(sample_digits):
    on_paper = 255 - render_canvas(sample_digits[7].strokes)[:, :, 0]
    expected = preprocess(on_paper)
    np.testing.assert_allclose(preprocess(window_screenshot(on_paper, 40)), expected, atol=1e-5)
    rounded = np.dstack([on_paper] * 3 + [np.full_like(on_paper, 255)])
    rounded[:20, :20, 3] = rounded[-20:, -20:, 3] = 0  # see-through corners, black beneath
    rounded[:20, :20, :3] = rounded[-20:, -20:, :3] = 0
    np.testing.assert_allclose(preprocess(rounded), expected, atol=1e-5)


@pytest.mark.parametrize("mode", ["L", "RGB", "RGBA", "P", "I;16", "I", "F"])
def test_a_pillow_image_reads_as_the_same_picture_saved_in_a_file_does(sample_digits, mode):
    canvas = render_canvas(sample_digits[9].strokes)[:, :, 0]
    picture = Image.fromarray(canvas).convert(mode) if mode != "I;16" else Image.fromarray(canvas.astype(np.uint16))
    np.testing.assert_allclose(preprocess(picture), preprocess(canvas), atol=1e-5)


def test_a_pillow_image_of_a_truncated_file_is_refused_with_the_reason(sample_digits, tmp_path):
    path = tmp_path / "cut.jpg"
    Image.fromarray(render_canvas(sample_digits[9].strokes)[:, :, 0]).save(path)
    path.write_bytes(path.read_bytes()[:600])  # a download cut short
    with pytest.raises(ImageError, match="damaged or truncated image"):  # was Pillow's OSError
        preprocess(Image.open(path))


def test_a_tiny_digit_in_a_corner_is_scaled_up(sample_digits):
    strokes = fit_strokes(sample_digits[2].strokes, height_fraction=0.1, centre=(0.1, 0.1))
    model_input = preprocess(draw_strokes(strokes, stroke_width=3))
    assert max(ink_box(model_input)) in (DIGIT_BOX, DIGIT_BOX + 1)


@pytest.mark.parametrize(
    "array",
    [
        np.zeros((5, 5, 2)),
        np.zeros((2, 5, 5, 3)),
        np.array([["a", "b"], ["c", "d"]]),
        np.zeros((4, 4), complex),
        np.zeros(10),
        [[0, 255], [255, 0]],
    ],
    ids=["two channels", "four dimensions", "strings", "complex numbers", "one dimension", "a list"],
)
def test_arrays_that_are_not_images_are_refused_with_the_reason(array):
    with pytest.raises(ImageError, match="expected|cannot read pixels"):
        preprocess(array)


def test_stroke_width_of_a_long_bar_is_its_width():
    bar = np.zeros((60, 400), np.float32)
    bar[20:30, 10:390] = 1.0  # 10 px wide, 380 px long
    assert stroke_width(bar) == pytest.approx(10, rel=0.05)


def width_after_preprocessing(model_input: np.ndarray) -> float:
    """Stroke width in the 28 px frame, measured at 4x so the perimeter is not all staircase."""
    return stroke_width(cv2.resize(model_input, (112, 112), interpolation=cv2.INTER_LINEAR)) / 4


@pytest.mark.parametrize(("pen", "height"), [(8, 0.9), (30, 0.3), (18, 0.6)], ids=["fine pen", "fat pen", "default"])
def test_strokes_come_out_about_as_wide_as_mnists(sample_digits, pen, height):
    widths = [width_after_preprocessing(preprocess(render_canvas(d.strokes, pen, height))) for d in sample_digits]
    # Brought into MNIST's 10th-90th percentile (1.71-3.29 px); a fat pen on a small digit, thinned to the 90th, fills
    # its loops, which reads up to a fifth wider
    low, high = MNIST_STROKE_WIDTHS
    assert low <= np.median(widths) <= 1.2 * high, widths


def test_a_fine_and_a_fat_pen_give_similar_inputs(sample_digits):
    similarities = [
        similarity(preprocess(render_canvas(d.strokes, 8, 0.6)), preprocess(render_canvas(d.strokes, 30, 0.6)))
        for d in sample_digits
    ]
    assert np.median(similarities) > 0.85, similarities


def ring(stroke: int) -> np.ndarray:
    """A 0 as a ring 100 px across with strokes `stroke` px wide, cropped to its ink."""
    image = np.zeros((140, 140), np.float32)
    cv2.circle(image, (70, 70), 50 - stroke // 2, 1.0, stroke)
    return crop_to_ink(image)


def test_strokes_within_mnists_range_are_left_as_they_are_and_others_brought_into_it():
    within = ring(12)  # 12 / 100 of the digit: 2.4 px in MNIST's 20 px box
    assert normalise_stroke_width(within) is within
    low, high = MNIST_STROKE_WIDTHS
    for stroke, bound in ((40, high), (3, low)):  # 8 px and 0.6 px in the 20 px box
        brought = normalise_stroke_width(ring(stroke))
        assert stroke_width(brought) / max(brought.shape) * DIGIT_BOX == pytest.approx(bound, abs=0.5), stroke
