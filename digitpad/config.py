"""Every tunable number and path of digitpad, in one place, with its unit and the evidence for it.

Nothing comes in; constants go out. Other modules import from here instead of writing literals.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# --- Where things live --------------------------------------------------------------------------------------------
REPO_ROOT = Path(__file__).resolve().parent.parent
MODEL_PATH = Path(os.environ.get("DIGITPAD_MODEL", REPO_ROOT / "models" / "digitpad.keras"))
MNIST_ENV = "DIGITPAD_MNIST"  # path to an npz with Keras' MNIST keys; unset: Keras' own download
STROKES_ENV = "DIGITPAD_STROKES"  # path to pendigits_train.json (pen trajectories); used by tests and benchmarks
REQUIRE_DATA_ENV = "DIGITPAD_REQUIRE_DATA"  # "1" in CI: a missing data file fails the tests instead of skipping
RETRAIN_COMMAND = "python train_model.py"

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
# p90 3.29), measured as 2 x area / perimeter of the ink at 4x. Drawn strokes are thinned or thickened towards it:
# on 4 tuning writers' digits, that lifted the MNIST-only model from 96.3% to 97.1% (mean over the drawing grid)
# and its worst condition (a 30 px pen, digit 30% of the canvas tall) from 89.9% to 92.5%.
MNIST_STROKE_WIDTH = 2.36

# --- Numbers: cutting a drawing of several digits into one per digit (digitpad.segment) -----------------------------
SPECK_FRACTION = 0.02  # ink components under this fraction of the largest one's area are specks, not strokes
MERGE_OVERLAP = 0.5  # components sharing this fraction of the narrower one's columns are strokes of one digit
TOUCHING_ASPECT = 0.8  # a segment at least this wide for its height may be two digits drawn touching: try cuts
CUTS_TRIED = 3  # cuts tried on such a segment, at its emptiest columns
SURER_BY = 0.0  # a cut is kept when both halves' confidence beats the whole's by more than this
NUMBER_CANVAS = (200, 700)  # px, height x width: the page's canvas in number mode, room for five or six digits

# --- Why: occlusion maps (digitpad.explain) ----------------------------------------------------------------------
OCCLUSION_PATCH = 6  # px of the 28 px input blanked at a time: about a stroke's width and a half
OCCLUSION_STRIDE = 2  # px between patches: 144 blanked copies, about 0.2 s on the page's 2-core server

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
INK_COLOUR = "#ffffff"  # the canvas draws white ink on black paper, like MNIST and digitpad.strokes.render_canvas
PAPER_COLOUR = "#000000"
PREVIEW_SIZE = 140  # px: "what the model sees" shows the 28 px input enlarged 5x, pixel blocks kept sharp
CHART_HEIGHT = 180  # px: the ten-probability bar chart
PREDICTED_BAR_COLOUR = "#e8590c"  # the predicted digit's bar; the theme's primaryColor in .streamlit/config.toml
OTHER_BAR_COLOUR = "#c5cad3"  # the other nine bars

# --- Measuring drawn digits ----------------------------------------------------------------------------------------
# The pen-drawn digits' 30 writers, split once: anything tuned on drawn digits sees only the first 20.
HELD_OUT_WRITERS = tuple(f"tra-{n:02d}" for n in range(21, 31))
DRAWN_STROKE_WIDTHS = (8, 18, 30)  # px on the 280 px canvas: thin pen, the page's default, a finger
DRAWN_HEIGHTS = (0.3, 0.6, 0.9)  # digit height as a fraction of the canvas
DRAWN_CENTRES = {"centred": (0.5, 0.5), "off-centre": (0.2, 0.25)}  # where the digit is drawn (x, y fractions)

# --- Inference ----------------------------------------------------------------------------------------------------
PREDICT_BATCH = 512  # images per model call when classifying many at once
# Test-time views: the classifier averages the model's log-probabilities over the image rotated by each angle
# (degrees). With the 30-epoch model trained on MNIST and 4 drawings of each tuning writer's digit, these three views
# against one: held-out writers' drawn digits 98.66% -> 98.98% (mean over the grid), worst condition 97.88% -> 98.20%;
# MNIST test 99.64% -> 99.73%. Also tried: +/-6 deg and 0.9/1.1x zoom (5 views) 98.98% / 98.28% / 99.69%; zoom alone
# 98.88% / 98.24% / 99.66%; +/-1 px shifts 98.79% / 98.04%. One drawing's prediction costs about 0.4 ms more.
TEST_TIME_ROTATIONS = (0.0, 8.0, -8.0)


@dataclass(frozen=True)
class TrainingRecipe:
    """The bundled model's recipe. `python train_model.py` with no flags trains exactly this."""

    seed: int = 1
    epochs: int = 18  # passes over the training images: 55k MNIST + 40k drawn; see the README for what it reached
    batch_size: int = 128
    validation_size: int = 5_000  # held out of MNIST's training set; the test set never steers training
    peak_learning_rate: float = 2e-3  # Adam; one-cycle: linear warm-up, then cosine decay to ~0
    warmup_epochs: float = 1.0
    label_smoothing: float = 0.05
    drawn_variants: int = 8  # with --strokes: random drawings of each tuning writer's digit added to MNIST
    dropout: float = 0.35
    # Augmentation, sampled independently per image (see digitpad.augment)
    rotation_degrees: float = 12.0  # uniform in +/- this
    shear: float = 0.15  # x-shear factor, uniform in +/- this
    zoom: float = 0.12  # scale uniform in 1 +/- this, independently for x and y
    shift_pixels: float = 2.5  # translation, uniform in +/- this, on the 28 px image
    thickness: float = 0.7  # stroke thickness: blend towards a 3x3 dilation (+) or erosion (-), up to this much
