"""Users submitting drawings, for the feedback tests: examples that say who wrote them, a writer process, and the
databases that reading must refuse.

In: a writer tag, a thread number and a write number. Out: a [28, 28] uint8 model input whose first pixels spell
them, so a test can tell which writes a database holds; its label; and a real PNG of it.

Run as `python -m tests.feedback_writer DB TAG THREADS WRITES START_AT`: THREADS threads each add WRITES examples to
the feedback database DB, all starting at the time.time() START_AT (so processes started one after another write at
the same moment). Each write `add` has returned is printed at once as `TAG THREAD I ID`; a parent that kills the
process knows exactly which writes were acknowledged. Any error ends the process with a traceback and status 1.
"""

from __future__ import annotations

import io
import re
import sqlite3
import sys
import threading
import time
from pathlib import Path

import numpy as np
from PIL import Image

from digitpad.learning.feedback import APPLICATION_ID, SCHEMA, SCHEMA_VERSION, FeedbackStore

Key = tuple[int, int, int]  # (writer tag, thread, write number)


def unchecked_database(path, rows: list[tuple], version: int = SCHEMA_VERSION) -> None:
    """A file another program made as a feedback database: digitpad's id, `version` (3, or 2: no visits) and columns,
    but its table without the checks, holding `rows` of (label, predicted, model_input[, picture])."""
    schema = re.sub(r" CHECK \((?:[^()]|\([^()]*\))*\)| NOT NULL", "", SCHEMA)
    with sqlite3.connect(path) as connection:
        connection.execute(schema if version == 3 else schema.replace(",\n    visit TEXT,\n    drawing TEXT", ""))
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {version}")
        for label, read, model_input, *picture in rows:
            connection.execute("INSERT INTO examples (label, predicted, model_input, canvas_png) VALUES (?, ?, ?, ?)",
                               (label, read, model_input, *(picture or [PNG])))  # fmt: skip


def changed_row(path: Path) -> None:
    """A file another program made: a row labelled 'seven' after a drawing digitpad would have saved."""
    unchecked_database(path, [(1, 1, bytes(784)), ("seven", 7, bytes(784))])


# What export and training must refuse: {name: (what to put at the path, the reason the one-line error gives)}
BAD_DATABASES = {
    "missing": (lambda path: None, "no such feedback database"),
    "not a database": (
        lambda path: path.write_text("shopping list: eggs\n" * 100),
        "not a SQLite database (file is not a database)",
    ),
    "empty": (FeedbackStore, "the feedback database holds no drawings yet"),
    # The page's first save failed on a full disk: SQLite had made the file, with nothing in it
    "no bytes": (lambda path: path.write_bytes(b""), "the feedback database holds no drawings yet"),
    "a folder": (Path.mkdir, "a folder, not a feedback database: name the file in it"),
    "a row another program changed": (
        changed_row,
        "row 2 is not a drawing as digitpad saves it: its label 'seven' and prediction 7 are not both digits 0-9. The "
        "file was changed by another program: remove such rows with sqlite3, or export from a backup",
    ),
}


def example(key: Key) -> np.ndarray:
    """A model input carrying its key in its first four pixels, over a random-looking but fixed background."""
    tag, thread, i = key
    image = np.random.default_rng(list(key)).integers(0, 256, (28, 28), dtype=np.uint8)
    image.flat[:4] = (tag, thread, i // 256, i % 256)
    return image


def key_of(image: np.ndarray) -> Key:
    tag, thread, high, low = (int(v) for v in image.flat[:4])
    return tag, thread, high * 256 + low


def label_of(key: Key) -> int:
    return sum(key) % 10


def png(image: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format="PNG")
    return buffer.getvalue()


PNG = png(np.zeros((28, 28), np.uint8))  # a blank drawing's picture


def write(store: FeedbackStore, tag: int, thread: int, writes: int, lock: threading.Lock) -> None:
    for i in range(writes):
        image = example((tag, thread, i))
        row_id = store.add(image, png(image), label_of((tag, thread, i)), predicted=(i + 1) % 10)
        with lock:  # one whole line at a time, flushed before the next write starts
            print(tag, thread, i, row_id, flush=True)


def main(database: str, tag: str, threads: str, writes: str, start_at: str) -> None:
    store = FeedbackStore(Path(database))  # may race other processes to create the file
    time.sleep(max(0.0, float(start_at) - time.time()))
    lock = threading.Lock()
    failures = []

    def run(thread: int) -> None:
        try:
            write(store, int(tag), thread, int(writes), lock)
        except Exception as error:  # report it on stderr and in the exit status, not just in a thread
            failures.append(error)
            raise

    workers = [threading.Thread(target=run, args=(t,)) for t in range(int(threads))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main(*sys.argv[1:])
