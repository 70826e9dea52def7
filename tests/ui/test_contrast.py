"""Every text colour on every background it is drawn on reaches WCAG AA, in both themes.

The pairings are written down once, in game/ui/palette.py's TEXT_ON_BACKGROUND. These tests
check each pairing's contrast ratio, and read the UI's source to make sure every palette colour
used for text is in that table, so a screen cannot draw text in a colour nobody has checked.
Last, the real screens are drawn and each text is measured against the pixels under it.
"""

from __future__ import annotations

import ast
import dataclasses
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame
import pytest

from game.engine.model import Channel
from game.engine.playing.session import Session
from game.storage.scenario_files import load_scenario
from game.storage.settings import Settings
from game.tools.autoplay import play_out
from game.ui import theme as theme_module
from game.ui.app import MINIMUM_SIZE
from game.ui.dialogue import URGENT_SECONDS
from game.ui.intents import Move, Point
from game.ui.palette import HIGH_CONTRAST, NORMAL, TEXT_ON_BACKGROUND, Color, Palette, TextPair
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.pause import PauseScene
from game.ui.scenes.picker import PickerScene
from game.ui.scenes.play import PlayScene
from game.ui.scenes.settings import SettingsScene
from game.ui.theme import BOLD_ROLES, GRADE_COLORS, ROLE_SIZES, TEXT_SCALES, Theme
from tests.paths import ANGRY_WALK_IN

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory, Driver

UI = Path(__file__).resolve().parents[2] / "game" / "ui"
PALETTES = {"standard": NORMAL, "high contrast": HIGH_CONTRAST}
NORMAL_TEXT, LARGE_TEXT = 4.5, 3.0  # WCAG 2.x AA, success criterion 1.4.3
LARGE_PX, LARGE_BOLD_PX = 24.0, 18.66  # 18 pt, or 14 pt bold, in CSS pixels


# -- the WCAG 2.x formulas --------------------------------------------------------------------
def relative_luminance(color: Color) -> float:
    """0 for black, 1 for white: each sRGB channel made linear, weighted by how bright it looks."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in color)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(a: Color, b: Color) -> float:
    """From 1 (the same colour) to 21 (black on white); which one is the text does not matter."""
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((0, 0, 0), (255, 255, 255), 21.0),
        ((255, 255, 255), (0, 0, 0), 21.0),
        ((119, 119, 119), (119, 119, 119), 1.0),
        ((119, 119, 119), (255, 255, 255), 4.48),  # #777 on white: the classic near miss
        ((118, 118, 118), (255, 255, 255), 4.54),  # #767676: the lightest grey that passes on white
        ((255, 0, 0), (255, 255, 255), 4.0),
        ((0, 0, 255), (255, 255, 255), 8.59),
        ((0, 128, 0), (255, 255, 255), 5.14),
    ],
)
def test_the_ratio_matches_known_values(a: Color, b: Color, expected: float) -> None:
    assert contrast_ratio(a, b) == pytest.approx(expected, abs=0.01)


# -- the table ----------------------------------------------------------------------------------
def smallest_px(role: str) -> float:
    """The role's size in the smallest window with the smallest text setting: where it is least large."""
    pygame.font.init()
    theme = Theme(Settings(text_size=0), MINIMUM_SIZE)
    return float(theme.font(role).point_size)


def is_large(role: str) -> bool:
    size = smallest_px(role)
    return size >= LARGE_PX or (role in BOLD_ROLES and size >= LARGE_BOLD_PX)


def required(pair: TextPair) -> float:
    return LARGE_TEXT if is_large(pair.role) else NORMAL_TEXT


def color_named(palette: Palette, name: str) -> Color:
    color: Color = getattr(palette, name)
    return color


def test_only_titles_count_as_large_text() -> None:
    """Headings are bold but, at the smallest window and text size, below 14 pt: they need 4.5:1 too."""
    assert TEXT_SCALES[0] == min(TEXT_SCALES)
    assert {role for role in ROLE_SIZES if is_large(role)} == {"title"}


def test_the_table_names_real_colours_and_roles() -> None:
    for pair in TEXT_ON_BACKGROUND:
        assert pair.role in ROLE_SIZES, pair
        for name in (pair.fg, pair.bg):
            color = color_named(NORMAL, name)
            assert len(color) == 3 and all(0 <= channel <= 255 for channel in color), pair
    assert len(set(TEXT_ON_BACKGROUND)) == len(TEXT_ON_BACKGROUND), "a pairing is listed twice"


