"""Learning from users: the drawings they confirmed or corrected, kept in a local SQLite database.

In: one example per call to `FeedbackStore.add`: the [28, 28] model input (uint8, or float in 0..1 as
digitpad.reading.preprocess makes it), the canvas as PNG bytes, the digit the user says it is, and the digit predicted.
Out: the row's id; later, every example as uint8 arrays (`examples`, `load_feedback`) for export and fine-tuning, and
what the room's wall shows (`Wall.read`).

Many writers at once: Streamlit serves each session from a thread of one process, and several server processes may
share the file. So the store holds no connection: each operation opens its own (sqlite3 connections must not cross
threads) and closes it. The database is in WAL mode, so readers never block the one writer; writers queue on SQLite's
lock for up to FEEDBACK_BUSY_TIMEOUT seconds; each `add` is one INSERT, one transaction.

A server stopped mid-write: with synchronous=FULL, SQLite fsyncs the write-ahead log before a commit returns, so a
row `add` has returned survives a killed process and a power cut alike; a transaction cut short is rolled back when
the file is next opened, never half-applied. NORMAL would skip that fsync (surviving a killed process, not a power
cut); one fsync per drawing a person submits costs nothing anyone would notice.

The file is marked as digitpad's by SQLite's application_id and schema version; a file that is not SQLite, or is
another program's database, raises FeedbackStoreError rather than being written into.
"""

from __future__ import annotations

import hashlib
import io
import os
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import NamedTuple

import numpy as np

from digitpad.config import FEEDBACK_BUSY_TIMEOUT, MODEL_SIZE, NUM_CLASSES
from digitpad.reading.images import ImageReadError, decode

APPLICATION_ID = 0x44504644  # "DPFD" in SQLite's header: this file is a digitpad feedback database
SCHEMA_VERSION = 3  # PRAGMA user_version; raise it, with a migration (MIGRATIONS), when the table changes
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PIXELS = MODEL_SIZE * MODEL_SIZE

# One row per digit: when (UTC), the digit the user says it is, the digit predicted, the model input (784 uint8, row by
# row, ink high), the picture it was read from, whether the user let the room's wall show it, a random name for the
# browser session that saved it (no name or address is kept), and its picture's short name (picture_name): a number's
# digits share it. No SQL comments: ALTER TABLE rewrites this text.
SCHEMA = f"""
CREATE TABLE examples (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    label INTEGER NOT NULL CHECK (label BETWEEN 0 AND {NUM_CLASSES - 1}),
    predicted INTEGER NOT NULL CHECK (predicted BETWEEN 0 AND {NUM_CLASSES - 1}),
    model_input BLOB NOT NULL CHECK (length(model_input) = {PIXELS}),
    canvas_png BLOB NOT NULL,
    on_wall INTEGER NOT NULL DEFAULT 1 CHECK (on_wall IN (0, 1)),
    visit TEXT,
    drawing TEXT
)
"""
COLUMNS = ["id", "created_at", "label", "predicted", "model_input", "canvas_png", "on_wall", "visit", "drawing"]
# The wall's reads, every 3 s, without touching the pictures: 3.6 ms at 5,000 rows, 83 ms grouped by picture
INDEX = "CREATE INDEX drawings ON examples (visit, drawing, on_wall, label, predicted)"
# A row as digitpad saves it, which SCHEMA's checks hold it to: a file changed by another program (or made by one, its
# table without the checks) may hold others, which export and training refuse by row and the wall's tallies leave out
DIGITS_SAID = (
    f"typeof(label) = 'integer' AND label BETWEEN 0 AND {NUM_CLASSES - 1} "
    f"AND typeof(predicted) = 'integer' AND predicted BETWEEN 0 AND {NUM_CLASSES - 1}"
)
WHOLE_ROW = f"{DIGITS_SAID} AND typeof(model_input) = 'blob' AND length(model_input) = {PIXELS}"


ANSWER_GAP_S = 2.0  # s: a number's rows are saved within milliseconds of each other, a person answers in seconds


