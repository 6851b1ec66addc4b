"""`python -m digitpad ...`: see digitpad.cli."""

import sys

from digitpad.cli import main

sys.exit(main())
