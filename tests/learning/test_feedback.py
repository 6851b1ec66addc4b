"""The feedback store as the page uses it: many sessions writing at once, from threads and from server processes;
a server restarted, or killed mid-write; and the inputs and files it must refuse with a clear error."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import numpy as np
import pytest

from digitpad.config import REPO_ROOT
from digitpad.learning import feedback
from digitpad.learning.feedback import (
    APPLICATION_ID,
    SCHEMA,
    BadExample,
    FeedbackStore,
    FeedbackStoreError,
    Wall,
    load_feedback,
    picture_name,
    use_wal,
)
from tests.feedback_writer import PNG, example, key_of, label_of, png, unchecked_database


def start_writer(database, tag: int, threads: int, writes: int, start_at: float) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "tests.feedback_writer",
        str(database),
        *map(str, (tag, threads, writes, start_at)),
    ]
    return subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def acknowledged(stdout: str) -> dict[tuple[int, int, int], int]:
    """The writer's printed lines: {(tag, thread, i): row id}."""
    rows = (tuple(map(int, line.split())) for line in stdout.splitlines())
    return {(tag, thread, i): row_id for tag, thread, i, row_id in rows}


def stored(database) -> dict[tuple[int, int, int], int]:
    """What a fresh connection finds: {(tag, thread, i): label}."""
    examples = FeedbackStore(database, create=False).examples()
    found = {key_of(image): int(label) for image, label in zip(examples.x, examples.y, strict=True)}
    assert len(found) == len(examples.y)  # no write stored twice
    return found


def test_an_example_comes_back_as_it_went_in(tmp_path):
    store = FeedbackStore(tmp_path / "new" / "folder" / "feedback.sqlite3")  # folders made on first use
    as_uint8 = example((1, 0, 0))
    ids = [store.add(as_uint8, PNG, 4, 9), store.add(as_uint8 / np.float32(255), PNG, label=7, predicted=7)]
    assert ids == [1, 2] and store.count() == 2
    x, y, predicted, visit = store.examples()
    assert x.dtype == y.dtype == predicted.dtype == np.uint8 and x.shape == (2, 28, 28)
    assert visit.tolist() == [picture_name(PNG)] * 2  # saved with no visit: named by their picture
    np.testing.assert_array_equal(x, [as_uint8, as_uint8])  # the page's float 0..1 input, stored as the same bytes
    assert y.tolist() == [4, 7] and predicted.tolist() == [9, 7]
    with sqlite3.connect(store.path) as connection:
        (canvas, created_at), *_ = connection.execute("SELECT canvas_png, created_at FROM examples").fetchall()
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert canvas == PNG and created_at.startswith(time.strftime("%Y-", time.gmtime()))