def name_pictures(connection: sqlite3.Connection) -> None:
    """Schema 2 to 3: each row's picture_name, and a visit for the rows saved before there were visits: each answer
    its own ("before-" its first id). An answer is a run of rows with one picture among the rows on the wall, or among
    those off it, as schema 2's wall took a run of its rows for one drawing (a photo answer saved between a number's
    digits did not split it), saved less than ANSWER_GAP_S apart (the same photo answered by two visitors in turn is
    two answers). Reads one picture at a time."""
    names, last = [], {}  # on_wall -> (picture name, visit, time) of the last row so far
    rows = connection.execute("SELECT id, canvas_png, on_wall, julianday(created_at) * 86400 FROM examples ORDER BY id")
    for row_id, png, on_wall, saved in rows:
        name = picture_name(png) if isinstance(png, bytes) else f"row-{row_id}"  # none, by hand: its own drawing
        last_name, run, then = last.get(on_wall, (None, None, None))
        run = run if name == last_name and saved - then < ANSWER_GAP_S else f"before-{row_id}"
        names.append((name, run, row_id))
        last[on_wall] = (name, run, saved)
    connection.executemany("UPDATE examples SET drawing = ?, visit = ? WHERE id = ?", names)


# From each older schema version, the statements (SQL, or a function of the connection) that bring a file to the next
MIGRATIONS = {
    1: [  # rows saved before the wall existed, photos among them, were never let onto it
        "ALTER TABLE examples ADD COLUMN on_wall INTEGER NOT NULL DEFAULT 1 CHECK (on_wall IN (0, 1))",
        "UPDATE examples SET on_wall = 0",
    ],
    2: ["ALTER TABLE examples ADD COLUMN visit TEXT", "ALTER TABLE examples ADD COLUMN drawing TEXT", name_pictures,
        INDEX],
}  # fmt: skip
_found_intact: set[Path] = set()  # databases this process has checked whole (a damaged one took answers it lost)


class FeedbackStoreError(Exception):
    """The database file is missing, is not SQLite, is not digitpad's, or cannot be used. The message names it."""


def picture_name(png: bytes) -> str:
    """A short name for a picture: the same picture, the same name."""
    return hashlib.sha256(png).hexdigest()[:16]


def kept_older(path: Path, version: int, n: int = 1) -> Path:
    """Where the upgrade keeps a feedback database as it was at schema `version`: feedback.schema2.sqlite3 beside
    feedback.sqlite3 (feedback.schema2-2.sqlite3, and on, where that is taken)."""
    return path.with_name(f"{path.stem}.schema{version}{'' if n == 1 else f'-{n}'}{path.suffix}")


def use_wal(connection: sqlite3.Connection) -> str:
    """Turn the file's journal to WAL; returns the journal mode it has then. Turning it on needs the file to itself for
    a moment, and while another process writes in it (servers of a room creating it at once) SQLite says "database is
    locked" at once rather than waiting its busy timeout: so this waits and tries again, up to that timeout."""
    deadline = time.monotonic() + FEEDBACK_BUSY_TIMEOUT
    while True:
        try:
            return connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


class BadExample(ValueError):
    """An example `add` refuses: a label that is not a digit, a model input of the wrong shape, or not a PNG."""


class Examples(NamedTuple):
    """Every stored example, in the order they were added."""

    x: np.ndarray  # uint8 [N, 28, 28], ink high, as the model saw it
    y: np.ndarray  # uint8 [N]: the digit the user said it is
    predicted: np.ndarray  # uint8 [N]: the digit the model said it is
    visit: np.ndarray  # str [N]: who saved it, as the browser session's random name (a row with none: its picture's)


def as_pixels(model_input: np.ndarray) -> bytes:
    """A [28, 28] model input, uint8 or float in 0..1, as 784 uint8 bytes; BadExample if it is neither."""
    image = np.asarray(model_input)
    if image.shape != (MODEL_SIZE, MODEL_SIZE):
        raise BadExample(f"model_input must be {MODEL_SIZE}x{MODEL_SIZE}, got shape {image.shape}")
    if image.dtype == np.uint8:
        return image.tobytes()
    if not np.issubdtype(image.dtype, np.floating):
        raise BadExample(f"model_input must be uint8, or float in 0..1; got {image.dtype}")
    if not (np.isfinite(image).all() and 0 <= image.min() and image.max() <= 1):
        raise BadExample("model_input must be uint8, or float in 0..1; got values outside 0..1 or not numbers")
    return np.rint(image * 255).astype(np.uint8).tobytes()


