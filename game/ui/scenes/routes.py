"""Which screen each destination is: the one module that knows every screen, so that screens
need not know each other. Each screen is imported when first opened, so starting the game
loads only the title menu's modules (the picker and the play screen bring the engine)."""

from __future__ import annotations

from ..host import Host
from ..navigation import (
    CannotContinue,
    Conversation,
    Debrief,
    Destination,
    JumpList,
    PauseMenu,
    Picker,
    Progress,
    SettingsMenu,
    Trainees,
)
from ..scene import Scene


def title_screen(app: Host) -> Scene:
    from .title import TitleScene

    return TitleScene(app)


def screen_for(app: Host, to: Destination) -> Scene:
    match to:
        case Picker():
            from .picker import PickerScene

            return PickerScene(app)
        case SettingsMenu():
            from .settings import SettingsScene

            return SettingsScene(app)
        case Conversation(scenario=scenario, session=session, resuming=resuming, what_if=what_if):
            from .play import PlayScene

            return PlayScene(app, scenario, session, resuming, what_if)
        case PauseMenu(over=over):
            from .pause import PauseScene

            return PauseScene(app, over)
        case Debrief(scenario=scenario, session=session, note=note):
            from .debrief import DebriefScene

            return DebriefScene(app, scenario, session, note)
        case JumpList(over=over):
            from .jump import JumpScene

            return JumpScene(app, over)
        case Progress():
            from .progress import ProgressScene

            return ProgressScene(app)
        case Trainees():
            from .trainees import TraineesScene

            return TraineesScene(app)
        case CannotContinue(message=message, scenario=scenario, game=game):
            from .cannot_continue import CannotContinueScene

            return CannotContinueScene(app, message, scenario, game)
