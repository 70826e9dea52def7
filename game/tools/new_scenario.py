"""`python3 main.py new`: being built (issue 9)."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The verb's options."""


def run(args: argparse.Namespace) -> int:
    print("error: `new` is not built yet", file=sys.stderr)
    return 2