def test_an_answer_taken_back_removes_its_rows_and_no_other(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    ids = [store.add(example((0, 0, i)), PNG, label=i, predicted=i) for i in range(4)]
    store.remove(ids[1:3], picture_name(PNG))  # a 2-digit answer undone
    assert store.examples().y.tolist() == [0, 3]
    store.remove(ids[1:3], picture_name(PNG))  # already gone: nothing else goes
    assert store.count() == 2


def test_taking_back_an_answer_the_wall_removed_leaves_the_next_answer_given_its_id(tmp_path):
    # SQLite gives a removed newest row's id to the next row: a take-back in one tab, after the presenter had removed
    # that drawing, deleted another visitor's 3 saved meanwhile
    store, seven, three = FeedbackStore(tmp_path / "feedback.sqlite3"), png(np.full((28, 28), 7, np.uint8)), PNG
    ids = [store.add(example((0, 0, 7)), seven, 7, 7, visit="a")]
    store.remove(ids, picture_name(seven))  # the presenter's Remove
    assert [store.add(example((0, 0, 3)), three, 3, 3, visit="b")] == ids  # the same id again
    store.remove(ids, picture_name(seven))  # the first tab's take-back
    assert store.examples().y.tolist() == [3]


def test_an_answer_is_saved_whole_or_not_at_all_and_the_one_it_replaces_stays_till_it_is(tmp_path):
    # On a full disk a number's first digit was saved alone, under "could not be saved", and the answer it was to
    # replace was already gone
    store, number = FeedbackStore(tmp_path / "feedback.sqlite3"), [(example((0, 0, i)), i, i) for i in (4, 2, 6)]
    store.answer(number, PNG, on_wall=True, visit="a")
    with sqlite3.connect(store.path) as connection:  # the disk fills up as the third digit is written
        connection.execute(
            "CREATE TRIGGER full BEFORE INSERT ON examples WHEN NEW.label = 7 "
            "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
        )
    connection.close()
    with pytest.raises(FeedbackStoreError, match="disk is full"):
        store.answer([*number[:2], (example((0, 0, 7)), 7, 6)], PNG, on_wall=True, visit="a")
    assert store.examples().y.tolist() == [4, 2, 6]
    with sqlite3.connect(store.path) as connection:
        connection.execute("DROP TRIGGER full")
    connection.close()
    store.answer([*number[:2], (example((0, 0, 7)), 7, 6)], PNG, on_wall=True, visit="a")
    assert store.examples().y.tolist() == [4, 2, 7]  # in place of the first
    store.answer(number, PNG, on_wall=True, visit="b")  # another visitor's answer to the same picture is theirs
    assert store.examples().y.tolist() == [4, 2, 7, 4, 2, 6]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ((np.zeros((28, 28)), PNG, 10, 1), "label must be a digit 0-9, got 10"),
        ((np.zeros((28, 28)), PNG, 3, -1), "predicted must be a digit 0-9, got -1"),
        ((np.zeros((28, 28)), PNG, True, 1), "label must be a digit 0-9, got True"),
        ((np.zeros((28, 28)), PNG, "4", 1), "label must be a digit 0-9, got '4'"),
        ((np.zeros((28, 28, 1)), PNG, 4, 1), "model_input must be 28x28, got shape (28, 28, 1)"),
        ((np.zeros(784), PNG, 4, 1), "model_input must be 28x28, got shape (784,)"),
        ((np.full((28, 28), 2.0), PNG, 4, 1), "got values outside 0..1 or not numbers"),
        ((np.full((28, 28), np.nan), PNG, 4, 1), "got values outside 0..1 or not numbers"),
        ((np.zeros((28, 28), np.int64), PNG, 4, 1), "model_input must be uint8, or float in 0..1; got int64"),
        ((np.zeros((28, 28)), b"GIF89a", 4, 1), "canvas_png must be the bytes of a PNG file"),
        ((np.zeros((28, 28)), PNG[:-20], 4, 1), "canvas_png is a damaged PNG file"),
    ],
)
def test_bad_examples_are_refused_with_a_value_error_naming_the_fault(tmp_path, arguments, message):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    with pytest.raises(BadExample, match=message.replace("(", r"\(").replace(")", r"\)")) as refused:
        store.add(*arguments)
    assert isinstance(refused.value, ValueError)
    assert store.count() == 0


def other_programs_database(path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")


def old_schema(path) -> None:
    FeedbackStore(path)
    with closing(sqlite3.connect(path)) as connection:  # closed: its change is in the file, not left in the WAL
        connection.execute("ALTER TABLE examples DROP COLUMN canvas_png")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: path.write_text("shopping list: eggs\n" * 100), "not a SQLite database"),
        (lambda path: path.write_bytes(b"\x00" * 4096), "not a SQLite database"),
        (other_programs_database, "a SQLite database, but not digitpad's feedback database"),
        (old_schema, "'model_input', 'on_wall', 'visit', 'drawing']; this digitpad"),
    ],
    ids=["text", "zeros", "another program's", "wrong schema"],
)
def test_a_file_that_is_not_a_feedback_database_is_refused_and_left_alone(tmp_path, make, message):
    path = tmp_path / "feedback.sqlite3"
    make(path)
    before = path.read_bytes()
    for create in (True, False):
        with pytest.raises(FeedbackStoreError, match=message.replace("[", r"\[")) as refused:
            FeedbackStore(path, create=create)
        assert str(refused.value).startswith(f"{path}: ")
    assert path.read_bytes() == before


