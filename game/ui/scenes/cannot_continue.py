"""A save that cannot be continued: the sentence saying why, and what can be done instead.

The scenario changed so the answers no longer fit, or its file is gone: the trainee can start it
again (the save is replaced by the new conversation's first autosave) or go back. With the
scenario gone altogether, the save can be set aside instead, kept under another name and never
deleted, so that Continue moves on to the next one.
"""

from __future__ import annotations

import pygame

from game.engine import Scenario
from game.storage.atomic import set_aside
from game.storage.saves import SavedGame, save_path

from ..host import Host
from ..intents import Back, Intent
from ..navigation import Conversation, Navigation, Pop, Replace
from ..scene import Scene
from ..widgets import Button, ButtonList, panel

HEADING = "This save cannot be continued"


class CannotContinueScene(Scene):
    name = "cannot-continue"

    def __init__(self, app: Host, message: str, scenario: Scenario | None, game: SavedGame) -> None:
        super().__init__(app)
        self.message, self.scenario, self.game = message, scenario, game
        offer = Button("again", "Start it again") if scenario is not None else Button("aside", "Set this save aside")
        self.menu = ButtonList([offer, Button("back", "Back")])
        self._panel = pygame.Rect(0, 0, 0, 0)

    def handle(self, intent: Intent) -> Navigation | None:
        if isinstance(intent, Back):
            return Pop()
        action = self.menu.handle(intent)
        if action == "again" and self.scenario is not None:
            return Replace(Conversation(self.scenario))
        if action == "aside":
            self._set_aside()
        return None if action is None else Pop()

    def _set_aside(self) -> None:
        try:
            kept = set_aside(save_path(self.app.data, self.game.trainee_id, self.game.scenario_id))
        except OSError as problem:
            self.app.tell(f"The save could not be set aside ({problem.strerror or type(problem).__name__}).")
        else:
            self.app.tell(f"The save was set aside as {kept.name}; a trainer can still open it.")
        self.app.changed()

    def relayout(self) -> None:
        theme = self.app.theme
        width, height = theme.size
        pad = theme.px(28)
        inner = min(theme.px(620), width - 2 * theme.px(40) - 2 * pad)
        heading = theme.text(HEADING, "heading", width=inner).get_height()
        message = theme.text(self.message, "body", width=inner).get_height()
        top = heading + theme.px(10) + message + theme.px(24)
        buttons = self.menu.layout_column(theme, 0, 0, inner)
        self._panel = pygame.Rect(0, 0, inner + 2 * pad, top + buttons + 2 * pad)
        self._panel.center = (width // 2, height // 2)
        self.menu.layout_column(theme, self._panel.x + pad, self._panel.y + pad + top, inner)

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.app.theme
        surface.fill(theme.palette.background)
        panel(surface, theme, self._panel)
        pad = theme.px(28)
        inner = self._panel.width - 2 * pad
        heading = theme.text(HEADING, "heading", width=inner)
        x, y = self._panel.x + pad, self._panel.y + pad
        surface.blit(heading, (x, y))
        surface.blit(theme.text(self.message, "body", width=inner), (x, y + heading.get_height() + theme.px(10)))
        self.menu.draw(surface, theme)
