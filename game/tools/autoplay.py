"""Players without a person: the best, the worst, or a random trainee, for tests and tuning."""

from __future__ import annotations

import random
from collections.abc import Callable

from game.engine import TIMEOUT, Analysis, Session, analysis_for, session_root

STRATEGIES = ("best", "worst", "random")
Policy = Callable[[Session], str]


def play_out(session: Session, strategy: str, seed: int = 0) -> Session:
    """Answer until the conversation ends, choosing by `strategy`."""
    choose = policy(session, strategy, seed)
    while not session.finished:
        choice_id = choose(session)
        if choice_id == TIMEOUT:
            session.timeout()
        else:
            session.choose_id(choice_id)
    return session


def policy(session: Session, strategy: str, seed: int = 0) -> Policy:
    """The chooser for `strategy`: called with the session at each turn, it returns the next
    choice id (or TIMEOUT). The game window's robot player uses it too, so both play alike."""
    if strategy == "random":
        rng = random.Random(seed)
        return lambda s: _random_choice(rng, s)
    if strategy not in ("best", "worst"):
        raise ValueError(f"unknown strategy '{strategy}'; use one of {', '.join(STRATEGIES)}")
    analysis = analysis_for(session.scenario, session.temperament, session_root(session))
    visited: set[int] = set()  # so the player never goes round a loop (see Analysis.best_option)
    return lambda s: _extreme_choice(analysis, s, strategy == "worst", visited)


def _random_choice(rng: random.Random, session: Session) -> str:
    """Any available choice; when none is (all hidden or locked), wait for the timer, as random_play does."""
    available = [o.choice_id for o in session.view().options if o.available]
    return rng.choice(available) if available else TIMEOUT


def _extreme_choice(analysis: Analysis, session: Session, worst: bool, visited: set[int]) -> str:
    state = analysis.graph.find(session.place, session.anger, session.flags)
    visited.add(state)
    edge = analysis.best_option(state, worst, visited)
    assert edge is not None, "a node with no option passed validation"
    node = session.scenario.nodes[session.place]
    return TIMEOUT if edge.is_timeout else node.choices[edge.option].id
