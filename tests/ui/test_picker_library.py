"""The picker on a library full of things that are not good scenarios, all written by the test: it
opens without hanging, lists every broken file with its first error on one or two lines, and the
good scenario beside them still plays. Nothing here is timed but the hang guard."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from game.engine.reading.diagnostics import Diagnostic, Position, Severity
from game.storage.scenario_files import PRINCIPLES_FILE
from game.ui.scenes.picker import PRINCIPLES_BROKEN, PROBLEM_CHARS, PickerScene, first_problem
from game.ui.scenes.play import PlayScene
from tests.paths import ANGRY_WALK_IN, SCENARIOS
from tests.storage.hostile import fifo, folder, hang_guard, link_to_dev_zero, sparse_gigabyte, unix_only

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory, Driver

GOOD_TITLE = "The Letter in Red"
WALK_IN = ANGRY_WALK_IN.read_text(encoding="utf-8")


def variant(name: str, change: Callable[[str], str] = lambda text: text) -> Callable[[Path], None]:
    """A copy of the good scenario under an id of its own (the same id twice is a mistake of its own)."""

    def write(path: Path) -> None:
        path.write_text(change(WALK_IN.replace("id: angry-walk-in", f"id: {name}", 1)), encoding="utf-8")

    return write


def written(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def fifty_choices(path: Path) -> None:
    scenario = yaml.safe_load(WALK_IN)
    scenario["id"] = "fifty-choices"
    first = scenario["nodes"]["burst-in"]["choices"][0]
    scenario["nodes"]["burst-in"]["choices"] = [dict(first, id=f"answer-{n}") for n in range(50)]
    path.write_text(yaml.safe_dump(scenario, sort_keys=False), encoding="utf-8")


def stray_notes(size: int) -> bytes:
    """Someone's notes saved as .yaml: valid YAML, every line a key no scenario has."""
    lines, length, n = [], 0, 0
    while length < size:
        line = f"note {n}: call Mrs Jones back about the refund, and check the letter she was sent\n"
        lines.append(line)
        length, n = length + len(line), n + 1
    return "".join(lines).encode()


def junk(size: int, seed: int, alphabet: bytes) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.choice(alphabet) for _ in range(size))


PRINTABLE = bytes(range(32, 127)) + b"\n" * 8
BROKEN: dict[str, Callable[[Path], None]] = {
    "nul-byte.yaml": written(WALK_IN.replace("id: angry-walk-in", "id: nul-byte\x00", 1).encode()),
    "nul-escape.yaml": variant(
        "nul-escape", lambda text: text.replace('"The Letter in Red"', '"The Letter\\0 in Red"')
    ),
    "stray-notes.yaml": written(stray_notes(100_000)),
    "printable-junk.yaml": written(junk(100_000, 1, PRINTABLE)),
    "binary-junk.yaml": written(junk(50_000, 2, bytes(range(256)))),
    "deep-nesting.yaml": written(b"[" * 100_000),
    "named-pipe.yaml": fifo,
    "dev-zero.yaml": link_to_dev_zero,
    "sparse-gigabyte.yaml": sparse_gigabyte,
    "empty.yaml": written(b""),
    "folder.yaml": folder,
    "fifty-choices.yaml": fifty_choices,
    "long-line.yaml": variant("long-line", lambda text: text.replace('summary: "', 'summary: "' + "x" * 200_000, 1)),
    "not-utf-8.yaml": written(
        WALK_IN.replace("id: angry-walk-in", "id: not-utf-8", 1).encode().replace(b"Red", b"R\xe9d", 1)
    ),
}


def library(tmp_path: Path, principles: Callable[[Path], None] | None = None) -> Path:
    folder_path = tmp_path / "library"
    folder_path.mkdir()
    shutil.copy(ANGRY_WALK_IN, folder_path / ANGRY_WALK_IN.name)
    if principles is None:
        shutil.copy(SCENARIOS / PRINCIPLES_FILE, folder_path / PRINCIPLES_FILE)
    else:
        principles(folder_path / PRINCIPLES_FILE)
    return folder_path


def open_picker(make_app: AppFactory, scenarios: Path) -> tuple[Driver, PickerScene]:
    game = make_app((1280, 720), scenarios=scenarios)
    game.press("enter")
    picker = game.top
    assert isinstance(picker, PickerScene)
    return game, picker


def look_at_every_card(game: Driver, picker: PickerScene) -> None:
    """Down through the list, each card scrolled into view and drawn (a frame raises if one cannot be)."""
    for _ in picker.cards:
        game.press("down")
    game.press("pageup", "up")


def play_to_the_first_answer(game: Driver, picker: PickerScene) -> None:
    good = next(i for i, card in enumerate(picker.cards) if card.scenario is not None and card.title == GOOD_TITLE)
    game.press(*["up"] * len(picker.cards), *["down"] * good)
    assert picker.focused is picker.cards[good]
    game.press("enter")
    play = game.top
    assert isinstance(play, PlayScene)
    game.press("space")
    assert play.typing_done
    game.press("1")
    assert len(play.session.history) == 1, "the first answer was taken"


@unix_only
def test_a_library_of_broken_files_lists_each_and_the_good_one_still_plays(
    make_app: AppFactory, tmp_path: Path
) -> None:
    scenarios = library(tmp_path)
    for name, make in BROKEN.items():
        make(scenarios / name)
    with hang_guard():
        game, picker = open_picker(make_app, scenarios)
        listed = {card.title: card for card in picker.cards}
        assert sorted(listed) == sorted([GOOD_TITLE, *BROKEN])
        assert listed[GOOD_TITLE].scenario is not None
        wrong = {
            name: card.problem
            for name, card in listed.items()
            if name != GOOD_TITLE
            and (
                card.scenario is not None
                or not card.problem
                or len(card.problem) > PROBLEM_CHARS
                or "\n" in card.problem
            )
        }
        assert not wrong, f"not listed as broken with a short reason: {wrong}"
        look_at_every_card(game, picker)
        play_to_the_first_answer(game, picker)


@unix_only
def test_a_broken_principles_file_is_listed_and_the_scenario_still_plays(make_app: AppFactory, tmp_path: Path) -> None:
    scenarios = library(tmp_path, link_to_dev_zero)
    with hang_guard():
        game, picker = open_picker(make_app, scenarios)
        [principles] = [card for card in picker.cards if card.title == PRINCIPLES_FILE]
        assert principles.scenario is None and principles.why == PRINCIPLES_BROKEN
        assert principles.problem == "Line 1: cannot read it: it is a device, not a file"
        look_at_every_card(game, picker)
        play_to_the_first_answer(game, picker)


def test_only_the_first_error_is_shown_on_one_or_two_lines() -> None:
    def error(line: int, message: str) -> Diagnostic:
        return Diagnostic("notes.yaml", Position(line, 1), Severity.ERROR, "test", message)

    long = "a message that quotes\nmany lines of the file " * 1000
    shown = first_problem([error(9, "a later one"), error(2, long), error(5, "another")])
    assert shown.startswith("Line 2: a message that quotes many lines")
    assert len(shown) == PROBLEM_CHARS and shown.endswith("\u2026") and "\n" not in shown
    assert first_problem([error(3, "short")]) == "Line 3: short"
