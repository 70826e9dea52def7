"""Where starting a scenario goes for the trainee practising: back into their save at the exact point
when there is one (the title's Continue, a picker card "in progress"), or to a sentence saying why
it cannot be continued and what can be done instead.

Screens ask this rather than each other, so the title, the picker and "Practise next" all treat a
save alike: a conversation in progress is never silently started over.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine import Scenario
from game.storage.resuming import Resumable, resume_save
from game.storage.saves import SavedGame

from .host import Host
from .navigation import CannotContinue, Conversation, Navigation, Push, Resuming


def continue_save(app: Host, game: SavedGame) -> Navigation:
    """The conversation of `game`, picked up where it was left; or why it cannot be."""
    found = resume_save(game, app.library)
    if isinstance(found, Resumable):
        resuming = Resuming(found.waited, found.call_seconds, game.started_at)
        return Push(Conversation(found.scenario, found.session, resuming))
    return Push(CannotContinue(found.message, found.scenario, game))


def begin(app: Host, scenario: Scenario, games: Sequence[SavedGame]) -> Navigation:
    """`scenario` for the trainee: continued when they have a save of it, otherwise a new conversation."""
    saved = next((game for game in games if game.scenario_id == scenario.id), None)
    return continue_save(app, saved) if saved is not None else Push(Conversation(scenario))
