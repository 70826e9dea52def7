"""`python3 main.py new "Title" [--channel in-person|phone|chat] [--out PATH]`: a scenario to start from.

A trainer starts from a file that already validates and plays, with a comment on every key, rather
than from a blank page and the format's reference. The file is checked by the engine's own reader
before it is written, so `new` never leaves behind a file that `validate` would refuse, whatever the
title holds; an existing file is never overwritten.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import sys
import unicodedata
from dataclasses import asdict, dataclass
from pathlib import Path

from game.engine import read_scenario
from game.storage.atomic import write_atomically
from game.storage.locations import SHIPPED_LIBRARY, default_library
from game.storage.scenario_files import PRINCIPLES_FILE, load_principles

from .scenario_template import SCENARIO
from .template_words import IDS, WHO_BY_CHANNEL, WORDS_BY_CHANNEL

SCHEMA = SHIPPED_LIBRARY / "schema" / "scenario.schema.json"
SUFFIX = ".yaml"  # the picker and `validate FOLDER` look only at *.yaml files
FALLBACK_ID = "new-scenario"  # for a title with no letter or digit that has an ASCII form
ID_STEM_LENGTH = 56  # ids are at most 64 characters: room for "-2", "-3", ... up to millions
APOSTROPHES = re.compile("['\u2019]")  # "Don't panic" becomes dont-panic, not don-t-panic
NOT_ID = re.compile(r"[^a-z0-9]+")
SURROGATE = re.compile("[\ud800-\udfff]")
UNUSABLE_TITLE = 2  # the exit status of a bad argument, as argparse gives


@dataclass(frozen=True, slots=True)
class Target:
    """Where the new scenario goes, and the id it gets there."""

    path: Path
    scenario_id: str


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The verb's options."""
    parser.add_argument("title", help='the scenario\'s title, in quotes: "The Missing Parcel"')
    parser.add_argument(
        "--channel",
        choices=sorted(WORDS_BY_CHANNEL),
        default="in-person",
        help="; ".join(f"{channel}: {who}" for channel, who in WHO_BY_CHANNEL.items()) + " (default in-person)",
    )
    parser.add_argument(
        "--out",
        metavar="PATH",
        help="the file to write (a missing folder is made), or a folder to write <id>.yaml in;"
        " default: <id>.yaml in the scenario library",
    )


def run(args: argparse.Namespace) -> int:
    title = args.title.strip()
    if SURROGATE.search(title):  # how Python passes on command-line bytes that are not UTF-8
        print("error: the title holds bytes that are not UTF-8 text (is the terminal set to UTF-8?)", file=sys.stderr)
        return UNUSABLE_TITLE
    target = target_for(title, args.out)
    if isinstance(target, str):
        print(f"error: {target}; nothing was written", file=sys.stderr)
        return 1
    text = render(title, args.channel, target)
    problems = problems_with(text, target.path)
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return UNUSABLE_TITLE
    made_folder = not target.path.parent.exists()
    try:
        write_atomically(target.path, text.encode("utf-8"))
    except OSError as problem:
        print(f"error: cannot write {target.path}: {problem.strerror or problem}; nothing was written", file=sys.stderr)
        return 1
    print(next_steps(target, args.channel, made_folder))
    return 0


def target_for(title: str, out: str | None) -> Target | str:
    """The file to write and the scenario's id, or why there is none."""
    if out is None:
        return in_folder(default_library(), title)
    path = Path(out)
    if path.is_dir() or out.endswith(("/", os.sep)):
        return in_folder(path, title)
    if path.suffix != SUFFIX:
        return f"the file name must end in {SUFFIX} (the game and `validate FOLDER` look only at {SUFFIX} files)"
    if path.name == PRINCIPLES_FILE:
        return f"{PRINCIPLES_FILE} is the name of the principles file, not of a scenario: choose another name"
    if os.path.lexists(path):
        return f"{path} already exists, and `new` never writes over a file: choose another --out"
    return Target(path, unused_id(path.parent, id_from_title(title)))


