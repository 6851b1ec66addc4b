"""Retrain digitpad's models: `python train_model.py --help`. The same command as `digitpad train`; its code is
digitpad.learning.retrain."""

import sys

from digitpad.learning.retrain import main

if __name__ == "__main__":
    sys.exit(main())
