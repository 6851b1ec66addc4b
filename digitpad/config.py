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
MODEL_PATH = Path(os.environ.get("DIGITPAD_MODEL", PRODUCT_ROOT / "models" / "digitpad.keras"))
MNIST_ENV = "DIGITPAD_MNIST"  # path to an npz with Keras' MNIST keys; unset: Keras' own download
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
# MNIST's stroke width in its 28 px frame (digit box 20 px): median 2.36 px over 3,000 training digits (p10 1.71,
# p90 3.29), measured as 2 x area / perimeter of the ink at 4x. Strokes outside p10-p90 are thinned or thickened into
# it; within it they are left alone. The bundled model of 2026-11-23 on MNIST's validation split through preprocessing
# / on writers 21, 24, 27-29's drawn digits, pixels (mean, worst condition): onto the median 99.48% / 98.57%, 97.60%;
# into p10-p90 99.60% / 98.50%, 98.08%; into p25-p75 99.58% / 98.51%, 97.84% (docs/accuracy.md).
MNIST_STROKE_WIDTH = 2.36
MNIST_STROKE_WIDTHS = (1.71, 3.29)  # px: the range strokes are brought into

# --- Reading the canvas's strokes (digitpad.reading.canvas) -----------------------------------------------------------
# A drawing on the canvas is re-drawn from its strokes' paths: scaled so its longer side is REDRAW_SIZE px, with a
# pen that, the drawing shrunk into MNIST's 20 px box, is MNIST's median stroke: 27 px, as 27 * 20 / (200 + 27) = 2.38.
REDRAW_SIZE = 200  # px
REDRAW_PEN = round(MNIST_STROKE_WIDTH * REDRAW_SIZE / (DIGIT_BOX - MNIST_STROKE_WIDTH))  # px

# --- Numbers: cutting a drawing of several digits into one per digit (digitpad.reading.segment) -----------------------
SPECK_FRACTION = 0.02  # ink components under this fraction of the largest one's area are specks, not strokes
MERGE_OVERLAP = 0.5  # components sharing this fraction of the narrower one's columns are strokes of one digit
# Which pieces are offered: a segment at least this wide for the line's height may be two digits drawn touching, and is
# offered cuts along its STRAIGHT_CUTS emptiest columns and BENT_CUTS emptiest paths that bend round the ink
# (digitpad.reading.segment.bent_cuts); a segment of several strokes is also offered its strokes parted left from right,
# at the STROKE_SPLITS places where the two sides share the fewest columns (two 4s drawn overlapping). Which cut wins is
# the piece judge's and the classifier's to say (digitpad.models.number), so more cuts cost time rather than wrong cuts.
# 600 of the tuning writers' 4-digit numbers, read right and the median time to read one (`python -m
# benchmarks.numbers --tuning`, scratch variants, a first judge): 0.8 with 2 + 2 cuts and 2 stroke splits, 591 in 27 ms;
# 0.8 with 3 + 3 + 2, 594 in 33 ms; 0.6, 595 in 87 ms; 0.5, 595 in 147 ms. Before the judge: 588. The bundled judge:
# 594 in 33 ms; held-out writers' 500, 488 (97.6%).
TOUCHING_ASPECT = 0.8
# Fraction of a segment's width at either side that no cut passes through. Tuning writers' 4-digit numbers read right,
# of 600: 594 at 0.25; 592, 591 and 590 at 0.15, 0.1 and 0.05 (slivers off single digits, some judged whole).
CUT_MARGIN = 0.25
STRAIGHT_CUTS = 3
BENT_CUTS = 3
STROKE_SPLITS = 2
# A cut is offered only if both halves stand at least this fraction of the line's height. Tuning writers' numbers read
# right (the same way, before the piece judge): 4 digits, 583/600 with no such floor, 585 at 0.5, 587 at 0.6, 0.7 and
# 0.8; 5 digits, 290/300 with none, 292 at 0.6 and 0.7. With a first judge, and cuts from 0.5 of the line's height
# wide: 595 at 0.5, 0.6 and 0.7.
MIN_HALF_HEIGHT = 0.6
# A segment (strokes merged into one digit) shorter than this fraction of the tallest is no digit of the number: a tick
# beside a mark, a scrap of the line above, a dot; a photo's ink loses it too. Tuning sources (`benchmarks.real --group
# tuning`) photo singles 31 -> 32 of 38 at 0.3-0.5; tuning writers' numbers of 2-5 digits, 150 each: 592 -> 594.
MIN_SEGMENT_HEIGHT = 0.5
MIN_CUT_WIDTH = 4  # px: a narrower segment is never cut (a cut must leave ink on both sides)
# Cuts of cuts: each level tries every cut of both halves. Two levels cut a run of up to four touching digits;
# unbounded, one "2" on the canvas cost 985 classifications (4.3 s) and a ruled line across a raw photo did not finish.
MAX_CUT_DEPTH = 2
NUMBER_CANVAS = (200, 700)  # px, height x width: the page's canvas in number mode, room for five or six digits