def test_a_damaged_database_is_refused_before_it_takes_an_answer(tmp_path):
    # A file damaged in its middle took answers and thanked their users, yet export-feedback and the wall could not
    # read it ("database disk image is malformed")
    path = tmp_path / "feedback.sqlite3"
    writer = start_writer(path, 1, 1, 60, time.time())  # a server before this one: this process never opened it
    assert writer.wait(timeout=60) == 0, writer.stderr.read()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every row in the file itself
    damaged = bytearray(path.read_bytes())
    damaged[-8192:-4096] = np.random.default_rng(0).integers(0, 256, 4096, dtype=np.uint8).tobytes()
    path.write_bytes(bytes(damaged))
    for create in (True, False):
        with pytest.raises(FeedbackStoreError, match="malformed|damaged"):
            FeedbackStore(path, create=create).add(example((2, 0, 0)), png(example((2, 0, 0))), 2, 2)
    assert path.read_bytes() == damaged  # nothing written to it


def test_reading_a_missing_or_empty_database_is_refused(tmp_path):
    missing = tmp_path / "missing.sqlite3"
    with pytest.raises(FeedbackStoreError, match="no such feedback database"):
        load_feedback(missing)
    assert not missing.exists()  # reading never creates
    FeedbackStore(tmp_path / "empty.sqlite3")
    with pytest.raises(FeedbackStoreError, match="holds no drawings yet"):
        load_feedback(tmp_path / "empty.sqlite3")
    (tmp_path / "failed.sqlite3").write_bytes(b"")  # the page's first save failed on a full disk: "not digitpad's"
    with pytest.raises(FeedbackStoreError, match="holds no drawings yet"):
        load_feedback(tmp_path / "failed.sqlite3")
    assert Wall.read(tmp_path / "failed.sqlite3", latest=8).latest == []  # the wall raised
    FeedbackStore(tmp_path / "failed.sqlite3").add(example((0, 0, 1)), PNG, 1, 1)  # and the next save makes it
    assert load_feedback(tmp_path / "failed.sqlite3").y.tolist() == [1]


def test_a_database_on_a_read_only_file_system_is_still_read(tmp_path, monkeypatch):
    # A backup or a container's data mounted read-only: WAL wanted its -shm file beside it even to read, and export
    # failed ("unable to open database file"). A read-only tmpfs was tried by hand; here the file system only says so
    path = tmp_path / "feedback.sqlite3"
    FeedbackStore(path).add(example((0, 0, 3)), PNG, 3, 3)
    for side in ("-wal", "-shm"):  # as a clean stop leaves it
        Path(f"{path}{side}").unlink(missing_ok=True)
    statvfs = os.statvfs(tmp_path)
    mounted = os.statvfs_result((*statvfs[:8], statvfs.f_flag | os.ST_RDONLY, statvfs.f_namemax))
    monkeypatch.setattr(feedback.os, "statvfs", lambda where: mounted)
    monkeypatch.setattr(sqlite3, "connect", read_only(sqlite3.connect))
    assert load_feedback(path).y.tolist() == [3] and Wall.read(path, latest=8).right == 1


def read_only(connect):
    """sqlite3.connect as it opens a file where nothing can be written beside it: only read-only, immutable opens."""

    def opening(database, **kwargs):
        if "immutable=1" not in str(database):
            raise sqlite3.OperationalError("unable to open database file")
        return connect(database, **kwargs)

    return opening


def test_many_threads_of_one_process_write_at_once(tmp_path):
    """Streamlit's sessions: threads sharing one store."""
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    start, errors = threading.Barrier(8), []

    def session(thread: int) -> None:
        start.wait()
        try:
            for i in range(25):
                store.add(example((0, thread, i)), PNG, label_of((0, thread, i)), 0)
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=session, args=(t,)) for t in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    expected = {(0, t, i) for t in range(8) for i in range(25)}
    assert stored(store.path) == {key: label_of(key) for key in expected}


