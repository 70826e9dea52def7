"""The text field: what each edit does to the text and the caret, a property that no sequence of
edits breaks it, and typing in the real game loop (TEXTINPUT events, Backspace, Delete, the
arrows, Home and End, an input method's unfinished text, Ctrl+V) on the trainee screen."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

import pygame
from hypothesis import given, settings
from hypothesis import strategies as st

from game.ui.scenes.trainees import TraineesScene
from game.ui.text_entry import REPEAT, Composing, Erase, TextField, Typed, printable
from tests.depth import scaled
from tests.ui.conftest import key_event

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory, Driver


def field_with(text: str, caret: int | None = None) -> TextField:
    field = TextField("Name")
    field.apply(Typed(text))
    if caret is not None:
        field.caret = caret
    return field


# -- the field on its own ---------------------------------------------------------------------
def test_typing_goes_in_at_the_caret_and_erasing_takes_the_character_beside_it() -> None:
    field = field_with("Zoe", caret=1)
    field.apply(Typed("x"))
    assert (field.text, field.caret) == ("Zxoe", 2)
    field.apply(Erase())
    assert (field.text, field.caret) == ("Zoe", 1)
    field.apply(Erase(ahead=True))
    assert (field.text, field.caret) == ("Ze", 1)


def test_erasing_at_either_end_and_moving_past_them_change_nothing() -> None:
    field = field_with("ab", caret=0)
    field.apply(Erase())
    field.step(-1)
    assert (field.text, field.caret) == ("ab", 0)
    field.to_end(True)
    field.apply(Erase(ahead=True))
    field.step(1)
    assert (field.text, field.caret) == ("ab", 2)
    field.to_end(False)
    assert field.caret == 0


def test_control_characters_never_get_in_and_line_breaks_become_spaces() -> None:
    field = field_with("Ann\x00e\r\nMarie\x1b\x7f\x85")
    assert field.text == "Anne Marie"
    assert printable("\ttab") == " tab"


def test_a_field_holds_at_most_its_limit() -> None:
    field = TextField("Name", limit=5)
    field.apply(Typed("abcdefgh"))
    field.apply(Typed("i"))
    assert (field.text, field.caret) == ("abcde", 5)


def test_while_an_input_method_composes_its_keys_are_its_own() -> None:
    field = field_with("ab")
    field.apply(Composing("\u306b"))
    field.apply(Erase())
    field.step(-1)
    field.to_end(False)
    assert (field.text, field.caret, field.composing) == ("ab", 2, "\u306b"), "composing text is never stored"
    field.apply(Typed("\u65e5\u672c"))
    assert (field.text, field.composing) == ("ab\u65e5\u672c", "")


EDITS = st.one_of(
    st.builds(Typed, st.text(max_size=12)),
    st.builds(Erase, st.booleans()),
    st.builds(Composing, st.text(max_size=4)),
    st.sampled_from(["left", "right", "home", "end"]),
)


@given(st.lists(EDITS, max_size=40), st.integers(1, 30))
@settings(deadline=None, max_examples=scaled(200))
def test_no_sequence_of_edits_puts_the_caret_outside_the_text_or_a_control_character_in(
    edits: list[Typed | Erase | Composing | str], limit: int
) -> None:
    field = TextField("Name", limit=limit)
    for edit in edits:
        match edit:
            case "left" | "right":
                field.step(-1 if edit == "left" else 1)
            case "home" | "end":
                field.to_end(edit == "end")
            case Typed() | Erase() | Composing():
                field.apply(edit)
        assert 0 <= field.caret <= len(field.text) <= limit
        assert not any(unicodedata.category(ch) == "Cc" for ch in field.text + field.composing)


@given(st.text(max_size=20), st.text(max_size=20))
@settings(deadline=None, max_examples=scaled(100))
def test_what_is_typed_after_home_comes_first(first: str, then: str) -> None:
    field = field_with(first)
    field.to_end(False)
    field.apply(Typed(then))
    assert field.text == printable(then) + printable(first)


# -- typing in the game --------------------------------------------------------------------
def new_trainee_form(make_app: AppFactory) -> tuple[Driver, TraineesScene]:
    driver = make_app(trainee=None)
    chooser = driver.top
    assert isinstance(chooser, TraineesScene) and chooser.field is chooser.fields[0]
    return driver, chooser


def test_keys_edit_the_name_as_in_any_text_box(make_app: AppFactory) -> None:
    driver, chooser = new_trainee_form(make_app)
    name = chooser.fields[0]
    assert driver.app.typing.at == name.rect, "the system is asked for typed text over the focused field"
    driver.type("Zoe")
    driver.press("left", "left")
    driver.type("\u00eb")  # ë, as the system's keyboard layout sends it
    driver.press("delete", "home", "delete")
    driver.type("J")
    driver.press("end", "backspace")
    assert (name.text, name.caret) == ("J\u00eb", 2)


def test_number_keys_space_and_j_type_into_the_field_and_do_nothing_else(make_app: AppFactory) -> None:
    driver, chooser = new_trainee_form(make_app)
    for key, text in (("1", "1"), ("space", " "), ("j", "j")):
        driver.post(key_event(key), pygame.event.Event(pygame.TEXTINPUT, text=text))
        driver.frame()
    assert chooser.fields[0].text == "1 j" and driver.top is chooser


def test_an_input_method_s_unfinished_text_is_shown_and_only_its_result_kept(make_app: AppFactory) -> None:
    driver, chooser = new_trainee_form(make_app)
    name = chooser.fields[0]
    driver.post(pygame.event.Event(pygame.TEXTEDITING, text="\u306b\u307b", start=2, length=0))
    driver.frame()
    before = pygame.image.tobytes(driver.screen.subsurface(name.rect), "RGB")
    driver.press("backspace")
    assert (name.text, name.composing) == ("", "\u306b\u307b"), "Backspace belongs to the input method"
    driver.post(pygame.event.Event(pygame.TEXTEDITING, text="", start=0, length=0))
    driver.post(pygame.event.Event(pygame.TEXTINPUT, text="\u65e5\u672c"))
    driver.frame()
    assert (name.text, name.composing) == ("\u65e5\u672c", "")
    assert pygame.image.tobytes(driver.screen.subsurface(name.rect), "RGB") != before


def test_ctrl_v_pastes_one_line(make_app: AppFactory) -> None:
    driver, chooser = new_trainee_form(make_app)
    pygame.scrap.put_text("Mar\u00eda\nJos\u00e9")
    driver.press("v", mod=pygame.KMOD_CTRL)
    assert chooser.fields[0].text == "Mar\u00eda Jos\u00e9"


def test_a_click_places_the_caret_tab_moves_on_and_typed_text_is_asked_for_only_here(make_app: AppFactory) -> None:
    driver, chooser = new_trainee_form(make_app)
    name, email = chooser.fields
    driver.type("Wilhelmina")
    driver.click((name.rect.x + 4, name.rect.centery))
    assert name.caret == 0
    driver.press("tab")
    assert chooser.field is email and driver.app.typing.at == email.rect
    driver.press("tab")  # the Add button: typing from here would go to the name again
    assert chooser.field is None and driver.app.typing.at == name.rect
    assert pygame.key.get_repeat() == REPEAT, "a held Backspace repeats while typing"
    driver.press("enter")
    assert driver.scene_is("title") and driver.app.typing.at is None, "no typed text asked for off the form"
    assert pygame.key.get_repeat() == (0, 0), "nor key repeat: a held number key must not answer twice"
