"""Real writing on paper photographed small: each real photo or scan of paper ($DIGITPAD_REAL) laid in the middle of a
12-megapixel page of its own paper's tone (tests.photos.small_on_page), as a phone photo of a whole sheet with a little
writing on it, saved as a JPEG and read as `digitpad predict` reads a file. Every such page is made up on a real image.

In: the folder's manifest.csv and images, and the bundled models. Out, printed: for each writing height (the real
image's height on the page, px) and kind, how many were read exactly right with a 95% interval, and the seconds a
page took. The final group is measured once per reader you commit, and nothing chosen by it.

    DIGITPAD_REAL=../shared/real python -m benchmarks.whole_pages [--group tuning] [--heights 160 320]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from PIL import Image

from benchmarks.real import share_line
from digitpad.cli import read_files
from digitpad.learning.data import load_real
from digitpad.reading.images import read_image
from tests.photos import small_on_page

PAPER_KINDS = ("photo_number", "photo_single", "scan_number", "scan_single")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--group", choices=("tuning", "final"), default="tuning")
    parser.add_argument("--heights", type=int, nargs="+", default=[160, 320], help="px on a 4000 x 3000 page")
    args = parser.parse_args()

    images = [i for i in load_real() if i.group == args.group and i.kind in PAPER_KINDS]
    print(f"{args.group} photos and scans of paper laid small on a 12-megapixel page (made up on real images):")
    with tempfile.TemporaryDirectory() as folder:
        for height in args.heights:
            pages = {}
            for index, image in enumerate(images):
                page = Path(folder) / f"{height}_{index}.jpg"
                Image.fromarray(small_on_page(read_image(image.path), height, seed=index)).save(page, quality=90)
                pages[str(page)] = image
            start = time.perf_counter()
            answers, errors = read_files(list(pages), "auto")
            seconds = (time.perf_counter() - start) / len(pages)  # a page's JPEG decoded and read; the models' loading
            assert not errors, errors
            by_kind = defaultdict(list)
            for answer in answers:
                by_kind[pages[answer.path].kind].append(answer.answer == pages[answer.path].label)
            print(f"written {height} px tall ({seconds:.2f} s a page, the models' loading shared):")
            for kind, outcomes in sorted(by_kind.items()):
                print(share_line(kind, outcomes))


if __name__ == "__main__":
    main()
