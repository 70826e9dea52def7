"""The progress screen on a real results file filled with really played attempts: what it says
(best and last per scenario, the attempts in order, the principles missed most, what to practise
next) against the attempts themselves, then the screen in the real App, driven by posted keys,
wheel turns, pointer moves and clicks."""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pytest

from game.engine import AttemptRecord, Session, attempt_record, practise_next
from game.storage.errors import StorageError
from game.storage.results import ResultsStore, open_results
from game.storage.scenario_files import load_scenario
from game.storage.trainees import Trainee, add_trainee, load_roster
from game.tools.autoplay import play_out
from game.ui.scenes.debrief_layout import quoted
from game.ui.scenes.play import PlayScene
from game.ui.scenes.progress import CANNOT_START, ProgressScene
from game.ui.scenes.progress_layout import GONE, NO_BREAK, NOTHING_YET, Card
from game.ui.scenes.progress_model import NO_TRAINEE, UNAVAILABLE, ProgressModel, progress_of
from game.ui.scenes.title import TitleScene
from tests.paths import SCENARIOS
from tests.storage.results_played import played, utc
from tests.ui.conftest import TRAINEE

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory, Driver

IN_LIBRARY = ("after-the-shift", "angry-walk-in", "phone-notes")  # after-the-shift is never played
ORDER = ("after-the-shift", "phone-notes", "angry-walk-in", "our-mistake")  # difficulty, title; then gone
PLAYS = (  # scenario, seed, how it is played: seeded random answers, or the best or worst at every turn
    ("angry-walk-in", 1, "random"),
    ("phone-notes", 2, "worst"),
    ("angry-walk-in", 3, "best"),
    ("our-mistake", 4, "random"),  # its file is not in the library
    ("angry-walk-in", 5, "worst"),
    ("phone-notes", 6, "random"),
    ("angry-walk-in", 7, "random"),
)


@dataclass(frozen=True)
class Filled:
    library: Path
    data: Path
    trainee: Trainee
    records: tuple[AttemptRecord, ...]  # in the order they were played


def play(scenario_id: str, seed: int, how: str) -> AttemptRecord:
    scenario = load_scenario(SCENARIOS / f"{scenario_id}.yaml")
    session = played(scenario, seed) if how == "random" else play_out(Session.start(scenario, seed), how)
    return attempt_record(session)


@pytest.fixture(scope="module")
def records() -> tuple[AttemptRecord, ...]:
    return tuple(play(*plays) for plays in PLAYS)


def library_of(folder: Path, names: tuple[str, ...] = IN_LIBRARY) -> Path:
    folder.mkdir()
    for name in (*names, "principles"):
        shutil.copy(SCENARIOS / f"{name}.yaml", folder)
    shutil.copytree(SCENARIOS / "schema", folder / "schema")
    return folder


def fill(data: Path, records: tuple[AttemptRecord, ...], name: str = TRAINEE) -> Trainee:
    """A trainee on the list (the last chosen) with these attempts stored, ten minutes apart."""
    _, trainee = add_trainee(data, load_roster(data).roster, name)
    store = opened(data)
    for number, record in enumerate(records):
        store.record(trainee, record, utc(600 * number), utc(600 * number + 300))
    store.close()
    return trainee


def newer_results(data: Path) -> None:
    """A results file from a newer Composure: the game leaves it alone and stores no results."""
    data.mkdir(exist_ok=True)
    with sqlite3.connect(data / "composure.sqlite3") as newer:
        newer.execute("PRAGMA user_version = 99")


def opened(data: Path) -> ResultsStore:
    found = open_results(data)
    assert found.store is not None, found.message
    return found.store


@pytest.fixture
def filled(tmp_path: Path, records: tuple[AttemptRecord, ...]) -> Filled:
    library, data = library_of(tmp_path / "library"), tmp_path / "data"
    return Filled(library, data, fill(data, records), records)


@pytest.fixture
def store(filled: Filled) -> Iterator[ResultsStore]:
    found = opened(filled.data)
    yield found
    found.close()


