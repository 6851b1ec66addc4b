"""Retrain digitpad's models: `python train_model.py --help`. The same command as `digitpad train`; its code is
digitpad.learning.retrain."""

import sys


def train() -> int:
    from digitpad.learning.retrain import main  # importing TensorFlow takes seconds: Ctrl-C may come during it

    return main()


if __name__ == "__main__":
    try:  # Ctrl-C, a full disk, a terminal's encoding: as `digitpad train` ends
        from digitpad.cli import quietly  # numpy and Pillow: a Ctrl-C may come during it too
    except KeyboardInterrupt:
        sys.exit(130)  # the shell's status for Ctrl-C, without a traceback
    sys.exit(quietly(train))
