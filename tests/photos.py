"""Photos of digits written on paper, made up from pen-drawn digits, for testing and measuring digitpad.reading.photo.

In: a drawing (white ink on black, as digitpad.reading.strokes and tests.drawings draw it; all black for a blank sheet)
and a seed. Out: an [H, W, 3] uint8 RGB "phone photo" of it written in dark ink on lined paper: the sheet lit unevenly
(one side darker than the other, a soft shadow), with ruled lines the ink crosses and a margin line (faint or dark),
a few dark specks, a slight blur and sensor noise. The same drawing, seed and conditions always give the same photo.
Also a number written small in a form's field (form_field_photo), an MNIST digit in one (mnist_field_photo), photos
of no digits at all (scene_photo), any photo made black and white as a scanner app makes it (black_and_white), and a
photo of paper laid small on a 12-megapixel page (small_on_page), one with a ring drawn round its writing
(circled), and one in a form's printed box (boxed).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from digitpad.config import INK_THRESHOLD
from digitpad.reading.preprocess import as_rgb, ink_map
from digitpad.reading.strokes import Stroke, number_strokes, stroke_ink

PAPER = np.array([0.96, 0.94, 0.89])  # reflectance of off-white paper, RGB
INK = np.array([0.10, 0.12, 0.25])  # reflectance of blue-black ballpoint ink
FAINT_BLUE = (0.70, 0.80, 0.95)  # ruled lines as most pads print them, about 0.2 darker than the paper
PINK = (0.95, 0.65, 0.70)  # the margin line near the left edge, about 0.25 darker
DARK_GREY = (0.45, 0.45, 0.50)  # lines printed dark or photographed with harsh contrast, about 0.55 darker
MARGIN_RULE_AT = 0.08  # the margin line's distance from the left edge, as a fraction of the sheet's width
MARGIN = 0.2  # blank paper round the drawing, as a fraction of the drawing's height
SPECK_RADII = (1, 4)  # px, the smallest and largest dark speck


@dataclass(frozen=True)
class Conditions:
    """How the sheet is ruled, soiled, lit and photographed."""

    dimmest: float = 0.4  # brightness of the darkest side of the sheet, the brightest being 1
    shadow: float = 0.35  # how much the shadow blob darkens the sheet at its centre (0: no shadow)
    noise: float = 0.03  # standard deviation of the sensor noise, in 0..1 brightness
    blur: float = 1.0  # px: standard deviation of the lens blur
    rule_spacing: float = 0.25  # distance between ruled lines, as a fraction of the sheet's height; 0: none
    rule_colour: tuple[float, float, float] = FAINT_BLUE  # reflectance, RGB
    margin_colour: tuple[float, float, float] = PINK
    rule_width: int = 2  # px, for both kinds of line
    specks: int = 6  # dark dots on the sheet


UNEVEN = Conditions()  # the tests' sheet: one side at 40% of the other's brightness, a shadow, faint lines, specks
DARK_LINES = Conditions(rule_colour=DARK_GREY, margin_colour=DARK_GREY, rule_width=4)  # as dark as a faint stroke


def random_conditions(rng: np.random.Generator) -> Conditions:
    """Conditions drawn from the ranges benchmarks vary: from an even sheet to one side at 40% of the other."""
    return Conditions(
        dimmest=float(rng.uniform(0.4, 1.0)),
        shadow=float(rng.uniform(0.0, 0.4)),
        noise=float(rng.uniform(0.01, 0.04)),
        blur=float(rng.uniform(0.5, 1.5)),
        rule_spacing=float(rng.choice([0.0, 0.2, 0.3])),
        rule_colour=(FAINT_BLUE, DARK_GREY)[rng.integers(2)],
        margin_colour=(PINK, DARK_GREY)[rng.integers(2)],
        rule_width=int(rng.integers(1, 5)),
        specks=int(rng.integers(0, 10)),
    )


def illumination(shape: tuple[int, int], conditions: Conditions, rng: np.random.Generator) -> np.ndarray:
    """[H, W] brightness of the light falling on the sheet: a linear gradient in a random direction times a shadow."""
    height, width = shape
    rows, columns = np.mgrid[0:height, 0:width].astype(np.float64)
    angle = rng.uniform(0, 2 * np.pi)
    along = np.cos(angle) * columns / width + np.sin(angle) * rows / height  # position along the gradient
    gradient = 1 - (1 - conditions.dimmest) * (along - along.min()) / max(np.ptp(along), 1e-9)
    centre_row, centre_column = rng.uniform(0, height), rng.uniform(0, width)
    spread = rng.uniform(0.2, 0.4) * max(height, width)
    blob = np.exp(-((rows - centre_row) ** 2 + (columns - centre_column) ** 2) / (2 * spread**2))
    return gradient * (1 - conditions.shadow * blob)


def rule_rows(height: int, conditions: Conditions) -> list[int]:
    """The top rows of the ruled lines on a sheet `height` px tall: half a spacing from the top, then every spacing."""
    if conditions.rule_spacing == 0:
        return []
    spacing = conditions.rule_spacing * height
    return [round(row) for row in np.arange(spacing / 2, height, spacing)]


def paper_photo(drawing: np.ndarray, seed: int, conditions: Conditions = UNEVEN, scale: float = 2.0) -> np.ndarray:
    """A drawing as a photo of it written on paper: [H, W, 3] uint8 RGB, the drawing `scale` times its size with
    MARGIN of its height of blank paper all round."""
    rng = np.random.default_rng(seed)
    ink = cv2.resize(ink_map(drawing), None, fx=scale, fy=scale, interpolation=cv2.INTER_LINEAR)
    ink = np.pad(ink, round(MARGIN * ink.shape[0]))
    height, width = ink.shape
    sheet = np.broadcast_to(PAPER, (height, width, 3)).copy()
    for row in rule_rows(height, conditions):
        sheet[row : row + conditions.rule_width] = np.array(conditions.rule_colour) * PAPER
    if conditions.rule_spacing > 0:
        margin_column = round(MARGIN_RULE_AT * width)
        sheet[:, margin_column : margin_column + conditions.rule_width] = np.array(conditions.margin_colour) * PAPER
    for _ in range(conditions.specks):
        centre = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        cv2.circle(sheet, centre, int(rng.integers(*SPECK_RADII, endpoint=True)), INK.tolist(), -1, cv2.LINE_AA)
    # Ink absorbs light on top of whatever is printed on the sheet: reflectances multiply.
    reflectance = sheet * (1 - ink[:, :, None] * (1 - INK))
    photo = reflectance * illumination((height, width), conditions, rng)[:, :, None]
    photo = cv2.GaussianBlur(photo, (0, 0), conditions.blur) + rng.normal(0, conditions.noise, photo.shape)
    return np.round(np.clip(photo, 0, 1) * 255).astype(np.uint8)


SCENES = ("hills", "shapes", "clouds")  # what scene_photo makes


def black_and_white(photo: np.ndarray) -> np.ndarray:
    """A photo ([H, W] or [H, W, 3] uint8) made pure black and white, as a document-scanner app makes it: each pixel's
    darkest channel split at Otsu's threshold. One flat tone of paper, like a drawing's."""
    gray = photo if photo.ndim == 2 else photo.min(axis=2)
    return cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]


def scene_photo(kind: str, seed: int) -> np.ndarray:
    """A made-up 800 x 600 photo that holds no digits, [H, W, 3] uint8 RGB: "hills" (a sky over dark ground with a
    wavy horizon), "shapes" (dark ellipses on a light ground: faces, stones, a cup) or "clouds" (smooth random
    shading), with sensor noise."""
    rng = np.random.default_rng(seed)
    height, width = 600, 800
    rows = np.linspace(0, 1, height)[:, None] * np.ones((1, width))
    if kind == "hills":
        wave = rng.uniform(0.03, 0.15) * np.sin(np.arange(width) / rng.uniform(40, 200) + rng.uniform(0, 6))
        picture = np.where(rows < rng.uniform(0.4, 0.7) + wave, 0.9 - 0.3 * rows, rng.uniform(0.2, 0.5))
    elif kind == "shapes":
        y, x = np.mgrid[:height, :width]
        picture = np.full((height, width), rng.uniform(0.6, 0.9))
        for _ in range(rng.integers(1, 6)):
            cx, cy, ax, ay = rng.uniform(0, width), rng.uniform(0, height), *rng.uniform(15, 250, size=2)
            picture[((x - cx) / ax) ** 2 + ((y - cy) / ay) ** 2 < 1] = rng.uniform(0.1, 0.6)
    else:
        picture = cv2.GaussianBlur(rng.uniform(0.3, 0.9, (height, width)), (0, 0), rng.uniform(8, 40))
        picture = (picture - picture.min()) / np.ptp(picture) * 0.6 + 0.3
    noisy = np.clip(picture + rng.normal(0, 0.02, picture.shape), 0, 1)
    return np.round(np.repeat(noisy[:, :, None], 3, axis=2) * 255).astype(np.uint8)


FIELDS = ("box", "dots", "bare")  # what field_photo writes a number in
FIELD_INKS = ((0.15, 0.20, 0.55), (0.12, 0.12, 0.14), (0.80, 0.20, 0.20))  # blue, black and red ballpoint, RGB
PRINTED = np.array([0.25, 0.25, 0.30])  # a form's printed lines, before light and contrast vary them
WRITTEN = 100  # px: how tall the digits are written before the photo shrinks them
SMALL = (10, 15)  # px: how tall the digits stand in the photo: as on the answer-book covers of ../shared/real


def field_photo(
    number: np.ndarray,
    field: str,
    rng: np.random.Generator,
    tall: tuple[float, float] = SMALL,
    turn: float = 3.0,
    width: int | None = None,
) -> np.ndarray:
    """A number's or a digit's ink ([H, W] float, 1 ink, the digits WRITTEN px tall) written in a `field` of FIELDS (a
    printed box round it, its margins from tight to roomy; a dotted line under it; bare paper), in a crop 2.2-4.5 times
    its height, turned by up to `turn` degrees, lit unevenly across, shrunk till the digits stand `tall` px (from, to),
    lens-blurred, noisy and saved as JPEG: [H, W, 3] uint8 RGB. The crop's width is reckoned from the number's `width`
    as written (default: its ink's)."""
    crop_height = round(WRITTEN * rng.uniform(2.2, 4.5))
    crop_width = round(max((width or number.shape[1]) * rng.uniform(1.3, 2.2), crop_height * rng.uniform(1.2, 2.2)))
    top = round(rng.uniform(0.15, 0.85) * max(crop_height - number.shape[0], 0))
    left = round(rng.uniform(0.1, 0.9) * max(crop_width - number.shape[1], 0))
    ink = np.zeros((crop_height, crop_width), np.float32)
    placed = number[: crop_height - top, : crop_width - left]
    ink[top : top + placed.shape[0], left : left + placed.shape[1]] = placed
    lines = np.zeros_like(ink)
    line_width = max(2, round(rng.uniform(0.06, 0.15) * WRITTEN))
    bottom, right = top + number.shape[0], left + number.shape[1]
    if field == "box":
        corners = [  # margins round the number of 0.1-1 times its height
            (
                max(0, left - round(rng.uniform(0.2, 1.0) * WRITTEN)),
                max(0, top - round(rng.uniform(0.2, 0.8) * WRITTEN)),
            ),
            (
                min(crop_width - line_width, right + round(rng.uniform(0.2, 1.0) * WRITTEN)),
                min(crop_height - line_width, bottom + round(rng.uniform(0.1, 0.8) * WRITTEN)),
            ),
        ]
        cv2.rectangle(lines, *corners, 1.0, line_width)
    elif field == "dots":
        row = min(crop_height - line_width, bottom + round(rng.uniform(-0.1, 0.3) * WRITTEN))
        step = round(rng.uniform(0.15, 0.3) * WRITTEN)
        for column in range(round(rng.uniform(0, step)), crop_width, step):
            cv2.circle(lines, (column, row), line_width // 2 + 1, 1.0, -1, cv2.LINE_AA)
    rotation = cv2.getRotationMatrix2D((crop_width / 2, crop_height / 2), rng.uniform(-turn, turn), 1.0)
    ink, lines = (cv2.warpAffine(layer, rotation, (crop_width, crop_height)) for layer in (ink, lines))
    paper = np.array([0.86, 0.86, 0.90]) * rng.uniform(0.85, 1.05)
    pen_colour, printed = np.array(FIELD_INKS[rng.integers(len(FIELD_INKS))]), PRINTED * rng.uniform(0.6, 1.6)
    reflectance = paper * (1 - ink[..., None] * (1 - pen_colour)) * (1 - lines[..., None] * (1 - printed))
    photo = reflectance * np.linspace(rng.uniform(0.8, 1.0), rng.uniform(0.8, 1.0), crop_width)[None, :, None]
    scale = rng.uniform(*tall) / WRITTEN
    size = (max(1, round(crop_width * scale)), max(1, round(crop_height * scale)))
    photo = cv2.resize(photo.astype(np.float32), size, interpolation=cv2.INTER_AREA)
    photo = cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.3, 0.7)) + rng.normal(0, 0.01, photo.shape)
    return as_jpeg(photo, int(rng.integers(70, 91)))


