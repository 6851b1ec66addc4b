"""Every tunable number and path of digitpad, in one place, with its unit and the evidence for it.

Nothing comes in; constants go out. Other modules import from here instead of writing literals.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# --- Where things live --------------------------------------------------------------------------------------------
REPO_ROOT = Path(__file__).resolve().parent.parent  # a checkout (or `pip install -e .`): app.py, models/ and deploy/
# A wheel (`pip install .`) carries app.py, models/ and deploy/ inside the package (pyproject.toml's force-include), and
# keeps what digitpad writes (users' answers, comparison runs) in the user's home, not in site-packages.
BUNDLE = Path(__file__).resolve().parent / "bundle"
INSTALLED = BUNDLE.is_dir()
PRODUCT_ROOT = BUNDLE if INSTALLED else REPO_ROOT  # where app.py, models/ and deploy/ are
WRITE_ROOT = Path.home() / ".digitpad" if INSTALLED else REPO_ROOT  # where feedback/ and runs/ go
BUNDLED_MODELS = PRODUCT_ROOT / "models"  # the trained models that ship, each with its card
MODEL_PATH = Path(os.environ.get("DIGITPAD_MODEL", BUNDLED_MODELS / "digitpad.keras"))
MNIST_ENV = "DIGITPAD_MNIST"  # path to an npz with Keras' MNIST keys; unset: Keras' own download
# ...from here, checked against Keras' own sha256 (keras.datasets.mnist): a cached copy cut short is downloaded again
MNIST_DOWNLOAD = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
MNIST_DOWNLOAD_SHA256 = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
STROKES_ENV = "DIGITPAD_STROKES"  # path to pendigits_train.json (pen trajectories); used by tests and benchmarks
REAL_ENV = "DIGITPAD_REAL"  # folder of real photos, scans and drawings with manifest.csv (../shared/real)
REQUIRE_DATA_ENV = "DIGITPAD_REQUIRE_DATA"  # "1" in CI: a missing data file fails the tests instead of skipping
RETRAIN_COMMAND = "digitpad train" if INSTALLED else "python train_model.py"

# --- Image geometry (pixels) ----------------------------------------------------------------------------------------
CANVAS_SIZE = 280  # the page's square drawing canvas
MODEL_SIZE = 28  # MNIST's image side: the model's input is MODEL_SIZE x MODEL_SIZE
DIGIT_BOX = 20  # MNIST scales each digit so its longer side is 20 px, then centres its mass in 28 x 28
NUM_CLASSES = 10

# --- Preprocessing ------------------------------------------------------------------------------------------------
INK_THRESHOLD = 0.2  # a pixel is ink when its ink intensity (0..1) exceeds this; bounding boxes use it
# Less ink than this fraction of the image is "blank": a stray click or a speck of dust, not a digit.
# A one-stroke "1" drawn 30% of the canvas tall at the thinnest width (8 px) covers about 0.3%.
MIN_INK_FRACTION = 0.0005
MIN_INK_PIXELS = 4  # and never fewer than this many ink pixels, whatever the image size
# MNIST's stroke width in its 28 px frame: median 2.36 px over 3,000 training digits (p10 1.71, p90 3.29).
# Into p10-p90, not onto the median: MNIST validation 99.60% vs 99.48%, writers 21, 24, 27-29's worst 98.08% vs 97.60%
MNIST_STROKE_WIDTH = 2.36  # px (docs/constants.md)
MNIST_STROKE_WIDTHS = (1.71, 3.29)  # px: the range strokes are brought into

# --- Reading the canvas's strokes (digitpad.reading.canvas) -----------------------------------------------------------
# Re-drawn from the strokes' paths with a pen that is MNIST's median stroke once shrunk into its box (docs/constants.md)
REDRAW_SIZE = 200  # px
REDRAW_PEN = round(MNIST_STROKE_WIDTH * REDRAW_SIZE / (DIGIT_BOX - MNIST_STROKE_WIDTH))  # px
# Strokes spanning less than this (px on the 280 px canvas, the bounding box's longer side) are a tap or a dot, no
# digit: it read "0, 81% sure". A tap spans 0-1 px; every pen digit of the 30 writers drawn 30% of the canvas tall, 84
TAP_EXTENT = 12
# The canvas's picture painted again from its strokes (fabric_picture) with the pen this much thinner: OpenCV's
# anti-aliased line of thickness t covers t + 1.6 px, Chromium's canvas its lineWidth (tests/reading/test_canvas.py)
REPAINT_THINNER = 2  # px

# --- Numbers: cutting a drawing of several digits into one per digit (digitpad.reading.segment) -----------------------
SPECK_FRACTION = 0.02  # ink components under this fraction of the largest one's area are specks, not strokes
MERGE_OVERLAP = 0.5  # components sharing this fraction of the narrower one's columns are strokes of one digit
# A segment this wide for the line's height may be two touching digits, offered cuts (see below). Tuning writers'
# 4-digit numbers: 594 of 600 in 33 ms; 0.6, 595 in 87 ms (`python -m benchmarks.numbers --tuning`) (docs/constants.md)
TOUCHING_ASPECT = 0.8
# Fraction of a segment's width at either side that no cut passes through. Tuning writers' 4-digit numbers read right,
# of 600: 594 at 0.25; 592, 591 and 590 at 0.15, 0.1 and 0.05 (slivers off single digits, some judged whole).
CUT_MARGIN = 0.25
STRAIGHT_CUTS = 3
BENT_CUTS = 3
STROKE_SPLITS = 2
# A cut is offered only if both halves stand at least this fraction of the line's height. Tuning writers' 4-digit
# numbers (before the piece judge): 587 at 0.6, 0.7 and 0.8, 585 at 0.5, 583/600 with no such floor (docs/constants.md)
MIN_HALF_HEIGHT = 0.6
# A segment shorter than this fraction of the tallest is no digit of the number (a tick, a scrap, a dot). Tuning
# writers' numbers of 2-5 digits, 150 each: 592 -> 594; tuning photo singles 31 -> 32 of 38 (docs/constants.md)
MIN_SEGMENT_HEIGHT = 0.5
MIN_CUT_WIDTH = 4  # px: a narrower segment is never cut (a cut must leave ink on both sides)
# Cuts of cuts: each level tries every cut of both halves. Two levels cut a run of up to four touching digits;
# unbounded, one "2" on the canvas cost 985 classifications (4.3 s) and a ruled line across a raw photo did not finish.
MAX_CUT_DEPTH = 2
NUMBER_CANVAS = (200, 700)  # px, height x width: the page's canvas in number mode, room for five or six digits
NUMBER_CANVAS_PHONE = (200, 320)  # on a phone: inside a 360 px wide screen's column (328 px), room for four digits
# The canvas's picture is the canvas's own size (320 x 200 on a 3x phone, measured): larger than this many times is no
# canvas's (a visitor's script sent 9000 x 9000 px, 1.2 GB to decode), refused unread; room for a screen's pixel ratio
CANVAS_PICTURE_SCALE = 8

# --- Numbers: is a piece one whole digit? (digitpad.models.pieces, trained by `python train_model.py --pieces`) -------
# The classifier reads nearly anything as a digit; a small CNN judges if a piece is one whole digit (docs/constants.md)
PIECES_MODEL_PATH = Path(os.environ.get("DIGITPAD_PIECES_MODEL", BUNDLED_MODELS / "pieces.keras"))
PIECES_RETRAIN_COMMAND = f"{RETRAIN_COMMAND} --pieces"
# "Not a digit": a small CNN plus ENERGY_WEIGHT times the digit model's energy. Tuning run, 0.5% of digits flagged:
# non-digits flagged 98.3% with the energy (weight 2), 93.8% by the CNN alone (docs/constants.md)
NONDIGIT_MODEL_PATH = Path(os.environ.get("DIGITPAD_NONDIGIT_MODEL", BUNDLED_MODELS / "nondigit.keras"))
NONDIGIT_RETRAIN_COMMAND = f"{RETRAIN_COMMAND} --nondigit"
ENERGY_WEIGHT = 2.0
# Under this score an input is not a digit: the recipe's threshold, from models/nondigit.card.json (`python
# train_model.py --nondigit` prints it): 0.2% of its validation digits flagged, 93.7% of its validation non-digits.
NOT_A_DIGIT_BELOW = 2.695
# Its input: the piece scaled so the number's line is PIECE_LINE_HEIGHT px tall (its size against its neighbours'
# is the evidence), centred in a frame for two and a half digits; wider is cropped (docs/constants.md)
PIECE_FRAME = (32, 64)  # px, height x width
PIECE_LINE_HEIGHT = 24  # px

# --- Numbers: a photo's one piece of ink read as a pair (digitpad.models.pairs, `python train_model.py --pairs`) -----
# Two small digits touching are one piece no cut parts well; a third small CNN reads it as a pair (docs/constants.md)
PAIRS_MODEL_PATH = Path(os.environ.get("DIGITPAD_PAIRS_MODEL", BUNDLED_MODELS / "pairs.keras"))
PAIRS_RETRAIN_COMMAND = f"{RETRAIN_COMMAND} --pairs"
PAIR_FRAME = (28, 56)  # px, height x width: the piece's ink scaled to fit PAIR_INK (height x width), centred
PAIR_INK = (24, 52)  # px
# A photo's one piece is read as the pair reader's two digits when this sure of them (or surer than the least sure of
# two digits cut from it), the other reading < PAIR_DOUBT. Fields (made up) 276 -> 279 of 300 (docs/constants.md)
PAIR_SURE = 0.9
PAIR_DOUBT = 0.001

# --- Numbers: a second opinion on each digit (models/drawn.keras, trained by `python train_model.py --drawn`) --------
# Averaged with the digit model: held-out 4-digit numbers 96.0% -> 97.3% (`benchmarks.numbers`) (docs/constants.md)
DRAWN_MODEL_PATH = Path(os.environ.get("DIGITPAD_DRAWN_MODEL", BUNDLED_MODELS / "drawn.keras"))
DRAWN_RETRAIN_COMMAND = f"{RETRAIN_COMMAND} --drawn"

# --- Why: occlusion maps (digitpad.models.explain) --------------------------------------------------------------------
OCCLUSION_PATCH = 6  # px of the 28 px input blanked at a time: about a stroke's width and a half
OCCLUSION_STRIDE = 2  # px between patches: 144 blanked copies, about 0.2 s on the page's 2-core server

# --- Learning from users (digitpad.learning.feedback) -----------------------------------------------------------------
FEEDBACK_ENV = "DIGITPAD_FEEDBACK"  # path to the SQLite file of drawings users confirmed or corrected
FEEDBACK_PATH = Path(os.environ.get(FEEDBACK_ENV, WRITE_ROOT / "feedback" / "feedback.sqlite3"))
# Seconds a write waits for another session's write to finish before giving up. A write holds the lock for about a
# millisecond plus one fsync, so 100 sessions saving at the same instant still finish well inside this.
FEEDBACK_BUSY_TIMEOUT = 30.0
# "Take my answer back" this soon after the save is a double-click on "Yes" whose second click landed there: ignored
# (a double-click took the answer back 4 of 4 times in Chromium; on a slow link its clicks arrive 150-300 ms apart)
TAKE_BACK_AFTER_S = 1.0
# Fine-tuning (train_model.py --feedback) repeats users' drawings, augmented anew, till they number this fraction of
# the other training images, each visit at most an equal share: a few dozen among 55,000 would barely move them...
FEEDBACK_SHARE = 0.1
# ...but at most this many times each, so one user's mislabelled scribble cannot be learnt by heart.
FEEDBACK_MAX_REPEATS = 50


# --- Reading any image (digitpad.models.reader) -----------------------------------------------------------------------
# A drawing's background is one tone, exactly: at least this share of its pixels (real tuning photos: 0.06-0.26).
FLAT_BACKGROUND = 0.6  # real tuning drawings 0.70-0.98, scans 0.63-0.91; photos (made up) 0.45-0.56 (docs/constants.md)
# ...unless its ink holds a row of at least FORM_BOXES boxes, one digit to a box: a form scanned to black and white.
# `python -m benchmarks.real --group tuning`: MarkUs' student number "not a digit" -> 0001250981 (docs/constants.md)
FORM_BOXES = 2
FORM_LINE_THIN = 0.25  # of the row's height: a thick 2's bar had its two edges as lines across, 7 px apart
FORM_BOX_WIDTH = 0.5  # of its height: a made-up square drawn askew with a thick pen had its sides' edges as 4 lines
# A flat image read as a drawing under FLAT_UNSURE, holding a form's line the crop cut, is also read as a photo (one a
# scanner app made black and white). Tuning photos so made (made up): numbers 5 -> 20 of 25 (docs/constants.md)
FLAT_UNSURE = 0.7
FLAT_LINE_THIN = 0.05  # of the other side: every such photo's line is; at 0.1, 415 of 2,700 drawings had one, not 308
FLAT_LINE_EDGE = 0.02  # of the side: without it a triangle's base was a line, and the triangle read "11"
# ...or holding an app's bar (a screenshot of a drawing app; read as a photo too, whatever it read): rows of ink
# across FLAT_BAR_SPAN of it, FLAT_BAR_THICK thick, within FLAT_BAR_EDGE of its edge. Made-up screenshots
# (/tmp/photovariety2) 0 -> 5 of 5 read right; tuning writers' drawings changed none of 3,123 (docs/constants.md)
FLAT_BAR_SPAN = 0.9
FLAT_BAR_THICK = 0.04  # an app's bar is 5-8% of a phone's height (56 of 800 points); a line drawn under a digit, 3%
FLAT_BAR_EDGE = 0.15
# ...when the drawing was read under this: screenshots' readings 0.45-0.78; a 2 drawn with a thick pen, its base across
# the canvas, and a 7 cropped tight to its bar (made up, a review) read right as drawings at 0.94, wrong as photos
FLAT_BAR_UNSURE = 0.9
# A drawing longer than this is looked for digits at this size. A 4000 x 3000 px black-and-white photo (made up)
# took 7.1 s, its cuts searched at full size; now 2.0 s; tuning drawings read as before (docs/constants.md)
DRAWING_WORKING_SIZE = 1000  # px
# Read as one digit this surely, an image is one digit, wherever the number reader cuts it: 38 of 40 MNIST validation
# digits it cut read so at 0.9 or more, against 11 of 300 numbers of 2-4 digits by tuning writers (docs/constants.md)
SURE_OF_ONE = 0.9
# ...unless the one digit is "not a digit", or the digits found stand apart in a row at least this much wider than
# tall. Tuning photo numbers 21 -> 23 of 25, the rest as before; 1.0 cost 4 MNIST digits (docs/constants.md)
ROW_ASPECT = 1.2
# A photo's one piece ROW_ASPECT times wider than tall read under this is two touching digits, read as its best cut.
# Tuning photo numbers 23 -> 24 of 25, shrunk 89 -> 91 of 100; 0.5 and 0.7 the same (docs/constants.md)
WIDE_UNSURE = 0.6
# A photo's one piece this much wider than tall is cut too. `python -m benchmarks.fields --seed 0` (made up): 265 ->
# 269 of 300; 0.8 the same in sum, 1.2 no gain (docs/constants.md)
CUT_ASPECT = 1.0
# On the page's one-digit canvas, the number reader runs only on ink with an empty band of columns inside it at least
# this wide (px). Tuning writers' digits in pairs side by side: 300 of 300 have one; drawn alone: 1 of 1,249.
SIDE_BY_SIDE_GAP = 3

# --- A sheet on a desk (digitpad.reading.sheet) -----------------------------------------------------------------------
# A photo of a sheet and what it lies on is read as the sheet alone: `python -m benchmarks.sheets` (docs/constants.md)
SHEET_THUMBNAIL = 256  # px: the sheet is looked for on a thumbnail this long
# px, the longer side: a smaller photo is a crop of the writing (the real tuning photos are crops of 30-440 px, a form's
# field photographed small is under 100), not a phone's photo of a desk (1,000 px and more; a shared one, 640 and more)
SHEET_MIN_PHOTO = 600
# Brightness steps steeper than this per thumbnail px part regions. Sheets found on tuning desks (made-up sheets of
# 100, real photos of 63): 0.01 50 and 41, 0.015 46 and 35, 0.02 38 and 35; 0.03 joins gravel's texture to the sheet.
SHEET_STEP = 0.01
SHEET_CANDIDATES = 3  # the largest regions looked at: the desk itself may be larger than the sheet
SHEET_SHARE = (0.04, 0.85)  # of the frame, its rectangle: smaller is a scrap of paper, larger fills the frame
# Of the smallest rectangle round it at any angle. 0.8 found sheets on tuning desks 57 -> 59 of 100 made-up and 42 -> 49
# of 63 real, but took part of a shadowed sheet that filled its frame for one (1 of 200), and lost its 0.
SHEET_FILL = 0.85
# Thumbnail px: a region that is no rectangle is tried again without what hangs on it by necks narrower than these.
# `python -m benchmarks.sheets --seed 0, 1, 2`, tuning real photos 84 -> 103 of 189 (15 alone: 101) (docs/constants.md)
SHEET_NECKS = (9, 15, 21)
SHEET_SATURATION = 0.25  # paper is grey or white (median): a face, a wooden desk, a red wall are not paper
SHEET_BRIGHT = 0.5  # of the photo's bright end (95th percentile of the thumbnail), at least (median)
# Apart from the rest of the photo in brightness, median against median: brighter, or darker (a sheet on a white
# table). Made-up sheets found on tuning scenes 78 of 150 either way, 72 brighter only (docs/constants.md)
SHEET_CONTRAST = 0.05
SHEET_INSET = 6  # thumbnail px: the strip along the sheet's edge left out, and the desk with it

# --- Photos of paper (digitpad.reading.photo, paper_lines, not_writing) -----------------------------------------------
# Evidence: made-up photos (tests.photos) of held-out writers' digits; `python -m benchmarks.photos` (docs/constants.md)
PHOTO_WORKING_SIZE = 1000  # px: a photo's longer side is shrunk to this first (clean_photo then a median 32-47 ms)
# ...and a small crop's is enlarged to this, so its strokes are several pixels wide: the real tuning photos (crops of
# 30-440 px) read right, 9 of 38 single digits enlarged, 8 not; 8 of 25 numbers, 6 not.
PHOTO_MIN_WORKING_SIZE = 300  # px
# ...and writing still small there is cleaned again, enlarged so its digits stand this tall. Tuning numbers of 10-15
# px digits (made up on real images): 20 -> 36 of 100 (80 px: 41, but a real photo misread) (docs/constants.md)
PHOTO_WRITING_HEIGHT = 48  # px
PHOTO_CLOSER_AT_LEAST = 1.25  # ...and a large photo's, zoomed into, only when that enlarges it this much at least
PHOTO_DENOISE_SIGMA = 1.0  # px: a Gaussian blur against sensor noise (cuts its sd about 3.5x), far below a stroke
# A photo read unsure (its least sure digit under PHOTO_UNDONE_SURE) whose grain is over PHOTO_GRAIN of its brightness
# (a dim room's) is read again with its colours' cast and its grain taken away, by non-local means this many times as
# strong, and that taken if surer. Real tuning photos and scans: 0.013 at most, shadowed 0.021 (made up). `python -m
# benchmarks.changed_photos --change dim` (made up), tuning: singles 0 -> 31 of 38, numbers 0 -> 19 of 25. A grainy
# photo over PHOTO_WORKING_SIZE is read without its grain first (benchmarks.photos, dim room: 1.03 -> 0.82 s median)
PHOTO_GRAIN = 0.025
PHOTO_GRAIN_STRENGTH = 3.0
# ...and so is one with a lamp's strong cast (its paper's dimmest colour under PHOTO_CAST of its brightest: real tuning
# photos 0.80 at least), but that reading taken only if this sure (docs/constants.md)
PHOTO_CAST = 0.7
PHOTO_UNDONE_SURE = 0.9
# The closing that erases the ink to leave the paper must be wider than the widest stroke: a 30 px pen on a digit
# drawn across a 280 px canvas is 7.7% of the photo's side.
PHOTO_PAPER_WINDOW = 0.1  # fraction of the longer side
# A photo whose median pixel is darker than its paper by more than this holds no digits. Photos of writing: at most
# 0.026, so twice that; real tuning scenes saying "No digits found" 4 -> 7 of 10 (docs/constants.md)
PHOTO_NOT_PAPER = 0.05
# ...unless what lies round its digits, out to this share of their height, is paper: two notes on gravel whose sheet
# was not found, of 366 laid on tuning scenes, read right again (0.5, 1.0: one, none); tuning scenes 7 -> 6 of 10.
PHOTO_PAPER_ROUND = 0.25
# A shadow's hard edge: where the paper's blur is this far apart from its closing (a fraction of the paper; from the
# first to the second) and the dim side this share of the lit or more, the closing is the paper. `python -m
# benchmarks.changed_photos` (made up): tuning scans 13 -> 27 of 52; depth 0: real tuning scenes' "No digits" 7 -> 5
PHOTO_SHADOW_STEP = (0.15, 0.3)  # (0.25, 0.5): scans 15 of 52
PHOTO_SHADOW_DEPTH = 0.2  # 0.15: as many shadowed read, and as many scenes read as digits (`benchmarks.no_digits`)
PHOTO_PAPER_THUMBNAIL = 128  # px, the shorter side paper_darkness looks at: sensor noise averaged away
# Ink is on paper: at most this share round a component (to PHOTO_SURROUND_REACH of its stroke) is darker than halfway.
# `python -m benchmarks.no_digits` (made up): hills saying no digits 2 -> 10 of 10, shapes 0 -> 6 (docs/constants.md)
PHOTO_SURROUND = 0.3
# A ring round writing holds ink this share of its height at least; a digit's loop none. `python -m
# benchmarks.changed_photos` (made up): tuning numbers 0 -> 3 of 25, singles 0 -> 21 of 38 (not a ring cut by box lines)
PHOTO_RING_CONTENT = 0.3
# A pen lying on the page is straight (it fills this share of its rectangle) and this many times as long as the largest
# other piece of ink, itself this share of the frame; or, filling PHOTO_PEN_BAR of it, this many times as thick.
# `python -m benchmarks.changed_photos --change pen` (made up): tuning singles 19 -> 33 of 38 (docs/constants.md)
PHOTO_PEN_STRAIGHT = 0.45  # a pen's cap and tip taper it: 0.5 of its rectangle; a 1 fills 0.8-0.9
PHOTO_PEN_LONG = 2.5
PHOTO_PEN_WRITING = 0.1
PHOTO_PEN_BAR = 0.75
PHOTO_PEN_THICK = 1.8  # pens the frame cut short: 2.0-2.6 times the writing's stroke
PHOTO_SURROUND_REACH = 0.5  # reach 0.25 / 1.0 of the width: scratch scenes read 15 / 18, shrunk tuning numbers 85 / 86
# Dark ink or light ink: told on a thumbnail against the local median paper. With a window of 0.1 of it, 2 of 120
# photos (60 sheets, both polarities) were judged wrong (thick strokes fill the window); 0.25 and 0.5: none.
PHOTO_POLARITY_SIZE = 100  # px: the thumbnail's longer side
PHOTO_POLARITY_WINDOW = 0.25  # fraction of it: the median's window
# Light ink stands out above the paper by this much more than below it, on average over the thumbnail: made-up blank
# sheets in uneven light 0.0023 at most (60), light-ink photos 0.029 at least (40; scratch script, docs/constants.md)
PHOTO_LIGHT_INK_MIN = 0.01
# ...or its thin strokes' (a top-hat this wide) brightest PHOTO_POLARITY_TAIL stand out this many times more than their
# darkest, and this much (`python -m benchmarks.polarity`, made up but the first): tuning photos 0.96 times at most,
# blank sheets 1.21 (0.021), the photos with a glare spot 1.18 (0.151), turned light on dark 113 of 116 over both
PHOTO_POLARITY_THIN = 3  # px on the thumbnail
PHOTO_POLARITY_TAIL = 0.5  # %
PHOTO_LIGHT_INK_RATIO = 1.35
PHOTO_LIGHT_INK_PEAK = 0.1
# ...on paper (its median) no brighter than this. `python -m benchmarks.polarity`, tuning: dark ink's paper 0.60-1.00,
# light ink's 0.00-0.31; a glossy pen's highlight on white paper (made up) judged light ink 70 -> 0 of 116
PHOTO_LIGHT_INK_PAPER = 0.55  # a white gel pen on grey paper (made up, a review): paper 0.46 and 0.55, ink 0.8
# Ink is at least this much darker than its paper, of its brightness; down to PHOTO_INK_GROWTH of that touching ink.
# Real tuning singles (`python -m benchmarks.real --group tuning`): 23 of 38, 20 with 0.35 / 0.5 (docs/constants.md)
PHOTO_MIN_CONTRAST = 0.25
PHOTO_INK_GROWTH = 0.35
# ...but only down to this in small writing cleaned again enlarged: grown at 0.35, a 5's bowl fills. Tuning numbers of
# 10-15 px digits (made up), one placement, 0.4 / 0.45 / 0.5: 60 / 64 / 58 (56) (docs/constants.md)
PHOTO_SMALL_INK_GROWTH = 0.45
# If the darkest ink is faint, the floor drops to this share of it, kept PHOTO_NOISE_FLOOR x the paper's noise above it.
# Small blurred tuning photos (made up): numbers 41 -> 65 of 100; 0.5: unblurred numbers 74, not 80 (docs/constants.md)
PHOTO_FAINTEST = 0.6
PHOTO_NOISE_FLOOR = 50
# ...and never under this: made-up blank sheets in uneven light, smooth or grainy, had their darkest "ink" 0.01-0.10
# darker than the paper (60, a scratch script); a thin stroke the lens blurred, 0.15-0.35 (docs/constants.md)
PHOTO_INK_AT_LEAST = 0.12
# ...and of this share of the clear ink's median contrast, if more: writing showing through stays apart. Tuning photos
# showing through (made up), numbers 10 -> 14 of 25; 1.0: a blank sheet's specks read as "5267" (docs/constants.md)
PHOTO_INK_TYPICAL = 0.6
# Ruled lines: straight runs at least PHOTO_LINE_RUN of the side long that together cross PHOTO_LINE_SPAN of the sheet
# within a band PHOTO_LINE_TILT high; digits' bars are far shorter than the span (docs/constants.md)
PHOTO_LINE_RUN = 0.05  # fraction of the side the line runs along
PHOTO_LINE_SPAN = 0.75  # fraction of the side the line runs along
PHOTO_LINE_TILT = 0.02  # rise over run: about 1 degree
PHOTO_LINE_CONTRAST = 0.08  # fraction of the paper's brightness: fainter runs are not counted as a line's
# A page turned up to PHOTO_MAX_TILT degrees has its lines taken away turned level. Tuning photos turned -10 / +10
# degrees (made up), numbers 7 / 7 of 25 -> 14 / 10; band 0.08: 15 / 11, shrunk singles 103 -> 96 (docs/constants.md)
PHOTO_MAX_TILT = 12.0  # degrees
PHOTO_MIN_TILT = 1.0  # degrees: less is within PHOTO_LINE_TILT
PHOTO_TILT_SIZE = 400  # px
PHOTO_TILT_LINE = 0.6  # fraction of the thumbnail's side
PHOTO_TILT_GAIN = 1.3
PHOTO_TILT_LINE_WIDTH = 0.06  # fraction of the thumbnail's side
# A line's darkness, taken away along it: this percentile of its band's columns' darkest runs. The median misread 3 of
# the benchmark's first 70 numbers, this none; it leaves at most 0.10 on 20 blank sheets (docs/constants.md)
PHOTO_LINE_LEVEL = 10
# Lines dark enough to be ink: runs across PHOTO_INK_LINE_SPAN of the crop, or PHOTO_EDGE_LINE_SPAN by an edge. Tuning
# photos: dotted and full lines, 13 -> 16 of 25 numbers; edge lines, 11 -> 20 of 38 single digits (docs/constants.md)
PHOTO_INK_LINE_SPAN = 0.7  # fraction of the crop's width
PHOTO_DOT_GAP = 0.04  # fraction of the crop's width
PHOTO_EDGE_LINE_SPAN = 0.85  # fraction of the side the line runs along
PHOTO_EDGE_BAND = 0.2  # fraction of the side across it
# Box lines round small writing in a wider crop: runs across PHOTO_BOX_SPAN of the side, PHOTO_BOX_OVER x the digits.
# Tuning photos of 10-15 px digits in a crop 3.5x their height (made up): numbers 43 -> 68 of 100 (docs/constants.md)
PHOTO_BOX_SPAN = 0.4  # fraction of the crop's side
PHOTO_BOX_OVER = 1.5  # times the digits' median width (runs across) or height (runs down)
PHOTO_BOX_THIN = 0.25  # a component narrower than this share of its length is a 1 or a line: no measure of the digits
PHOTO_BOX_MOSTLY = 0.8  # ...as is one with this share of its ink on such runs
PHOTO_BOX_SPECK = 0.1  # ...or under this share of the largest one's area (SPECK_FRACTION, 0.02: shrunk 85 -> 83)
# A digit touching the box's line joins it: a component this many times the smallest digit's size, with this share of
# its ink on runs and a digit inside it, is measured without the runs. 5x-crop tuning numbers (made up): 46 -> 53.
PHOTO_BOX_TOUCHING = 2.0
PHOTO_BOX_ON_RUNS = 0.4  # 0.52-0.62 for the boxes touched; 0.04-0.24 for single digits with a long stroke
# A dotted line under small writing, too short to cross the crop: its ink rises into PHOTO_DOTS dots, each within
# twice PHOTO_DOTS_GAP of the digits' height of the last. 5x-crop tuning numbers (as below): 53 -> 56 of 100.
PHOTO_DOTS = 10  # 8: the same; 6: made-up tuning-writer photos 96.0% -> 94.7% (a "44"'s strokes as dots)
PHOTO_DOTS_GAP = 0.25  # also the gaps closed to find the line's run
# Dots apart are no measure of the digits: PHOTO_DOTS or more round blots in a row, each filling this much of its box
# (a disc: 0.79). PHOTO_SMALL_INK_GROWTH's 5x crop: 256 -> 262 of 400 (docs/constants.md)
PHOTO_DOT_FILL = 0.6
# What taking a line leaves along it: a tilted box's edges, outside the straight runs taken, read as 1s ("64" -> 6411).
# `python -m benchmarks.fields` (made up, tuning writers): boxes 46 -> 51 of 112; and a tight box's sides, 74.
PHOTO_SLIVER_REACH = 2  # px at the working size
PHOTO_SLIVER_SHARE = 0.9  # of the component's ink
# What a ruled line left beside the digits where it ran darker than the level taken away: a stub read as a 2's foot
# ("89" -> "82"). `python -m benchmarks.fields` (made up, tuning writers), seed 0 / 1: 269 -> 272, 259 -> 261 of 300.
PHOTO_RESIDUE_LONG = 3  # times the line's thickness: a stretch of columns this long holding no digit, only the line
# A run this many times as long as the largest digit is a line meeting nothing, if it has less ink than the digits.
# Tuning numbers 10-15 px tall in a crop 5x their height, 2.5x as wide (made up on real images): 36 -> 46 of 100.
PHOTO_BOX_LONE = 2.0
# Two such runs down alongside each other for this share of the longer, a digit between: a box's sides. Tuning photos
# in a printed box (made up, tests.photos.boxed, full size and 45/70 px crops): 162 -> 169 of 189 (docs/accuracy.md)
PHOTO_SIDES_ALIKE = 0.7
# A box round the writing: a piece of ink with a straight line along 3 or 4 sides of its bounding box. `python -m
# benchmarks.fields` (made up, tuning writers): boxes 78 -> 99 of 112, all 241 -> 262 of 300 (docs/constants.md)
PHOTO_FRAME_MIN = 15  # px at the working size: a smaller piece is no box
PHOTO_FRAME_JOIN = 7  # px; 3, and the ruled lines not counted as sides: fields 257 of 300
PHOTO_FRAME_SIDE = 0.75  # of the side; 0.85 missed boxes that a digit touches
PHOTO_FRAME_BEND = 0.02  # of the side: a box line's first ink is this close to one straight line
PHOTO_FRAME_THICK = 0.2  # of the box's size: the line lies within this of its edge, and is thinner
# Scraps cut off at the crop's edge: ink touching it, under these shares of the largest component's area and the tallest
# one's height. Tuning numbers read right: 19 of 25 with, 16 without (docs/constants.md)
PHOTO_SCRAP = 0.25  # of the largest component's area
PHOTO_SCRAP_HEIGHT = 0.5  # of the tallest component's height
# ...or thinner than this share of the largest component's stroke: a box line's sliver. Tuning photos: singles 32 ->
# 33 of 38 (`benchmarks.real --group tuning`); the same at 0.4 and 0.6 (docs/constants.md)
PHOTO_SCRAP_THIN = 0.5
# Components whose mean stroke width is over this fraction of their height are blobs (an eye, dark ground). 0.45 -> 0.5:
# `python -m benchmarks.fields --singles` (made up) 957 -> 964 of 1000 (docs/constants.md)
PHOTO_BLOB = 0.5
# Components of ink under this fraction of the image's area are specks. Specks of 1-4 px radius covered at most
# 1.9e-4 of 30 blank sheets; the largest component of a digit covered 2.0e-2 or more of its photo.
PHOTO_SPECK_AREA = 5e-4
# ...unless its area is at least this many times its thickness squared: a pen's line, not a dot. Made-up 12-megapixel
# photos of tuning writers' numbers: 16 -> 20 / 7 -> 12 of 20 (6: 16 / 7) (docs/constants.md)
PHOTO_STROKE_ELONGATION = 3.0

# --- The page -----------------------------------------------------------------------------------------------------
LISTEN_ENV = "DIGITPAD_LISTEN"  # where `digitpad room`'s nginx listens, for the wall's QR code (not its processes')
# The presenter's key: the wall opened at ?wall=KEY may remove a drawing. `digitpad room` makes one; unset, the wall
# opened on the serving machine itself may
WALL_KEY_ENV = "DIGITPAD_WALL_KEY"
# 18 px shrunk into MNIST's box is MNIST's median stroke (2.36 px) on a digit 55% of the canvas tall (docs/constants.md)
DEFAULT_STROKE_WIDTH = 18  # px on the 280 px canvas
# A top probability under this is shown as "not sure". Held-out writers' 44,964 drawings: 0.80 flags 60% of the wrong
# readings and 1.5% of the right ones; 0.70: 52% and 0.9%; 0.90: 82% and 3.5% (docs/constants.md)
UNSURE_BELOW = 0.80
MIN_STROKE_WIDTH = 8  # px: the sidebar slider's range; thinner ink vanishes when shrunk to 28 px
MAX_STROKE_WIDTH = 32  # px: thicker ink fills the loops of a 0, 6, 8 or 9 drawn at a normal size
INK_COLOUR = (
    "#ffffff"  # the canvas draws white ink on black paper, like MNIST and digitpad.reading.strokes.render_canvas
)
PAPER_COLOUR = "#000000"
PREVIEW_SIZE = 140  # px: "what the model sees" shows the 28 px input enlarged 5x, pixel blocks kept sharp
NUMBER_PREVIEW_SIZE = 84  # px: each digit of a number, enlarged 3x: in a row that wraps, three to a phone's row
SHOWN_WIDTH = 1460  # px: the widest picture Streamlit shows (its MAXIMUM_CONTENT_WIDTH); the Photo page shrinks its own
SHOWN_HEIGHT = 800  # px: the tallest the Photo page shows a picture: a 200 x 4,000 strip made the page 3,400 px long
SHOWN_SMALLEST = 280  # px: a smaller picture is shown enlarged, sharp, to the canvas's size (a 20 px one was a blur)
CHART_HEIGHT = 180  # px: the ten-probability bar chart
# The predicted digit's bar, the theme's primaryColor in .streamlit/config.toml: 5.2:1 on white, 4.7:1 on the sidebar's
# grey, as text (a slider's value) needs (WCAG AA 4.5:1; #e8590c was 3.3:1 there)
PREDICTED_BAR_COLOUR = "#c2410c"
OTHER_BAR_COLOUR = "#868e96"  # the other nine bars: 3.3:1 on white, as a graphic needs (#c5cad3 was 1.7:1)
AXIS_COLOUR = "#4b5563"  # the chart's labels: 7.6:1 on white (Streamlit's #808495, 3.7:1, is under AA for small text)
# The reading beside the one-digit canvas, whose chart needs about 300 px to label all ten digits. A window too narrow
# for both whole (800 px with the sidebar open) puts it under the canvas instead of clipping the canvas to 218 px.
RESULT_WIDTH = 340  # px
RESULT_GAP = 32  # px between the canvas and its reading (Streamlit's "medium" gap): side by side in 652 px or more
# Photos a server process reads at once, the others waiting their turn: its share of the cores (a room gives each of its
# processes TF_NUM_INTRAOP_THREADS of them: serving.room.tensorflow_threads). `python -m benchmarks.photo_turns`.
PHOTO_READS_AT_ONCE = max(1, int(os.environ.get("TF_NUM_INTRAOP_THREADS") or os.cpu_count() or 1))

# --- Measuring drawn digits ----------------------------------------------------------------------------------------
# 5 final writers, no choice made on them: sorted(random.Random(13).sample(range(21, 31), 5)) (docs/constants.md)
FINAL_WRITERS = ("tra-22", "tra-23", "tra-25", "tra-26", "tra-30")
# The real images ($DIGITPAD_REAL), split by source; folders cut from one set of photos share a group. Chosen before any
# was measured: drawings sorted(random.Random(14).sample(drawing sources, 4)) (docs/constants.md)
REAL_FINAL_SOURCES = (
    "don_sabu_cells", "don_sabu_us", "dylantse520", "juliorodrigues07",  # photos
    "gbattra", "gzm1997", "is1vov", "mrpsy666",  # drawings
)  # fmt: skip
# Real photos of no digits (tests.scenes): split at random within each kind (people, things, scenes, textures, science;
# seed 30) after one look at what the reader made of them all, before any choice. No choice is made on the final ones.
SCENE_FINAL = ("cell", "chelsea", "grace_hopper", "grass", "hubble_deep_field", "motorcycle_left", "rocket")
REAL_SPLIT_SCANS = "minichazer_scans"
REAL_FINAL_SCAN_ROW = 20  # minichazer_scans/D_rRR_cCC.png: rows 0-19 tune (52 cells), rows 20-45 are final (61)
DRAWN_STROKE_WIDTHS = (8, 18, 30)  # px on the 280 px canvas: thin pen, the page's default, a finger
DRAWN_HEIGHTS = (0.3, 0.6, 0.9)  # digit height as a fraction of the canvas
DRAWN_CENTRES = {"centred": (0.5, 0.5), "off-centre": (0.2, 0.25)}  # where the digit is drawn (x, y fractions)

# --- Inference ----------------------------------------------------------------------------------------------------
PREDICT_BATCH = 512  # images per model call when classifying many at once
# `digitpad predict` decodes and reads files a batch at a time, so a folder of photos is never held whole and its first
# answer comes at once (`python -m benchmarks.cli`, 40 photos: first line after 4.6 s, not 19.9; 1.07 GB, not 2.39).
PREDICT_FILES = 32  # files to a batch (--digit: its digits classified together; 3,000 PNGs 6.2 s, all at once 6.1)
PREDICT_PIXELS = 4_000_000  # ...or fewer: a batch ends once it holds this many pixels (a 12-megapixel photo alone)
# Test-time views: log-probabilities averaged over the image rotated by each angle (degrees). Against one view: held-out
# writers' drawn digits 98.66% -> 98.98%, MNIST test 99.64% -> 99.73%; 5 views with zoom 98.98% too (docs/constants.md)
TEST_TIME_ROTATIONS = (0.0, 8.0, -8.0)


# "digitpad" is ours (digitpad.models.model.build_model); the others are classic nets trained by the same recipe for
# comparison only (`train_model.py --arch NAME`, digitpad.models.model.CLASSIC_ARCHITECTURES) (docs/constants.md)
ARCHITECTURES = ("digitpad", "mlp", "cnn3", "cnn4")
# Free space a run's --out needs before it trains: the largest model it writes (pairs.keras, 1.9 MB), its card and
# plots (0.2 MB), each beside the file it replaces until done. A full disk was found after training, not before.
TRAINING_OUTPUT_ROOM = 10 * 2**20  # bytes


@dataclass(frozen=True)
class TrainingRecipe:
    """The bundled model's recipe. `python train_model.py` with no flags trains exactly this."""

    seed: int = 1
    # Passes over the training images per net: a default run must take at most 30 minutes on the 2-core CPU (6.5 min on
    # 2026-11-30). Tuning writers' strokes 98.64% -> 99.04% against the old recipe (docs/constants.md)
    epochs: int = 16
    # Nets trained alike (seeds seed, seed + 1, ...), their logits averaged. MNIST validation: one net 99.60% / 99.54%
    # (seeds 1 / 2), both 99.64%; training time doubles, a drawing's read 3.2 -> 4.0 ms (docs/constants.md)
    nets: int = 2
    batch_size: int = 128
    validation_size: int = 5_000  # held out of MNIST's training set; the test set never steers training
    peak_learning_rate: float = 2e-3  # Adam; one-cycle: linear warm-up, then cosine decay to ~0
    warmup_epochs: float = 1.0
    label_smoothing: float = 0.05
    drawn_variants: int = 8  # with --strokes: random drawings of each tuning writer's digit added to MNIST
    # The share of those read by their strokes, as the page reads a drawing; the rest by their pixels, as a file is. Not
    # tuned alone: it came in with the 16 epochs and preprocessed MNIST (docs/accuracy.md).
    drawn_by_strokes: float = 0.5
    dropout: float = 0.35
    # Output channels of the five 3x3 convolutions. Against 32-64-64-128-128, 1.7x as many images a second
    # (1,201 vs 695 images/s, `python -m benchmarks.training`, the same slow day) (docs/constants.md)
    filters: tuple[int, int, int, int, int] = (24, 48, 48, 96, 96)
    # The net, one of ARCHITECTURES: ours, or a classic one for comparison, which ignores the two fields above
    architecture: str = "digitpad"
    # Augmentation, sampled independently per image (see digitpad.learning.augment)
    rotation_degrees: float = 12.0  # uniform in +/- this
    shear: float = 0.15  # x-shear factor, uniform in +/- this
    zoom: float = 0.12  # scale uniform in 1 +/- this, independently for x and y
    shift_pixels: float = 2.5  # translation, uniform in +/- this, on the 28 px image
    thickness: float = 0.7  # stroke thickness: blend towards a 3x3 dilation (+) or erosion (-), up to this much
    trains_on_mnist: bool = True  # False: MNIST only validates and tests, the drawings alone are trained on
    # MNIST fed through digitpad.reading.preprocess, as a user's image file is: a model trained on raw MNIST reads
    # 0.1-0.2% fewer of MNIST's digits through the product's path than as raw arrays (docs/constants.md)
    mnist_preprocessed: bool = True


