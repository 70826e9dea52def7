"""What to practise next: a scenario that works on the trainee's weakest principles, no more
than one step up the difficulty ladder from what they have already handled.

A suggestion a trainee trusts names its reason, so each comes with one sentence. The inputs
are plain (best scores, how often each principle was broken), so the title, the progress
screen and a report can all ask without the engine knowing where results are kept.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import Scenario

PASSED = 60  # a best overall from here (a C) counts as handled: the next rung opens
MASTERED = 90  # an A: nothing more to practise there for now


@dataclass(frozen=True, slots=True)
class Practice:
    scenario_id: str
    title: str
    reason: str  # one sentence for the trainee


def principles_practised(scenario: Scenario) -> frozenset[str]:
    """The principles its answers name: the ones a trainee can keep or break there."""
    return frozenset(
        consequence.principle
        for node in scenario.nodes.values()
        for consequence in node.consequences()
        if consequence.principle
    )


def practise_next(scenarios: Sequence[Scenario], best: Mapping[str, int], broken: Mapping[str, int]) -> Practice | None:
    """The scenario to practise next, or None for an empty library.

    `best`: scenario id to the best overall so far (absent when never finished); `broken`:
    principle id to how many answers broke it. Among the scenarios not yet mastered up to one
    rung above the hardest one passed, the one practising the most-broken principles wins, then
    the easier, then one never tried; when every one is mastered, the weakest best is suggested."""
    if not scenarios:
        return None
    passed = [s.difficulty for s in scenarios if best.get(s.id, -1) >= PASSED]
    ceiling = max(passed, default=min(s.difficulty for s in scenarios)) + (1 if passed else 0)
    open_ = [s for s in scenarios if s.difficulty <= ceiling and best.get(s.id, -1) < MASTERED]
    if not open_:
        weakest = min(scenarios, key=lambda s: (best.get(s.id, -1), s.difficulty, s.id))
        return Practice(weakest.id, weakest.title, _keep_sharp(weakest, best))
    weight = {s.id: sum(broken.get(p, 0) for p in principles_practised(s)) for s in open_}
    chosen = min(open_, key=lambda s: (-weight[s.id], s.difficulty, s.id in best, best.get(s.id, -1), s.id))
    return Practice(chosen.id, chosen.title, _reason(chosen, best, broken))


def _reason(scenario: Scenario, best: Mapping[str, int], broken: Mapping[str, int]) -> str:
    weak = sorted((p for p in principles_practised(scenario) if broken.get(p, 0)), key=lambda p: (-broken[p], p))
    if weak:
        principle = scenario.principles.get(weak[0])
        name = principle.name if principle else weak[0]
        times = broken[weak[0]]
        said = "once" if times == 1 else "twice" if times == 2 else f"{times} times"
        return f"It practises “{name}”, which your answers have missed {said}."
    if scenario.id not in best:
        return f"You have not tried it yet, and at difficulty {scenario.difficulty} it is your next step."
    return f"Your best here is {best[scenario.id]}: another go should lift it to an A."


def _keep_sharp(scenario: Scenario, best: Mapping[str, int]) -> str:
    return f"Every scenario is at an A; this is your lowest ({best.get(scenario.id, 0)}), so keep it sharp."
