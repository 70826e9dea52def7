"""The customer's face follows the meter step by step, and shows how a line is said."""

from __future__ import annotations

from game.ui.portrait import face_for


def test_the_face_changes_within_a_band() -> None:
    assert face_for(70) != face_for(53)
    assert face_for(20) != face_for(0) != face_for(9)
