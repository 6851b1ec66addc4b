"""One way in: any image a user gives (a file for the CLI, an upload on the page) read as what it is.

In: an image's pixels, as digitpad.reading.images reads them, and the loaded models. Out: a Reading: whether the image
is a drawing or a photo of paper, and what it holds: one digit (read as the page reads a single digit), a number of
several (each digit with its box in the image's pixels), something that is not a digit (digitpad.models.nondigit), or
nothing ("blank" for an empty drawing, "no digits" for a photo).

How: a drawing's background is one flat tone, exactly; a photo's or a scan's paper has grain. A flat image read as a
drawing unsurely, with a form's line cut off at its edge, is read as a photo too, and taken so if that reads surely (a
photo a scanner app made black and white). A photo is cleaned into its ink first (digitpad.reading.photo). Then the
number reader (digitpad.models.number) finds the digits. When it finds one, or the bundled classifier reads the whole
image as one digit at SURE_OF_ONE or more (a digit whose strokes came apart, which the number reader may cut in two),
the image is one digit, read as the page reads its canvas: an image of one digit is read as it was before this reader
existed. It is a number after all when that one digit is "not a digit", or when the digits found are separate pieces of
ink in a row ROW_ASPECT times wider than tall (a clear "44" reads as one 4 at 0.92). In a photo it is a number too when
the digits found were cut out of one piece of ink (two digits touching: a "44" read whole as a 4 at 0.96; the piece
judge learnt what photos' ink looks like), or when each reads surer than the whole read as one. A photo's one piece of
ink that is "not a digit", or ROW_ASPECT times wider than tall and read under WIDE_UNSURE, is read as its best cut
instead when it is wide enough to cut: two digits written touching, which the piece judge took for one whole (a tuning
"10" read as nothing, a "50" as an 8 at 0.45); so is one at least CUT_ASPECT times wider than tall whose cut's digits
each read surer than the whole. Last, a photo's one piece of ink is read whole by the pair reader
(digitpad.models.pairs), and taken as its two digits when it is sure of them and all but rules out what was read: two
digits overlapping, which no cut parts. A photo's number whose digits do not look like digits to the "not a digit"
judge, on average, holds none: a photo of a face or a landscape. So does one whose digits are on no paper: the photo is
not mostly paper (digitpad.reading.photo.paper_darkness), and nor is what lies round the digits. A drawing's number
whose digits do not look like digits is not a digit: a word written. The caller may say what the image is instead (the
CLI's flags).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from digitpad.config import (
    CUT_ASPECT,
    DRAWING_WORKING_SIZE,
    FLAT_BACKGROUND,
    FLAT_BAR_UNSURE,
    FLAT_UNSURE,
    INK_THRESHOLD,
    MODEL_PATH,
    PAIR_DOUBT,
    PAIR_SURE,
    PHOTO_NOT_PAPER,
    PHOTO_PAPER_ROUND,
    PHOTO_TILT_SIZE,
    PHOTO_UNDONE_SURE,
    PHOTO_WORKING_SIZE,
    ROW_ASPECT,
    SURE_OF_ONE,
    WIDE_UNSURE,
)
from digitpad.models.classifier import DigitClassifier, Prediction
from digitpad.models.nondigit import load_nondigit_model
from digitpad.models.number import NumberReading, read_number
from digitpad.models.pairs import Pair, PairReader
from digitpad.models.pieces import PieceJudge
from digitpad.reading.paper_lines import bar_at_edge, boxes_in_a_row, line_at_edge
from digitpad.reading.photo import clean_photo, dim_room_undone, paper_darkness, writing_window
from digitpad.reading.preprocess import (
    OPAQUE,
    as_unit_float,
    checked_pixels,
    ink_map,
    preprocess,
    preprocess_ink,
    resize_by,
)
from digitpad.reading.segment import Segment, digits_only, segment_digits
from digitpad.reading.sheet import sheet_alone, sheet_in

KINDS = ("drawing", "photo")


@dataclass(frozen=True)
class Reading:
    kind: str  # "drawing" or "photo"
    digits: NumberReading  # every digit found, left to right, boxes in the image's pixels
    single: Prediction | None  # the single-digit reading, when the image holds exactly one digit
    ink: np.ndarray | None = None  # a photo's ink as digitpad.reading.photo cleaned it (what the digits were read from)
    digits_unlike: bool = False  # a drawing's digits do not look like digits to the "not a digit" judge: a word

    @property
    def number(self) -> str | None:
        """The digits read, as a string; None when there are none, or what there is is not a digit."""
        if self.single:
            return str(self.single.digit) if self.single.is_digit else None
        return None if self.digits_unlike else self.digits.number

    @property
    def verdict(self) -> str:
        """What it holds: "digit", "number", or else "not a digit", "blank" (a drawing) or "no digits" (a photo)."""
        if self.single:
            return self.single.verdict
        if self.digits_unlike:
            return "not a digit"
        if self.digits.predictions:
            return "number"
        return "blank" if self.kind == "drawing" else "no digits"


@dataclass(frozen=True)
class Reader:
    """The models a reading takes, loaded once: the bundled classifier for single digits, number mode's pair of
    classifiers and its piece judge for numbers, and the pair reader for a photo's one piece of ink."""

    classifier: DigitClassifier  # with its "not a digit" judge
    number_classifier: DigitClassifier
    judge: PieceJudge
    pairs: PairReader

    @classmethod
    def load(cls, path: Path | str = MODEL_PATH) -> Reader:
        """The bundled models, the digit model from `path`; raises digitpad.models.model.ModelError if one is
        unusable."""
        pair = DigitClassifier.for_numbers(path)
        single = DigitClassifier(pair.models[0], judge=load_nondigit_model())
        return cls(single, pair, PieceJudge.load(), PairReader.load())

    def read(self, image: np.ndarray | Image.Image, kind: str | None = None, several: bool | None = None) -> Reading:
        """Read `image` as `kind` (default: as it looks) holding one digit (several=False), several (True) or as many
        as it shows (None). Raises digitpad.reading.preprocess.ImageError for an array that cannot be an image."""
        image = checked_pixels(image)  # a Pillow image read as its file's pixels are
        if kind not in (None, *KINDS):
            raise ValueError(f"kind must be one of {', '.join(map(repr, KINDS))} or None (as it looks), not {kind!r}")
        if kind is not None:
            return self.read_as(image, kind, several)
        flat = flat_ink(image)
        reading = self.read_as(image, kind_of_flat(flat), several)
        sure = lowest_confidence(reading)
        # A photo a scanner app made black and white, read unsure: a drawing's one flat tone, and a form's line cut at
        # its edge. Or a screenshot of a drawing app, read unsure: its bars and palette round the drawing, read as
        # digits with it ("5" at 0.78 for a 602), which a photo's cleaning takes away. Read as a photo too: that, if
        # surer and sure.
        scanned, app = sure < FLAT_UNSURE, sure < FLAT_BAR_UNSURE  # unsure enough to look for a line, for a bar
        if reading.kind == "drawing" and ((scanned and line_at_edge(flat)) or (app and bar_at_edge(flat))):
            as_photo = self.read_as(image, "photo", several)
            return as_photo if lowest_confidence(as_photo) >= max(FLAT_UNSURE, sure) else reading
        return reading

    def read_as(self, image: np.ndarray, kind: str, several: bool | None) -> Reading:
        """Read `image` as `kind` ("drawing" or "photo"), `several` as read() says. A number whose digits do not look
        like digits to the "not a digit" judge (DigitClassifier.look_like_digits) is none: in a photo, a face, a cat or
        a landscape leaves pieces of ink the number reader reads as digits one by one, and it holds no digits; a
        drawing's is a word written, and is not a digit. A photo read unsure (under PHOTO_UNDONE_SURE) or as no digits,
        as a dim room leaves it, is read again with its grain and its lamp's colour cast taken away
        (digitpad.reading.photo.dim_room_undone). If it was grainy, that reading is taken when surer: the grain was
        taken for specks or a scene's texture, but a small digit's strokes may go with it (a form's 10-15 px digits).
        If it only had the cast, that reading is taken only when PHOTO_UNDONE_SURE sure. A grainy photo larger than
        PHOTO_WORKING_SIZE is read without its grain first, and its own pixels only if that is unsure: a 12-megapixel
        photo's own reading takes 0.4-0.9 s, and a dim room's grain leaves it as nothing nine times in ten."""
        if kind != "photo":
            return self.judged_as(image, kind, several)
        large = max(image.shape[:2]) > PHOTO_WORKING_SIZE
        undone = dim_room_undone(image) if large else None
        if undone is not None and undone.grainy:  # its own pixels read only if the grainless reading is unsure
            again = self.judged_as(undone.brightness, kind, several)
            if lowest_confidence(again) >= PHOTO_UNDONE_SURE:
                return again
            reading = self.judged_as(image, kind, several)
            return again if lowest_confidence(again) > lowest_confidence(reading) else reading
        reading = self.judged_as(image, kind, several)
        if lowest_confidence(reading) >= PHOTO_UNDONE_SURE:
            return reading
        undone = undone if large else dim_room_undone(image)
        if undone is None:
            return reading
        again = self.judged_as(undone.brightness, kind, several)
        if undone.grainy:
            return again if lowest_confidence(again) > lowest_confidence(reading) else reading
        return again if lowest_confidence(again) >= PHOTO_UNDONE_SURE else reading

    def judged_as(self, image: np.ndarray, kind: str, several: bool | None) -> Reading:
        """What read_as finds in `image`, its number judged (DigitClassifier.look_like_digits) unless the pair reader
        reads it so (pair_reads_it), as it is."""
        reading = self.found_as(image, kind, several)
        if reading.single is None and reading.digits.predictions:
            if not self.classifier.look_like_digits(reading.digits.model_inputs) and not self.pair_reads_it(reading):
                if kind == "photo":
                    return replace(reading, digits=NumberReading([], [], reading.digits.segments))
                return replace(reading, digits_unlike=True)
        return reading

    def found_as(self, image: np.ndarray, kind: str, several: bool | None) -> Reading:
        """What read_as finds in `image` before the judge looks at a photo's number. A photo of a sheet lying on a desk
        is read as the sheet alone (digitpad.reading.sheet), its digits' boxes in the whole photo's pixels, unless no
        digit is read on it. Digits read on no paper are none (on_no_paper); the cleaned ink is kept, for the page."""
        sheet = sheet_in(image) if kind == "photo" else None
        paper = image if sheet is None else sheet_alone(image, sheet)
        reading = self.found_closer(paper, kind, several)
        if sheet is not None and reading.number is None:  # no digit on it: a blank strip of a form taken for a sheet
            sheet, paper = None, image
            reading = self.found_closer(paper, kind, several)
        if kind == "photo" and on_no_paper(paper, reading.digits):
            reading = replace(reading, digits=NumberReading([], [], reading.digits.segments), single=None)
        return reading if sheet is None else moved(reading, *sheet.box[:2])

    def found_closer(self, paper: np.ndarray, kind: str, several: bool | None) -> Reading:
        """What found_as finds in a photo all paper: in the part its writing is in, read alone, when the writing is
        small in a large photo (digitpad.reading.photo.writing_window), unless no digit is read there; boxes in the
        photo's own pixels."""
        cleaned = clean_photo(paper) if kind == "photo" else None
        window = None if cleaned is None else writing_window(paper, cleaned)
        if window is not None:
            top, left, bottom, right = window
            reading = self.found_in(paper[top:bottom, left:right], kind, several)
            if reading.number is not None:
                return moved(reading, left, top)
        return self.found_in(paper, kind, several, cleaned)

    def found_in(
        self, image: np.ndarray, kind: str, several: bool | None, cleaned: np.ndarray | None = None
    ) -> Reading:
        """What found_as finds in an image that is all paper (its ink `cleaned` by clean_photo, if already), or a
        drawing."""
        if kind == "photo" and cleaned is None:
            cleaned = clean_photo(image)
        # A photo's ink without what is no digit of it (specks, a tick, a scrap of the line above: digits_only)
        ink = np.round(255 * digits_only(cleaned)).astype(np.uint8) if kind == "photo" else None
        # A drawing longer than DRAWING_WORKING_SIZE: its ink, made once, is searched for digits smaller (the cuts
        # searched grow with its pixels) and read whole as one digit
        large = ink is None and max(checked_pixels(image).shape[:2]) > DRAWING_WORKING_SIZE
        drawn = ink_map(image) if large else None
        digits = self.number_in(image, ink if drawn is None else shrunk(drawn))
        if several:  # a number, whatever it holds: no single-digit reading to make
            return Reading(kind, digits, None, ink)
        if ink is not None:
            model_input = preprocess_ink(ink.astype(np.float32) / 255)
        else:
            model_input = preprocess(image) if drawn is None else preprocess_ink(drawn)
        single = None if model_input is None else self.classifier.predict(model_input)
        found = len(digits.predictions)
        if several is None:  # one digit unless the number reader finds several and the classifier is unsure of one
            several = found > 1 and (single is None or single.confidence < SURE_OF_ONE or not single.is_digit)
            several |= found > 1 and digits.segments > 1 and digits.aspect >= ROW_ASPECT  # apart, in a row: "44"
            # A photo's one piece of ink that the number reader cut: digits touching, not a digit's strokes apart
            several |= kind == "photo" and found > 1 and digits.segments == 1
            # A photo's digits each read surer than the whole read as one: two touching ("97" read as a 9 at 0.94)
            several |= kind == "photo" and found > 1 and single is not None and surer_apart(digits, single)
            several |= found == 0 and kind == "photo"  # what the number reader finds no digit in holds none
            if kind == "photo" and found == 1 and single is not None:  # one piece of ink: two digits touching?
                unsure = digits.aspect >= ROW_ASPECT and single.confidence < WIDE_UNSURE  # of a piece that wide
                trust_cut = unsure or not single.is_digit  # no digit read surely whole: its best cut instead
                if trust_cut or digits.aspect >= CUT_ASPECT:  # as wide as tall: its cut, if each digit reads surer
                    cut = self.number_in(image, ink, cut=True)
                    if len(cut.predictions) > 1 and (trust_cut or surer_apart(cut, single)):
                        digits, several = cut, True
            if kind == "photo" and digits.segments == 1:  # one piece of ink: two digits overlapping, uncut?
                return self.as_pair(image, Reading(kind, digits, None if several else single, ink))
        return Reading(kind, digits, None if several else single, ink)

    def as_pair(self, image: np.ndarray, reading: Reading) -> Reading:
        """A photo's one piece of ink read whole by the pair reader, when it reads two digits at PAIR_SURE or more, or
        surer than the least sure of the two `reading` cut it into, and finds `reading`, of two digits at most, under
        PAIR_DOUBT likely: two digits overlapping, which no cut parts (a "50" whose 5 runs into its 0, read as "53",
        or cut as "27", each digit 0.25 sure)."""
        whole = self.piece_read_whole(reading)
        if whole is None:
            return reading
        piece, pair = whole
        doubted = len(reading.number or "") <= 2 and pair.probability(reading.number) < PAIR_DOUBT
        surer = len(reading.number or "") == 2 and pair.confidence > lowest_confidence(reading)
        if len(pair.number) < 2 or not (pair.confidence >= PAIR_SURE or surer) or not doubted:
            return reading
        return replace(reading, digits=in_image(pair.as_number(piece), image, reading.ink), single=None)

    def pair_reads_it(self, reading: Reading) -> bool:
        """Whether `reading`, a photo's two digits cut from its one piece of ink, is what the pair reader reads that
        piece as, PAIR_SURE sure: a "10" whose 1 touches its 0 is cut through the 0, and its 1, with the 0's edge,
        looks unlike a digit to the "not a digit" judge, but the piece is no scene's."""
        if reading.kind != "photo" or reading.digits.segments != 1 or len(reading.number or "") != 2:
            return False
        whole = self.piece_read_whole(reading)
        return whole is not None and whole[1].number == reading.number and whole[1].confidence >= PAIR_SURE

    def piece_read_whole(self, reading: Reading) -> tuple[Segment, Pair] | None:
        """The one piece of a photo's ink, and the pair reader's reading of it whole; None if its ink is not one
        piece."""
        pieces = segment_digits(reading.ink)
        return (pieces[0], self.pairs.read(pieces[0].ink)) if len(pieces) == 1 else None

    def number_in(self, image: np.ndarray, ink: np.ndarray | None, cut: bool = False) -> NumberReading:
        """The number reader's digits in a drawing, or in `ink` made of the image (a photo's cleaned, a large
        drawing's shrunk), boxes in the image's own pixels."""
        digits = read_number(self.number_classifier, self.judge, image if ink is None else ink, cut)
        return digits if ink is None else in_image(digits, image, ink)


