"""``python -m nnd``: the ``nnd`` command (see :mod:`nnd.cli`)."""

import sys

from nnd.cli import main

if __name__ == "__main__":
    sys.exit(main())