def model_of(filled: Filled, store: ResultsStore) -> ProgressModel:
    return progress_of(filled.library, filled.trainee, store)


# -- what the screen is drawn from ---------------------------------------------------------------
def test_each_scenario_has_its_attempts_best_and_last(filled: Filled, store: ResultsStore) -> None:
    model = model_of(filled, store)
    assert [row.scenario_id for row in model.rows] == list(ORDER)
    assert [row.number for row in model.rows] == [1, 2, 3, 4]
    for row in model.rows:
        mine = [record for record in filled.records if record.scenario_id == row.scenario_id]
        if not mine:
            assert row.standing is None and row.last is None
            continue
        best = max(mine, key=lambda record: record.overall)
        last = mine[-1]
        standing = row.standing
        assert standing is not None and row.last is not None
        assert (standing.attempts, standing.best_overall, standing.best_grade) == (len(mine), best.overall, best.grade)
        assert (standing.last_overall, standing.last_grade) == (last.overall, last.grade)
        assert (row.last.composure, row.last.assertiveness, row.last.resolution) == (
            last.composure,
            last.assertiveness,
            last.resolution,
        )
    gone = model.rows[-1]
    assert (gone.path, gone.difficulty, gone.title) == (None, None, filled.records[3].scenario_title)
    assert model.rows[0].path == filled.library / "after-the-shift.yaml"


def test_the_chart_has_every_attempt_in_the_order_played_numbered_by_scenario(
    filled: Filled, store: ResultsStore
) -> None:
    model = model_of(filled, store)
    numbers = {scenario_id: number for number, scenario_id in enumerate(ORDER, start=1)}
    assert [(point.number, point.overall, point.grade) for point in model.attempts] == [
        (numbers[record.scenario_id], record.overall, record.grade) for record in filled.records
    ]
    assert len({record.grade for record in filled.records}) > 1, "the attempts should not all look alike"


def test_the_principles_missed_most_come_with_the_answer_that_missed_and_better_words(
    filled: Filled, store: ResultsStore
) -> None:
    missed = [(a.principle, a) for record in filled.records for a in record.answers if a.principle and not a.best]
    counts = Counter(principle for principle, _ in missed)
    model = model_of(filled, store)
    assert 0 < len(model.broken) <= 5
    assert [b.times for b in model.broken] == sorted((b.times for b in model.broken), reverse=True)
    assert model.broken[0].times == max(counts.values())
    for broken in model.broken:
        assert broken.times == counts[broken.principle]
        latest = [answer for principle, answer in missed if principle == broken.principle][-1]
        said = (broken.example_text, broken.feedback, broken.better_text, broken.principle_name)
        assert said == (latest.text, latest.feedback, latest.better_text, latest.principle_name)


def test_the_suggestion_is_what_practise_next_makes_of_these_results(filled: Filled, store: ResultsStore) -> None:
    scenarios = [load_scenario(filled.library / f"{name}.yaml") for name in IN_LIBRARY]
    best: dict[str, int] = {}
    for record in filled.records:
        best[record.scenario_id] = max(best.get(record.scenario_id, 0), record.overall)
    missed = Counter(a.principle for r in filled.records for a in r.answers if a.principle and not a.best)
    expected = practise_next(scenarios, best, missed)
    model = model_of(filled, store)
    assert expected is not None and model.suggestion is not None
    assert model.suggestion.practice == expected
    assert model.suggestion.path == filled.library / f"{expected.scenario_id}.yaml"


def test_without_a_trainee_or_results_it_says_why(filled: Filled, store: ResultsStore) -> None:
    assert progress_of(filled.library, None, store).message == NO_TRAINEE
    unavailable = progress_of(filled.library, filled.trainee, None, "The disk is full.")
    assert unavailable.message == f"{UNAVAILABLE} The disk is full." and not unavailable.rows
    assert progress_of(filled.library, filled.trainee, None).message.startswith(UNAVAILABLE)


