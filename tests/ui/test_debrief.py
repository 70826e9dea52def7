"""The debrief as a trainee uses it, in the real window under SDL's dummy driver with posted keys
and clicks: the better words stand out, the conversation opens both ways, the list fits many
answers and never cuts an answer's head, the scores say what they measure, and a run played
with other time limits says so."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pytest

from game.engine import SCORE_MEANINGS, SCORE_NAMES, Scenario, Session
from game.storage.scenario_files import load_scenario
from game.tools.autoplay import play_out
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.debrief_frame import meaning_of
from game.ui.scenes.debrief_layout import Entry, quoted
from game.ui.scenes.debrief_list import band_height, pinned
from game.ui.scenes.debrief_marks import Mark, mark_of
from game.ui.theme import TEXT_SCALES
from game.ui.transcript import heard_before

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory, Driver

WALK_IN = Path(__file__).resolve().parents[2] / "scenarios" / "angry-walk-in.yaml"
LARGEST = len(TEXT_SCALES) - 1
LONG_RUN = ("random", 1)  # eight answers at the walk-in, five of them with better words


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(WALK_IN)


def long_run(scenario: Scenario, time_limits: str = "normal") -> Session:
    strategy, seed = LONG_RUN
    return play_out(Session.start(scenario, seed, time_limits=time_limits), strategy, seed)


def open_debrief(
    make_app: AppFactory, session: Session, size: tuple[int, int] = (1280, 720), text_size: int = LARGEST
) -> tuple[Driver, DebriefScene]:
    driver = make_app(size)
    app = driver.app
    app.apply_settings(app.settings.with_changes(text_size=text_size))
    app.push(DebriefScene(app, session.scenario, session))
    driver.frame(1.0)  # the bars and the chart have filled in
    driver.frame()
    debrief = app.top
    assert isinstance(debrief, DebriefScene) and debrief.layout is not None
    return driver, debrief


def answers(debrief: DebriefScene) -> list[Entry]:
    assert debrief.layout is not None
    return [entry for entry in debrief.layout.entries if entry.answer is not None]


def settle(driver: Driver) -> None:
    driver.until(lambda: driver.top.frame_interval() != 0)


# -- the lesson ----------------------------------------------------------------------------------
def test_the_better_words_come_right_after_the_answer_larger_than_why(make_app: AppFactory, scenario: Scenario) -> None:
    driver, debrief = open_debrief(make_app, long_run(scenario), text_size=1)
    theme = driver.app.theme
    card = next(entry for entry in answers(debrief) if entry.selected)
    review = debrief.result.reviews[card.answer or 0]
    assert review.better_id is not None, "the first mistake is selected"
    texts = [block.text for block in card.blocks]
    said, better = texts.index(quoted(review.text)), texts.index(card.better.text if card.better else "")
    assert better == said + 1, "the lesson comes straight after the trainee's own words"
    assert card.better is not None and card.better.text.startswith("Better: ") and review.better_text in texts[better]
    feedback = next(block for block in card.blocks if block.text == review.feedback)
    assert theme.font(card.better.role).get_height() > theme.font(feedback.role).get_height()
    assert card.better.color == theme.palette.good and feedback.color == theme.palette.muted
    # on the real surface: the lesson's bar and words are drawn in the good colour inside the card
    on_screen = debrief.scroller.to_screen(pygame.Rect(card.better.pos, card.better.render(theme).get_size()))
    bar = on_screen.move(-theme.px(12), 0)
    bar.width = theme.px(4)
    assert driver.screen.get_at(bar.center)[:3] == theme.palette.good
    pixels = [
        driver.screen.get_at((x, y))[:3]
        for x in range(on_screen.left, on_screen.right)
        for y in range(on_screen.top, on_screen.bottom)
    ]
    assert pixels.count(theme.palette.good) > len(pixels) // 50, "the words are drawn, in that colour"


# -- the conversation both ways ------------------------------------------------------------------
def test_what_was_said_before_each_answer_is_the_line_the_seed_chose(scenario: Scenario) -> None:
    first_lines = set()
    for seed in range(12):
        session = play_out(Session.start(scenario, seed), "random", seed)
        heard = heard_before(session)
        assert len(heard) == len(session.history)
        assert heard[0].line == Session.start(scenario, seed).view().line
        first_lines.add(heard[0].line)
        replay = session.rewound(len(session.history) - 1)
        assert heard[-1].line == replay.view().line and heard[-1].speaker == replay.view().speaker
    assert len(first_lines) > 1, "the walk-in's opening has alternatives: the test tells them apart"


def test_a_turn_opens_and_closes_by_keys_and_all_of_them_by_the_button(
    make_app: AppFactory, scenario: Scenario
) -> None:
    session = long_run(scenario)
    driver, debrief = open_debrief(make_app, session, text_size=1)
    heard = heard_before(session)

    def shown() -> list[int]:
        return [e.answer for e in answers(debrief) if e.opened and e.answer is not None]

    def words(entry: Entry) -> list[str]:
        return [block.text for block in entry.blocks]

    assert shown() == [], "collapsed by default"
    collapsed = [e for e in answers(debrief) if not e.selected]
    line = driver.app.theme.font("body").get_linesize()
    assert all(e.rect.height <= line + driver.app.theme.px(12) for e in collapsed), "one line per answer"
    driver.press("2")  # the second answer, selected: its card opens
    driver.press("right")  # and what the customer said before it
    second = answers(debrief)[1]
    assert shown() == [1] and second.selected
    assert any(heard[1].line in text and heard[1].speaker in text for text in words(second))
    driver.press("left")
    assert shown() == []
    driver.press("1", "up")  # Up from the first answer: the "Show all" button
    assert debrief.toggle_focused
    driver.press("enter")
    assert shown() == list(range(len(session.history)))
    driver.click(debrief.button_rect("all"))  # and the mouse closes them all again
    assert shown() == [] and debrief.toggle.label == "Show all"
    settle(driver)
    row = answers(debrief)[2]
    driver.click(debrief.scroller.to_screen(row.toggle))  # a row's own arrow opens just that turn
    assert shown() == [2]
    third = answers(debrief)[2]
    assert any(heard[2].line in text for text in words(third)) and not third.selected


# -- fitting many answers ------------------------------------------------------------------------
def heads_in_view(debrief: DebriefScene) -> list[int]:
    view = debrief.scroller.viewport
    return [e.answer or 0 for e in answers(debrief) if view.contains(debrief.scroller.to_screen(e.head))]


@pytest.mark.parametrize(("text_size", "least"), [(1, 8), (LARGEST, 2)])
def test_the_list_shows_many_answers_at_1280x720(
    make_app: AppFactory, scenario: Scenario, text_size: int, least: int
) -> None:
    session = long_run(scenario)
    assert len(session.history) >= 8
    _, debrief = open_debrief(make_app, session, text_size=text_size)
    assert len(heads_in_view(debrief)) >= least


@pytest.mark.parametrize("size", [(960, 540), (1280, 720)])
def test_scrolling_never_cuts_an_answer_s_head(make_app: AppFactory, scenario: Scenario, size: tuple[int, int]) -> None:
    """At rest, each answer's head in view is whole: under the pinned head if there is one, and
    one that the bottom edge would cut is left out until it fits (only the panel shows there)."""
    driver, debrief = open_debrief(make_app, long_run(scenario), size)
    view, band, panel = debrief.scroller.viewport, band_height(driver.app.theme), driver.app.theme.palette.panel
    tops_seen = set()
    for keys in [("pagedown",)] * 6 + [("pageup",)] * 2 + [("8",), ("right",), ("1",)]:
        driver.press(*keys)
        settle(driver)
        scroller = debrief.scroller
        tops_seen.add(scroller.top)
        stuck = pinned(answers(debrief), scroller.top)
        for entry in answers(debrief):
            head = scroller.to_screen(entry.head)
            if entry is stuck or not head.colliderect(view):
                continue  # the pinned one is drawn again at the top, whole
            assert view.top + (band if stuck else 0) <= head.top, (keys, entry.answer, "cut at the top")
            if head.bottom > view.bottom:
                part = head.clip(view)
                colours = {driver.screen.get_at((x, part.centery))[:3] for x in range(part.left, part.right)}
                assert colours <= {panel}, (keys, entry.answer, "a head cut at the bottom is drawn")
    assert len(tops_seen) > 2, "the list did scroll"
    selected = next(e for e in answers(debrief) if e.selected)
    assert selected.answer == 0 and view.contains(debrief.scroller.to_screen(selected.head))


def test_a_card_taller_than_the_list_keeps_its_head_pinned(make_app: AppFactory, scenario: Scenario) -> None:
    driver, debrief = open_debrief(make_app, long_run(scenario), (960, 540))
    driver.press("5", "right")  # the fifth card, with what was said before it: taller than the list
    card = answers(debrief)[4]
    assert card.rect.bottom - card.head.top > debrief.scroller.viewport.height
    for _ in range(4):
        driver.wheel(-1)
        settle(driver)
        if pinned(answers(debrief), debrief.scroller.top) == card:
            break
    assert pinned(answers(debrief), debrief.scroller.top) == card, "scrolled into the card, its head stays"
    view = debrief.scroller.viewport
    centre = (view.x + card.badge[0], view.top + band_height(driver.app.theme) // 2)
    assert driver.screen.get_at(centre)[:3] not in (driver.app.theme.palette.button, driver.app.theme.palette.panel)


# -- the scores and the timing -------------------------------------------------------------------
def test_each_score_says_what_it_measures_under_its_bar(make_app: AppFactory, scenario: Scenario) -> None:
    assert set(SCORE_MEANINGS) == set(SCORE_NAMES)
    assert all(meaning.endswith(".") and len(meaning) < 60 for meaning in SCORE_MEANINGS.values())
    for size in ((960, 540), (1920, 1080)):
        driver, debrief = open_debrief(make_app, long_run(scenario), size)
        layout, theme = debrief.layout, driver.app.theme
        assert layout is not None
        for label, row in zip(("Composure", "Assertiveness", "Resolution"), layout.scores, strict=True):
            text = theme.text(meaning_of(label), "small", width=row.meaning_width)
            where = pygame.Rect(row.meaning, text.get_size())
            assert where.top > row.bar.bottom and layout.left.contains(where)
            assert where.bottom < layout.chart.rect.top
            drawn = {
                driver.screen.get_at((x, y))[:3]
                for x in range(where.left, where.right, 2)
                for y in range(where.top, where.bottom, 2)
            }
            assert theme.palette.muted in drawn or len(drawn) > 3, "the sentence is drawn"


@pytest.mark.parametrize(("limits", "note"), [("off", "time limits off"), ("2x", "2x longer"), ("normal", None)])
def test_a_run_with_other_time_limits_says_so(
    make_app: AppFactory, scenario: Scenario, limits: str, note: str | None
) -> None:
    for size in ((960, 540), (1280, 720)) if limits == "off" else ((960, 540),):
        _, debrief = open_debrief(make_app, long_run(scenario, limits), size)
        assert debrief.layout is not None
        line = debrief.layout.scenario_line
        assert (note in line and debrief.layout.scenario_title is not None) if note else "time limits" not in line


def test_each_row_s_mark_says_how_good_the_answer_was(scenario: Scenario) -> None:
    reviews = long_run(scenario).result().reviews
    marks = [mark_of(review) for review in reviews]
    for review, mark in zip(reviews, marks, strict=True):
        assert (mark is Mark.BEST) == (review.better_id is None), "a tick only where nothing better was on offer"
    assert {Mark.BEST, Mark.POOR} <= set(marks), "the long run has both, so the test tells them apart"
