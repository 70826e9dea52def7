"""The colours of both themes, and which text colour is drawn on which background.

Every screen draws with one of these palettes. TEXT_ON_BACKGROUND writes down each pairing of a
text colour with what is behind it, so tests/ui/test_contrast.py can hold both themes to WCAG AA:
a screen that draws text on a new background adds the pairing here first.
"""

from __future__ import annotations

from dataclasses import dataclass

Color = tuple[int, int, int]


def mix(a: Color, b: Color, t: float) -> Color:
    """A colour `t` of the way from `a` to `b`: shades for drawn art, derived from the palette."""
    t = max(0.0, min(1.0, t))
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


@dataclass(frozen=True, slots=True)
class Palette:
    background: Color
    panel: Color
    panel_edge: Color
    text: Color
    muted: Color
    accent: Color
    focus: Color
    button: Color
    button_hover: Color
    button_text: Color
    disabled: Color  # inactive controls that are not text, such as a settings arrow at the end of its values
    good: Color
    bad: Color
    calm: Color
    annoyed: Color
    angry: Color
    furious: Color
    skin: Color
    hair: Color
    shirt: Color

    @property
    def key_cap(self) -> Color:
        """Behind a key's name in the key hints."""
        return mix(self.background, self.panel_edge, 0.4)

    @property
    def tinted_panel(self) -> Color:
        """A panel washed with the accent: the chat's header and your messages, the top of the phone's screen."""
        return mix(self.panel, self.accent, 0.3)


NORMAL = Palette(
    background=(34, 40, 49),
    panel=(48, 56, 68),
    panel_edge=(78, 90, 106),
    text=(236, 239, 244),
    muted=(189, 197, 207),
    accent=(108, 186, 236),
    focus=(255, 204, 77),
    button=(56, 66, 82),
    button_hover=(68, 81, 101),
    button_text=(240, 242, 246),
    disabled=(110, 116, 126),
    good=(111, 201, 134),
    bad=(242, 153, 143),
    calm=(96, 184, 120),
    annoyed=(232, 200, 72),
    angry=(238, 146, 60),
    furious=(240, 98, 88),
    skin=(224, 178, 140),
    hair=(74, 52, 40),
    shirt=(214, 178, 52),
)

HIGH_CONTRAST = Palette(
    background=(0, 0, 0),
    panel=(0, 0, 0),
    panel_edge=(255, 255, 255),
    text=(255, 255, 255),
    muted=(230, 230, 230),
    accent=(0, 255, 255),
    focus=(255, 255, 0),
    button=(0, 0, 0),
    button_hover=(40, 40, 40),
    button_text=(255, 255, 255),
    disabled=(150, 150, 150),
    good=(0, 255, 0),
    bad=(255, 90, 90),
    calm=(0, 230, 0),
    annoyed=(255, 255, 0),
    angry=(255, 160, 0),
    furious=(255, 60, 60),
    skin=(240, 200, 160),
    hair=(120, 90, 60),
    shirt=(255, 220, 0),
)


@dataclass(frozen=True, slots=True)
class TextPair:
    """Text in the palette colour named `fg` drawn on the one named `bg` (a field or a derived colour),
    `role` being the smallest text role it is drawn in: only large text may settle for 3:1."""

    fg: str
    bg: str
    role: str = "small"


TEXT_ON_BACKGROUND: tuple[TextPair, ...] = (
    # the window itself: titles, headings, the meter, captions, narration, key hint words, notices
    TextPair("text", "background"),
    TextPair("muted", "background"),  # also a locked choice, which has no fill
    TextPair("bad", "background"),  # notices, the countdown's last seconds, the meter's "+15"
    TextPair("good", "background"),  # the meter's "-10"
    TextPair("text", "key_cap"),
    # panels: picker cards, the pause menu, the debrief's columns and chart, speech bubbles, name chips
    TextPair("text", "panel"),
    TextPair("muted", "panel"),
    TextPair("accent", "panel"),  # "Objectives", the speaker's name, the Play tag
    TextPair("bad", "panel"),  # a broken scenario's warning, the chart's walk-out legend, a file's errors
    TextPair("good", "panel"),  # the trainer panel: a reload that gave every answer again
    TextPair("focus", "panel"),  # the chart's tag for the selected answer
    TextPair("good", "panel", "title"),  # the grade letter, in its grade's colour
    TextPair("annoyed", "panel", "title"),
    TextPair("angry", "panel", "title"),
    # buttons, and cards filled like them: the focused picker card, debrief answers, settings rows
    TextPair("button_text", "button"),
    TextPair("text", "button"),
    TextPair("muted", "button"),  # feedback, explanations, "now 54"
    TextPair("accent", "button"),  # "Principle: ...", "How it ended"
    TextPair("good", "button"),  # "Better: ...", an answer that calmed him
    TextPair("bad", "button"),  # an answer that angered him
    TextPair("button_text", "button_hover"),
    TextPair("text", "button_hover"),  # a focused settings row's value
    TextPair("muted", "button_hover"),  # a focused settings row's note
    # the accent's wash: the chat header, your chat messages, the phone's screen (a fade to the panel)
    TextPair("text", "tinted_panel"),
    # dark text on bright fills: the lit Play tag, the outcome badge, the answer numbers on their anger bands
    TextPair("background", "accent"),
    TextPair("background", "good"),
    TextPair("background", "bad"),
    TextPair("background", "calm"),
    TextPair("background", "annoyed"),
    TextPair("background", "angry"),
    TextPair("background", "furious"),
)
