"""The customer's face follows the meter step by step, and shows how a line is said: each named
expression is drawn, on a real surface, unlike the plain face and unlike every other."""

from __future__ import annotations

import itertools
from dataclasses import fields

import pygame
import pytest

from game.engine import EXPRESSIONS
from game.ui.faces import MOODS, Face, blend, face_for
from game.ui.palette import HIGH_CONTRAST, NORMAL, Palette
from game.ui.portrait import FACE_STEP, UNITS_TALL, UNITS_WIDE, draw_portrait, look_for

ANGERS = (0, 20, 53, 70, 90)
PALETTES = (NORMAL, HIGH_CONTRAST)
ANGRIER = {"brow": 1, "eyes": -1, "mouth": -1, "shout": 1, "flush": 1}  # each feature's way as anger grows
TALL = 150  # portrait height in pixels for most drawings: small enough to be quick, big enough to read
NOTICEABLE = 0.015  # of the head's pixels: about a feature's worth of change at this size


def drawn(face: Face, palette: Palette = NORMAL, portrait: str = "walk-in-man", tall: int = TALL) -> pygame.Surface:
    """The head of a portrait drawn on a real surface, as the play screen draws it."""
    size = (round(tall * UNITS_WIDE / UNITS_TALL), tall)
    surface = pygame.Surface(size)
    surface.fill(palette.background)
    draw_portrait(surface, palette, (size[0] // 2, size[1] // 2), size, look_for(portrait), face)
    unit = tall / UNITS_TALL
    head = pygame.Rect(round(28 * unit), round(24 * unit), round(44 * unit), round(54 * unit))
    return surface.subsurface(head).copy()


def changed(a: pygame.Surface, b: pygame.Surface) -> float:
    """The share of pixels that differ between two drawings by more than a shade."""
    pixels_a, pixels_b = pygame.image.tobytes(a, "RGB"), pygame.image.tobytes(b, "RGB")
    count = a.get_width() * a.get_height()
    differ = sum(max(abs(pixels_a[i + c] - pixels_b[i + c]) for c in range(3)) > 24 for i in range(0, 3 * count, 3))
    return differ / count


def lopsided(head: pygame.Surface, top: float, bottom: float) -> float:
    """How far a horizontal band of the head (fractions of its height) differs from its mirror image."""
    height = round((bottom - top) * head.get_height())
    band = head.subsurface(pygame.Rect(0, round(top * head.get_height()), head.get_width(), height))
    return changed(band, pygame.transform.flip(band, True, False))


# -- anger -------------------------------------------------------------------------------------
@pytest.mark.parametrize("palette", PALETTES, ids=("normal", "high-contrast"))
def test_the_meter_shows_within_a_band(palette: Palette) -> None:
    for calmer, angrier in ((53, 70), (0, 9), (9, 20)):  # the faces the issue found alike
        assert changed(drawn(face_for(calmer), palette), drawn(face_for(angrier), palette)) > NOTICEABLE


@pytest.mark.parametrize("expression", [None, *EXPRESSIONS])
@pytest.mark.parametrize("reduced", [False, True])
def test_anger_only_ever_makes_the_face_angrier(expression: str | None, reduced: bool) -> None:
    faces = [face_for(anger, expression, reduced) for anger in range(101)]
    for calmer, angrier in itertools.pairwise(faces):
        for name, way in ANGRIER.items():
            assert (getattr(angrier, name) - getattr(calmer, name)) * way >= 0, name


def test_every_few_points_of_the_meter_change_the_drawn_face() -> None:
    def quantised(face: Face) -> tuple[int, ...]:
        return tuple(round(getattr(face, f.name) / FACE_STEP) for f in fields(Face))

    for anger in range(0, 97, 4):
        assert quantised(face_for(anger)) != quantised(face_for(anger + 4)), anger


@pytest.mark.parametrize("expression", [None, *EXPRESSIONS])
@pytest.mark.parametrize("reduced", [False, True])
def test_one_point_of_anger_moves_the_face_only_a_little(expression: str | None, reduced: bool) -> None:
    for anger in range(100):
        before, after = face_for(anger, expression, reduced), face_for(anger + 1, expression, reduced)
        assert all(abs(getattr(after, f.name) - getattr(before, f.name)) <= 0.03 for f in fields(Face)), anger


@pytest.mark.parametrize("expression", [None, *EXPRESSIONS])
def test_reduced_intensity_is_never_more_intense(expression: str | None) -> None:
    softened = False
    for anger in range(101):
        soft, full = face_for(anger, expression, True), face_for(anger, expression)
        for name, way in ANGRIER.items():
            assert (getattr(full, name) - getattr(soft, name)) * way >= 0, (anger, name)
        softened |= soft != full
    assert softened  # and the top of the meter is toned down


def test_the_meter_is_read_within_its_range() -> None:
    assert face_for(-20) == face_for(0) and face_for(140) == face_for(100)


# -- expressions -------------------------------------------------------------------------------
def test_every_expression_the_engine_accepts_has_a_face() -> None:
    assert set(MOODS) == set(EXPRESSIONS)


def test_a_word_with_no_face_shows_the_plain_one() -> None:
    assert face_for(40, "grumpy") == face_for(40)


@pytest.mark.parametrize("palette", PALETTES, ids=("normal", "high-contrast"))
@pytest.mark.parametrize("anger", ANGERS)
def test_each_expression_is_drawn_unlike_the_plain_face_and_every_other(anger: int, palette: Palette) -> None:
    heads = {word: drawn(face_for(anger, word), palette) for word in (None, *EXPRESSIONS)}
    for (one, a), (other, b) in itertools.combinations(heads.items(), 2):
        assert changed(a, b) > NOTICEABLE, (one, other)


@pytest.mark.parametrize("tall", [120, 500])
def test_expressions_still_differ_at_the_smallest_and_largest_portraits(tall: int) -> None:
    plain = drawn(face_for(53), tall=tall)
    for word in EXPRESSIONS:
        assert changed(drawn(face_for(53, word), tall=tall), plain) > NOTICEABLE, word


@pytest.mark.parametrize("anger", ANGERS)
def test_the_lopsided_expressions_are_lopsided_where_the_word_says(anger: int) -> None:
    eyes, mouth = (0.2, 0.55), (0.72, 0.9)
    plain = drawn(face_for(anger), tall=300)
    assert lopsided(plain, *eyes) < 0.06 and lopsided(plain, *mouth) < 0.04  # the nose leans a little
    suspicious = drawn(face_for(anger, "suspicious"), tall=300)
    assert lopsided(suspicious, *eyes) > lopsided(plain, *eyes) + 0.1  # one brow up, a sideways look
    for word in ("amused", "sheepish"):  # a smirk, a half-smile
        assert lopsided(drawn(face_for(anger, word), tall=300), *mouth) > lopsided(plain, *mouth) + 0.025, word


def test_a_sheepish_face_goes_pink() -> None:
    def pinkness(head: pygame.Surface) -> float:
        cheeks = head.subsurface(
            pygame.Rect(0, round(head.get_height() * 0.55), head.get_width(), head.get_height() // 8)
        )
        red, green, _, _ = pygame.transform.average_color(cheeks)
        return red - green

    for palette in PALETTES:
        assert pinkness(drawn(face_for(20, "sheepish"), palette)) > pinkness(drawn(face_for(20), palette)) + 4


def test_a_change_of_expression_blends_through_faces_in_between() -> None:
    plain, sheepish = face_for(60), face_for(60, "sheepish")
    halfway = blend(plain, sheepish, 0.5)
    for f in fields(Face):
        low, high = sorted((getattr(plain, f.name), getattr(sheepish, f.name)))
        assert low <= getattr(halfway, f.name) <= high
    assert changed(drawn(halfway), drawn(plain)) > NOTICEABLE and changed(drawn(halfway), drawn(sheepish)) > NOTICEABLE
