"""The title menu: who is practising, Continue, Practise next, Play, Progress, Settings, Quit,
beside a picture of customers waiting at the counter, with the game's version in a corner.

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
from ..title_offers import Offers, library_look, offers_for
from ..widgets import Button, ButtonList
from .title_layout import Header, TitleLayout, lay_out
from .title_version import game_version

TITLE = "Composure"
QUIET = frozenset({"tagline", "version"})  # the title's lines drawn muted
TAGLINE = "Practise staying calm, kind and firm with difficult customers."
OFFERS = frozenset({"continue", "practise"})  # across the menu's width, marked in the accent


class TitleScene(Scene):
    name = "title"

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        self.library = library_look(app.library)
        self.offers = Offers()
        self.seen = -1  # the App's revision the menu was made for
        self.menu = ButtonList(self._buttons())
        self.layout = TitleLayout(pygame.Rect(0, 0, 0, 0), pygame.Rect(0, 0, 0, 0), (), ())
        self.noticed = ""  # the notice the layout made room for
        self.version = ""  # read when the menu is first made, not while the game starts

    # -- what is offered ------------------------------------------------------------------
    def _refresh(self) -> None:
        self.version = f"Version {game_version()}"
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
        buttons += [Button("play", "Play: choose a scenario"), Button("progress", "Progress")]
        buttons.append(Button("settings", "Settings"))
        if self.app.trainee is not None:
            buttons.append(Button("trainee", "Change trainee"))
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
        elif self._notice() != self.noticed:  # a problem told since: the footer makes room for it
            self.relayout()

    # -- layout ---------------------------------------------------------------------------
    def relayout(self) -> None:
        header = Header(TITLE, TAGLINE, self._who())
        self.noticed = self._notice()
        self.layout = lay_out(self.app.theme, header, self.menu.buttons, OFFERS, self.noticed, self.version)

    def _who(self) -> str:
        trainee = self.app.trainee
        return f"Practising: {trainee.name}" if trainee else "Nobody is practising: choose a trainee."

    def _notice(self) -> str:
        """The latest problem, and always, while it lasts, why results are not being stored (asked once
        the menu is made for someone: the results are not opened before the first frame)."""
        notice, results = self.app.notice, self.app.results_problem if self.seen >= 0 else ""
        return f"{notice} {results}" if results and results not in notice else notice

    # -- drawing (reads state, changes nothing) ---------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        from ..title_art import draw_mark, draw_title_art  # drawn first after start-up: faces bring the model

        theme, layout = self.app.theme, self.layout
        palette = theme.palette
        surface.fill(palette.background)
        if layout.art.width:
            draw_title_art(surface, theme, layout.art)
        draw_mark(surface, theme, layout.mark)
        for line in (*layout.lines, *layout.footer):
            color = palette.bad if line.kind == "notice" else palette.muted if line.kind in QUIET else palette.text
            surface.blit(theme.text(line.text, line.role, color, line.wrap), line.rect)
        self.menu.draw(surface, theme)
        for button in self.menu.buttons:
            if button.action in OFFERS:  # what the trainee most likely wants, marked in the accent
                stripe = pygame.Rect(button.rect.x + theme.px(6), button.rect.y + theme.px(10), theme.px(4), 0)
                stripe.height = button.rect.height - 2 * theme.px(10)
                pygame.draw.rect(surface, palette.accent, stripe, border_radius=stripe.width // 2)