def on_no_paper(photo: np.ndarray, digits: NumberReading) -> bool:
    """Whether `digits`, read in `photo`, were read on something other than paper: the photo is not mostly paper
    (digitpad.reading.photo.paper_darkness over PHOTO_NOT_PAPER: a face, a cat, a landscape), and nor is what lies
    round the digits, out to PHOTO_PAPER_ROUND of their height (a note on a gravel path whose sheet was not found)."""
    if not digits.boxes or paper_darkness(photo) <= PHOTO_NOT_PAPER:
        return False
    left, top, right, bottom = digits.span
    margin = round(PHOTO_PAPER_ROUND * (bottom - top))
    around = checked_pixels(photo)[max(0, top - margin) : bottom + margin, max(0, left - margin) : right + margin]
    return paper_darkness(around) > PHOTO_NOT_PAPER


def moved(reading: Reading, x: int, y: int) -> Reading:
    """`reading` of a part of an image whose top left is at (x, y) in it, its digits' boxes in the image's px."""
    boxes = [(left + x, top + y, width, height) for left, top, width, height in reading.digits.boxes]
    return replace(reading, digits=replace(reading.digits, boxes=boxes))


def shrunk(drawn: np.ndarray) -> np.ndarray:
    """A large drawing's ink map ([H, W] float32, ink_map's) at DRAWING_WORKING_SIZE px long, as uint8 255 on 0."""
    scale = DRAWING_WORKING_SIZE / max(drawn.shape)
    return np.round(255 * resize_by(drawn, scale, cv2.INTER_AREA)).astype(np.uint8)


