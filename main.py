"""Composure: start the game, or a command-line tool (`python main.py --help`)."""

import sys

from game.tools.cli import main

if __name__ == "__main__":
    sys.exit(main())