@pytest.mark.parametrize("theme_name", sorted(PALETTES))
@pytest.mark.parametrize("pair", TEXT_ON_BACKGROUND, ids=lambda pair: f"{pair.fg}-on-{pair.bg}")
def test_every_text_colour_reaches_aa_on_its_background(theme_name: str, pair: TextPair) -> None:
    palette = PALETTES[theme_name]
    ratio = contrast_ratio(color_named(palette, pair.fg), color_named(palette, pair.bg))
    assert ratio >= required(pair), (
        f"{theme_name}: {pair.fg} text on {pair.bg} is {ratio:.2f}:1, needs {required(pair)}:1"
    )


def test_the_anger_bands_stay_apart() -> None:
    """Lightening the bands for the numbers drawn on them must not make neighbours look alike."""
    for palette in PALETTES.values():
        bands = [palette.calm, palette.annoyed, palette.angry, palette.furious]
        for lower, higher in pairwise(bands):
            assert contrast_ratio(lower, higher) >= 1.3 or _hue_apart(lower, higher)


def _hue_apart(a: Color, b: Color) -> bool:
    """Different enough in hue (high contrast's pure colours) even if close in lightness."""
    return max(abs(x - y) for x, y in zip(a, b, strict=True)) >= 90


# -- the table against the code ---------------------------------------------------------------
def text_colours() -> Iterator[tuple[str, int, str, str | None]]:
    """(file, line, palette colour, role) for each palette colour the UI's source draws text in."""
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = _module_name_tables(tree)
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                for color, role in _text_calls(node):
                    where = f"{path.relative_to(UI)}:{node.lineno}"
                    for name in _palette_names(color, function, names, where):
                        yield where, node.lineno, name, role


def _text_calls(node: ast.AST) -> Iterator[tuple[ast.expr, str | None]]:
    """The colour and role of text drawn by this node: theme.text(text, role, color), TextBlock(text,
    role, color), font.render(text, antialias, color) or a (text, role, color) triple handed to one."""
    if isinstance(node, ast.Call):
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name in ("text", "TextBlock"):
            default_role = "body" if name == "text" else None
            role = _argument(node, 1, "role")
            color = _argument(node, 2, "color")
            yield color if color is not None else ast.Constant(None), _constant(role) if role else default_role
        elif name == "render" and (color := _argument(node, 2, "color")) is not None:
            yield color, None
    elif isinstance(node, ast.Tuple) and len(node.elts) == 3 and _constant(node.elts[1]) in ROLE_SIZES:
        yield node.elts[2], _constant(node.elts[1])


def _argument(call: ast.Call, index: int, keyword: str) -> ast.expr | None:
    found = [k.value for k in call.keywords if k.arg == keyword]
    return found[0] if found else call.args[index] if len(call.args) > index else None


def _constant(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _module_name_tables(tree: ast.Module) -> dict[str, set[str]]:
    """Module-level dicts of colour names, e.g. GRADE_COLORS = {"A": "good", ...}: their values."""
    tables: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            values = {_constant(value) for value in node.value.values}
            strings = {value for value in values if value is not None}
            if len(strings) == len(node.value.values):
                tables.update({target.id: strings for target in node.targets if isinstance(target, ast.Name)})
    return tables


def _palette_names(expr: ast.expr, function: ast.FunctionDef, tables: dict[str, set[str]], where: str) -> set[str]:
    """The palette colours `expr` can be, read from the code around it."""
    match expr:
        case ast.Constant(value=None):
            return {"text"}  # theme.text's default
        case ast.Attribute(value=ast.Name(id="palette") | ast.Attribute(attr="palette"), attr=field):
            return {field}
        case ast.Attribute(value=ast.Name(id="self")):
            return set()  # a field of a text holder (TextBlock): what it is given is checked where it is made
        case ast.IfExp(body=body, orelse=orelse):
            return _palette_names(body, function, tables, where) | _palette_names(orelse, function, tables, where)
        case ast.Call(func=ast.Name(id="mix"), args=[a, b, *_]):
            return _palette_names(a, function, tables, where) | _palette_names(b, function, tables, where)
        case ast.Call(func=ast.Name(id="color_of" | "getattr")):
            return _names_looked_up(expr, tables, where)
        case ast.Call(func=ast.Name(id="grade_color")):
            return {*GRADE_COLORS.values(), "accent"}  # theme.grade_color's table and its fallback
        case ast.Name(id=name):
            return _names_assigned(name, function, tables, where)
    raise AssertionError(f"{where}: cannot tell which palette colour this text is drawn in: {ast.unparse(expr)}")


def _names_looked_up(call: ast.expr, tables: dict[str, set[str]], where: str) -> set[str]:
    """A colour looked up by its name: the string constants and name tables in the call."""
    names: set[str] = set()
    for node in ast.walk(call):
        if isinstance(node, ast.Name) and node.id in tables:
            names |= tables[node.id]
        elif (value := _constant(node)) is not None:
            names.add(value)
    assert names, f"{where}: a colour looked up by a name the code does not spell out"
    return names


def _names_assigned(name: str, function: ast.FunctionDef, tables: dict[str, set[str]], where: str) -> set[str]:
    """What a local variable can hold; nothing for a parameter or a loop variable, whose values are
    checked where they are written (the caller's argument, the (text, role, color) triples)."""
    arguments = function.args
    parameters = {a.arg for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]}
    if name in parameters:
        return set()
    names: set[str] = set()
    assigned = False
    for node in ast.walk(function):
        targets_values: list[tuple[ast.expr, ast.expr]] = []
        if isinstance(node, ast.Assign):
            targets_values = [(target, node.value) for target in node.targets]
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets_values = [(node.target, node.value)]
        elif isinstance(node, ast.For | ast.comprehension) and name in _names_in(node.target):
            assigned = True
        for target, value in targets_values:
            for part in _parts_for(name, target, value):
                assigned = True
                names |= _palette_names(part, function, tables, where)
    assert assigned, f"{where}: cannot find where {name} gets its colour"
    return names