def as_jpeg(light: np.ndarray, quality: int = 75) -> np.ndarray:
    """[H, W, 3] float RGB, 0..1 (clipped) -> the same saved as JPEG and read back, [H, W, 3] uint8."""
    pixels = np.round(np.clip(light, 0, 1) * 255).astype(np.uint8)
    _, jpeg = cv2.imencode(".jpg", pixels[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, quality])
    return cv2.imdecode(jpeg, cv2.IMREAD_COLOR)[..., ::-1].copy()


def form_field_photo(digits: list[list[Stroke]], field: str, rng: np.random.Generator) -> np.ndarray:
    """A number written small in a form's field, cut from a phone photo of the form (as the answer-book covers of
    ../shared/real are): [H, W, 3] uint8 RGB. The digits, each one pen digit's strokes, are written side by side in
    ballpoint (a pen 4-9% of their height), then photographed in a `field` of FIELDS (field_photo): standing 10-15
    px tall."""
    gaps = list(rng.uniform(-0.05, 0.4, len(digits) - 1))  # a slight overlap to apart
    strokes, (height, width) = number_strokes(digits, WRITTEN, gaps, 0)
    pen = max(2, round(rng.uniform(0.04, 0.09) * WRITTEN))
    number = stroke_ink(strokes, pen, (height + pen + 2, width + pen + 2)).astype(np.float32) / 255
    return field_photo(number, field, rng, width=width)