def test_wal_is_turned_on_once_another_process_has_finished_writing(tmp_path):
    path = tmp_path / "feedback.sqlite3"
    sqlite3.connect(path, isolation_level=None).execute("CREATE TABLE examples (x)").connection.close()
    writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")  # another server's first rows: SQLite refuses WAL at once while they are written
    threading.Timer(0.3, writer.execute, ["COMMIT"]).start()
    connection = sqlite3.connect(path, isolation_level=None)
    assert use_wal(connection) == "wal"
    connection.close()
    writer.close()


def test_several_server_processes_create_and_write_one_database_at_once(tmp_path):
    """4 processes x 2 threads x 25 writes, all created on the same missing file and released at the same instant."""
    database = tmp_path / "feedback.sqlite3"
    start_at = time.time() + 3  # time for the four interpreters to start
    writers = [start_writer(database, tag, 2, 25, start_at) for tag in range(4)]
    outputs = [writer.communicate(timeout=120) for writer in writers]
    for writer, (_, stderr) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0 and stderr == "", stderr  # no "database is locked", nor anything else
    ids = {}
    for stdout, _ in outputs:
        ids |= acknowledged(stdout)
    expected = {(tag, t, i) for tag in range(4) for t in range(2) for i in range(25)}
    assert ids.keys() == expected and sorted(ids.values()) == list(range(1, 201))  # each write got its own id
    assert stored(database) == {key: label_of(key) for key in expected}


