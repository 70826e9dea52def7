"""What a scenario allows: how good each answer is, which outcomes stay reachable, best and
worst play, random-play statistics.

Built on the exact state graph. Trainers read it to tune a scenario; the session reads it to
judge each answer among those on offer and to name the better choice in the debrief.
"""

from __future__ import annotations

import math
import random
import statistics
from collections import Counter, OrderedDict, deque
from collections.abc import Container
from dataclasses import dataclass, field

from ..errors import EngineError
from ..model import SCORE_NAMES, Outcome, Scenario
from .loops import UnboundedLoop, strongly_connected
from .quality import Quality, mean_quality, option_qualities, score_means
from .standing import Standing
from .statespace import Edge, State, StateGraph, explore

TIE = 1e-9  # values closer than this are equal (they are sums of fractions)


class AnalysisError(EngineError):
    """The scenario cannot be judged: play can get stuck."""


def typical_temperament(scenario: Scenario) -> int:
    temperament = scenario.customer.temperament
    return (temperament.low + temperament.high) // 2


@dataclass(frozen=True, slots=True)
class Analysis:
    graph: StateGraph
    standing: Standing
    qualities: list[list[Quality]]  # per state, per option (aligned with graph.edges)
    best_level: list[int]  # per state, the best outcome level still reachable
    worst_level: list[int]
    steps_left: dict[bool, list[float]] = field(default_factory=dict, repr=False, compare=False)

    def quality(self, state: int, edge: Edge) -> Quality:
        return self.qualities[state][self.graph.edges[state].index(edge)]

    def value(self, state: int, edge: Edge) -> float:
        """What an option is worth with best play after it, as the debrief's better choice
        weighs it: first the outcome level it keeps within reach, then its own quality. A level
        outweighs any quality (0..1)."""
        return mean_quality(self.quality(state, edge)) - 2 * self.best_level[edge.target]

    def best_option(self, state: int, worst: bool = False, visited: Container[int] = ()) -> Edge | None:
        """The option of highest (or lowest) value here, skipping options back to `visited` states.

        Only options keeping the best (worst) outcome level within reach are considered. Since a node
        answered again earns nothing, a player that remembers where it has been goes somewhere new,
        and when every such option leads back it takes the shortest way to an ending: so always
        taking the best option finishes the conversation. Ties go to the fewest answers left."""
        options = self.graph.edges[state]
        if not options:
            return None
        levels = self.worst_level if worst else self.best_level
        keep = [e for e in options if levels[e.target] == levels[state]]
        steps = self._steps_left(worst)
        fresh = [e for e in keep if e.target not in visited]
        if not fresh:
            return min(keep, key=lambda e: steps[e.target])
        quality = {e: mean_quality(self.quality(state, e)) for e in fresh}
        target = (min if worst else max)(quality.values())
        return min((e for e in fresh if abs(quality[e] - target) <= TIE), key=lambda e: steps[e.target])

    def _steps_left(self, worst: bool) -> list[float]:
        """Per state, the fewest answers to an ending through options that keep the best (worst)
        outcome level within reach: finite everywhere, as some ending has that level."""
        if worst not in self.steps_left:
            graph, levels = self.graph, self.worst_level if worst else self.best_level
            leads_to: list[list[int]] = [[] for _ in graph.states]
            for state, out in enumerate(graph.edges):
                for e in out:
                    if levels[e.target] == levels[state]:
                        leads_to[e.target].append(state)
            steps = [math.inf] * len(graph.states)
            todo = deque(i for i in range(len(graph.states)) if graph.is_ending(i))
            for i in todo:
                steps[i] = 0
            while todo:
                reached = todo.popleft()
                for state in leads_to[reached]:
                    if steps[state] == math.inf:
                        steps[state] = steps[reached] + 1
                        todo.append(state)
            self.steps_left[worst] = steps
        return self.steps_left[worst]

    def extreme_play(self, worst: bool = False, start: int = 0) -> list[tuple[int, Edge]]:
        """The (state, option) pairs of always taking the best (or worst) option, from `start`."""
        play, state, visited = [], start, {start}
        while (edge := self.best_option(state, worst, visited)) is not None:
            play.append((state, edge))
            state = edge.target
            visited.add(state)
        return play

    def extreme_path(self, worst: bool = False) -> list[int]:
        """States visited by always taking the best (or worst) option, from the root."""
        return [0, *(edge.target for _, edge in self.extreme_play(worst))]

    def overall_of(self, play: list[tuple[int, Edge]]) -> float:
        """The overall score of (state, option) pairs from the root to an ending."""
        places = [self.graph.states[state].place for state, _ in play]
        means = score_means(places, [self.quality(state, edge) for state, edge in play])
        return self.standing.overall(self.outcome_of(play[-1][1].target if play else 0), sum(means) / 3)

    def outcome_of(self, state: int) -> Outcome:
        return self.graph.scenario.endings[self.graph.states[state].place].outcome

    def reachable_endings(self) -> set[str]:
        return {s.place for s in self.graph.states if s.place in self.graph.scenario.endings}


