"""Real writing on paper changed as people's photos of it are: each real photo (and, but for rings and boxes, scan)
of paper ($DIGITPAD_REAL) with a hand-drawn ring round its writing, as a teacher circles a mark or a form's answer
(tests.photos.circled), or in a form's printed box darker than the pen (tests.photos.boxed), or with a hard shadow
across it, as a phone or a hand held over the page casts, dimming one side to 30-50% (tests.photos.shadowed), or with
a pen lying on the page under the writing (tests.photos.with_a_pen), or taken in a dim room: dark, grainy, under a
lamp's warm cast (tests.photos.in_low_light); saved as PNG and read as `digitpad predict` reads a file. Every such
photo is made up on a real image.

In: the folder's manifest.csv and images, and the bundled models. Out, printed per change and kind: how many were read
exactly right with a 95% interval. The final group is measured once per reader you commit, and nothing chosen by it.

    DIGITPAD_REAL=../shared/real python -m benchmarks.changed_photos [--group tuning] [--change pen dim ...]
"""

from __future__ import annotations

import argparse

from benchmarks.real import read_made_up, share_line
from benchmarks.whole_pages import PAPER_KINDS
from digitpad.learning.data import load_real
from tests.photos import boxed, circled, in_low_light, shadowed, with_a_pen

CHANGES = {  # name: (how it changes a photo, the kinds of image changed, what the table says they are)
    "circled": (circled, ("photo_number", "photo_single"), "photos of paper with a ring drawn round their writing"),
    "boxed": (boxed, ("photo_number", "photo_single"), "photos of paper in a form's printed box, darker than the pen"),
    "shadowed": (shadowed, PAPER_KINDS, "photos and scans of paper with a hard shadow across them"),
    "pen": (with_a_pen, PAPER_KINDS, "photos and scans of paper with a pen lying under the writing"),
    "dim": (in_low_light, PAPER_KINDS, "photos and scans of paper taken in a dim room, grainy, a lamp's warm cast"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--group", choices=("tuning", "final"), default="tuning")
    parser.add_argument("--change", choices=CHANGES, nargs="+", default=list(CHANGES))
    args = parser.parse_args()

    for name in args.change:
        change, kinds, what = CHANGES[name]
        images = [i for i in load_real() if i.group == args.group and i.kind in kinds]
        print(f"{args.group} {what} (made up on real images):")
        for kind, outcomes in sorted(read_made_up(images, change).items()):
            print(share_line(kind, outcomes))


if __name__ == "__main__":
    main()
