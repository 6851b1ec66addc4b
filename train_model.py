"""Retrain digitpad's models: `python train_model.py --help`. The same command as `digitpad train`; its code is
digitpad.learning.retrain."""

import sys

if __name__ == "__main__":
    try:
        from digitpad.learning.retrain import main  # importing TensorFlow takes seconds: Ctrl-C may come during it

        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)  # the shell's status for Ctrl-C, without a traceback, as `digitpad train` ends
