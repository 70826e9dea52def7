"""The title menu: who is practising, Continue, Practise next, Play, Progress, Settings, Quit.

Continue picks up the trainee's most recent save; Practise next names the scenario their results
point to and says why. Both are read again whenever the trainee, their saves or their results
change (the App's `revision`), so the menu coming back after a conversation is up to date.
"""

from __future__ import annotations

import pygame

from ..host import Host
from ..intents import Back, Intent
from ..navigation import Exit, Navigation, Picker, Progress, Push, SettingsMenu, Trainees
from ..scene import Scene
from ..theme import Theme
from ..title_offers import Offers, library_look, offers_for
from ..widgets import Button, ButtonList

TAGLINE = "Practise staying calm, kind and firm with difficult customers."
OFFERS = frozenset({"continue", "practise"})  # shown in a column of their own when one will not fit


class TitleScene(Scene):
    name = "title"

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        self.library = library_look(app.library)
        self.offers = Offers()
        self.seen = -1  # the App's revision the menu was made for
        self.menu = ButtonList(self._buttons())
        self.tagline = True  # dropped when the window has no room for it
        self.header_top = 0

    # -- what is offered ------------------------------------------------------------------
    def _refresh(self) -> None:
        self.offers = offers_for(self.app, self.library.current())
        if self.offers.messages:
            self.app.tell(" ".join(self.offers.messages))
        buttons = self._buttons()
        actions = [button.action for button in buttons]
        self.menu = ButtonList(buttons, focus=actions.index("continue" if "continue" in actions else "play"))
        self.seen = self.app.revision
        self.relayout()

    def _buttons(self) -> list[Button]:
        offers, buttons = self.offers, []
        if offers.games:
            latest = offers.games[0]
            answers = len(latest.session.get("history") or ())
            said = "no answers yet" if not answers else "1 answer in" if answers == 1 else f"{answers} answers in"
            buttons.append(Button("continue", "Continue", detail=f"{offers.title_of(latest)}: {said}"))
        if offers.practice is not None:
            practice = offers.practice
            buttons.append(Button("practise", f"Practise next: {practice.title}", detail=practice.reason))
        buttons += [Button("play", "Play"), Button("progress", "Progress"), Button("settings", "Settings")]
        if self.app.trainee is not None:
            buttons.append(Button("trainee", "Not you? Change trainee"))
        return [*buttons, Button("quit", "Quit")]

    # -- input and time -----------------------------------------------------------------
    def handle(self, intent: Intent) -> Navigation | None:
        if isinstance(intent, Back):
            return Exit()
        action = self.menu.handle(intent)
        if action in OFFERS:
            return self._take_offer(action)
        moves: dict[str | None, Navigation] = {
            "play": Push(Picker()),
            "progress": Push(Progress()),
            "settings": Push(SettingsMenu()),
            "trainee": Push(Trainees()),
            "quit": Exit(),
        }
        return moves.get(action)

    def _take_offer(self, action: str) -> Navigation:
        """Continue the latest save, or begin (or continue) the scenario suggested."""
        from ..continuing import begin, continue_save  # with the first offer taken: it brings the engine

        if action == "continue":
            return continue_save(self.app, self.offers.games[0])
        assert self.offers.practice is not None, "offered only with a suggestion"
        chosen = self.offers.practice.scenario_id
        scenario = next(s for s in self.library.scenarios if s.id == chosen)
        return begin(self.app, scenario, self.offers.games)

    def update(self, dt: float) -> None:
        if self.seen != self.app.revision:
            self._refresh()

    # -- layout ---------------------------------------------------------------------------
    def relayout(self) -> None:
        theme = self.app.theme
        width, height = theme.size
        side = theme.px(40)
        bottom = height - self._notice_height(theme) - theme.px(16)
        column = min(theme.px(460), width - 2 * side)
        offers = [button for button in self.menu.buttons if button.action in OFFERS]
        rest = [button for button in self.menu.buttons if button.action not in OFFERS]
        stacked = ButtonList(self.menu.buttons).layout_column(theme, 0, 0, column)
        two = min(theme.px(440), (width - 2 * side - theme.px(32)) // 2)
        beside = max(ButtonList(part).layout_column(theme, 0, 0, two) for part in (offers, rest))
        for tagline in (True, False):  # the tagline goes first when even two columns do not fit
            self.tagline = tagline
            header = self._header_height(theme)
            if header + stacked <= bottom - 2 * theme.px(16) or not offers:
                top = self._centre(theme, header + stacked, bottom)
                ButtonList(self.menu.buttons).layout_column(theme, (width - column) // 2, top + header, column)
                return
            if header + beside <= bottom - 2 * theme.px(16) or not tagline:
                top = self._centre(theme, header + beside, bottom)
                left = (width - 2 * two - theme.px(32)) // 2
                ButtonList(offers).layout_column(theme, left, top + header, two)
                ButtonList(rest).layout_column(theme, left + two + theme.px(32), top + header, two)
                return

    def _centre(self, theme: Theme, block: int, bottom: int) -> int:
        self.header_top = max(theme.px(16), (bottom - block) // 2)
        return self.header_top

    def _header_height(self, theme: Theme) -> int:
        lines = [theme.font("title").get_linesize(), theme.font("body").get_linesize()]
        if self.tagline:
            lines.append(theme.font("body").get_linesize())
        return sum(lines) + theme.px(8) * len(lines) + theme.px(16)

    def _notice(self) -> str:
        """The latest problem, and always, while it lasts, why results are not being stored (asked once
        the menu is made for someone: the results are not opened before the first frame)."""
        notice, results = self.app.notice, self.app.results_problem if self.seen >= 0 else ""
        return f"{notice} {results}" if results and results not in notice else notice

    def _notice_height(self, theme: Theme) -> int:
        notice = self._notice()
        if not notice:
            return 0
        return theme.text(notice, "small", width=theme.size[0] - 2 * theme.px(40)).get_height() + theme.px(8)

    # -- drawing (reads state, changes nothing) ---------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        theme = self.app.theme
        palette = theme.palette
        width, height = theme.size
        surface.fill(palette.background)
        y = self.header_top
        for text, role, color in self._header_lines(theme):
            line = theme.text(text, role, color)
            surface.blit(line, line.get_rect(midtop=(width // 2, y)))
            y += theme.font(role).get_linesize() + theme.px(8)
        self.menu.draw(surface, theme)
        notice = theme.text(self._notice(), "small", palette.bad, width - 2 * theme.px(40))
        surface.blit(notice, notice.get_rect(midbottom=(width // 2, height - theme.px(16))))

    def _header_lines(self, theme: Theme) -> list[tuple[str, str, tuple[int, int, int]]]:
        palette, trainee = theme.palette, self.app.trainee
        lines = [("Composure", "title", palette.text)]
        if self.tagline:
            lines.append((TAGLINE, "body", palette.muted))
        who = f"Practising: {trainee.name}" if trainee else "Nobody is practising: choose a trainee."
        return [*lines, (who, "body", palette.text)]
