"""When saves and results go wrong, in the real game loop: a corrupt save set aside with its
sentence; a save whose scenario changed, or whose file is gone, with its sentence and the offer to
start again (or to set the save aside); a damaged results database set aside and a new one used; a
results file the game may not use, said plainly while play goes on; and a rewound what-if that is
not added to the results."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from game.storage.saves import save_path, saves_of
from game.storage.trainees import Roster, Trainee, add_trainee, load_roster
from game.tools.autoplay import policy
from game.ui.scenes.cannot_continue import CannotContinueScene
from game.ui.session_keeping import NOT_STORED, NOT_YET, WHAT_IF
from tests.ui.conftest import TRAINEE, walk_in_library
from tests.ui.test_flow import answer_by_key, debrief_scene, play_scene, start_walk_in
from tests.ui.test_progress_screen import newer_results

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory, Driver

WALK_IN = "angry-walk-in"


def trainee_in(data: Path) -> Trainee:
    """The tests' trainee, on the list before the game starts (make_app then chooses them)."""
    _, trainee = add_trainee(data, Roster(), TRAINEE)
    return trainee


def trainee_in_roster(data: Path) -> Trainee:
    trainee = load_roster(data).roster.last
    assert trainee is not None
    return trainee


def play_out(driver: Driver) -> None:
    play = play_scene(driver)
    choose = policy(play.session, "best")
    while driver.scene_is("play"):
        answer_by_key(driver, choose(play.session))


def half_played_then_menu(driver: Driver) -> None:
    start_walk_in(driver)
    answer_by_key(driver, "i-understand")
    answer_by_key(driver, "yes-help")
    driver.press("esc", "up", "enter")  # pause, Quit to menu


def cannot_continue(driver: Driver) -> CannotContinueScene:
    scene = driver.top
    assert isinstance(scene, CannotContinueScene), f"expected the sentence, not {scene.name}"
    return scene


def titles_actions(driver: Driver) -> list[str]:
    return [button.action for button in driver.top.menu.buttons]  # type: ignore[attr-defined]


def test_a_corrupt_save_is_set_aside_with_its_sentence_and_the_scenario_starts_afresh(
    make_app: AppFactory, tmp_path: Path
) -> None:
    data = tmp_path / "saves"
    trainee = trainee_in(data)
    damaged = save_path(data, trainee.id, WALK_IN)
    damaged.parent.mkdir(parents=True)
    damaged.write_bytes(b'{"format": "composure-save", "version": 1, "session": [1, 2')
    game = make_app(saves=data)
    [kept] = damaged.parent.glob(f"{damaged.name}.unreadable-*")
    assert kept.read_bytes().startswith(b'{"format"'), "moved aside whole, never deleted"
    assert game.app.notice == (
        f"Your saved progress in '{WALK_IN}' could not be read; it was kept as {kept.name}. Start it again."
    )
    assert "continue" not in titles_actions(game)
    play = start_walk_in(game)
    assert play.session.history == [] and play.session.place == play.scenario.start


def test_a_save_whose_scenario_changed_says_so_and_starts_it_again(make_app: AppFactory, tmp_path: Path) -> None:
    game = make_app()
    half_played_then_menu(game)
    walk_in = walk_in_library(tmp_path) / f"{WALK_IN}.yaml"
    walk_in.write_text(walk_in.read_text(encoding="utf-8").replace("id: yes-help", "id: yes-i-help", 1))
    game.open_on_title("continue")
    scene = cannot_continue(game)
    assert scene.message == (
        "'The Letter in Red' has changed since you saved, and your answers no longer lead "
        "where they did, so your progress cannot be continued."
    )
    assert [b.label for b in scene.menu.buttons] == ["Start it again", "Back"]
    game.press("enter")
    play = play_scene(game)
    assert play.session.history == [] and "yes-i-help" in {c.id for c in play.scenario.nodes["louder"].choices}
    answer_by_key(game, "i-understand")
    trainee = game.app.trainee
    assert trainee is not None
    [replaced] = saves_of(game.app.data, trainee.id).games
    assert replaced.session == play.session.to_dict(), "the first answer of the new attempt replaces the save"


