"""Writing files all at once or not at all."""

from __future__ import annotations

import pytest

from digitpad.files import write_atomically


def test_a_failed_write_leaves_every_old_file_and_no_temporary_one(tmp_path):
    old = {tmp_path / "digitpad.keras": b"old model", tmp_path / "digitpad.card.json": b"old card"}
    for path, content in old.items():
        path.write_bytes(content)

    def crash(path):
        path.write_bytes(b"half a card")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomically(
            {tmp_path / "digitpad.keras": lambda p: p.write_bytes(b"new model"), tmp_path / "digitpad.card.json": crash}
        )
    assert {path: path.read_bytes() for path in tmp_path.iterdir()} == old