def test_a_restarted_server_reads_what_the_last_one_wrote(tmp_path):
    database = tmp_path / "feedback.sqlite3"
    store = FeedbackStore(database)
    for i in range(5):
        store.add(example((0, 0, i)), PNG, label_of((0, 0, i)), 3)
    read = "import json, sys; from digitpad.learning.feedback import load_feedback; e = load_feedback(sys.argv[1]); "
    read += "print(json.dumps({'x': e.x.tolist(), 'y': e.y.tolist(), 'predicted': e.predicted.tolist()}))"
    result = subprocess.run(
        [sys.executable, "-c", read, str(database)], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    fresh = json.loads(result.stdout)
    np.testing.assert_array_equal(fresh["x"], [example((0, 0, i)) for i in range(5)])
    assert fresh["y"] == [label_of((0, 0, i)) for i in range(5)] and fresh["predicted"] == [3] * 5


@pytest.mark.parametrize("kill_after", [1, 20, 60])
def test_a_writer_killed_mid_stream_loses_nothing_it_acknowledged(tmp_path, kill_after):
    """SIGKILL a process writing as fast as it can, after `kill_after` acknowledged writes: the database must open,
    pass SQLite's integrity check, and hold every acknowledged write and at most the one in flight."""
    database = tmp_path / "feedback.sqlite3"
    writer = start_writer(database, 7, 1, 100_000, 0)
    lines = [writer.stdout.readline() for _ in range(kill_after)]
    writer.send_signal(signal.SIGKILL)
    rest, _ = writer.communicate(timeout=30)  # lines printed before the kill, still in the pipe
    assert writer.returncode == -signal.SIGKILL
    written = acknowledged("".join(lines) + rest)
    assert len(written) >= kill_after
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    found = stored(database)
    assert written.keys() <= found.keys()
    assert len(found) - len(written) in (0, 1)  # the write in flight was either committed or not there at all
    assert all(found[key] == label_of(key) for key in found)


def older_database(path, version: int, rows: list[tuple]) -> None:
    """A feedback database as digitpad wrote it at schema `version` (1: no wall; 2: no visits), holding `rows` of
    (label, predicted, picture[, on_wall[, seconds]]): on the wall unless said, saved `seconds` after the first."""
    with sqlite3.connect(path) as connection:
        schema = SCHEMA.replace(",\n    visit TEXT,\n    drawing TEXT", "")
        if version == 1:
            schema = schema.replace(",\n    on_wall INTEGER NOT NULL DEFAULT 1 CHECK (on_wall IN (0, 1))", "")
        connection.execute(schema)
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {version}")
        for label, read, picture, *more in rows:
            on_wall, seconds = more[0] if more else 1, more[1] if len(more) > 1 else 0.0
            saved = f"strftime('%Y-%m-%dT%H:%M:%fZ', '2026-11-20T10:00:00', '+{seconds} seconds')"
            columns, values = "label, predicted, model_input, canvas_png, created_at", f"?, ?, ?, ?, {saved}"
            if version > 1:
                columns, values = f"{columns}, on_wall", f"{values}, {on_wall}"
            row = (label, read, bytes(784), picture)
            connection.execute(f"INSERT INTO examples ({columns}) VALUES ({values})", row)


@pytest.mark.parametrize(
    ("row", "fault"),
    [
        (("seven", 7, bytes(784)), "its label 'seven' and prediction 7 are not both digits 0-9"),
        ((10, 1, bytes(784)), "its label 10 and prediction 1 are not both digits 0-9"),
        ((3.7, 3, bytes(784)), "its label 3.7 and prediction 3"),
        ((None, 3, bytes(784)), "its label NULL and prediction 3"),
        ((3, -1, bytes(784)), "its label 3 and prediction -1"),
        ((3, 3, bytes(10)), "its model_input is 10 bytes of blob, not the 784 bytes of a 28 x 28 drawing"),
        ((3, 3, None), "its model_input is 0 bytes of null"),
        ((3, 3, "x" * 784), "its model_input is 784 bytes of text"),
    ],
    ids=["a word", "10", "a fraction", "none", "predicted -1", "10 bytes", "no picture", "text"],
)
def test_a_row_another_program_changed_is_refused_by_row_for_export_and_training_and_the_wall_leaves_it_out(
    tmp_path, row, fault
):
    # Export and training raised a traceback (int('seven'), a uint8 of -1, 10 bytes reshaped to 28 x 28) or wrote the
    # label 10 and trained a 10-class model on it
    path = tmp_path / "feedback.sqlite3"
    unchecked_database(path, [(1, 1, bytes(784)), row, row])
    with pytest.raises(FeedbackStoreError) as refused:
        load_feedback(path)
    assert str(refused.value).startswith(f"{path}: row 2 is not a drawing as digitpad saves it: {fault}")
    assert "(and 1 more row like it)" in str(refused.value)
    wall = Wall.read(path, latest=10)  # the room's wall raised IndexError on a label of 10
    assert wall.confusion.sum() == 1 + 2 * (row[:2] == (3, 3))


def test_an_older_database_a_row_of_which_has_no_picture_is_brought_up_to_date(tmp_path):
    path = tmp_path / "feedback.sqlite3"
    unchecked_database(path, [(1, 1, bytes(784)), (2, 2, bytes(784), None)], version=2)  # picture_name(None) raised
    assert load_feedback(path).y.tolist() == [1, 2]


def test_a_first_version_database_is_brought_up_to_date_keeping_its_rows_off_the_wall(tmp_path):
    path = tmp_path / "feedback.sqlite3"
    older_database(path, 1, [(3, 5, PNG)])  # as the page wrote it until 2026-11-30, before there was a wall
    store = FeedbackStore(path, create=False)
    assert store.count() == 1 and load_feedback(path).y.tolist() == [3]
    store.add(np.zeros((28, 28), np.uint8), PNG, 7, 7, on_wall=False)
    wall = Wall.read(path, latest=10)
    assert wall.latest == []  # its users were never asked: photos among them (the migration had put them on it)
    assert (wall.right, wall.corrected, wall.confusion[3, 5], wall.confusion[7, 7]) == (1, 1, 1, 1)


def test_a_second_version_databases_drawings_stay_as_its_wall_showed_them(tmp_path):
    # Rows with no visit were grouped by picture across the whole table: 48 visitors' answers to one photo, one tile
    path = tmp_path / "feedback.sqlite3"
    four, seven, photo = (png(np.full((28, 28), shade, np.uint8)) for shade in (4, 7, 9))
    older_database(path, 2, [
        (7, 7, seven, 1, 0), (4, 4, four, 1, 10), (2, 2, four, 1, 10.01),  # a 7, then a 42...
        (7, 1, seven, 1, 20),  # ...and the same 7's picture answered by another visitor
        (3, 3, four, 1, 30), (5, 5, photo, 0, 30.005), (8, 8, four, 1, 30.01),  # a 38, a photo's row in between
        (5, 5, photo, 0, 33), (6, 6, photo, 0, 37),  # a photo answered by two visitors in turn
    ])  # fmt: skip
    wall = Wall.read(path, latest=10)
    assert [drawing[:3] for drawing in wall.latest] == [
        ("38", "38", four), ("7", "1", seven), ("42", "42", four), ("7", "7", seven),
    ]  # fmt: skip
    assert (wall.right, wall.corrected) == (6, 1)  # 7, 42, 38, and the photo's three answers; the other 7


def test_a_row_an_older_digitpad_saved_during_the_upgrade_is_its_own_drawing(tmp_path):
    # An older server saving while the file was upgraded wrote a row with no picture name: the wall raised IndexError
    path = tmp_path / "feedback.sqlite3"
    store = FeedbackStore(path)
    store.add(np.zeros((28, 28), np.uint8), PNG, 1, 1, visit="a")
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO examples (label, predicted, model_input, canvas_png) VALUES (5, 5, ?, ?)", (bytes(784), PNG)
        )
    wall = Wall.read(path, latest=10)
    assert [drawing.said for drawing in wall.latest] == ["5", "1"] and (wall.right, wall.corrected) == (2, 0)


