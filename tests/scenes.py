"""Real photos that hold no digits (people, a cat, a cup, a flower, a landscape, textures, science), read from the
Python packages that ship them as sample data: scikit-image, scikit-learn and matplotlib. Nothing is copied into
the project; a photo whose package is not installed is left out (requirements-dev.txt installs them all).

In: the installed packages. Out: {name: the photo as digitpad.reading.images reads a file}, for the tuning or the final
group (config.SCENE_FINAL), and crops of them as a phone might frame part of a scene (made up on real images).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

from digitpad.config import SCENE_FINAL
from digitpad.reading.images import read_image

# name: (package, the file inside it). Photos with writing in them (scikit-image's text, page, clock and coins) and
# drawings (its horse, logo, chessboard) are left out.
SCENES = {
    "astronaut": ("skimage", "data/astronaut.png"),
    "brick": ("skimage", "data/brick.png"),
    "camera": ("skimage", "data/camera.png"),
    "cell": ("skimage", "data/cell.png"),
    "chelsea": ("skimage", "data/chelsea.png"),
    "coffee": ("skimage", "data/coffee.png"),
    "grass": ("skimage", "data/grass.png"),
    "gravel": ("skimage", "data/gravel.png"),
    "hubble_deep_field": ("skimage", "data/hubble_deep_field.jpg"),
    "ihc": ("skimage", "data/ihc.png"),
    "moon": ("skimage", "data/moon.png"),
    "motorcycle_left": ("skimage", "data/motorcycle_left.png"),
    "retina": ("skimage", "data/retina.jpg"),
    "rocket": ("skimage", "data/rocket.jpg"),
    "china": ("sklearn", "datasets/images/china.jpg"),
    "flower": ("sklearn", "datasets/images/flower.jpg"),
    "grace_hopper": ("matplotlib", "mpl-data/sample_data/grace_hopper.jpg"),
}
CROPS = 8  # per photo
CROP_SIDE = (0.35, 0.9)  # of the photo's height and width; the width times 0.7 to 1.3 more


def scene_path(name: str) -> Path | None:
    """Where the installed package keeps the photo `name`, without importing the package; None if it is not there."""
    package, inside = SCENES[name]
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0]) / inside
    return path if path.is_file() else None


def scene_photos(group: str) -> dict[str, np.ndarray]:
    """The photos of `group` ("tuning" or "final") whose packages are installed, by name in alphabetical order."""
    names = sorted(name for name in SCENES if (name in SCENE_FINAL) == (group == "final"))
    return {name: read_image(path) for name in names if (path := scene_path(name)) is not None}


def crops(photo: np.ndarray, rng: np.random.Generator, count: int = CROPS) -> list[np.ndarray]:
    """`count` random crops of `photo`: part of the scene framed, as a phone's photo of it might be."""
    height, width = photo.shape[:2]
    found = []
    for _ in range(count):
        side = rng.uniform(*CROP_SIDE)
        crop_height, crop_width = int(side * height), min(width, int(side * width * rng.uniform(0.7, 1.3)))
        top, left = rng.integers(0, height - crop_height + 1), rng.integers(0, width - crop_width + 1)
        found.append(photo[top : top + crop_height, left : left + crop_width])
    return found