@dataclass(frozen=True)
class FineTuneRecipe(TrainingRecipe):
    """`train_model.py --feedback`: continue training the bundled model on MNIST plus users' drawings.

    A subclass, so the batch size, label smoothing and augmentation are the bundled recipe's by construction; only the
    schedule differs. The bundled model ends its one-cycle schedule near its minimum with the learning rate near 0:
    restarting at the full 2e-3 would throw much of that away, and 18 epochs would retrain it from scratch. A short run
    at 15% of that peak (the rate the bundled schedule had three-quarters of the way through) adapts to the new
    drawings while keeping what it knew. Not tuned: there are no users' drawings yet to tune on.
    """

    epochs: int = 3
    nets: int = 1  # the base model, all its nets together
    peak_learning_rate: float = 3e-4
    warmup_epochs: float = 0.3


@dataclass(frozen=True)
class DrawnRecipe(TrainingRecipe):
    """`train_model.py --drawn`: number mode's second classifier, trained on the tuning writers' drawings alone.

    A subclass, so the net, batch size, augmentation and drawings of each digit (8) are the bundled recipe's by
    construction; only what it trains on and for how long differ. A first try (6 drawings of each digit, 6 epochs,
    3 min of training on the 2-core CPU) read 99.18% of the held-out writers' drawn digits over the drawing grid,
    against the bundled classifier's 99.07%, and 94.0% of MNIST's test set; with the bundled classifier, 99.27% of the
    drawn digits. This recipe, 5.4 min of training: 99.20% (worst condition 98.28%) and 94.87% of MNIST
    (models/drawn.card.json).
    """

    trains_on_mnist: bool = False
    epochs: int = 8
    nets: int = 1
    drawn_by_strokes: float = 0.0  # number mode reads a drawing's pixels, cut into digits


