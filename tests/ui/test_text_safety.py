"""Whatever text reaches the renderer, it gives a surface: no exception, no stall.

SDL_ttf raises on a NUL ("A null character was found in the text"), on text that draws nothing
("Text has zero width") and on a lone surrogate (it cannot be encoded), and its wrapping grows
faster than the text. `displayable` is the gate every string passes on its way to the font; these
tests feed the real font on a real (dummy-driver) surface. Speed is measured by bench/text_render.py;
the time checks here are only hang guards, ten times looser than the slowest case there.
"""

from __future__ import annotations

import logging
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import replace

import pygame
import pytest

from game.engine.model import Scenario
from game.engine.playing.session import Session
from game.storage.scenario_files import load_scenario
from game.storage.settings import Settings
from game.ui import theme as theme_module
from game.ui.displayable import ELLIPSIS, MAX_SHOWN, REPLACEMENT, capped, displayable
from game.ui.intents import NUMBER_KEY_COUNT
from game.ui.reveal import wrap
from game.ui.scenes.play import PlayScene
from game.ui.surface_cache import SurfaceCache
from game.ui.theme import Theme
from tests.paths import ANGRY_WALK_IN
from tests.ui.conftest import Driver

HANG_GUARD_SECONDS = 2.0
ZERO_WIDTH = "\u200b\u200d\u200e\u202e\ufe0f\ufeff\u00ad\u2060"
HOSTILE = {
    "nul": "a\x00b",
    "only a nul": "\x00",
    **{f"U+{ord(char):04X} alone": char for char in ZERO_WIDTH},
    "zero-width marks on two lines": "\ufe0f\n\u034f",
    "lone surrogate": "x\ud800y",
    "control characters": "\x1b[31mred\x1b[0m\x07\x08\x7f\x85\x9b",
    "carriage returns and tabs": "one\r\ntwo\rthree\tfour",
    "empty": "",
    "a 200,000-character word": "x" * 200_000,
    "1,000,000 characters of words": "word " * 200_000,
}


@pytest.fixture(scope="module")
def themes() -> Iterator[list[Theme]]:
    """The smallest and the largest text the settings allow, on a real (dummy) display."""
    pygame.display.init()
    pygame.font.init()
    yield [Theme(Settings(text_size=size), (960, 540)) for size in (0, 3)] + [
        Theme(Settings(text_size=3), (1920, 1080))
    ]
    theme_module._render.cache_clear()
    theme_module._font.cache_clear()
    pygame.quit()


def unrenderable(text: str) -> set[str]:
    """What SDL_ttf cannot take or shows as a box: controls (but "\\n"), format characters, surrogates.
    The joiner stays: the emoji fonts join a sequence with it, and alone it draws nothing (test_glyphs)."""
    return {c for c in text if c not in "\n\u200d" and unicodedata.category(c) in ("Cc", "Cf", "Cs")}


# -- displayable -------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_displayable_text_has_nothing_the_font_cannot_take(name: str) -> None:
    shown = displayable(HOSTILE[name])
    assert not unrenderable(shown)
    assert len(shown) <= MAX_SHOWN
    assert displayable(shown) == shown  # a second pass changes nothing: wrapped spans and reveals agree


def test_displayable_keeps_ordinary_text_as_it_is() -> None:
    text = "\u201cI\u2019ve waited\u00a0three weeks\u2026\u201d \u2014 caf\u00e9, na\u00efve, \u0417\u0434\u0440\u0430\u0432\u0441\u0442\u0432\u0443\u0439\u0442\u0435\nsecond line"
    assert displayable(text) == text


def test_displayable_replaces_what_cannot_be_encoded_and_breaks_lines_once() -> None:
    assert displayable("x\ud800y") == f"x{REPLACEMENT}y"
    assert displayable("one\r\ntwo\rthree\u2028four\tfive") == "one\ntwo\nthree\nfour five"
    assert displayable("a\x00\x1b[1m\u200bb") == "a[1mb"


def test_long_text_is_capped_with_an_ellipsis_and_short_text_is_not() -> None:
    assert capped("x" * MAX_SHOWN) == "x" * MAX_SHOWN
    long = displayable("x" * (MAX_SHOWN + 1))
    assert len(long) == MAX_SHOWN and long.endswith(ELLIPSIS) and long[:-1] == "x" * (MAX_SHOWN - 1)


# -- the theme's text ----------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_any_text_renders_in_every_role_and_width(
    themes: list[Theme], name: str, caplog: pytest.LogCaptureFixture
) -> None:
    smallest, *larger = themes
    cases = [(smallest, role, width) for role in ("small", "body", "heading", "title") for width in (0, 1, 300)]
    cases += [(theme, role, 500) for theme in larger for role in ("body", "heading")]
    for theme, role, width in cases:
        started = time.perf_counter()
        surface = theme.text(HOSTILE[name], role, width=width, italic=role == "body")
        assert time.perf_counter() - started < HANG_GUARD_SECONDS, (name, role, width)
        assert isinstance(surface, pygame.Surface)
        assert surface.get_height() >= theme.font(role).get_linesize()
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], "displayable let a bad string through"


