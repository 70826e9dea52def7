"""The title menu: Play, Settings, Quit."""

from __future__ import annotations

import pygame

from ..host import Host
from ..intents import Back, Intent
from ..navigation import Exit, Navigation, Picker, Push, SettingsMenu
from ..scene import Scene
from ..widgets import Button, ButtonList, centered_text


class TitleScene(Scene):
    name = "title"

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        self.menu = ButtonList([Button("play", "Play"), Button("settings", "Settings"), Button("quit", "Quit")])

    def relayout(self) -> None:
        theme = self.app.theme
        width, height = theme.size
        column = min(theme.px(420), width - 2 * theme.px(40))
        self.menu.layout_column(theme, (width - column) // 2, int(height * 0.45), column)

    def handle(self, intent: Intent) -> Navigation | None:
        if isinstance(intent, Back):
            return Exit()
        action = self.menu.handle(intent)
        if action == "play":
            return Push(Picker())
        if action == "settings":
            return Push(SettingsMenu())
        if action == "quit":
            return Exit()
        return None

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.app.theme
        width, height = theme.size
        surface.fill(theme.palette.background)
        centered_text(surface, theme, "Composure", "title", (width // 2, int(height * 0.2)))
        tagline = "Practise staying calm, kind and firm with difficult customers."
        centered_text(surface, theme, tagline, "body", (width // 2, int(height * 0.2) + theme.px(64)))
        self.menu.draw(surface, theme)
        if self.app.notice:
            notice = theme.text(self.app.notice, "small", theme.palette.bad, width - 2 * theme.px(40))
            surface.blit(notice, notice.get_rect(midbottom=(width // 2, height - theme.px(20))))