@dataclass(frozen=True)
class PieceRecipe:
    """The piece judge's recipe (digitpad.models.pieces). `python train_model.py --pieces` trains exactly this.

    Its examples are every piece digitpad.reading.segment offers, out of numbers written by the tuning writers, each
    labelled by where its ink came from: one whole digit when one digit drew at least `whole_share` of the piece's ink
    and the piece holds at least `whole_share` of that digit's. The numbers are drawn more variously than the
    benchmark's, so the judge does not learn one pen or one size; half are seen as a small photo's ink after cleaning
    (fat strokes, filled loops), which the canvas never makes (docs/accuracy.md, twenty-first session).
    """

    seed: int = 1
    numbers: int = 3_000  # 74,004 pieces, 27.5% of them whole digits
    digits_per_number: tuple[int, int] = (2, 5)  # inclusive range
    gaps: tuple[float, float] = (-0.1, 0.35)  # in digit heights, ink to ink; negative: overlapping
    heights: tuple[float, float] = (60.0, 160.0)  # px, the digits' height on the canvas
    stroke_widths: tuple[int, int] = (8, 30)  # px, inclusive
    whole_share: float = 0.85
    photographed: float = 0.5  # share of the numbers seen as a small photo's cleaned ink (as_photographed)
    photo_pens: tuple[float, float] = (0.04, 0.12)  # their pen's width, of the digits' height
    photo_heights: tuple[float, float] = (10.0, 16.0)  # px: how tall their digits stand in the photo
    photo_blur: tuple[float, float] = (0.3, 0.7)  # px there: the lens's blur, a Gaussian's sigma
    photo_levels: tuple[float, float] = (0.2, 0.45)  # of the darkest ink: where cleaning cuts ink from paper
    filters: tuple[int, int, int] = (16, 32, 48)  # three 3x3 convolutions, each followed by 2x2 pooling
    dense: int = 64
    dropout: float = 0.3
    # A first judge of this shape judged 94.5% / 97.0% / 97.4% of 500 tuning writers' numbers' pieces right after
    # 1 / 4 / 8 epochs; the bundled one: 93.7% of the held-out writers' pieces, 9.0 min of training (docs/constants.md)
    epochs: int = 8
    batch_size: int = 128
    peak_learning_rate: float = 2e-3  # Adam; warm-up over the first tenth of the steps, then cosine decay to 0


