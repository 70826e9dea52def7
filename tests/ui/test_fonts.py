"""The theme's fonts are Atkinson Hyperlegible from its package: regular for body and small text,
bold for headings and titles, the real italic for narration; a broken install falls back."""

from __future__ import annotations

import logging
from importlib import resources
from typing import TYPE_CHECKING

import pygame
import pytest

from game.ui import theme
from game.ui.dialogue import italic_text

if TYPE_CHECKING:
    from tests.ui.conftest import Driver

FAMILY = "Atkinson Hyperlegible"


def test_each_role_has_its_face(game: Driver) -> None:
    faces = {role: (game.app.theme.font(role).name, game.app.theme.font(role).style_name) for role in theme.ROLE_SIZES}
    assert faces == {
        "small": (FAMILY, "Regular"),
        "body": (FAMILY, "Regular"),
        "heading": (FAMILY, "Bold"),
        "title": (FAMILY, "Bold"),
    }
    italic = game.app.theme.font("body", italic=True)
    assert (italic.name, italic.style_name) == (FAMILY, "Italic")


def test_narration_is_drawn_with_the_italic_file_not_a_slant(game: Driver) -> None:
    """Pixel for pixel what the Italic file itself draws: pygame's fake slant of the regular would differ."""
    shown = game.app.theme
    text = "The office door bangs against the wall."
    drawn = italic_text(shown, text, 2000)
    path = resources.files(theme.FONT_PACKAGE).joinpath("files", "AtkinsonHyperlegible-Italic.ttf")
    with resources.as_file(path) as file:
        direct = pygame.font.Font(file, shown.font("body").point_size).render(text, True, shown.palette.muted)
    assert pygame.image.tobytes(drawn, "RGBA") == pygame.image.tobytes(direct, "RGBA")


@pytest.fixture
def no_font_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(theme, "FONT_PACKAGE", "no_such_font_package")
    theme._font_files.cache_clear()
    theme._font.cache_clear()


def test_without_the_font_package_the_default_font_is_used_after_one_warning(
    game: Driver, no_font_package: None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="game.ui.theme"):
        fonts = [game.app.theme.font(role, italic) for role in theme.ROLE_SIZES for italic in (False, True)]
        game.app.theme.text("Still readable", "heading")
    assert {font.name for font in fonts} == {"FreeSans"}
    assert len(caplog.records) == 1 and "Atkinson Hyperlegible" in caplog.records[0].getMessage()
    assert game.app.theme.font("body", italic=True).italic
