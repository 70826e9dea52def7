"""Composure: start the game, or a command-line tool (`python main.py --help`)."""

import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

DATA_HELP = (
    "open the game with its settings, trainees, saves, results and log in DIR "
    "(default: $COMPOSURE_DATA when set, else saves/ next to the game)"
)
NO_FOLDER = "main.py: --data needs a folder, as in: python3 main.py --data /shared/composure"


def main() -> int:
    arguments = sys.argv[1:]
    folders = window_folders(arguments)
    if folders is not None:  # the game itself: import only what the window needs, so it opens fast
        if folders and not folders[0]:
            print(NO_FOLDER, file=sys.stderr)
            return 2
        from game.ui.launch import open_game

        return open_game(folders[0] if folders else None)
    from game.tools.cli import build_parser
    from game.tools.cli import main as command_line

    if arguments in (["-h"], ["--help"]):  # the window's one option, listed with the verbs
        parser = build_parser()
        parser.add_argument("--data", metavar="DIR", help=DATA_HELP)
        parser.print_help()
        return 0
    return command_line()


def window_folders(arguments: list[str]) -> list[str] | None:
    """The --data folder given to open the window ([] for none, [""] when its folder is missing);
    None when the arguments are for a command-line verb."""
    if not arguments:
        return []
    if arguments[0] == "--data" and len(arguments) <= 2:
        return arguments[1:] or [""]
    if len(arguments) == 1 and arguments[0].startswith("--data="):
        return [arguments[0].removeprefix("--data=")]
    return None


if __name__ == "__main__":
    sys.exit(main())