# --- Numbers: is a piece one whole digit? (digitpad.models.pieces, trained by `python train_model.py --pieces`) -------
# The digit classifier reads nearly anything as some digit, and surely: two 4s drawn touching as one 4 (0.95), the left
# half of a 0 as a 1. A second, small CNN judges each piece on its own: one whole digit, or two digits, or part of one.
PIECES_MODEL_PATH = Path(os.environ.get("DIGITPAD_PIECES_MODEL", PRODUCT_ROOT / "models" / "pieces.keras"))
PIECES_RETRAIN_COMMAND = f"{RETRAIN_COMMAND} --pieces"
# "Not a digit" (digitpad.models.nondigit): a small CNN trained on digits against drawings that are not digits
# (digitpad.learning.negatives), added to ENERGY_WEIGHT times the digit model's energy (the log-sum-exp of its logits:
# high for what it has seen the like of). Tuning run (writers tra-21/24/27/28/29 left out, negatives of another seed):
# at 0.5% of those writers' digits flagged, the CNN alone flagged 93.8% of non-digits, with the energy (weight 2) 98.3%,
# the energy alone 77.7%, the classifier's top probability alone 73.7%.
NONDIGIT_MODEL_PATH = Path(os.environ.get("DIGITPAD_NONDIGIT_MODEL", PRODUCT_ROOT / "models" / "nondigit.keras"))
NONDIGIT_RETRAIN_COMMAND = f"{RETRAIN_COMMAND} --nondigit"
ENERGY_WEIGHT = 2.0
# Under this score an input is not a digit: the recipe's threshold, from models/nondigit.card.json (`python
# train_model.py --nondigit` prints it): 0.2% of its validation digits flagged, 94.7% of its validation non-digits.
NOT_A_DIGIT_BELOW = 2.438
# Its input: the piece scaled so the number's line is PIECE_LINE_HEIGHT px tall (a piece's size against its
# neighbours' is the evidence: a "44" is as tall as a 4 and twice as wide), centred in a frame wide enough for
# two and a half digits; what is wider is cropped to the middle.
PIECE_FRAME = (32, 64)  # px, height x width
PIECE_LINE_HEIGHT = 24  # px

# --- Numbers: a photo's one piece of ink read as a pair (digitpad.models.pairs, `python train_model.py --pairs`) -----
# Two small digits written touching or overlapping are one piece of ink that no cut parts well (a "50" whose 5 runs into
# its 0). A third small CNN reads such a piece whole, as the digit on its left and the one on its right or none.
PAIRS_MODEL_PATH = Path(os.environ.get("DIGITPAD_PAIRS_MODEL", PRODUCT_ROOT / "models" / "pairs.keras"))
PAIRS_RETRAIN_COMMAND = f"{RETRAIN_COMMAND} --pairs"
PAIR_FRAME = (28, 56)  # px, height x width: the piece's ink scaled to fit PAIR_INK (height x width), centred
PAIR_INK = (24, 52)  # px
# A photo's one piece of ink is read as the pair reader's two digits when it is this sure of them together, and finds
# what was read otherwise (two digits at most) less likely than PAIR_DOUBT; chosen with a prototype on tuning data.
# Bundled: fields (made up) 276 -> 279 / 273 -> 278 of 300 (`python -m benchmarks.fields --seed 0` / 1), tuning photo
# numbers 24 -> 25 of 25, shrunk 87 -> 92 of 100; singles the same (docs/accuracy.md, twenty-second session).
PAIR_SURE = 0.9
PAIR_DOUBT = 0.001

