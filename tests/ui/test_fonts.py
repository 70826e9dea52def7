"""The theme's fonts are Atkinson Hyperlegible from its package: regular for body and small text,
bold for headings and titles, the real italic for narration; a broken install falls back. Which
characters each font file has is read from its character map, as FreeType reads it."""

from __future__ import annotations

import io
import logging
import struct
from importlib import resources
from typing import TYPE_CHECKING

import pygame
import pygame.freetype
import pytest

from game.storage.font import FONT_FILES, STANDIN_FILES, STANDIN_PACKAGE
from game.ui import theme
from game.ui.dialogue import italic_text
from game.ui.glyph_table import characters

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


def font_files() -> dict[str, bytes]:
    """Every font file the game draws with: Atkinson Hyperlegible's four, the Noto stand-ins, pygame's own."""
    atkinson = resources.files(theme.FONT_PACKAGE).joinpath("files")
    noto = resources.files(STANDIN_PACKAGE)
    files = {name: atkinson.joinpath(name).read_bytes() for name in FONT_FILES.values()}
    files.update({name: noto.joinpath(name).read_bytes() for name in STANDIN_FILES})
    files["default"] = resources.files("pygame").joinpath(pygame.font.get_default_font()).read_bytes()
    return files


@pytest.mark.parametrize("name", sorted(font_files()))
def test_a_fonts_characters_are_those_freetype_finds_a_glyph_for(name: str) -> None:
    """The character map as read here, against FreeType's own lookup (None: no glyph), over the
    planes text comes from: Latin to CJK, and the emoji and symbol blocks."""
    data = font_files()[name]
    sample = "".join(map(chr, [*range(0x20, 0x3400, 3), *range(0x1F000, 0x1FB00)]))
    pygame.freetype.init()
    looked_up = pygame.freetype.Font(io.BytesIO(data), 20).get_metrics(sample)
    assert {char for char, found in zip(sample, looked_up, strict=True) if found} == characters(data) & set(sample)


def test_a_file_without_a_character_map_is_refused_in_our_words() -> None:
    for damaged in (b"", b"\x00\x01\x00\x00\x00\x00" + bytes(20), font_files()["default"][:300]):
        with pytest.raises(ValueError, match="character map"):
            characters(damaged)


def made_font(encoding: int, subtable: bytes) -> bytes:
    """A font file holding only a character map, with one Windows Unicode subtable."""
    cmap = struct.pack(">HHHHI", 0, 1, 3, encoding, 12) + subtable
    return struct.pack(">IHHHH", 0x10000, 1, 16, 0, 0) + struct.pack(">4sIII", b"cmap", 0, 28, len(cmap)) + cmap


def through_glyph_array(glyphs: list[int]) -> bytes:
    """Format 4: "A", "B" and "C" mapped through an array of glyph ids."""
    ends, starts, deltas, offsets = (0x43, 0xFFFF), (0x41, 0xFFFF), (0, 1), (4, 0)  # 4: from its entry to the array
    arrays = struct.pack(">9H", *ends, 0, *starts, *deltas, *offsets) + struct.pack(">3H", *glyphs)
    return struct.pack(">7H", 4, 14 + len(arrays), 0, 4, 4, 1, 0) + arrays


def one_group(first_glyph: int) -> bytes:
    """Format 12: U+1F600 to U+1F602 mapped to consecutive glyphs from `first_glyph`."""
    return struct.pack(">HHIII3I", 12, 0, 28, 0, 1, 0x1F600, 0x1F602, first_glyph)


def test_glyph_zero_in_a_character_map_is_the_box_not_a_glyph() -> None:
    assert characters(made_font(1, through_glyph_array([5, 6, 7]))) == set("ABC")
    assert characters(made_font(1, through_glyph_array([5, 0, 7]))) == set("AC")
    assert characters(made_font(10, one_group(9))) == set("\U0001f600\U0001f601\U0001f602")
    assert characters(made_font(10, one_group(0))) == set("\U0001f601\U0001f602")
