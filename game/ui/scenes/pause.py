"""The pause menu: a panel over the dimmed, frozen conversation.

The play screen stays visible underneath so the trainee keeps their place, but it is only
drawn, never updated: its timer stands still until they resume.
"""

from __future__ import annotations

import pygame

from ..host import Host
from ..intents import Back, Intent
from ..navigation import BackToTitle, Navigation, Pausable, Pop, Push, SettingsMenu
from ..scene import Scene
from ..widgets import Button, ButtonList, panel

NOTE = "The conversation is paused and its timer has stopped. Esc resumes."
DIM_ALPHA = 170
DIM_ALPHA_HIGH_CONTRAST = 215  # darker, so the white-edged panel stands clear of the scene


class PauseScene(Scene):
    name = "pause"

    def __init__(self, app: Host, play_scene: Pausable) -> None:
        super().__init__(app)
        self.play_scene = play_scene
        self.menu = ButtonList(
            [
                Button("resume", "Resume"),
                Button("restart", "Restart"),
                Button("settings", "Settings"),
                Button("quit", "Quit to menu"),
            ]
        )
        self._panel = pygame.Rect(0, 0, 0, 0)
        self._dim = pygame.Surface((1, 1), pygame.SRCALPHA)

    def relayout(self) -> None:
        theme = self.app.theme
        width, height = theme.size
        pad = theme.px(28)
        inner = min(theme.px(420), width - 2 * theme.px(40) - 2 * pad)
        heading = theme.text("Paused", "heading").get_height()
        note = theme.text(NOTE, "small", width=inner).get_height()
        buttons_top = heading + theme.px(8) + note + theme.px(20)
        # lay the buttons out once at the origin to learn the panel's height, then centre it
        buttons_height = self.menu.layout_column(theme, 0, 0, inner)
        size = (inner + 2 * pad, buttons_top + buttons_height + 2 * pad)
        self._panel = pygame.Rect((0, 0), size)
        self._panel.center = (width // 2, height // 2)
        self.menu.layout_column(theme, self._panel.x + pad, self._panel.y + pad + buttons_top, inner)
        alpha = DIM_ALPHA_HIGH_CONTRAST if self.app.settings.high_contrast else DIM_ALPHA
        self._dim = pygame.Surface(theme.size, pygame.SRCALPHA)
        self._dim.fill((0, 0, 0, alpha))

    def handle(self, intent: Intent) -> Navigation | None:
        if isinstance(intent, Back):
            return Pop()
        action = self.menu.handle(intent)
        if action is None:
            return None
        self.app.sound.play("select")
        if action == "restart":
            self.play_scene.restart()
        if action == "settings":
            return Push(SettingsMenu())
        if action == "quit":
            return BackToTitle()
        return Pop()  # resume, or restart

    def draw(self, surface: pygame.Surface) -> None:
        theme = self.app.theme
        self.play_scene.draw(surface)
        surface.blit(self._dim, (0, 0))
        panel(surface, theme, self._panel)
        pad = theme.px(28)
        inner = self._panel.width - 2 * pad
        heading = theme.text("Paused", "heading")
        surface.blit(heading, (self._panel.x + pad, self._panel.y + pad))
        note = theme.text(NOTE, "small", theme.palette.muted, inner)
        surface.blit(note, (self._panel.x + pad, self._panel.y + pad + heading.get_height() + theme.px(8)))
        self.menu.draw(surface, theme)