# --- Numbers: a second opinion on each digit (models/drawn.keras, trained by `python train_model.py --drawn`) --------
# The digit classifier learnt from MNIST as well as from drawings, and must keep MNIST's test set at 99.6%. Number mode
# reads only drawings (or photos cleaned to look like them), so it also asks a classifier of the same shape trained on
# the tuning writers' drawings alone (DrawnRecipe), and averages the two opinions (digitpad.models.classifier). Held-out
# writers' numbers of 2 / 3 / 4 / 5 digits read right, 1,500 of each (`python -m benchmarks.numbers`): the digit model
# alone 98.0 / 97.6 / 96.0 / 94.7%; both 98.5 / 98.5 / 97.3 / 96.1% (another 1,500, --seed 1: 98.3 / 97.2 / 97.2 /
# 96.7%). Also tried, on 1,500 4-digit numbers: the piece judge trained to say which digit as well (11 classes) and
# added as the second opinion, 96.6%; as a third beside a first drawings-only model, 97.1-97.2% against 97.3% without.
DRAWN_MODEL_PATH = Path(os.environ.get("DIGITPAD_DRAWN_MODEL", PRODUCT_ROOT / "models" / "drawn.keras"))
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
# Fine-tuning on them (train_model.py --feedback; the recipe is FineTuneRecipe, below TrainingRecipe): a few dozen
# drawings among 55,000 MNIST images would barely move the weights, so each is repeated (each repeat augmented
# differently) until they number this fraction of the other training images...
FEEDBACK_SHARE = 0.1
# ...but at most this many times each, so one user's mislabelled scribble cannot be learnt by heart.
FEEDBACK_MAX_REPEATS = 50


# --- Reading any image (digitpad.models.reader) -----------------------------------------------------------------------
# A drawing's background is one tone, exactly: at least this share of its pixels. Real tuning images
# ($DIGITPAD_REAL, --group tuning): photos 0.06-0.26, drawings from other apps 0.70-0.98, scans 0.63-0.91 (clean
# enough to read as drawings: 52 of 52 read right so, 51 as photos). Evenly lit JPEG photos of single digits 0.45-0.56
# (made up: 2% of benchmarks.fields --singles; at 0.45 they were read as drawings, lines and all: 948 -> 956 of 1,000).
FLAT_BACKGROUND = 0.6
# ...unless its ink holds a row of at least FORM_BOXES boxes, as a form's field holds one digit to a box: a form scanned
# to pure black and white, its lines for the photo reader to take away. `python -m benchmarks.real --group tuning`:
# MarkUs' student number "not a digit" -> 0001250981, the rest as before; no tuning non-digit (400), MNIST digit
# (10,000) or tuning writer's drawing (18,000) changes kind (docs/accuracy.md, "A form scanned to black and white").
FORM_BOXES = 2
FORM_LINE_THIN = 0.25  # of the row's height: a thick 2's bar had its two edges as lines across, 7 px apart
FORM_BOX_WIDTH = 0.5  # of its height: a made-up square drawn askew with a thick pen had its sides' edges as 4 lines
# A flat image read as a drawing under FLAT_UNSURE, whose ink holds a line across PHOTO_LINE_SPAN of a side, under
# FLAT_LINE_THIN of the other side thick and ending within FLAT_LINE_EDGE of the frame's edge (a form's line the crop
# cut), is read as a photo too, and taken so when that reads digits at FLAT_UNSURE or more: a photo a scanner app made
# black and white. Tuning photos so made (made up: Otsu on each crop; scratch script): numbers 5 -> 20 of 25, singles
# 15 -> 22 of 38; changed none of 9,000 writers' drawings or 10,000 MNIST digits, 1 of 400 non-digits (a square to the
# frame's edge: "11"). `benchmarks.real --group tuning` as before (docs/accuracy.md, "Photos made black and white").
FLAT_UNSURE = 0.7
FLAT_LINE_THIN = 0.05  # of the other side: every such photo's line is; at 0.1, 415 of 2,700 drawings had one, not 308
FLAT_LINE_EDGE = 0.02  # of the side: without it a triangle's base was a line, and the triangle read "11"
# A drawing longer than this is looked for digits at this size (its one-digit reading is made from the whole). A 4000 x
# 3000 px black-and-white photo (made up) took 7.1 s, its cuts searched at full size; now 2.0 s, a drawing 2.0 -> 1.5 s.
# 120 tuning writers' drawings enlarged 3-4 times (made up) and the 3 real tuning drawings over it: read as before.
DRAWING_WORKING_SIZE = 1000  # px
# An image the bundled classifier reads as one digit this surely is one digit, wherever the number reader cuts it. The
# number reader cut 57 of MNIST's 5,000 validation digits in two; 38 of 40 of them read as one digit at 0.9 or more,
# against 11 of 300 numbers of 2-4 digits by tuning writers (docs/accuracy.md, "One way in").
SURE_OF_ONE = 0.9
# ...and unless the classifier's one digit is "not a digit", or the digits found stand apart (separate ink) in a row
# at least this much wider than tall: a "44" read as one 4 at 0.92. Tuning photo numbers 21 -> 23 of 25, every other
# tuning image, 5,000 MNIST validation digits and 1,200 tuning writers' drawings read as before; 1.0 cost 4 MNIST digits
# (scratch rows over the tuning data; docs/accuracy.md, "Two digits side by side").
ROW_ASPECT = 1.2
# A photo's one piece of ink ROW_ASPECT times wider than tall that the classifier reads under this is two digits
# touching, read as its best cut (a "50" read whole as an 8 at 0.45). Tuning photo singles that wide: 0.82-0.97 sure;
# tuning photo numbers 23 -> 24 of 25, shrunk 89 -> 91 of 100; 0.5 and 0.7 the same (docs/accuracy.md).
WIDE_UNSURE = 0.6
# A photo's one piece of ink at least this much wider than tall is cut too, and read as its cut when each digit reads
# surer than the whole. Fields (made up) 265 -> 269 / 256 -> 257 of 300 (seeds 0 / 1), shrunk tuning photos 79 -> 80 of
# 100 (bilinear), tuning sources the same; 0.8 the same in sum, 1.2 no gain (`python -m benchmarks.fields --seed 0`).
CUT_ASPECT = 1.0
# On the page's one-digit canvas, the number reader runs only on ink with an empty band of columns inside it at least
# this wide (px). Tuning writers' digits in pairs side by side: 300 of 300 have one; drawn alone: 1 of 1,249.
SIDE_BY_SIDE_GAP = 3

