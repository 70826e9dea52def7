"""Composure: start the game, or a command-line tool (`python main.py --help`)."""

import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from game.tools.cli import main

if __name__ == "__main__":
    sys.exit(main())
