"""Every character is drawn: emoji and symbols from the Noto stand-ins, anything else as its name,
never the font's empty box. Real fonts, rendered on a real (dummy-driver) display."""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterator

import pygame
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.storage.settings import Settings
from game.ui import glyph_fonts
from game.ui import theme as theme_module
from game.ui.glyph_drawing import draw
from game.ui.glyphs import GAME_FONT, split
from game.ui.theme import ROLE_SIZES, Theme

CHAT_EMOJI = ("😊", "🙄", "👍", "😡", "❤️", "👍🏽")
CHAT_LINE = "Seriously?? 😊 not. Waited 40 minutes 🙄 thanks a lot 👍 😡 ❤️ my family 👨‍👩‍👧 and me 👍🏽"
FAMILY = "👨\u200d👩\u200d👧"  # man, woman, girl, joined
UNKNOWN = "\U000f0000"  # private use: no font has it, so each font draws its box for it
MIXED = "Hello 😊 there, I waited → 40 minutes 🙄 for Дмитрий ✔ and 中 " * 4


@pytest.fixture(scope="module")
def themes() -> Iterator[list[Theme]]:
    """The smallest and the largest text, on a real (dummy) display."""
    pygame.display.init()
    pygame.font.init()
    yield [Theme(Settings(text_size=0), (960, 540)), Theme(Settings(text_size=3), (1920, 1080))]
    forget_fonts()
    pygame.quit()


def forget_fonts() -> None:
    theme_module._render.cache_clear()
    theme_module._font.cache_clear()


def pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGBA")


def boxes(theme: Theme, role: str) -> set[bytes]:
    """The empty box each font draws for a character it lacks, in the theme's text colour."""
    return {pixels(font.render(UNKNOWN, True, theme.palette.text)) for font in theme.font(role).fonts}


@pytest.mark.parametrize("role", sorted(ROLE_SIZES))
def test_each_chat_emoji_is_drawn_not_boxed(themes: list[Theme], role: str) -> None:
    for theme in themes:
        for emoji in CHAT_EMOJI:
            drawn = theme.text(emoji, role)
            assert pixels(drawn) not in boxes(theme, role), emoji
            assert pygame.mask.from_surface(drawn).count() > 0, emoji


def test_a_chat_line_goes_to_fonts_that_have_every_character(themes: list[Theme]) -> None:
    face = themes[0].font("body")
    runs = split(CHAT_LINE, face.tables)
    assert all(set(run.text) <= face.tables[run.font] for run in runs)
    assert {run.font for run in runs} == {GAME_FONT, 1}  # the game font and Noto Emoji
    assert "".join(run.text for run in runs) == CHAT_LINE  # nothing named, nothing dropped


def test_a_sequence_draws_as_one_emoji(themes: list[Theme]) -> None:
    """SDL_ttf shapes with HarfBuzz: a skin tone, a variation selector, and a joined family are one
    glyph each, drawn straight and through `Theme.text` (which keeps the joiner for this)."""
    face = themes[1].font("body")
    color = themes[1].palette.text
    one = draw("👍", face, color, 0).get_width()
    for sequence in ("👍🏽", "❤️", FAMILY):
        assert draw(sequence, face, color, 0).get_width() == one, sequence
    assert pixels(draw("a\u200db", face, color, 0)) == pixels(draw("ab", face, color, 0))  # a joiner alone: nothing
    family = themes[1].text(FAMILY)
    assert family.get_width() == one and pixels(family) not in boxes(themes[1], "body")


def inked(surface: pygame.Surface, left: int = 0) -> pygame.Rect:
    """The box around everything drawn right of `left`, in the surface's coordinates."""
    part = surface.subsurface((left, 0, surface.get_width() - left, surface.get_height()))
    rects = pygame.mask.from_surface(part).get_bounding_rects()
    return rects[0].unionall(rects).move(left, 0)