# --- A sheet on a desk (digitpad.reading.sheet) -----------------------------------------------------------------------
# A photo showing a sheet of paper and what it lies on is read as the sheet alone. Evidence: `python -m
# benchmarks.sheets` (tuning sheets on tuning scenes, made up); none of the real tuning images as taken, and none of 200
# made-up sheets that fill the frame lit unevenly (tests.photos.random_conditions) or 200 form fields, is taken for one.
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
# Thumbnail px: a region that is no rectangle is tried again without what hangs on it by necks narrower than these (a
# bright stone, a white wall). `python -m benchmarks.sheets --seed 0, 1, 2`, tuning, read right: real photos 84 -> 103
# of 189, made-up sheets 142 -> 182 of 360 (15 alone: 101, 174; docs/accuracy.md).
SHEET_NECKS = (9, 15, 21)
SHEET_SATURATION = 0.25  # paper is grey or white (median): a face, a wooden desk, a red wall are not paper
SHEET_BRIGHT = 0.5  # of the photo's bright end (95th percentile of the thumbnail), at least (median)
# Apart from the rest of the photo in brightness, median against median: brighter, or darker (a sheet on a white
# table). Brighter only: made-up sheets found on tuning scenes 72 -> 78 of 150 either way (a sheet in the shade of a
# bright sky), no more taken for a sheet where there is none (the evidence above).
SHEET_CONTRAST = 0.05
SHEET_INSET = 6  # thumbnail px: the strip along the sheet's edge left out, and the desk with it

