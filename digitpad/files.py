"""Writing files so that a reader never sees half of one: each to a temporary file beside it, all renamed into place
together.

In: the paths to write and, for each, a function that writes its content to the path it is given. Out: the files, all
new or, if any writer fails or the run is interrupted, all as they were. No TensorFlow here: exporting users'
drawings needs only this.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

Writer = Callable[[Path], None]  # writes one file's content to the path it is given


def write_atomically(writes: dict[Path, Writer]) -> None:
    """Write each file to a temporary file beside it, then rename them all into place together. Until the renames,
    which take microseconds, every file is as it was: an interrupted or failed writer leaves only the old files."""
    temporary = {}
    try:
        for path, write in writes.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
            os.close(fd)
            temporary[path] = Path(name)
            write(temporary[path])
            os.chmod(name, 0o644)  # mkstemp makes it private; the file is meant to be shared like any other
        for path, name in temporary.items():
            os.replace(name, path)
    finally:
        for name in temporary.values():
            name.unlink(missing_ok=True)