def in_image(digits: NumberReading, image: np.ndarray, ink: np.ndarray) -> NumberReading:
    """`digits` read from an image's `ink` (clean_photo's, or a large drawing's, resized), boxes in its own pixels:
    inside it, and never of no size (a digit found in an image 1 px tall is 1 px tall)."""
    scale, (height, width) = max(image.shape[:2]) / max(ink.shape), image.shape[:2]

    def placed(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        x, y, w, h = (round(side * scale) for side in box)
        x, y = min(x, width - 1), min(y, height - 1)
        return x, y, max(1, min(w, width - x)), max(1, min(h, height - y))

    return replace(digits, boxes=[placed(box) for box in digits.boxes])


def kind_of(image: np.ndarray) -> str:
    """ "drawing" when the image's background is one flat tone (flat_ink) and its ink is no row of boxes (a form
    scanned to black and white: boxes_in_a_row); else "photo"."""
    return kind_of_flat(flat_ink(image))


def kind_of_flat(ink: np.ndarray | None) -> str:
    """kind_of, given the image's flat_ink."""
    return "photo" if ink is None or boxes_in_a_row(ink) else "drawing"


def flat_ink(image: np.ndarray) -> np.ndarray | None:
    """A flat image's ink, [H, W] bool, on a thumbnail up to PHOTO_TILT_SIZE px long: what differs from its one tone
    (a share FLAT_BACKGROUND of its pixels or more are exactly its most common tone); a transparent drawing's is left
    unlooked at (empty). None when the background is not flat: a photo."""
    pixels = checked_pixels(image)  # tones 0..255; a photo file's bytes as they are, for speed
    tones = pixels if pixels.dtype == np.uint8 else np.round(as_unit_float(pixels) * 255).astype(np.uint8)
    if tones.ndim == 3 and tones.shape[2] == 4 and tones[:, :, 3].min() < OPAQUE * 255:
        return np.zeros((1, 1), bool)
    if tones.ndim == 3:
        tones = cv2.cvtColor(np.ascontiguousarray(tones[:, :, :3]), cv2.COLOR_RGB2GRAY)
    counts = tone_counts(tones)
    if counts.max() < FLAT_BACKGROUND * tones.size:
        return None
    paper = int(np.argmax(counts))
    _, ink = cv2.threshold(cv2.absdiff(tones, paper), INK_THRESHOLD * max(paper, 255 - paper), 255, cv2.THRESH_BINARY)
    scale = min(1.0, PHOTO_TILT_SIZE / max(ink.shape))  # any ink under a thumbnail's pixel is ink: lines stay whole
    return resize_by(ink, scale, cv2.INTER_AREA) > 0


def tone_counts(tones: np.ndarray) -> np.ndarray:
    """[H, W] uint8 -> [256] int64: how many pixels hold each tone. OpenCV's histogram, in a third of np.bincount's
    time (12 ms against 40 for 12 megapixels), counted in slices of rows under 2**24 pixels, which its float32 counts
    hold exactly."""
    rows = max(1, (1 << 24) // max(1, tones.shape[1]))
    slices = (np.ascontiguousarray(tones[top : top + rows]) for top in range(0, tones.shape[0], rows))
    counted = (cv2.calcHist([part], [0], None, [256], [0, 256]).ravel().astype(np.int64) for part in slices)
    return sum(counted, np.zeros(256, np.int64))


def lowest_confidence(reading: Reading) -> float:
    """How sure a reading is of its digits: the least sure digit's confidence; 0 for no digit, or not a digit."""
    if reading.single:
        return reading.single.confidence if reading.single.is_digit else 0.0
    return min((prediction.confidence for prediction in reading.digits.predictions), default=0.0)


def surer_apart(digits: NumberReading, single: Prediction) -> bool:
    """Whether each digit the number reader found reads surer than the whole image read as one digit."""
    return min((prediction.confidence for prediction in digits.predictions), default=0.0) > single.confidence