# --- Photos of paper (digitpad.reading.photo, paper_lines, not_writing) -----------------------------------------------
# Evidence below: made-up photos (tests.photos) of held-out writers' digits, pens 8-30 px, sheets lit down to 40% on
# one side, shadows, noise sd up to 0.04, faint ruled lines and specks; `python -m benchmarks.photos` for reading.
# A photo's longer side is shrunk to this first: clean_photo then takes a median 32-47 ms (at most 91 ms) on a shared
# 2-core CPU, and a 4-digit number across the frame is still about 200 px tall, ten times the model's 20 px box.
PHOTO_WORKING_SIZE = 1000  # px
# ...and a small crop's is enlarged to this, so its strokes are several pixels wide: the real tuning photos (crops of
# 30-440 px) read right, 9 of 38 single digits enlarged, 8 not; 8 of 25 numbers, 6 not.
PHOTO_MIN_WORKING_SIZE = 300  # px
# ...and writing still small there (a form's box cut from a 721 x 1280 photo) is cleaned again, enlarged so its digits
# stand this tall (up to PHOTO_WORKING_SIZE). Tuning numbers shrunk to 10-15 px digits in a crop 5x their height and
# 2.5x as wide (made up on real images): 20 -> 36 of 100 (80 px: 41, but a real photo already 56 px tall misread).
PHOTO_WRITING_HEIGHT = 48  # px
PHOTO_DENOISE_SIGMA = 1.0  # px: a Gaussian blur against sensor noise (cuts its sd about 3.5x), far below a stroke
# The closing that erases the ink to leave the paper must be wider than the widest stroke: a 30 px pen on a digit
# drawn across a 280 px canvas is 7.7% of the photo's side.
PHOTO_PAPER_WINDOW = 0.1  # fraction of the longer side
# A photo of writing is mostly bare paper: one whose median pixel is darker than its paper (paper_darkness) by more than
# this holds no digits. Tuning photos of writing, real and made up (noise sd to 0.08): at most 0.026, so twice that;
# real tuning scenes saying "No digits found" 4 -> 7 of 10, their crops 29 -> 48 of 80 (0.03: 52; docs/accuracy.md).
PHOTO_NOT_PAPER = 0.05
# ...unless what lies round its digits, out to this share of their height, is paper: two notes on gravel whose sheet
# was not found, of 366 laid on tuning scenes, read right again (0.5, 1.0: one, none); tuning scenes 7 -> 6 of 10.
PHOTO_PAPER_ROUND = 0.25
PHOTO_PAPER_THUMBNAIL = 128  # px, the shorter side paper_darkness looks at: sensor noise averaged away
# Ink is on paper: at most this share of what surrounds a component, out to PHOTO_SURROUND_REACH of its stroke's width,
# is darker than halfway from its ink to its paper. `python -m benchmarks.no_digits` (made up): hills saying no digits
# 2 -> 10 of 10, shapes 0 -> 6; tuning sources as before; 0.15 / 0.45: shrunk tuning singles 121 -> 115 / 122, 30 more
# scenes (scratch) 16 -> 15 / 19 read (docs/accuracy.md, "Photos of no digits").
PHOTO_SURROUND = 0.3
PHOTO_SURROUND_REACH = 0.5  # reach 0.25 / 1.0 of the width: scratch scenes read 15 / 18, shrunk tuning numbers 85 / 86
# Dark ink or light ink: told on a thumbnail against the local median paper. With a window of 0.1 of it, 2 of 120
# photos (60 sheets, both polarities) were judged wrong (thick strokes fill the window); 0.25 and 0.5: none.
PHOTO_POLARITY_SIZE = 100  # px: the thumbnail's longer side
PHOTO_POLARITY_WINDOW = 0.25  # fraction of it: the median's window
# Ink is at least this much darker than its own paper, as a fraction of the paper's brightness (Otsu's split between
# paper and ink, when higher); fainter pixels down to PHOTO_INK_GROWTH of that are ink where they touch it (a thin
# stroke's faint ends). Real tuning photos' single digits read right: 23 of 38 with 0.25 / 0.35, 20 with 0.35 / 0.5,
# 9 with 0.35 and no growth (`python -m benchmarks.real --group tuning`; docs/accuracy.md, issue 14).
PHOTO_MIN_CONTRAST = 0.25
PHOTO_INK_GROWTH = 0.35
# ...but only down to this in small writing cleaned again enlarged (clean_photo): its blurred edges, grown at 0.35,
# fatten its strokes till a 5's bowl fills and runs into the 0 beside it. Tuning numbers shrunk to 10-15 px digits in
# a crop 5x their height (made up), 4 placements: 231 -> 256 of 400; one placement, 0.4 / 0.45 / 0.5: 60 / 64 / 58 (56).
PHOTO_SMALL_INK_GROWTH = 0.45
# The floor is lowered to this share of the photo's darkest ink where that is faint (a pencil; writing 10-15 px tall
# that the lens blurred), but kept PHOTO_NOISE_FLOOR times the paper's noise (ink_contrast's) above it. Tuning photos
# made up on real images (docs/accuracy.md, "Faint ink"): shrunk to 10-15 px digits and blurred 0.6 px, numbers 41 -> 65
# of 100, singles 52 -> 101 of 152; unblurred 80 -> 80 / 105 -> 118; a pencil's grey 8 -> 22 of 25 / 19 -> 32 of 38.
# 0.5: unblurred numbers 74. Noise x 25: 5 of 60 made-up blank sheets read as digits; x 40-60: 3, as before.
PHOTO_FAINTEST = 0.6
PHOTO_NOISE_FLOOR = 50
# ...and of this share of the clear ink's median contrast, if more: writing on the back of the page showing through (a
# quarter as dark, made up on real tuning images) joins the front's strokes it touches otherwise. Tuning photos as
# taken, singles 33 -> 35 of 38; showing through, numbers 10 -> 14 of 25; 0.5: no change; 1.0: a blank sheet's specks
# read as "5267" (docs/accuracy.md, "Turned, shadowed, yellow, showing through").
PHOTO_INK_TYPICAL = 0.6
# Ruled lines: straight runs at least PHOTO_LINE_RUN of the side long (a 2 px line still holds such a run tilted by 2
# degrees) that together cross PHOTO_LINE_SPAN of the sheet within a band PHOTO_LINE_TILT of its width
# high. Digits' bars are far shorter than the span; the faint lines measured 0.10-0.15 darker than their paper.
PHOTO_LINE_RUN = 0.05  # fraction of the side the line runs along
PHOTO_LINE_SPAN = 0.75  # fraction of the side the line runs along
PHOTO_LINE_TILT = 0.02  # rise over run: about 1 degree
PHOTO_LINE_CONTRAST = 0.08  # fraction of the paper's brightness: fainter runs are not counted as a line's
# A page turned by up to PHOTO_MAX_TILT degrees has its lines found and taken away turned level: the turn that makes its
# ink's longest line (on a thumbnail PHOTO_TILT_SIZE px long) cross PHOTO_TILT_LINE of it, PHOTO_TILT_GAIN times what it
# crossed unturned, in a band no wider than PHOTO_TILT_LINE_WIDTH of the side (a line, not a tight crop's 1 or hills'
# edge). Tuning photos turned by -10 / +10 degrees (made up on real images), numbers: 7 / 7 of 25 -> 14 / 10; as taken,
# 22 of 25 and 33 of 38 as before; band 0.08: 15 / 11, but shrunk singles 103 -> 96 (docs/accuracy.md, "Turned").
PHOTO_MAX_TILT = 12.0  # degrees
PHOTO_MIN_TILT = 1.0  # degrees: less is within PHOTO_LINE_TILT
PHOTO_TILT_SIZE = 400  # px
PHOTO_TILT_LINE = 0.6  # fraction of the thumbnail's side
PHOTO_TILT_GAIN = 1.3
PHOTO_TILT_LINE_WIDTH = 0.06  # fraction of the thumbnail's side
# A line's darkness, taken away along it, is this percentile of its band's columns' darkest runs. The median cut
# through the bottoms of digits written along a line (3 of the benchmark's first 70 numbers misread so; none with
# this); so low a level leaves a trace of the line, but a faint one: at most 0.10 on 20 blank sheets (0.23 before).
PHOTO_LINE_LEVEL = 10
# Lines left dark enough to be ink (a crop's box lines, dotted lines under a roll number): straight runs of ink across
# PHOTO_INK_LINE_SPAN of the crop (dots closed up over PHOTO_DOT_GAP of it), or PHOTO_EDGE_LINE_SPAN of it within
# PHOTO_EDGE_BAND of an edge. Tuning photos: dotted and full lines, 13 -> 16 of 25 numbers; edge lines, 11 -> 20 of 38
# single digits. Edge lines of half the side cut the stems of 1s and 4s near a made-up photo's edge; of 0.6, made-up
# photos of tuning writers' numbers 99.3% -> 90.0% read right (docs/accuracy.md).
PHOTO_INK_LINE_SPAN = 0.7  # fraction of the crop's width
PHOTO_DOT_GAP = 0.04  # fraction of the crop's width
PHOTO_EDGE_LINE_SPAN = 0.85  # fraction of the side the line runs along
PHOTO_EDGE_BAND = 0.2  # fraction of the side across it
# A box's lines round writing small in a wider crop (a form's box cut from a 721 x 1280 photo): runs across
# PHOTO_BOX_SPAN of the side, PHOTO_BOX_OVER times the digits' size, meeting the edge, a line or each other. Tuning
# photos shrunk to 10-15 px digits in a crop 3.5x their height (made up on real images): numbers 43 -> 68 of 100.
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
# Dots too far apart to touch (strokes grown less) are no measure of the digits: PHOTO_DOTS or more round blots in a
# row, each filled this much of its box (a disc: 0.79; a small 0: about 0.4). PHOTO_SMALL_INK_GROWTH's 5x crop: 256 ->
# 262 of 400.
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
# A box drawn round the writing, all of it in the crop or one side cut off: a piece of ink (pieces PHOTO_FRAME_JOIN px
# apart joined) with a straight line along 3 or 4 sides of its bounding box. `python -m benchmarks.fields` (made up,
# tuning writers): boxes 78 -> 99 of 112, all 241 -> 262 of 300. No pen digit (7,494) or MNIST digit has one found.
PHOTO_FRAME_MIN = 15  # px at the working size: a smaller piece is no box
PHOTO_FRAME_JOIN = 7  # px; 3, and the ruled lines not counted as sides: fields 257 of 300
PHOTO_FRAME_SIDE = 0.75  # of the side; 0.85 missed boxes that a digit touches
PHOTO_FRAME_BEND = 0.02  # of the side: a box line's first ink is this close to one straight line
PHOTO_FRAME_THICK = 0.2  # of the box's size: the line lies within this of its edge, and is thinner
# Scraps cut off at the crop's edge (a box line's end, half a digit of the line above): ink touching the edge, under
# this share of the largest component's area and of the tallest one's height. Tuning numbers read right: 19 of 25
# with, 16 without.
PHOTO_SCRAP = 0.25  # of the largest component's area
PHOTO_SCRAP_HEIGHT = 0.5  # of the tallest component's height
# ...or thinner than this share of the largest component's stroke: a box line's sliver (a "3" read as "31"). Tuning
# photos (`benchmarks.real --group tuning`): singles 32 -> 33 of 38, numbers 22 -> 22 of 25; shrunk to 10-15 px digits
# (made up), numbers 72 -> 75 of 100; the same at 0.4 and 0.6 (docs/accuracy.md, "Small writing, low resolution").
PHOTO_SCRAP_THIN = 0.5
# Components whose stroke (its mean width along its length) is wider than this fraction of their own height are blobs
# (an eye, dark ground), not strokes: a digit's stroke is far thinner than the digit. On made-up photos of a face, a
# landscape and blank paper (tests/models/test_reader.py) without it, the face read as a digit. Measured by the
# thickest point (0.5) rather than the mean, blots where strokes meet took whole digits of small blurred writing away:
# tuning numbers shrunk to 10-15 px digits (made up on real images) 80 -> 86 of 100, blurred 65 -> 70; 0.5: the hills
# read as digits; 0.4: 81 / 65 (docs/accuracy.md, "Faint ink"). 0.45 -> 0.5 once the hills no longer read (2026-12-04):
# `python -m benchmarks.fields --singles` (made up) 957 -> 964 of 1000, small 6s whose loop filled in; no_digits 35/50.
PHOTO_BLOB = 0.5
# Components of ink under this fraction of the image's area are specks. Specks of 1-4 px radius covered at most
# 1.9e-4 of 30 blank sheets; the largest component of a digit covered 2.0e-2 or more of its photo.
PHOTO_SPECK_AREA = 5e-4
# ...unless its area is at least this many times its thickness squared: a pen's line, not a dot (a dot's is under 1).
# Made-up 12-megapixel photos of tuning writers' numbers across 15% / 10% of the frame's width: 16 -> 20 / 7 -> 12 of 20
# read right (6: 16 / 7); tuning sources, made-up tuning photos and 60 blank made-up sheets read as before.
PHOTO_STROKE_ELONGATION = 3.0