def test_text_that_draws_nothing_is_a_blank_as_tall_as_its_lines(themes: list[Theme]) -> None:
    theme = themes[0]
    line = theme.font("body").get_linesize()
    assert theme.text("\u200b").get_size() == (0, line)
    assert theme.text("\ufe0f\n\u034f").get_size() == (0, 2 * line)
    assert theme.text("").get_size() == (0, line)


def test_a_text_the_font_still_refuses_costs_only_that_text(
    themes: list[Theme], caplog: pytest.LogCaptureFixture
) -> None:
    """The last line of defence, for what `displayable` cannot foresee (SDL running out of memory):
    here the raw font is handed a NUL, which `Theme.text` never does."""
    font = themes[0].font("body")
    surface = theme_module._render.render("a\x00b", font, (0, 0, 0), 0)
    assert surface.get_size() == (0, font.get_linesize())
    assert "could not draw" in caplog.text


def test_rendered_text_is_kept_within_its_pixel_budget(themes: list[Theme]) -> None:
    cache = theme_module._render
    theme = themes[-1]
    for number in range(12):  # about 7 million pixels each
        theme.text(f"{number} " + "many words " * 400, "title", width=600)
    biggest = theme.text("0 " + "many words " * 400, "title", width=600).get_size()
    assert cache.held <= cache.pixels + biggest[0] * biggest[1]
    assert len(cache) <= cache.entries


def test_the_surface_cache_drops_the_least_recently_used() -> None:
    made: list[tuple[int, int]] = []

    def make(width: int, height: int) -> pygame.Surface:
        made.append((width, height))
        return pygame.Surface((width, height))

    cache = SurfaceCache(make, entries=3, pixels=1000)
    cache(10, 10)
    cache(10, 20)
    cache(10, 10)  # used again: now the newest
    cache(10, 80)  # over the budget: the least recently used, (10, 20), goes
    assert len(cache) == 2 and cache.held == 900
    cache(10, 10)  # still kept: not rendered again
    cache(50, 50)  # bigger than the whole budget: everything else goes, and it stays until the next one
    assert len(cache) == 1 and cache.held == 2500
    cache.cache_clear()
    assert len(cache) == 0 and cache.held == 0
    assert made == [(10, 10), (10, 20), (10, 80), (50, 50)]


# -- wrapping ------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [HOSTILE["a 200,000-character word"], HOSTILE["1,000,000 characters of words"]])
def test_wrapping_a_huge_text_keeps_every_character_in_order(themes: list[Theme], text: str) -> None:
    font = themes[0].font("body")
    started = time.perf_counter()
    spans = wrap(text, 400, lambda part: font.size(part)[0])
    assert time.perf_counter() - started < 10 * HANG_GUARD_SECONDS  # minutes before; about a second now
    assert all(font.size(span.text)[0] <= 400 for span in spans)
    assert "".join(span.text for span in spans).replace(" ", "") == text.replace(" ", "")
    assert all(text.startswith(span.text, span.start) for span in spans)


# -- the play screen -------------------------------------------------------------------------
@pytest.fixture
def walk_in() -> Scenario:
    return load_scenario(ANGRY_WALK_IN)


@pytest.mark.parametrize("field", ["title", "name", "say", "narration"])
def test_a_nul_in_any_text_plays_instead_of_failing(game: Driver, walk_in: Scenario, field: str) -> None:
    """A NUL in the title used to send Play back to the menu with "Something went wrong"."""
    start = walk_in.nodes[walk_in.start]
    hostile = {
        "title": replace(walk_in, title="The\x00Letter"),
        "name": replace(walk_in, customer=replace(walk_in.customer, name="\x00")),
        "say": replace(walk_in, nodes={**walk_in.nodes, start.id: replace(start, say=("\u200b\x00",))}),
        "narration": replace(walk_in, nodes={**walk_in.nodes, start.id: replace(start, narration="\u202e\ufeff")}),
    }[field]
    game.app.push(PlayScene(game.app, hostile, Session.start(hostile, seed=1)))
    game.press("space")
    game.frames(30)
    game.press("1")
    game.frames(5)
    assert game.top.name in ("play", "debrief")


def test_fifty_answers_are_numbered_only_as_far_as_the_keys_go(
    game: Driver, walk_in: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = walk_in.nodes[walk_in.start]
    first = start.choices[0]
    many = tuple(replace(first, id=f"answer-{n}", text=f"Answer {n}") for n in range(1, 51))
    scenario = replace(walk_in, nodes={**walk_in.nodes, start.id: replace(start, choices=many, shuffle=False)})
    shown: list[str] = []
    render = theme_module._render.render

    def recording(text: str, *rest: object) -> pygame.Surface:
        shown.append(text)
        return render(text, *rest)

    monkeypatch.setattr(theme_module._render, "render", recording)
    theme_module._render.cache_clear()
    play = PlayScene(game.app, scenario, Session.start(scenario, seed=1))
    game.app.push(play)
    game.press("space")
    game.frames(30)
    assert f"1-{NUMBER_KEY_COUNT}" in shown and "1-50" not in shown
    assert "9.  Answer 9" in shown and "Answer 10" in shown and "10.  Answer 10" not in shown
    game.press("9")
    assert play.session.history[-1].choice == "answer-9"