def test_a_results_file_that_fails_after_opening_is_said_plainly(filled: Filled) -> None:
    store = opened(filled.data)
    store.close()
    model = progress_of(filled.library, filled.trainee, store)
    with pytest.raises(StorageError) as raised:
        store.standings(filled.trainee.id)
    assert model.message == str(raised.value) and not model.rows
    assert model.message.startswith("Your results could not be read")


# -- the screen ----------------------------------------------------------------------------------
def open_progress(driver: Driver) -> ProgressScene:
    """Click Progress on the title menu."""
    title = driver.top
    assert isinstance(title, TitleScene), title.name
    button = next(b for b in title.menu.buttons if b.action == "progress")
    driver.click(button.rect)
    settle(driver)
    scene = driver.top
    assert isinstance(scene, ProgressScene)
    return scene


def settle(driver: Driver) -> None:
    driver.until(lambda: driver.top.frame_interval() != 0, limit=600)


def words(card: Card) -> str:
    """What a card says, as a person reads it (spaces that keep words together as plain ones)."""
    said = " | ".join(block.text for block in card.blocks) + " | " + " | ".join(chip.text for chip in card.chips)
    return said.replace(NO_BREAK, " ")


def row_card(scene: ProgressScene, number: int) -> Card:
    return next(card for card in scene.cards if card.number == number and card.badge is not None)


def test_the_screen_shows_the_trainee_s_numbers(make_app: AppFactory, filled: Filled) -> None:
    game = make_app(scenarios=filled.library, saves=filled.data)
    title = game.top
    assert isinstance(title, TitleScene)
    offered = title.offers.practice
    scene = open_progress(game)
    assert scene.model.trainee == TRAINEE and len(scene.model.attempts) == len(PLAYS)
    assert scene.model.suggestion is not None and scene.model.suggestion.practice == offered, "as the title says"
    walk_in = [record for record in filled.records if record.scenario_id == "angry-walk-in"]
    best, last = max(walk_in, key=lambda r: r.overall), walk_in[-1]
    shown = words(row_card(scene, ORDER.index("angry-walk-in") + 1))
    assert f"{len(walk_in)} attempts" in shown
    assert f"{best.grade} {best.overall}" in shown and f"{last.grade} {last.overall}" in shown
    scores = f"composure {last.composure}  ·  assertiveness {last.assertiveness}  ·  resolution {last.resolution}"
    assert scores in shown
    assert "not played yet" in words(row_card(scene, 1)) and "New" in words(row_card(scene, 1))
    assert GONE in words(row_card(scene, 4))
    suggestion = scene.cards[0]
    assert scene.model.suggestion is not None and suggestion.start == scene.model.suggestion.path
    assert scene.model.suggestion.practice.reason in words(suggestion)
    principle = scene.model.broken[0]
    card = next(card for card in scene.cards if card.blocks and card.blocks[0].text == principle.principle_name)
    assert f"You said: {quoted(principle.example_text)}" in words(card)
    assert f"Better: {quoted(principle.better_text)}" in words(card) and principle.feedback in words(card)
    assert card.start == filled.library / f"{principle.scenario_id}.yaml"


def test_keys_move_scroll_start_and_go_back(make_app: AppFactory, filled: Filled) -> None:
    game = make_app(size=(960, 540), scenarios=filled.library, saves=filled.data)
    scene = open_progress(game)
    assert scene.focus == 0 and scene.scroller.top == 0
    game.press("down", "down", "down", "down")
    settle(game)
    focused = scene.cards[scene.focus]
    assert scene.focus == 4 and scene.scroller.shows(focused.rect) and scene.scroller.top > 0
    game.press(*["pagedown"] * 20)
    settle(game)
    assert scene.scroller.top == scene.scroller.max_offset > 0
    assert scene.scroller.shows(scene.cards[scene.focus].rect), "the focus follows the page"
    game.press("pageup")
    settle(game)
    assert scene.scroller.top < scene.scroller.max_offset
    game.press(pygame.K_HOME)
    settle(game)
    assert scene.focus == 0 and scene.scroller.top == 0
    before = scene.selected
    game.press("left", "left")
    settle(game)
    assert before is not None and scene.selected == before - 2
    assert scene.cards[scene.focus].chart.width, "picking an attempt brings the chart into view"
    game.press("esc")
    assert game.scene_is("title")
    scene = open_progress(game)
    game.press("enter")
    play = game.top
    assert isinstance(play, PlayScene) and scene.model.suggestion is not None
    assert play.session.scenario.id == scene.model.suggestion.practice.scenario_id


