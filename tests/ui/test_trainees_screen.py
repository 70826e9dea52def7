"""Who is practising, in the real game loop: the form when nobody is on the list yet, storage's own
sentence for a name that will not do, choosing by keys and by mouse, leaving, a long list that
scrolls and fits every window, and a folder that will not keep the name."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pytest

from game.storage.settings import Settings, save_settings
from game.storage.trainees import Roster, add_trainee, load_roster
from game.ui.scenes.trainees import TraineesScene
from tests.ui.test_layout import LARGEST, SIZES, check

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory, Driver


def chooser_of(driver: Driver) -> TraineesScene:
    scene = driver.top
    assert isinstance(scene, TraineesScene), f"expected the trainee screen, not {scene.name}"
    return scene


def with_trainees(folder: Path, names: list[str]) -> None:
    roster = Roster()
    for name in names:
        roster, _ = add_trainee(folder, roster, name)


def test_with_nobody_yet_it_opens_on_the_form_and_says_why_a_name_will_not_do(
    make_app: AppFactory, tmp_path: Path
) -> None:
    driver = make_app(trainee=None)
    chooser = chooser_of(driver)
    assert chooser.people == [] and chooser.field is chooser.fields[0]
    driver.press("enter")
    assert chooser.message == "Please type a name." and driver.top is chooser
    driver.type("x" * 41)
    driver.press("enter")
    assert chooser.message == "A name can be at most 40 characters long; this one has 41."
    driver.press("backspace")
    assert chooser.message == "", "the sentence goes once the name is being put right"
    driver.press(*["backspace"] * 40)
    driver.type("Dee")
    driver.press("tab")
    driver.type("not an address")
    driver.press("enter")
    assert "does not look like an e-mail address" in chooser.message
    assert load_roster(tmp_path / "saves").roster.trainees == ()


def test_a_name_already_on_the_list_is_refused_whatever_its_case(make_app: AppFactory, tmp_path: Path) -> None:
    with_trainees(tmp_path / "saves", ["Ravi Patel"])
    driver = make_app(trainee=None)
    chooser = chooser_of(driver)
    driver.press("down")  # from Ravi's row to the name field
    driver.type("  ravi   PATEL ")
    driver.press("enter")
    assert chooser.message.startswith("There is already a trainee called Ravi Patel")
    assert len(load_roster(tmp_path / "saves").roster.trainees) == 1


def test_the_mouse_alone_adds_a_trainee_and_then_chooses_another(make_app: AppFactory, tmp_path: Path) -> None:
    with_trainees(tmp_path / "saves", ["Ola", "Pat"])
    driver = make_app(trainee=None)
    chooser = chooser_of(driver)
    driver.click(chooser.fields[0].rect)
    driver.type("Quinn")
    driver.click(chooser.add.rect)
    assert driver.scene_is("title") and driver.app.trainee is not None and driver.app.trainee.name == "Quinn"
    driver.click(next(b.rect for b in driver.top.menu.buttons if b.action == "trainee"))  # type: ignore[attr-defined]
    chooser = chooser_of(driver)
    assert [t.name for t in chooser.people] == ["Ola", "Pat", "Quinn"]
    assert chooser.focus == 2, "whoever is practising is preselected"
    driver.click(chooser.scroller.to_screen(chooser.layout.rows[1]))
    assert driver.scene_is("title") and driver.app.trainee.name == "Pat"
    assert load_roster(tmp_path / "saves").roster.last == driver.app.trainee


def test_escape_goes_back_keeping_the_trainee_or_quits_when_nobody_is_practising(
    make_app: AppFactory, tmp_path: Path
) -> None:
    driver = make_app()
    trainee = driver.app.trainee
    driver.open_on_title("trainee")
    driver.press("esc")
    assert driver.scene_is("title") and driver.app.trainee == trainee
    nobody = make_app(saves=tmp_path / "empty", trainee=None)
    assert chooser_of(nobody).leave.label == "Quit"
    nobody.press("esc")
    assert not nobody.app.running


def test_a_name_the_folder_will_not_keep_still_lets_the_trainee_play(make_app: AppFactory, tmp_path: Path) -> None:
    driver = make_app(trainee=None)
    data = tmp_path / "saves"
    shutil.rmtree(data, ignore_errors=True)  # made only once something is written there
    data.write_text("a file where the data folder was", encoding="utf-8")
    driver.type("Uma")
    driver.press("enter")
    assert driver.scene_is("title") and driver.app.trainee is not None and driver.app.trainee.name == "Uma"
    assert driver.app.notice.startswith("The trainee list could not be saved")
    assert "You can practise now, but your name and progress will not be kept." in driver.app.notice
    assert driver.app.results_problem.startswith("Results cannot be stored: a file stands where its folder")


LONG_LIST = [f"Trainee {number:02d} with a longer name" for number in range(30)]


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_thirty_trainees_scroll_and_fit_every_window_at_the_largest_text(
    make_app: AppFactory, tmp_path: Path, size: tuple[int, int], high_contrast: bool
) -> None:
    data = tmp_path / "saves"
    save_settings(data, Settings(text_size=LARGEST, high_contrast=high_contrast))
    with_trainees(data, LONG_LIST)
    driver = make_app(size, saves=data, trainee=None)
    chooser = chooser_of(driver)
    assert chooser.focus == 29, "the last one added is the last chosen"
    check(driver, "thirty trainees, the last one focused")
    assert chooser.scroller.viewport.contains(chooser.scroller.to_screen(chooser.layout.rows[29]))
    driver.press(*["down"] * 4)  # past the list into the form: name, e-mail, Add, Back
    driver.press("down")  # round to the first trainee
    driver.frames(60)
    assert chooser.focus == 0 and chooser.scroller.top == 0
    driver.press("up", "up", "up", "up")  # round the other way: Back, Add, the e-mail, the name
    assert chooser.field is chooser.fields[0]
    driver.post(pygame.event.Event(pygame.TEXTINPUT, text="Trainee 00 WITH a longer name"))
    driver.press("enter")  # a name that will not do: its sentence under the form, the list making room
    assert chooser.message.startswith("There is already a trainee called Trainee 00")
    check(driver, "a sentence under the form")


def test_someone_new_can_just_type_their_name(make_app: AppFactory, tmp_path: Path) -> None:
    with_trainees(tmp_path / "saves", ["Ola"])
    driver = make_app(trainee=None)
    chooser = chooser_of(driver)
    assert chooser.field is None and driver.app.typing.at == chooser.fields[0].rect
    driver.type("Vic")
    assert chooser.field is chooser.fields[0] and chooser.fields[0].text == "Vic"
    driver.press("enter")
    assert driver.app.trainee is not None and driver.app.trainee.name == "Vic"