def analyse(scenario: Scenario, temperament: int | None = None, root: State | None = None) -> Analysis:
    graph = explore(scenario, typical_temperament(scenario) if temperament is None else temperament, root)
    stuck = next(graph.stuck_states(), None)
    if stuck is not None:
        raise AnalysisError(f"play can get stuck at {describe_state(graph.states[stuck])}")
    endings = scenario.endings
    outcomes = [endings[s.place].outcome if s.place in endings else None for s in graph.states]
    standing = Standing.among(o for o in outcomes if o is not None)
    levels = [None if o is None else standing.level(o) for o in outcomes]
    return Analysis(graph, standing, all_qualities(graph), *reachable_levels(graph, levels))


def all_qualities(graph: StateGraph) -> list[list[Quality]]:
    """Each state's option qualities; states offering the same effects (a node met at another
    anger or with other flags, usually) share one list."""
    known: dict[tuple[tuple[int, int, int], ...], list[Quality]] = {}
    found = []
    for out in graph.edges:
        gains = tuple(e.gains for e in out)
        qualities = known.get(gains)
        if qualities is None:
            qualities = known[gains] = option_qualities(out)
        found.append(qualities)
    return found


def reachable_levels(graph: StateGraph, levels: list[int | None]) -> tuple[list[int], list[int]]:
    """Per state, the best and the worst level of the endings it can still reach: one pass over
    the groups of states that reach each other, sinks first."""
    best, worst = [0] * len(graph.states), [0] * len(graph.states)
    edges = graph.edges
    for group in strongly_connected(graph):
        members = set(group) if len(group) > 1 else group  # most groups are one state: no set to build
        found = [level for s in group if (level := levels[s]) is not None]
        exits = [e.target for s in group for e in edges[s] if e.target not in members]
        low = min([best[t] for t in exits] + found)
        high = max([worst[t] for t in exits] + found)
        for state in group:
            best[state], worst[state] = low, high
    return best, worst


_RECENT: OrderedDict[tuple[int, int, State | None], tuple[Scenario, Analysis]] = OrderedDict()
RECENT_LIMIT = 8


def analysis_for(scenario: Scenario, temperament: int, root: State | None = None) -> Analysis:
    """`analyse`, remembering the last few: a debrief, the best player and each rewind ask
    for the same analysis again and again, and it never changes for a loaded scenario."""
    key = (id(scenario), temperament, root)
    known = _RECENT.get(key)
    if known is not None and known[0] is scenario:  # the entry holds the scenario, so ids cannot be reused
        _RECENT.move_to_end(key)
        return known[1]
    analysis = analyse(scenario, temperament, root)
    _RECENT[key] = (scenario, analysis)
    if len(_RECENT) > RECENT_LIMIT:
        _RECENT.popitem(last=False)
    return analysis


def describe_state(state: State) -> str:
    flags = ", ".join(sorted(state.flags)) or "none"
    return f"node '{state.place}' with anger {state.anger} and flags: {flags}"


def describe_loop(graph: StateGraph, loop: UnboundedLoop) -> str:
    node = graph.node_of(loop.state)
    assert node is not None
    option = "the timeout" if loop.edge.is_timeout else f"choice '{node.choices[loop.edge.option].id}'"
    return (
        f"{option} of node '{node.id}' is on a loop that changes {loop.dimension} each time round, "
        "so a trainee could raise or lower it without end; make every loop add up to zero"
    )


@dataclass(frozen=True, slots=True)
class PlayStatistics:
    runs: int
    scores: dict[str, dict[str, float]]  # score name -> mean, min, p10, median, p90, max
    endings: dict[str, int]
    mean_turns: float
    outcomes: dict[str, tuple[float, float]]  # outcome -> lowest and highest overall seen


def random_play(analysis: Analysis, runs: int, seed: int) -> PlayStatistics:
    """Play `runs` games choosing uniformly among the available choices, on the state graph."""
    rng = random.Random(seed)
    graph, qualities = analysis.graph, analysis.qualities
    samples: dict[str, list[float]] = {name: [] for name in (*SCORE_NAMES, "overall")}
    endings: Counter[str] = Counter()
    by_outcome: dict[str, list[float]] = {}
    turns = 0
    choices = [[i for i, e in enumerate(out) if not e.is_timeout] or list(range(len(out))) for out in graph.edges]
    for _ in range(runs):
        state, places, answers = 0, [], []
        while options := choices[state]:
            pick = options[rng.randrange(len(options))] if len(options) > 1 else options[0]
            places.append(graph.states[state].place)
            answers.append(qualities[state][pick])
            state = graph.edges[state][pick].target
        turns += len(answers)
        means = score_means(places, answers)
        overall = analysis.standing.overall(analysis.outcome_of(state), sum(means) / 3)
        for name, value in zip(SCORE_NAMES, means, strict=True):
            samples[name].append(100 * value)
        samples["overall"].append(overall)
        endings[graph.states[state].place] += 1
        by_outcome.setdefault(analysis.outcome_of(state).value, []).append(overall)
    return PlayStatistics(
        runs,
        {k: summarise(v) for k, v in samples.items()},
        dict(endings),
        turns / runs,
        {k: (round(min(v), 1), round(max(v), 1)) for k, v in by_outcome.items()},
    )


def summarise(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    at = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {
        "mean": round(statistics.fmean(ordered), 1),
        "min": round(ordered[0], 1),
        "p10": round(at(0.1), 1),
        "median": round(at(0.5), 1),
        "p90": round(at(0.9), 1),
        "max": round(ordered[-1], 1),
    }