def in_folder(folder: Path, title: str) -> Target:
    """<id>.yaml in `folder`, with an id that no file there has yet."""
    scenario_id = unused_id(folder, id_from_title(title))
    return Target(folder / f"{scenario_id}{SUFFIX}", scenario_id)


def id_from_title(title: str) -> str:
    """The title in id form: lowercase ASCII letters and digits joined by hyphens, accents dropped."""
    ascii_title = unicodedata.normalize("NFKD", APOSTROPHES.sub("", title)).encode("ascii", "ignore").decode()
    stem = NOT_ID.sub("-", ascii_title.lower()).strip("-")[:ID_STEM_LENGTH].strip("-")
    return stem or FALLBACK_ID


def unused_id(folder: Path, stem: str) -> str:
    """`stem`, or `stem-2`, `stem-3`, ...: the first that names no file in `folder` (nor the principles file)."""
    candidate, number = stem, 1
    while f"{candidate}{SUFFIX}" == PRINCIPLES_FILE or os.path.lexists(folder / f"{candidate}{SUFFIX}"):
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


def render(title: str, channel: str, target: Target) -> str:
    """The template filled in for `channel`, with `title` quoted so that YAML reads back exactly it."""
    words = {key: value if key in IDS else quoted(value) for key, value in asdict(WORDS_BY_CHANNEL[channel]).items()}
    return SCENARIO.substitute(
        words,
        schema=schema_reference(target.path.parent),
        id=quoted(target.scenario_id),  # quoted, or the id `null` would read as nothing
        title=quoted(title),
        channel=channel,
    )


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar: quotes and backslashes escaped, anything unprintable as an
    escape, so no colon, `#`, quote or line break in it can change what the file means."""
    return '"' + "".join(_escaped(char) for char in text) + '"'


def _escaped(char: str) -> str:
    if char in '"\\':
        return "\\" + char
    if char.isprintable():
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def schema_reference(folder: Path) -> str:
    """The modeline's path to the scenario schema, relative to the new file as editors expect."""
    try:
        return Path(os.path.relpath(SCHEMA, folder.resolve())).as_posix()
    except ValueError:  # on another drive (Windows): no relative path exists
        return SCHEMA.as_uri()


def problems_with(text: str, path: Path) -> list[str]:
    """The errors `validate` would find in `text` as the file at `path`: only a title can bring any."""
    principles, _ = load_principles(path.parent) if path.parent.is_dir() else (None, [])
    report = read_scenario(text.encode("utf-8"), str(path), principles)
    return [diagnostic.message for diagnostic in report.diagnostics if diagnostic.is_error]


def next_steps(target: Target, channel: str, made_folder: bool) -> str:
    """What was written, and the commands a trainer runs next, each ready to copy."""
    where = shlex.quote(str(target.path))
    steps = {
        "Check it after every change:": f"validate {where}",
        "Play it in the terminal:": f"play {where} --text",
        "See its shape:": f"graph {where} --out {shlex.quote(target.scenario_id + '.svg')}",
        "Best and worst play, and how each ending scores:": f"analyze {where}",
        "Is it too easy? Does each poor answer's feedback give the better words?": f"lint {where}",
    }
    lines = [f"made the folder {target.path.parent}"] if made_folder else []
    lines += [
        f"wrote {target.path}: {WHO_BY_CHANNEL[channel]}, with the id {target.scenario_id}",
        "It validates and plays as it is. Open it in your editor: comments explain each key where it first appears.",
        "",
    ]
    for why, command in steps.items():
        lines += [why, f"  python3 main.py {command}"]
    if target.path.parent.resolve() == default_library().resolve():
        lines.append("It is in the game's list of scenarios too: play-test it there; saving the file reloads it.")
    lines.append("The guide to writing scenarios: docs/authoring.md")
    return "\n".join(lines)
