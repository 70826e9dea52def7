"""Composure: start the game, or a command-line tool (`python main.py --help`)."""

import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def main() -> int:
    if len(sys.argv) == 1:  # the game itself: import only what the window needs, so it opens fast
        from game.ui.launch import open_game

        return open_game()
    from game.tools.cli import main as command_line

    return command_line()


if __name__ == "__main__":
    sys.exit(main())