def written_one() -> np.ndarray:
    """A 1 as ballpoint writes it WRITTEN px tall, one thin stroke leaning a little: [H, W] float32, 1 ink."""
    one = np.zeros((WRITTEN + 10, 30), np.float32)
    cv2.line(one, (18, 5), (12, WRITTEN + 4), 1.0, 5, cv2.LINE_AA)
    return one


def written_digit(digit: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """An MNIST digit ([28, 28] uint8, ink high) as ballpoint writes it WRITTEN px tall: enlarged smoothly, its soft
    edges made sharp, its stroke (12% of the height once enlarged) thinned by up to 6 px: [H, W] float32, 1 ink."""
    rows, columns = np.nonzero(digit > INK_THRESHOLD * 255)
    crop = digit[rows.min() : rows.max() + 1, columns.min() : columns.max() + 1].astype(np.float32) / 255
    scale = WRITTEN / crop.shape[0]
    enlarged = np.pad(cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC), 8)
    edge = rng.uniform(0.3, 0.6)  # where the soft edge is cut: higher, a thinner stroke
    ink = np.clip((enlarged - edge) * 4 + 0.5, 0, 1)
    thinning = int(rng.integers(0, 4))
    if thinning:
        ink = cv2.erode(ink, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * thinning + 1,) * 2))
    return cv2.GaussianBlur(ink, (0, 0), 0.8)


