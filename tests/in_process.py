"""A command run through its own main() in the test's process, as a user's shell runs it: the same exit status and
streams as a subprocess, without the 10-14 s a new process spends importing TensorFlow.

In: the command's main(), its arguments, the program name it sees in sys.argv[0], and environment variables to set
(or, given None, to remove) for the run. Out: subprocess.CompletedProcess(args, returncode, stdout, stderr).
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from collections.abc import Callable, Iterable

import pytest

from digitpad.cli import main as digitpad_main
from digitpad.config import REPO_ROOT
from digitpad.learning.retrain import main as train_model_main


def run_in_process(
    main: Callable[[list[str]], int], args: Iterable[object], program: str, env: dict[str, str | None] | None = None
) -> subprocess.CompletedProcess:
    args = [str(arg) for arg in args]  # paths as the shell would pass them
    stdout, stderr = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        patch.setattr(sys, "argv", [program, *args])  # a training card records its command from it
        for name, value in (env or {}).items():
            if value is None:
                patch.delenv(name, raising=False)
            else:
                patch.setenv(name, value)
        try:
            status = main(args)
        except SystemExit as stop:  # argparse refusing the flags
            status = stop.code
    return subprocess.CompletedProcess([program, *args], status, stdout.getvalue(), stderr.getvalue())


def digitpad(*args: object) -> subprocess.CompletedProcess:
    """`python -m digitpad ARGS`."""
    return run_in_process(digitpad_main, args, str(REPO_ROOT / "digitpad" / "__main__.py"))


def train_model(*args: object, env: dict[str, str | None] | None = None) -> subprocess.CompletedProcess:
    """`python train_model.py ARGS`, with `env`'s variables set or removed."""
    return run_in_process(train_model_main, args, "train_model.py", env)