@dataclass(frozen=True)
class PairRecipe:
    """The pair reader's recipe (digitpad.models.pairs). `python train_model.py --pairs` trains exactly this.

    Its examples are MNIST training digits (the classifier's validation split held out), one alone or two side by
    side, each scaled a little on its own, the two `gaps` apart (negative: overlapping), thickened by up to
    `thicken` px half the time and seen as cleaning leaves a photo's ink (digitpad.learning.piece_training
    .as_photographed, with the fields below). Not tuned: the first recipe trained to the end (a wider net was stopped
    for time before it scored anything). It reads 93.5% of 3,000 such pieces of the held-out digits exactly right (its
    card), after 16.8 min of training on the 2-core CPU.
    """

    seed: int = 1
    examples: int = 120_000  # made once, before training: under a minute on the 2-core CPU
    alone: float = 0.35  # share of the examples that hold one digit
    gaps: tuple[float, float] = (-0.3, 0.3)  # in digit heights, ink to ink
    thicken: int = 3  # px on digits 40 px tall: a dilation of 1 to this many px, half the time
    photo_heights: tuple[float, float] = (10.0, 30.0)  # px: how tall the digits stand in the photo
    photo_blur: tuple[float, float] = (0.3, 0.7)  # px there: the lens's blur
    photo_levels: tuple[float, float] = (0.2, 0.5)  # of the darkest ink: where cleaning cuts ink from paper
    filters: tuple[int, int, int] = (32, 48, 96)  # 3x3 convolutions: one, pooling, two, pooling, one, pooling
    dense: int = 192
    dropout: float = 0.35
    epochs: int = 5
    batch_size: int = 128
    peak_learning_rate: float = 2e-3  # Adam; warm-up over the first tenth of the steps, then cosine decay to 0
    validation_size: int = 5_000  # MNIST training digits held out (TrainingRecipe's, at the same seed): the card's