def test_an_emoji_takes_the_text_colour_and_sits_on_the_line(themes: list[Theme]) -> None:
    theme = themes[1]
    red = (200, 30, 40)
    line = theme.text("Fine 😡", color=red)
    assert line.get_height() == theme.font("body").get_linesize()
    seen = {tuple(line.get_at((x, y))) for x in range(line.get_width()) for y in range(line.get_height())}
    assert {colour[:3] for colour in seen if colour[3]} == {red}
    letters, left = inked(theme.text("Fine")), theme.text("Fine ").get_width()
    emoji = inked(line, left)
    assert emoji.top < letters.top and letters.bottom < emoji.bottom < line.get_height()  # a bit taller than a capital
    cyrillic = inked(theme.text("Fine Ж"), left)  # Noto Sans: a taller ascent than the game font's
    assert cyrillic.bottom == letters.bottom  # on the same baseline


def test_a_character_no_font_has_is_written_as_its_name(themes: list[Theme]) -> None:
    theme = themes[0]
    font = theme.font("body")
    for char, name in (("中", "[cjk unified ideograph-4e2d]"), ("\ue000", "[u+e000]")):
        expected = font.render(f"a {name} b", True, theme.palette.text)
        assert pixels(theme.text(f"a {char} b")) == pixels(expected)


def test_text_the_game_font_has_is_drawn_by_sdl_ttf_as_before(themes: list[Theme]) -> None:
    theme = themes[0]
    font = theme.font("body")
    for text in ("Plain words, wrapped " * 5, "Café — “quoted” … £5"):
        expected = font.render(text, True, theme.palette.text, None, 300)
        assert pixels(theme.text(text, width=300)) == pixels(expected)


@pytest.mark.parametrize("width", [40, 150, 333])
def test_mixed_text_wraps_within_its_width(themes: list[Theme], width: int) -> None:
    for theme in themes:
        drawn = theme.text(MIXED, "body", width=width)
        line = theme.font("body").get_linesize()
        assert 0 < drawn.get_width() <= width
        assert drawn.get_height() >= 2 * line and drawn.get_height() % line == 0


def test_a_screen_measures_a_line_as_it_is_drawn(themes: list[Theme]) -> None:
    for theme in themes:
        for text in ("plain", CHAT_LINE, "a 中 b"):
            assert theme.text_width(text) == theme.text(text).get_width(), text


def test_emoji_texts_stay_within_the_pixel_budget(themes: list[Theme]) -> None:
    cache = theme_module._render
    theme = themes[1]
    for number in range(8):  # about 7 million pixels each
        biggest = theme.text(f"{number} 😊 " + "many words 🙄 " * 300, "title", width=600).get_size()
    assert cache.held <= cache.pixels + biggest[0] * biggest[1]
    assert len(cache) <= cache.entries


@pytest.fixture
def no_noto_package(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(glyph_fonts, "STANDIN_PACKAGE", "no_such_font_package")
    glyph_fonts._standin_files.cache_clear()
    forget_fonts()
    yield
    glyph_fonts._standin_files.cache_clear()
    forget_fonts()


@pytest.mark.usefixtures("no_noto_package")
def test_without_the_noto_package_emoji_are_named_after_one_log_line(
    themes: list[Theme], caplog: pytest.LogCaptureFixture
) -> None:
    theme = themes[0]
    with caplog.at_level(logging.WARNING):
        drawn = [theme.text("I'm fine 😊", role, width=width) for role in ROLE_SIZES for width in (0, 500)]
        theme.text("🙄 again")
    expected = theme.font("body").render("I'm fine [smiling face with smiling eyes]", True, theme.palette.text)
    assert pixels(drawn[0]) == pixels(expected)
    assert len(caplog.records) == 1 and "Noto" in caplog.records[0].getMessage()


@given(
    text=st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
    width=st.integers(0, 500),
    role=st.sampled_from(sorted(ROLE_SIZES)),
    italic=st.booleans(),
)
def test_any_text_draws_within_its_width(themes: list[Theme], text: str, width: int, role: str, italic: bool) -> None:
    drawn = themes[0].text(text, role, width=width, italic=italic)
    assert isinstance(drawn, pygame.Surface)
    if width:
        assert drawn.get_width() <= width, unicodedata.name(text[0], text[:1]) if text else text