def _names_in(target: ast.expr) -> set[str]:
    return {node.id for node in ast.walk(target) if isinstance(node, ast.Name)}


def _parts_for(name: str, target: ast.expr, value: ast.expr) -> list[ast.expr]:
    """The pieces of `value` that land in `name`, for `x = v` and `a, x = (u, v) if c else (w, y)`."""
    if isinstance(target, ast.Name):
        return [value] if target.id == name else []
    if not isinstance(target, ast.Tuple) or name not in _names_in(target):
        return []
    if isinstance(value, ast.IfExp):
        return _parts_for(name, target, value.body) + _parts_for(name, target, value.orelse)
    if isinstance(value, ast.Tuple) and len(value.elts) == len(target.elts):
        return [part for t, v in zip(target.elts, value.elts, strict=True) for part in _parts_for(name, t, v)]
    raise AssertionError(f"cannot follow {ast.unparse(target)} = {ast.unparse(value)}")


def test_the_code_is_read_for_the_text_colours_it_uses() -> None:
    """The scan finds the colours known to be there, so an empty or broken scan cannot pass."""
    found = {(where.split(":")[0], name) for where, _, name, _ in text_colours()}
    assert ("scenes/debrief.py", "bad") in found  # the grade letter E, looked up by name
    assert ("scenes/debrief_layout.py", "good") in found  # "Better: ...", a (text, role, color) triple
    assert ("widgets.py", "muted") in found  # a locked choice's label, through a local variable
    assert ("dialogue.py", "bad") in found  # the countdown, mixed from bad to text


def test_every_colour_used_for_text_is_in_the_table() -> None:
    foregrounds = {pair.fg for pair in TEXT_ON_BACKGROUND}
    small_foregrounds = {pair.fg for pair in TEXT_ON_BACKGROUND if not is_large(pair.role)}
    for where, _, name, role in text_colours():
        assert name in foregrounds, f"{where}: text in {name}, which TEXT_ON_BACKGROUND does not list"
        if role is None or not is_large(role):
            assert name in small_foregrounds, f"{where}: {role} text in {name}, listed only as large text"


# -- the screens as drawn ---------------------------------------------------------------------
SOLID = 192  # a glyph's solid pixels; its anti-aliased rim blends into whatever is behind
SHARE = 0.03  # less of a text than this over some colour is a border or a line it touches, not its background
Rendered = dict[int, tuple[str, Color, int, pygame.Surface]]


@dataclasses.dataclass(frozen=True)
class Drawn:
    words: str
    color: Color
    size: int  # pixels
    under: Counter[Color]  # the screen's pixels under the glyphs' solid pixels, just before the text went on


class Recorder(pygame.Surface):
    """A screen that notes, for each text blitted onto it, what was already under its glyphs."""

    def __init__(self, size: tuple[int, int], rendered: Rendered) -> None:
        super().__init__(size)
        self.rendered = rendered
        self.drawn: list[Drawn] = []

    def blit(self, source: pygame.Surface, dest: Any, area: Any = None, special_flags: int = 0) -> pygame.Rect:
        known = self.rendered.get(id(source))
        if known is not None:
            words, color, size, _ = known
            self.drawn.append(Drawn(words, color, size, self._under(source, dest, area)))
        return super().blit(source, dest, area, special_flags)

    def _under(self, source: pygame.Surface, dest: Any, area: Any) -> Counter[Color]:
        part = pygame.Rect(area) if area is not None else source.get_rect()
        left, top = dest.topleft if isinstance(dest, pygame.Rect) else dest
        clip, under = self.get_clip(), Counter[Color]()
        for y in range(part.top, part.bottom):
            for x in range(part.left, part.right):
                at = (left + x - part.left, top + y - part.top)
                if source.get_at((x, y)).a >= SOLID and clip.collidepoint(at):
                    red, green, blue, _ = self.get_at(at)
                    under[(red, green, blue)] += 1
        return under


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> Rendered:
    """Every text surface the theme renders, by id: its words, colour and size (kept, so ids stay unique)."""
    seen: Rendered = {}
    render = theme_module._render

    def recording(text: str, font: pygame.font.Font, color: Color, width: int) -> pygame.Surface:
        surface = render(text, font, color, width)
        seen[id(surface)] = (text, color, font.point_size, surface)
        return surface

    monkeypatch.setattr(theme_module, "_render", recording)
    return seen


