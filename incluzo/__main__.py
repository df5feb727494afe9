"""`python -m incluzo` is the same as the `incluzo` command."""

import sys

from incluzo.cli import main

sys.exit(main())
