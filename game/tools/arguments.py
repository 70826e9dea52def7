"""Argument types and options that several verbs share; each verb's module adds its own options with them."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from game.engine import DEFAULT_LIMITS, LARGEST_MEGABYTES, MAX_BYTES, MEBIBYTE, SizeLimits


def add_size_limits(verb: argparse.ArgumentParser) -> None:
    """--max-megabytes: a generated scenario may be larger than the guards against runaway files allow."""
    verb.add_argument(
        "--max-megabytes",
        dest="limits",
        type=size_limits,
        default=DEFAULT_LIMITS,
        metavar="N",
        help=f"read scenario files of up to N MiB (default {MAX_BYTES // MEBIBYTE}, at most {LARGEST_MEGABYTES})",
    )


def size_limits(text: str) -> SizeLimits:
    """An argparse type: --max-megabytes N as the limits for a file of N MiB."""
    return SizeLimits.of_megabytes(whole_number(1, LARGEST_MEGABYTES)(text))


def window_size(text: str) -> tuple[int, int]:
    """`1280x720` as (1280, 720), for --size."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size like 1280x720") from None
    if width < 960 or height < 540:
        raise argparse.ArgumentTypeError(f"{text} is smaller than the game's smallest window, 960x540")
    return width, height


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type for a number in [low, high]: a value out of range is a usage error, not a crash later."""

    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"must be a whole number from {low} to {high}, not {number}")
        return number

    return parse