def as_digit(name: str, value: int) -> int:
    """`value` as an int 0-9; BadExample naming `name` otherwise."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or not 0 <= value < NUM_CLASSES:
        raise BadExample(f"{name} must be a digit 0-{NUM_CLASSES - 1}, got {value!r}")
    return int(value)


class FeedbackStore:
    """The feedback database at `path`. Holds only the path, so one store can be shared by every session and thread.

    create=True (the page): the file and its folder are made on first use. create=False (export, training): the file
    must exist already. Either way a file that is not digitpad's feedback database raises FeedbackStoreError here.
    """

    def __init__(self, path: Path, create: bool = True) -> None:
        self.path = Path(path)
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        elif self.path.is_dir():
            raise FeedbackStoreError(f"{self.path}: a folder, not a feedback database: name the file in it")
        elif not self.path.is_file():
            raise FeedbackStoreError(f"{self.path}: no such feedback database")
        self._create = create
        with self._connect() as connection:
            # Two first users: one creates, one waits; the same for two opening an older file, which one upgrades
            connection.execute("BEGIN IMMEDIATE" if create or self._older(connection) else "BEGIN")
            if create and self._is_blank(connection):
                connection.execute(SCHEMA)
                connection.execute(INDEX)
                connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            older = self._older(connection)  # read again under the lock: another process may have upgraded it
            kept = self._keep_older(older) if older else None
            try:
                self._migrate(connection)
                self._check_schema(connection)  # before anything else is changed: it may be another program's file
                connection.execute("COMMIT")
            except BaseException:
                if kept:
                    kept.unlink(missing_ok=True)  # the file stays as it was (a full disk, a read-only file): no copy
                raise
            if kept:
                print(
                    f"digitpad: {self.path}: upgraded from schema {older} to {SCHEMA_VERSION}; the file as it was is "
                    f"kept in {kept}, which older digitpads can still read",
                    file=sys.stderr,
                )
            self._check_intact(connection)
            if create:
                # WAL is a property of the file: set once, it stays, and this is a no-op on every later open
                journal = use_wal(connection)
                if journal != "wal":  # some network file systems cannot share WAL's index between processes
                    raise FeedbackStoreError(f"{self.path}: SQLite cannot use WAL mode there (journal {journal})")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection for one operation, closed after it; SQLite's errors become FeedbackStoreError."""
        # Read from a file system mounted read-only (a backup, a container's data): WAL needs its -shm file beside the
        # database even to read, and export failed ("unable to open database file"). Nothing can change such a file,
        # and with no -wal file beside it all of it is in the file itself, which SQLite may read as it is. A folder
        # merely not this user's to write is not so: the server may be writing the file, and read as unchanging it
        # looked damaged.
        mode = "rwc" if self._create else "ro&immutable=1" if self._unchanging() else "rw"
        try:
            connection = self._open(mode)
        except sqlite3.Error as error:
            raise FeedbackStoreError(f"{self.path}: cannot open the feedback database ({error})") from error
        try:
            connection.execute("PRAGMA synchronous = FULL")  # a commit returns only once it is on disk
            yield connection
        except sqlite3.DatabaseError as error:
            reason = "not a SQLite database" if "not a database" in str(error) else "cannot use the feedback database"
            raise FeedbackStoreError(f"{self.path}: {reason} ({error})") from error
        finally:
            connection.close()

    def _open(self, mode: str) -> sqlite3.Connection:
        # isolation_level=None: no implicit BEGIN, so a lone statement is its own transaction
        uri = f"{self.path.resolve().as_uri()}?mode={mode}"
        return sqlite3.connect(uri, uri=True, timeout=FEEDBACK_BUSY_TIMEOUT, isolation_level=None)

    def _unchanging(self) -> bool:
        """Whether the database is on a file system mounted read-only, with no -wal file beside it (which would hold
        writes not yet in the database: then it is read as usual, and fails if it must)."""
        where = self.path.resolve()
        try:
            read_only = bool(os.statvfs(where.parent).f_flag & os.ST_RDONLY)
        except OSError:  # not there: opening it says so
            return False
        return read_only and not Path(f"{where}-wal").exists()

    @staticmethod
    def _is_blank(connection: sqlite3.Connection) -> bool:
        """A new or empty file that no program has claimed yet."""
        tables = connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        return tables == 0 and connection.execute("PRAGMA application_id").fetchone()[0] == 0

    @staticmethod
    def _older(connection: sqlite3.Connection) -> int | None:
        """The schema version of a digitpad database of an older one, which opening it upgrades; else None."""
        ours = connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        return version if ours and version in MIGRATIONS else None

    def _migrate(self, connection: sqlite3.Connection) -> None:
        """Bring a digitpad database of an older schema version up to this one, in the open transaction. The caller
        has kept the file as it was beside it (_keep_older): an older digitpad refuses the upgraded file."""
        if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return  # not ours: _check_schema says so
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        try:
            while version in MIGRATIONS:
                for statement in MIGRATIONS[version]:
                    statement(connection) if callable(statement) else connection.execute(statement)
                version += 1
                connection.execute(f"PRAGMA user_version = {version}")
        except sqlite3.OperationalError as error:
            if "readonly" not in str(error):
                raise
            raise FeedbackStoreError(
                f"{self.path}: a feedback database of an older digitpad, which this one must upgrade, and the file "
                "cannot be written: make it writable, or work on a copy"
            ) from None

    def _keep_older(self, version: int) -> Path:
        """A copy of the file as it is, schema `version`, beside it (feedback.schema2.sqlite3; never over another),
        made while the caller holds the write lock. FeedbackStoreError if it cannot be made: then no upgrade."""
        kept, n = kept_older(self.path, version), 1
        while kept.exists():
            n += 1
            kept = kept_older(self.path, version, n)
        try:
            with closing(self._open("ro")) as source:
                with closing(sqlite3.connect(kept)) as copy:
                    source.backup(copy)  # SQLite's own copy, consistent while others wait on the lock
        except sqlite3.Error as error:
            kept.unlink(missing_ok=True)
            raise FeedbackStoreError(
                f"{self.path}: a feedback database of an older digitpad, which this one upgrades after keeping a copy "
                f"of it, and the copy cannot be written to {kept} ({error})"
            ) from None
        return kept

    def _check_intact(self, connection: sqlite3.Connection) -> None:
        """FeedbackStoreError if the file is damaged: checked whole once a process (PRAGMA quick_check, a few ms a MB),
        as the page first saves to it. A damaged file still took answers, and thanked their users, but could not be
        read back by export-feedback, training or the wall."""
        if self.path.resolve() in _found_intact:
            return
        problems = [row[0] for row in connection.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise FeedbackStoreError(f"{self.path}: the feedback database is damaged ({'; '.join(problems)})")
        _found_intact.add(self.path.resolve())

    def _check_schema(self, connection: sqlite3.Connection) -> None:
        if self._is_blank(connection):  # the page's first save failed (a full disk) after SQLite made the file
            raise FeedbackStoreError(f"{self.path}: the feedback database holds no drawings yet")
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        if application_id != APPLICATION_ID:
            raise FeedbackStoreError(f"{self.path}: a SQLite database, but not digitpad's feedback database")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        columns = [row[1] for row in connection.execute("PRAGMA table_info(examples)")]
        if version != SCHEMA_VERSION or columns != COLUMNS:
            raise FeedbackStoreError(
                f"{self.path}: feedback database schema {version} with columns {columns}; "
                f"this digitpad reads schema {SCHEMA_VERSION} with columns {COLUMNS}"
            )

    def add(
        self,
        model_input: np.ndarray,
        canvas_png: bytes,
        label: int,
        predicted: int,
        on_wall: bool = True,
        visit: str | None = None,
    ) -> int:
        """Store one digit with the digit the user says it is, whether the room's wall may show its picture, and the
        random name of the `visit` (a browser session) that saved it; returns its id once it is safely on disk."""
        (row_id,) = self._insert([(model_input, label, predicted)], canvas_png, on_wall, visit)
        return row_id

    def answer(
        self, digits: list[tuple[np.ndarray, int, int]], canvas_png: bytes, on_wall: bool, visit: str
    ) -> list[int]:
        """Store one answer about a picture, a digit or a number: each digit's (model input, the digit the user says
        it is, the digit predicted), left to right, all or none (a full disk kept a number's first digit alone, under
        "could not be saved"), in place of what `visit` answered before about this picture (the same strokes back,
        by undo or the Photo page, answered again were two answers, and the wall showed a 7 as "77"). Returns the
        rows' ids."""
        return self._insert(digits, canvas_png, on_wall, visit, replacing=True)

    def _insert(
        self,
        digits: list[tuple[np.ndarray, int, int]],
        canvas_png: bytes,
        on_wall: bool,
        visit: str | None,
        replacing: bool = False,
    ) -> list[int]:
        """The rows of one picture, checked (BadExample), then written in one transaction."""
        rows = [(as_digit("label", label), as_digit("predicted", read), as_pixels(x)) for x, label, read in digits]
        if not isinstance(canvas_png, bytes) or not canvas_png.startswith(PNG_SIGNATURE):
            raise BadExample("canvas_png must be the bytes of a PNG file")
        try:  # the wall shows it: a damaged one is refused here, not shown broken there
            decode(io.BytesIO(canvas_png))
        except ImageReadError as error:
            raise BadExample(f"canvas_png is a damaged PNG file: {error}") from None
        drawing = picture_name(canvas_png)
        with self._connect() as connection:
            connection.execute("BEGIN IMMEDIATE")
            if replacing:
                connection.execute("DELETE FROM examples WHERE visit = ? AND drawing = ?", (visit, drawing))
            ids = [
                connection.execute(
                    "INSERT INTO examples (label, predicted, model_input, canvas_png, on_wall, visit, drawing) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (*row, canvas_png, int(bool(on_wall)), visit, drawing),
                ).lastrowid
                for row in rows
            ]
            connection.execute("COMMIT")
        return ids

    def remove(self, ids: list[int], drawing: str) -> None:
        """Take back the examples with these ids (add's) of this `drawing` (its picture_name): an answer the user
        undid, or the presenter removed, all its rows or none. Other rows are left as they are: SQLite gives a removed
        newest row's id to the next row saved, and a second tab's take-back of a drawing the wall had removed took
        another visitor's answer with it. A row an older digitpad saved with no picture name goes by its id."""
        with self._connect() as connection:
            connection.execute("BEGIN IMMEDIATE")
            connection.executemany(
                "DELETE FROM examples WHERE id = ? AND coalesce(drawing, ?) = ?",
                [(int(i), drawing, drawing) for i in ids],
            )
            connection.execute("COMMIT")

    def hide(self, visit: str) -> None:
        """Keep every drawing `visit` saved off the room's wall: its user switched the wall off."""
        with self._connect() as connection:
            connection.execute("UPDATE examples SET on_wall = 0 WHERE visit = ? AND on_wall = 1", (visit,))

    def count(self) -> int:
        with self._connect() as connection:
            return connection.execute("SELECT count(*) FROM examples").fetchone()[0]

    def examples(self) -> Examples:
        """Every example, oldest first, read in one transaction (rows added meanwhile are not half-included)."""
        with self._connect() as connection:
            connection.execute("BEGIN")
            self._check_rows(connection)
            rows = connection.execute(
                "SELECT model_input, label, predicted, coalesce(visit, drawing, id) FROM examples ORDER BY id"
            ).fetchall()
            connection.execute("COMMIT")
        pixels, labels, predicted, visits = zip(*rows, strict=True) if rows else ((), (), (), ())
        return Examples(
            x=np.frombuffer(b"".join(pixels), np.uint8).reshape(-1, MODEL_SIZE, MODEL_SIZE),
            y=np.array(labels, np.uint8),
            predicted=np.array(predicted, np.uint8),
            visit=np.array([str(visit) for visit in visits], str),
        )

    def _check_rows(self, connection: sqlite3.Connection) -> None:
        """FeedbackStoreError naming the first row that is not as digitpad saves it (WHOLE_ROW), and how many are not:
        a label of 'seven' or 10 was exported as it was, or stopped export and training with a traceback."""
        bad = connection.execute(
            "SELECT id, quote(label), quote(predicted), typeof(model_input), length(model_input), "
            f"{DIGITS_SAID} FROM examples WHERE NOT ({WHOLE_ROW}) ORDER BY id"
        ).fetchall()
        if not bad:
            return
        row_id, label, predicted, kind, length, digits = bad[0]
        if not digits:
            fault = f"its label {label} and prediction {predicted} are not both digits 0-{NUM_CLASSES - 1}"
        else:
            fault = f"its model_input is {length or 0} bytes of {kind}, not the {PIXELS} bytes of a 28 x 28 drawing"
        others = f" (and {len(bad) - 1} more row{'s' if len(bad) > 2 else ''} like it)" if len(bad) > 1 else ""
        raise FeedbackStoreError(
            f"{self.path}: row {row_id} is not a drawing as digitpad saves it: {fault}{others}. The file was changed "
            "by another program: remove such rows with sqlite3, or export from a backup"
        )


class Drawing(NamedTuple):
    """One drawing the wall shows: a number's digits, saved one row each with the same picture, are one drawing."""

    said: str  # what the user said it is
    read: str  # what was read
    png: bytes  # its picture
    ids: list[int]  # its rows, which FeedbackStore.remove takes away


class Wall(NamedTuple):
    """What the room's wall shows: each visit's latest drawing (of those their users let it show), and the tallies."""

    latest: list[Drawing]  # newest first, one a visit
    right: int  # drawings confirmed: every digit as read
    corrected: int  # drawings that got another answer
    confusion: np.ndarray  # [10, 10] int: rows the users' digits, columns the digits read

    @classmethod
    def read(cls, path: Path, latest: int) -> Wall:
        """The wall from the feedback database at `path` (empty when it does not exist yet). One visitor answering
        fast, or a 28-digit number, filled the wall and its tallies: each visit shows its latest drawing alone, and a
        drawing counts once. Rows saved before visits were named (schema 2) got one a run of a picture's rows when the
        file was upgraded (name_pictures)."""
        confusion = np.zeros((NUM_CLASSES, NUM_CLASSES), int)
        if not Path(path).is_file() or Path(path).stat().st_size == 0:  # none yet, or a first save that failed
            return cls([], 0, 0, confusion)
        with FeedbackStore(path, create=False)._connect() as connection:
            connection.execute("BEGIN")  # one snapshot: a drawing removed meanwhile is not half-shown
            tops = connection.execute(
                "SELECT max(id) FROM examples WHERE on_wall = 1 GROUP BY coalesce(visit, drawing, id) "
                "ORDER BY max(id) DESC LIMIT ?",
                (latest,),
            ).fetchall()
            shown = [drawing(connection.execute(DRAWING_ROWS, top).fetchall()) for top in tops]
            right, drawn = connection.execute(
                "SELECT coalesce(sum(whole), 0), count(*) FROM (SELECT min(label = predicted) AS whole FROM examples "
                "GROUP BY coalesce(visit, drawing, id), coalesce(drawing, id))"
            ).fetchone()
            tally = connection.execute(
                f"SELECT label, predicted, count(*) FROM examples WHERE {DIGITS_SAID} GROUP BY label, predicted"
            )
            for label, predicted, count in tally:
                confusion[label, predicted] = count
            connection.execute("COMMIT")
        return cls(shown, right, drawn - right, confusion)


# The rows of the drawing whose last row has the id given, left to right: its visit's rows with its picture. A row an
# older digitpad saved while the file was upgraded has neither: it is its own drawing
DRAWING_ROWS = (
    "SELECT e.id, e.label, e.predicted, e.canvas_png FROM examples AS e, examples AS last WHERE last.id = ? "
    "AND (e.id = last.id OR (e.visit IS last.visit AND e.drawing = last.drawing AND e.on_wall = 1)) ORDER BY e.id"
)


def drawing(rows: list[tuple[int, int, int, bytes]]) -> Drawing:
    """A drawing's rows (id, label, predicted, canvas PNG), left to right, as one Drawing."""
    said, read = ("".join(str(row[column]) for row in rows) for column in (1, 2))
    return Drawing(said, read, rows[0][3], [row[0] for row in rows])


def load_feedback(path: Path) -> Examples:
    """The drawings in an existing feedback database, for export and training; FeedbackStoreError if there are none."""
    examples = FeedbackStore(path, create=False).examples()
    if len(examples.y) == 0:
        raise FeedbackStoreError(f"{path}: the feedback database holds no drawings yet")
    return examples