def test_readers_opening_an_older_database_together_wait_for_the_one_upgrading_it(tmp_path):
    # Two readers (export, the wall) at once: the loser failed at once with "database is locked", 3 times of 3
    path = tmp_path / "feedback.sqlite3"
    older_database(path, 2, [(d % 10, d % 10, png(np.full((28, 28), d % 200, np.uint8))) for d in range(300)])
    failures = []

    def read() -> None:
        try:
            FeedbackStore(path, create=False)
        except FeedbackStoreError as error:
            failures.append(error)

    readers = [threading.Thread(target=read) for _ in range(4)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert failures == [] and FeedbackStore(path, create=False).count() == 300


def test_an_upgraded_database_is_kept_as_it_was_beside_it_for_older_digitpads(tmp_path, capsys):
    # The upgrade rewrote the file for good, and an older digitpad then refused it: no way back
    path, kept = tmp_path / "feedback.sqlite3", tmp_path / "feedback.schema2.sqlite3"
    older_database(path, 2, [(4, 4, PNG), (7, 1, PNG, 0, 9)])
    FeedbackStore(path).add(np.zeros((28, 28), np.uint8), PNG, 5, 5, visit="a")
    with closing(sqlite3.connect(kept)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (2,)
        assert connection.execute("SELECT label, predicted, on_wall FROM examples").fetchall() == [(4, 4, 1), (7, 1, 0)]
    assert f"upgraded from schema 2 to 3; the file as it was is kept in {kept}" in capsys.readouterr().err
    assert FeedbackStore(path).count() == 3 and sorted(p.name for p in tmp_path.iterdir() if "schema" in p.name) == [
        kept.name
    ]  # upgraded once: opened again, nothing more is kept
    path.unlink()
    older_database(path, 1, [(8, 8, PNG)])  # another older file in its place: the first copy is not written over
    FeedbackStore(path, create=False)
    assert kept.is_file() and (tmp_path / "feedback.schema1.sqlite3").is_file()


def test_an_upgrade_that_fails_takes_its_copy_away_and_says_nothing_was_upgraded(tmp_path, monkeypatch, capsys):
    # On a full disk the commit failed after "upgraded ..." was printed, and the copy left behind took the room, and
    # its name: every retry then failed, unable to write feedback.schema2-2.sqlite3
    path = tmp_path / "feedback.sqlite3"
    older_database(path, 2, [(4, 4, PNG)])

    def full_disk(store, connection) -> None:  # what fails after the migrations ran, as the commit did
        raise FeedbackStoreError("database or disk is full")

    with monkeypatch.context() as patched:
        patched.setattr(FeedbackStore, "_check_schema", full_disk)
        with pytest.raises(FeedbackStoreError, match="disk is full"):
            FeedbackStore(path)
    assert [p.name for p in tmp_path.iterdir() if "schema" in p.name] == []
    assert "upgraded" not in capsys.readouterr().err
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (2,)
    assert FeedbackStore(path).count() == 1 and (tmp_path / "feedback.schema2.sqlite3").is_file()  # tried again


def test_an_older_database_whose_copy_cannot_be_kept_is_left_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "feedback.sqlite3"
    older_database(path, 2, [(4, 4, PNG)])
    monkeypatch.setattr(feedback, "kept_older", lambda path, version, n=1: tmp_path / "gone" / "copy.sqlite3")
    with pytest.raises(FeedbackStoreError, match="keeping a copy of it, and the copy cannot be written to .*gone"):
        FeedbackStore(path)
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA user_version").fetchone() == (2,)


def test_the_wall_shows_a_numbers_digits_as_one_drawing_read_left_to_right(tmp_path):
    # A confirmed "42" filled two of the wall's eight tiles, the same picture captioned "read 2" and "read 4"
    path = tmp_path / "feedback.sqlite3"
    store = FeedbackStore(path)
    number, digit, other = png(np.full((28, 56), 9, np.uint8)), png(np.full((28, 28), 5, np.uint8)), PNG
    store.add(np.zeros((28, 28), np.uint8), other, 1, 1)
    for said, read in ((4, 4), (2, 3)):  # the page saves a number's digits one row each, left to right
        store.add(np.zeros((28, 28), np.uint8), number, said, read)
    store.add(np.zeros((28, 28), np.uint8), digit, 8, 8)
    assert [drawing[:3] for drawing in Wall.read(path, latest=2).latest] == [
        ("8", "8", digit), ("42", "43", number),
    ]  # fmt: skip
    assert Wall.read(path, latest=10).confusion[2, 3] == 1  # the tallies still count digits


def test_the_wall_never_shows_part_of_a_long_number(tmp_path):
    # Eight 23-digit numbers: the rows read ended inside one, captioned with its last 13 digits under the whole picture
    path = tmp_path / "feedback.sqlite3"
    store = FeedbackStore(path)
    for drawing in range(8):
        picture = png(np.full((28, 28), drawing, np.uint8))
        for _ in range(23):
            store.add(np.zeros((28, 28), np.uint8), picture, 7, 7)
    shown = Wall.read(path, latest=8).latest
    assert shown and all(drawing.said == drawing.read == "7" * 23 for drawing in shown)


def test_the_wall_shows_each_visits_latest_drawing_and_counts_a_drawing_once(tmp_path):
    # One visitor answering fast filled all eight tiles, and a 28-digit number confirmed added 28 to "Confirmed right"
    path = tmp_path / "feedback.sqlite3"
    store = FeedbackStore(path)
    pictures = [png(np.full((28, 28), shade, np.uint8)) for shade in range(40)]
    store.add(np.zeros((28, 28), np.uint8), pictures[0], 4, 4, visit="quiet")
    for picture in pictures[1:31]:  # 30 drawings, one visit
        store.add(np.zeros((28, 28), np.uint8), picture, 1, 1, visit="eager")
    for _ in range(28):
        store.add(np.zeros((28, 28), np.uint8), pictures[31], 0, 1, visit="numbers")  # 28 digits, all corrected
    store.add(np.zeros((28, 28), np.uint8), pictures[32], 6, 6, visit="quiet")
    store.add(np.zeros((28, 28), np.uint8), pictures[33], 9, 9, visit="other")
    store.add(np.zeros((28, 28), np.uint8), pictures[32], 2, 2, visit="other")  # the same picture, another visit's
    wall = Wall.read(path, latest=8)
    assert [(drawing.said, drawing.png) for drawing in wall.latest] == [
        ("2", pictures[32]), ("6", pictures[32]), ("0" * 28, pictures[31]), ("1", pictures[30]),
    ]  # fmt: skip
    assert (wall.right, wall.corrected) == (34, 1)  # quiet's 2, eager's 30 and other's 2; the number, once
    assert wall.confusion[0, 1] == 28  # the matrix still counts digits