# --- The page -----------------------------------------------------------------------------------------------------
# A digit H px tall is shrunk by 20/H into MNIST's box, so an 18 px pen becomes 18 * 20 / H px: MNIST's median
# (2.36 px) for a digit 55% of the canvas tall, and within MNIST's 10th-90th percentile (1.71-3.29 px) from 39% to
# 75% tall, the sizes people draw on a square pad. Preprocessing thins or thickens what is left over.
DEFAULT_STROKE_WIDTH = 18  # px on the 280 px canvas
# A top probability under this is shown as "not sure". On the held-out writers' 44,964 drawings (the drawing grid),
# 0.80 flags 60% of the wrong readings and 1.5% of the right ones; 0.70: 52% and 0.9%; 0.90: 82% and 3.5%, which
# nags too often on digits it reads right (label smoothing keeps confident answers near 0.95, not 1).
UNSURE_BELOW = 0.80
MIN_STROKE_WIDTH = 8  # px: the sidebar slider's range; thinner ink vanishes when shrunk to 28 px
MAX_STROKE_WIDTH = 32  # px: thicker ink fills the loops of a 0, 6, 8 or 9 drawn at a normal size
INK_COLOUR = (
    "#ffffff"  # the canvas draws white ink on black paper, like MNIST and digitpad.reading.strokes.render_canvas
)
PAPER_COLOUR = "#000000"
PREVIEW_SIZE = 140  # px: "what the model sees" shows the 28 px input enlarged 5x, pixel blocks kept sharp
SHOWN_WIDTH = 1460  # px: the widest picture Streamlit shows (its MAXIMUM_CONTENT_WIDTH); the Photo page shrinks its own
CHART_HEIGHT = 180  # px: the ten-probability bar chart
PREDICTED_BAR_COLOUR = "#e8590c"  # the predicted digit's bar; the theme's primaryColor in .streamlit/config.toml
OTHER_BAR_COLOUR = "#c5cad3"  # the other nine bars
# The reading beside the one-digit canvas, whose chart needs about 300 px to label all ten digits. A window too narrow
# for both whole (800 px with the sidebar open) puts it under the canvas instead of clipping the canvas to 218 px.
RESULT_WIDTH = 340  # px
# Photos a server process reads at once, the others waiting their turn: its share of the cores (a room gives each of its
# processes TF_NUM_INTRAOP_THREADS of them: serving.room.tensorflow_threads). `python -m benchmarks.photo_turns`.
PHOTO_READS_AT_ONCE = max(1, int(os.environ.get("TF_NUM_INTRAOP_THREADS") or os.cpu_count() or 1))