def screens(driver: Driver) -> Iterator[str]:
    """Each screen worth measuring put on top in turn, settled; yields what it shows."""
    app = driver.app
    yield "title"
    app.push(PickerScene(app))
    yield "picker, a good card focused"
    app.top.handle(Move(dy=1))
    yield "picker, a broken card focused"
    scenario = load_scenario(ANGRY_WALK_IN)
    for channel in Channel:
        variant = dataclasses.replace(scenario, channel=channel)
        app.push(PlayScene(app, variant, Session.start(variant, seed=4, at="reads-letter")))
        driver.press("space")
        driver.frames(90)
        yield f"{channel} conversation with a locked choice"
    play = app.top
    assert isinstance(play, PlayScene)
    driver.press(str(next(i for i, option in enumerate(play.view.options, 1) if option.available)))
    driver.press("space")
    driver.frames(120)
    yield "chat with messages above"
    timed = PlayScene(app, scenario, Session.start(scenario, seed=4, at="louder"))
    app.push(timed)
    driver.press("space")
    driver.until(lambda: (remaining := timed.clock.remaining) is not None and remaining < URGENT_SECONDS - 0.25)
    yield "the countdown's last seconds"
    app.push(PauseScene(app, app.top))
    yield "pause"
    app.push(SettingsScene(app))
    yield "settings"
    yield from trainer_screens(driver)
    for strategy in ("worst", "best"):
        app.push(DebriefScene(app, scenario, play_out(Session.start(scenario, seed=3), strategy)))
        driver.frames(90)
        yield f"debrief of the {strategy} answers"
    debrief = app.top
    assert isinstance(debrief, DebriefScene) and debrief.layout is not None
    scroller = debrief.scroller
    shown = next(entry for entry in debrief.layout.entries if entry.answer is not None and scroller.shows(entry.rect))
    debrief.handle(Point(scroller.to_screen(shown.rect).clip(scroller.viewport).center))
    assert debrief.hover == shown.answer
    yield "debrief with an answer hovered"


def trainer_screens(driver: Driver) -> Iterator[str]:
    """The play-test view, a saved file's errors, a reload's notice and the jump list."""
    app = driver.app
    path = app.library / ANGRY_WALK_IN.name
    text = path.read_text(encoding="utf-8")
    play = PlayScene(app, load_scenario(path), Session.start(load_scenario(path), seed=4, at="louder"))
    app.push(play)
    driver.press("f2", "space")
    driver.frames(90)
    yield "the play-test view"
    path.write_text(text.replace("start: burst-in", "start: nowhere"), encoding="utf-8")
    driver.press("f5")
    assert play.broken is not None
    yield "a saved file's errors"
    path.write_text(text, encoding="utf-8")
    driver.press("f5")
    assert play.notice_ok and play.notice
    yield "a reload's notice"
    driver.press("j")
    yield "the jump list"
    driver.press("esc", "f2")


def low_contrast(drawn: list[Drawn]) -> Iterator[str]:
    for text in drawn:
        need = LARGE_TEXT if text.size >= LARGE_PX else NORMAL_TEXT
        total = sum(text.under.values())
        for background, count in text.under.items():
            ratio = contrast_ratio(text.color, background)
            if count >= SHARE * total and ratio < need:
                yield f"{text.words[:40]!r} in {text.color} on {background}: {ratio:.2f}:1"


@pytest.mark.parametrize("high_contrast", [False, True], ids=["standard", "high contrast"])
def test_text_on_the_drawn_screens_reaches_aa(
    make_app: AppFactory, broken_library: Path, rendered: Rendered, high_contrast: bool
) -> None:
    driver = make_app(scenarios=broken_library)
    driver.app.apply_settings(driver.app.settings.with_changes(high_contrast=high_contrast))
    problems = []
    for shown in screens(driver):
        screen = Recorder(driver.app.screen.get_size(), rendered)
        driver.app.top.draw(screen)
        assert len(screen.drawn) >= 5, f"{shown}: the texts were not seen being drawn"
        problems += [f"{shown}: {problem}" for problem in low_contrast(screen.drawn)]
    assert not problems, "\n".join(problems)