@dataclass(frozen=True)
class NonDigitRecipe:
    """The "not a digit" judge's recipe (digitpad.models.nondigit). `python train_model.py --nondigit` trains exactly
    this.

    Digits: MNIST's first `mnist_digits` training images and the tuning writers' drawings (`drawn_variants` random
    drawings each, read by strokes or pixels as the page and files are), but for `validation_writers`. Not digits:
    `negatives_per_kind` letters, symbols, shapes, scribbles and doodles each, in the tuning group's fonts, hands and
    seed. Its threshold is chosen on the validation writers' digits, the digit model's 5,000 MNIST validation digits
    and non-digits of another seed: the score below which `flag_share` of those digits fall.
    """

    seed: int = 1
    mnist_digits: int = 16_000
    drawn_variants: int = 3
    negatives_per_kind: int = 4_000
    validation_writers: tuple[str, ...] = ("tra-21", "tra-24", "tra-27", "tra-28", "tra-29")
    validation_seed: int = 11  # the negatives' seed for choosing the threshold
    flag_share: float = 0.002  # of validation digits: the goal is at most 0.5% of real digits flagged
    filters: tuple[int, int, int] = (16, 32, 48)  # three 3x3 convolutions, each followed by 2x2 pooling
    dense: int = 64
    dropout: float = 0.3
    epochs: int = 6  # 6 epochs: about 1 minute on the 2-core CPU
    batch_size: int = 128
    learning_rate: float = 2e-3