HEIGHTS = (((10, 16), 0.5), ((16, 40), 0.3), ((40, 90), 0.2))  # px tall in the photo, and how often: mostly small


def mnist_field_photo(digit: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, str]:
    """One MNIST digit ([28, 28] uint8) written in ballpoint (written_digit) in a random field of FIELDS, of a random
    height (HEIGHTS), and photographed (field_photo, turned by up to 4 degrees): ([H, W, 3] uint8 RGB, the field)."""
    ranges, shares = zip(*HEIGHTS, strict=True)
    tall = ranges[rng.choice(len(ranges), p=shares)]
    field = FIELDS[rng.integers(len(FIELDS))]
    return field_photo(written_digit(digit, rng), field, rng, tall, turn=4.0), field


DESK_WIDTH = 800  # px: the scene's width once resized
DESK_SHARE = (0.25, 0.6)  # of the scene's width: how wide the sheet lies in it
DESK_TURN = 10.0  # degrees, either way


def on_desk(paper: np.ndarray, desk: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A photo of a sheet lying on something: `paper` (a photo of paper, uint8 as read_image gives it) turned up to
    DESK_TURN degrees and laid at a random place on `desk` (any photo, the same) resized DESK_WIDTH px wide, covering
    DESK_SHARE of its width (less if it would not fit): [H, W, 3] uint8."""
    paper, desk = as_rgb(paper), as_rgb(desk)
    size = (DESK_WIDTH, round(DESK_WIDTH * desk.shape[0] / desk.shape[1]))
    desk = cv2.resize(desk, size, interpolation=cv2.INTER_AREA)
    scale = min(rng.uniform(*DESK_SHARE) * DESK_WIDTH / paper.shape[1], 0.7 * desk.shape[0] / paper.shape[0])
    height, width = round(paper.shape[0] * scale), round(paper.shape[1] * scale)
    left, top = rng.uniform(0, DESK_WIDTH - width), rng.uniform(0, desk.shape[0] - height)
    turn = cv2.getRotationMatrix2D((paper.shape[1] / 2, paper.shape[0] / 2), rng.uniform(-DESK_TURN, DESK_TURN), scale)
    turn[:, 2] += (left + width / 2 - paper.shape[1] / 2, top + height / 2 - paper.shape[0] / 2)  # its centre there
    size = (desk.shape[1], desk.shape[0])
    laid = cv2.warpAffine(paper, turn, size, flags=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
    where = cv2.warpAffine(np.ones(paper.shape[:2], np.float32), turn, size)[:, :, None]
    return np.round(laid * where + desk * (1 - where)).astype(np.uint8)


NOTE_COLOURS = {  # reflectance, RGB, of coloured paper people write numbers on
    "yellow": (1.0, 0.93, 0.45),  # a sticky note
    "pink": (1.0, 0.72, 0.8),
    "blue": (0.65, 0.82, 1.0),
    "green": (0.7, 1.0, 0.6),
}


def tinted(photo: np.ndarray, colour: str) -> np.ndarray:
    """A photo of writing on white paper as if the paper were coloured (NOTE_COLOURS): [H, W, 3] uint8. Ink absorbs
    light whatever the paper under it: reflectances multiply, as in paper_photo."""
    return np.round(as_rgb(photo) * np.array(NOTE_COLOURS[colour])).astype(np.uint8)


def wooden_desk(seed: int = 0) -> np.ndarray:
    """A made-up wooden desk, 600 x 800: brown, its grain dark stripes across it that wander a little."""
    rows, columns = np.mgrid[:600, :800].astype(np.float32)
    grain = np.sin(rows / 5 + 2 * np.sin(columns / 90)) + 0.3 * np.random.default_rng(seed).normal(size=rows.shape)
    return np.clip(np.array([125, 85, 50]) * (1 + 0.2 * grain)[..., None], 0, 255).astype(np.uint8)


def where_on_desk(paper: np.ndarray, desk: np.ndarray, seed: int) -> np.ndarray:
    """[H, W] bool: where on_desk(paper, desk, np.random.default_rng(seed)) lays the sheet."""
    return on_desk(np.full_like(paper, 255), np.zeros_like(desk), np.random.default_rng(seed))[:, :, 0] > 127


def on_its_paper(photo: np.ndarray, shape: tuple[int, int], where: tuple[int, int]) -> np.ndarray:
    """[rows, columns, 3] float32: a page `shape` of `photo`'s own paper tone (its median colour), `photo` ([H, W, 3])
    laid on it with its top left at `where` (row, column)."""
    page = np.empty((*shape, 3), np.float32)
    page[:] = np.median(photo.reshape(-1, 3), axis=0)
    page[where[0] : where[0] + photo.shape[0], where[1] : where[1] + photo.shape[1]] = photo
    return page


def small_on_page(photo: np.ndarray, height: int, frame: tuple[int, int] = (3000, 4000), seed: int = 0) -> np.ndarray:
    """A 12-megapixel phone photo of a whole sheet with a little writing on it: `photo` (of paper, uint8 as read_image
    gives it) resized `height` px tall, in the middle of a `frame` (rows, columns) of its own paper's tone, the light
    falling off by a tenth across it, with sensor noise: [H, W, 3] uint8."""
    photo = as_rgb(photo)
    scale = height / photo.shape[0]
    part = cv2.resize(photo, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    page = on_its_paper(part, frame, ((frame[0] - part.shape[0]) // 2, (frame[1] - part.shape[1]) // 2))
    page *= np.linspace(0.9, 1.0, frame[1], dtype=np.float32)[None, :, None]
    page += np.random.default_rng(seed).normal(0, 3, page.shape).astype(np.float32)
    return np.clip(page, 0, 255).astype(np.uint8)


def circled(photo: np.ndarray, seed: int = 0) -> np.ndarray:
    """A photo of writing on paper with a ring drawn round it in its own darkest ink, by hand: an ellipse with a
    wobble, its end run past its start, on the photo padded with its own paper's tone: [H, W, 3] uint8."""
    rng = np.random.default_rng(seed)
    photo = as_rgb(photo)
    height, width = photo.shape[:2]
    pad = round(0.35 * height)
    page = on_its_paper(photo, (height + 2 * pad, width + 2 * pad), (pad, pad))
    start = rng.uniform(0, 2 * np.pi)
    turn = np.linspace(start, start + 2.12 * np.pi, 400)  # 6% past its start
    wobble = 1 + 0.04 * np.sin(3 * turn + rng.uniform(0, 6)) + 0.02 * np.sin(5 * turn + rng.uniform(0, 6))
    reach = np.array([width / 2, height / 2]) + 0.6 * pad
    points = np.array([pad + width / 2, pad + height / 2]) + reach * wobble[:, None] * np.stack(
        [np.cos(turn), np.sin(turn)], axis=1
    )
    ring = np.zeros(page.shape[:2], np.uint8)
    cv2.polylines(ring, [np.round(points * 4).astype(np.int32)], False, 255, max(2, round(height / 45)), cv2.LINE_AA, 2)
    cover = cv2.GaussianBlur(ring.astype(np.float32) / 255, (0, 0), 0.7)[..., None]
    ink = float(np.percentile(photo.min(axis=2), 1))
    return np.clip(page * (1 - cover) + ink * cover, 0, 255).astype(np.uint8)


def boxed(photo: np.ndarray, seed: int = 0) -> np.ndarray:
    """A photo of writing on paper in a form's printed box, darker than most pens write: the photo padded with its own
    paper's tone by 10-30% of its height, and a box's lines drawn round it within the padding, 2-4% of its height
    thick, their reflectance 15-35% of the paper's: [H, W, 3] uint8."""
    rng = np.random.default_rng(seed)
    photo = as_rgb(photo)
    height, width = photo.shape[:2]
    pad = round(rng.uniform(0.1, 0.3) * height)
    page = on_its_paper(photo, (height + 2 * pad, width + 2 * pad), (pad, pad))
    inset, thick = round(rng.uniform(0.3, 0.8) * pad), max(2, round(height / rng.uniform(25, 50)))
    lines = np.zeros(page.shape[:2], np.float32)
    cv2.rectangle(lines, (inset, inset), (width + 2 * pad - inset, height + 2 * pad - inset), 1.0, thick)
    lines = cv2.GaussianBlur(lines, (0, 0), 0.7)[..., None]
    return np.clip(page * (1 - lines * (1 - rng.uniform(0.15, 0.35))), 0, 255).astype(np.uint8)


def shadowed(photo: np.ndarray, seed: int = 0) -> np.ndarray:
    """A photo of writing on paper with a hard shadow across it, as a phone or a hand held over the page casts: a
    straight edge at any angle through its middle part, the light on one side dimmed to 30-50%, its penumbra 1% of
    the photo's longer side: [H, W, 3] uint8."""
    rng = np.random.default_rng(seed)
    photo = as_rgb(photo).astype(np.float32)
    height, width = photo.shape[:2]
    angle = rng.uniform(0, np.pi)
    through = np.array([width, height]) * rng.uniform(0.35, 0.65, 2)  # a point the edge passes through
    rows, columns = np.mgrid[0:height, 0:width].astype(np.float32)
    across = (columns - through[0]) * np.cos(angle) + (rows - through[1]) * np.sin(angle)  # px from the edge
    penumbra = max(1.0, 0.01 * max(height, width))
    lit = np.clip(0.5 + across / penumbra, 0.0, 1.0)
    dim = rng.uniform(0.3, 0.5)
    return np.clip(photo * (dim + (1 - dim) * lit)[..., None], 0, 255).astype(np.uint8)


def with_a_pen(photo: np.ndarray, seed: int = 0, sheen: float = 0.25) -> np.ndarray:
    """A photo of writing on paper with a pen lying on the page under it, as people put one down to take the photo:
    the photo on a page three times as tall of its own paper's tone, a pen 2.8 times its height long and a fifth of it
    thick (dark, a stripe along it `sheen` of the way to white: a glossy pen's, 0.9) lying up to 25 degrees askew
    below it: [H, W, 3] uint8."""
    rng = np.random.default_rng(seed)
    photo = as_rgb(photo)
    height, width = photo.shape[:2]
    left = (max(width, 3 * height) - width) // 2
    page = on_its_paper(photo, (3 * height, max(width, 3 * height)), (height // 2, left))
    centre = np.array([page.shape[1] / 2, 2.2 * height])
    turn = np.deg2rad(rng.uniform(-25, 25))
    along = 1.4 * height * np.array([np.cos(turn), np.sin(turn)])
    ink = float(np.percentile(photo.min(axis=2), 1))
    for thick, tone in ((0.2, ink), (0.04, sheen * 255 + (1 - sheen) * ink)):  # the body, then its sheen
        ends = np.round(np.array([centre - along, centre + along]) * 4).astype(np.int32)
        cv2.line(page, tuple(ends[0]), tuple(ends[1]), (tone,) * 3, max(1, round(thick * height)), cv2.LINE_AA, 2)
    noise = rng.normal(0, 3, page.shape).astype(np.float32)  # the sensor's, on the page round the photo (a page of
    noise[height // 2 : height // 2 + height, left : left + width] = 0  # one tone is a drawing's)
    return np.clip(page + noise, 0, 255).astype(np.uint8)


LAMP = np.array([1.0, 0.78, 0.5], np.float32)  # a lamp's warm light on white paper, RGB: blue at half, green at 78%


def under_a_lamp(photo: np.ndarray) -> np.ndarray:
    """A photo of writing on paper taken under a lamp's warm light (LAMP), saved as JPEG at quality 75: [H, W, 3]
    uint8."""
    return as_jpeg(as_rgb(photo).astype(np.float32) / 255 * LAMP)


def in_low_light(photo: np.ndarray, seed: int = 0) -> np.ndarray:
    """A photo of writing on paper as a phone takes it in a dim room: exposed at 35-55% of the light, a lamp's warm
    cast (LAMP), its corners 25% dimmer, the sensor's grain (sd 0.03-0.06 of white, a third of it in the colours, over
    about a pixel), saved as JPEG at quality 75: [H, W, 3] uint8."""
    rng = np.random.default_rng(seed)
    light = as_rgb(photo).astype(np.float32) / 255 * rng.uniform(0.35, 0.55) * LAMP
    height, width = light.shape[:2]
    rows, columns = np.mgrid[0:height, 0:width].astype(np.float32)
    light *= (1 - 0.25 * (((columns - width / 2) / (width / 2)) ** 2 + ((rows - height / 2) / (height / 2)) ** 2))[
        ..., None
    ]
    sd = rng.uniform(0.03, 0.06)
    grain = rng.normal(0, sd, (height, width, 1)) + rng.normal(0, sd / 2, (height, width, 3))
    return as_jpeg(light + 1.3 * cv2.GaussianBlur(grain.astype(np.float32), (0, 0), 0.7))