# --- Measuring drawn digits ----------------------------------------------------------------------------------------
# The pen-drawn digits' 30 writers: 25 to tune and train on, and 5 final writers that no choice is made on, measured
# once per committed model. Drawn at random from 21-30, which no bundled model had trained on (writers 21-30 had been
# tuned against for many rounds, so they are a tuning group now): sorted(random.Random(13).sample(range(21, 31), 5)).
FINAL_WRITERS = ("tra-22", "tra-23", "tra-25", "tra-26", "tra-30")
# The real images ($DIGITPAD_REAL), split by where they came from. A source is its folder; the folders cut from one
# set of photos (don-sabu's own photos: don_sabu_cells and don_sabu_us; its seniors': don_sabu_marks and
# don_sabu_numbers) share a group. The final group holds the larger photo family (71 of the 97 numbers), 2 of the 4
# one-writer photo sources and 4 of the 9 drawing sources (sorted(random.Random(14).sample(drawing sources, 4))), all
# chosen before any was measured. The scans are one source, so they are split by the sheets' rows instead.
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
# Test-time views: the classifier averages the model's log-probabilities over the image rotated by each angle
# (degrees). With the 30-epoch model trained on MNIST and 4 drawings of each tuning writer's digit, these three views
# against one: held-out writers' drawn digits 98.66% -> 98.98% (mean over the grid), worst condition 97.88% -> 98.20%;
# MNIST test 99.64% -> 99.73%. Also tried: +/-6 deg and 0.9/1.1x zoom (5 views) 98.98% / 98.28% / 99.69%; zoom alone
# 98.88% / 98.24% / 99.66%; +/-1 px shifts 98.79% / 98.04%. One drawing's prediction costs about 0.4 ms more.
TEST_TIME_ROTATIONS = (0.0, 8.0, -8.0)