def test_a_save_whose_file_is_gone_can_be_set_aside(make_app: AppFactory, tmp_path: Path) -> None:
    game = make_app()
    half_played_then_menu(game)
    trainee = game.app.trainee
    assert trainee is not None
    (walk_in_library(tmp_path) / f"{WALK_IN}.yaml").unlink()
    game.open_on_title("continue")
    scene = cannot_continue(game)
    assert scene.message.endswith("is gone, and no scenario in the library has its id.")
    assert [b.label for b in scene.menu.buttons] == ["Set this save aside", "Back"]
    game.press("enter")
    assert game.scene_is("title") and "continue" not in titles_actions(game)
    [kept] = save_path(game.app.data, trainee.id, WALK_IN).parent.glob("*.unreadable-*")
    assert game.app.notice == f"The save was set aside as {kept.name}; a trainer can still open it."


def test_a_damaged_results_file_is_set_aside_and_a_new_one_records(make_app: AppFactory, tmp_path: Path) -> None:
    data = tmp_path / "saves"
    data.mkdir()
    (data / "composure.sqlite3").write_bytes(b"not a database at all, " * 100)
    game = make_app(saves=data)
    [kept] = data.glob("composure.sqlite3.unreadable-*")
    assert kept.read_bytes() == b"not a database at all, " * 100, "never overwritten"
    assert f"so it was kept as {kept.name} and a new one was started" in game.app.notice
    play_out_from_title(game)
    assert debrief_scene(game).note == ""
    trainee = game.app.trainee
    assert game.app.results is not None and trainee is not None
    assert len(game.app.results.history(trainee.id)) == 1


def play_out_from_title(driver: Driver) -> None:
    start_walk_in(driver)
    play_out(driver)


def test_results_the_game_may_not_use_are_said_plainly_and_play_goes_on(make_app: AppFactory, tmp_path: Path) -> None:
    data = tmp_path / "saves"
    newer_results(data)
    before = (data / "composure.sqlite3").read_bytes()
    game = make_app(saves=data)
    assert game.app.results is None
    assert game.app.results_problem.startswith("Results cannot be stored: the results file")
    assert "newer version of Composure" in game.app.results_problem
    assert "practise" not in titles_actions(game), "no suggestion without results to go on"
    play_out_from_title(game)
    assert debrief_scene(game).note == NOT_YET
    game.press("esc")
    assert game.scene_is("title") and game.app.results_problem in game.top._notice()  # type: ignore[attr-defined]
    assert (data / "composure.sqlite3").read_bytes() == before
    [kept] = (data / "outbox").iterdir()  # the attempt waits for a Composure that can store it
    assert '"scenario_id": "angry-walk-in"' in kept.read_text(encoding="utf-8")
    assert not saves_of(data, trainee_in_roster(data).id).games


def test_an_attempt_that_cannot_even_wait_keeps_its_save(make_app: AppFactory, tmp_path: Path) -> None:
    """No results and no outbox (a file stands where its folder should be): the save a step from the
    end is all that holds the attempt, so it stays and Continue can finish it again."""
    data = tmp_path / "saves"
    newer_results(data)
    (data / "outbox").write_text("not a folder")
    game = make_app(saves=data)
    play_out_from_title(game)
    assert debrief_scene(game).note == NOT_STORED
    assert "nor could it be kept for later" in game.app.notice
    [save] = saves_of(data, trainee_in_roster(data).id).games
    assert save.scenario_id == WALK_IN and save.session["history"]


def test_a_rewound_what_if_is_not_added_to_the_results(game: Driver) -> None:
    play_out_from_title(game)
    game.press("1", "enter")  # the first answer selected; Enter rewinds to it
    play_out(game)
    assert debrief_scene(game).note == WHAT_IF
    trainee = game.app.trainee
    assert game.app.results is not None and trainee is not None
    assert len(game.app.results.history(trainee.id)) == 1, "only the attempt played through"
    trainee_saves = saves_of(game.app.data, trainee.id)
    assert trainee_saves.games == [] and trainee_saves.messages == []