def test_the_mouse_scrolls_picks_an_attempt_starts_a_row_and_goes_back(make_app: AppFactory, filled: Filled) -> None:
    game = make_app(scenarios=filled.library, saves=filled.data)
    scene = open_progress(game)
    game.wheel(-2)
    settle(game)
    assert scene.scroller.top > 0
    game.wheel(5)
    settle(game)
    assert scene.scroller.top == 0
    chart = next(card for card in scene.cards if card.chart.width)
    layout = scene.layout
    assert layout is not None and layout.chart is not None
    x, y = layout.chart.layout.points[1]
    scene.scroller.reveal(chart.rect.top, chart.rect.bottom)
    settle(game)
    game.point(scene.scroller.to_screen(chart.chart.move(x, y)).topleft)
    assert scene.selected == 1
    game.click(scene.back.buttons[0].rect)
    assert game.scene_is("title")
    scene = open_progress(game)
    row = row_card(scene, ORDER.index("phone-notes") + 1)
    scene.scroller.reveal(row.rect.top, row.rect.bottom)
    settle(game)
    game.click(scene.scroller.to_screen(row.rect).clip(scene.scroller.viewport))
    play = game.top
    assert isinstance(play, PlayScene) and play.session.scenario.id == "phone-notes"


def test_a_new_trainee_is_told_what_to_do(make_app: AppFactory, tmp_path: Path) -> None:
    library, data = library_of(tmp_path / "library"), tmp_path / "data"
    fill(data, ())
    scene = open_progress(make_app(scenarios=library, saves=data))
    layout = scene.layout
    assert layout is not None and layout.chart is None
    assert NOTHING_YET in [block.text for block in layout.headings]
    assert all(words(row_card(scene, number)).endswith("| New") for number in (1, 2, 3))
    assert scene.model.suggestion is not None and scene.model.suggestion.practice.scenario_id == "after-the-shift"
    assert "attempts" not in [word for _, word in layout.keys]


def test_results_that_cannot_be_stored_are_said_plainly(make_app: AppFactory, tmp_path: Path) -> None:
    library, data = library_of(tmp_path / "library"), tmp_path / "data"
    newer_results(data)
    game = make_app(scenarios=library, saves=data)
    assert game.app.results is None
    scene = open_progress(game)
    assert scene.layout is not None and not scene.cards
    [message] = [block.text for block in scene.layout.headings]
    assert message.startswith(UNAVAILABLE) and "newer version" in message
    game.press("enter")
    assert game.scene_is("title")


def test_a_new_attempt_shows_when_the_results_change(make_app: AppFactory, filled: Filled) -> None:
    game = make_app(scenarios=filled.library, saves=filled.data)
    scene = open_progress(game)
    results = game.app.results
    assert results is not None
    results.record(filled.trainee, play("after-the-shift", 9, "best"), utc(9000), utc(9300))
    game.app.changed()
    game.frame()
    assert len(scene.model.attempts) == len(PLAYS) + 1 and scene.model.rows[0].standing is not None
    assert scene.selected == len(PLAYS)


def test_a_scenario_file_broken_since_is_not_started_and_says_why(make_app: AppFactory, filled: Filled) -> None:
    game = make_app(scenarios=filled.library, saves=filled.data)
    scene = open_progress(game)
    assert scene.model.suggestion is not None
    path = scene.model.suggestion.path
    path.write_text(path.read_text(encoding="utf-8").replace("start:", "begin:", 1), encoding="utf-8")
    game.press("enter")
    assert game.top is scene and scene.problem.startswith(CANNOT_START) and "line" in scene.problem