# "digitpad" is ours (digitpad.models.model.build_model); the others are the classic nets people start from, trained by
# the same recipe for comparison only (`train_model.py --arch NAME`, digitpad.models.model.CLASSIC_ARCHITECTURES,
# docs/accuracy.md)
ARCHITECTURES = ("digitpad", "mlp", "cnn3", "cnn4")


@dataclass(frozen=True)
class TrainingRecipe:
    """The bundled model's recipe. `python train_model.py` with no flags trains exactly this."""

    seed: int = 1
    # Passes over the training images (55k MNIST + 50k drawn) for each net. A default run must take at most 30 minutes
    # on the 2-core CPU, whose speed has varied 3.4x between days: 16 epochs trained in 6.5 min on 2026-11-30 (4,100
    # images/s), and would take 23 min on the slowest day seen (1,201 images/s, 2026-11-23). Tuning runs against the
    # old recipe (docs/accuracy.md): MNIST validation through preprocessing 99.60% -> 99.64-99.70%, tuning writers'
    # strokes 98.64% -> 99.04%.
    epochs: int = 16
    # Nets trained alike (seeds seed, seed + 1, ...), their logits averaged into one model (models.model.averaged).
    # MNIST validation through preprocessing (scratch runs, seed 1's split): one net 99.60% / 99.54% (seeds 1 / 2),
    # both 99.64%. Training time doubles (the default retrain: 17.5 min on 2026-11-30); a drawing's read 3.2 -> 4.0 ms.
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
    # Output channels of the five 3x3 convolutions (digitpad.models.model). Against 32-64-64-128-128, these train 1.7x
    # as many images a second (1,201 vs 695 images/s, timed as `python -m benchmarks.training` times them, the same slow
    # day):
    # most of the work is the two convolutions at 14x14, and 64 channels there cost twice what 48 do.
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
    # MNIST's images fed through digitpad.reading.preprocess, as a user's image file is, for training and validation
    # alike: a model trained on raw MNIST reads 0.1-0.2% fewer of MNIST's digits through the product's path than as raw
    # arrays
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
    # A first judge of this shape, trained on the pieces of fewer cuts, judged 94.5% / 97.0% / 97.4% of the pieces of
    # 500 more tuning writers' numbers right after 1 / 4 / 8 epochs. The bundled one, half its numbers photographed:
    # 93.7% of the held-out writers' pieces (its card), after 9.0 min of training, 10.1 min in all on the 2-core CPU.
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
    `negatives_per_kind` letters, symbols, shapes and scribbles each, in the tuning group's fonts and seed. Its
    threshold is chosen on the validation writers' digits, the digit model's 5,000 MNIST validation digits and
    non-digits of another seed: the score below which `flag_share` of those digits fall.
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
