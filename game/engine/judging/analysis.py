"""What a scenario allows: best and worst play, reachable endings, random-play statistics.

Built on the exact state graph. Trainers read it to tune a scenario; the session reads it
to normalise scores and to name the best choice at each point of the debrief.
"""

from __future__ import annotations

import math
import random
import statistics
from collections import Counter, OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import EngineError
from ..model import SCORE_NAMES, Scenario
from .bounds import Bounds, UnboundedLoop, compute_bounds, terminal_gains
from .statespace import Edge, State, StateGraph, explore

TIE = 1e-9  # overall values closer than this are equal (they are sums of fractions)


class AnalysisError(EngineError):
    """The scenario has no finite best and worst: a loop changes a score, or play can get stuck."""


def typical_temperament(scenario: Scenario) -> int:
    temperament = scenario.customer.temperament
    return (temperament.low + temperament.high) // 2


@dataclass(frozen=True, slots=True)
class Analysis:
    graph: StateGraph
    bounds: Bounds
    steps_left: dict[bool, list[float]] = field(default_factory=dict, repr=False, compare=False)

    def best_option(self, state: int, worst: bool = False) -> Edge | None:
        """The option with the best (or worst) overall grade from here, assuming play after it is too.

        On a zero-sum loop, going round ties with leaving; ties go to the option with the fewest
        answers left to an ending, so always taking the best option finishes the conversation."""
        options = self.graph.edges[state]
        if not options:
            return None
        score = self._scorer(worst)
        target = (min if worst else max)(score(e) for e in options)
        tied = [e for e in options if abs(score(e) - target) <= TIE]
        if len(tied) == 1:
            return tied[0]
        steps = self._steps_left(worst)
        return min(tied, key=lambda e: steps[e.target])

    def _scorer(self, worst: bool) -> Callable[[Edge], float]:
        values = self.bounds.worst_overall if worst else self.bounds.best_overall
        return lambda e: self.bounds.overall_weight(e.gains) + values[e.target]

    def _steps_left(self, worst: bool) -> list[float]:
        """Per state, the fewest answers to an ending taking only best (or worst) options."""
        if worst not in self.steps_left:
            graph, score = self.graph, self._scorer(worst)
            leads_to: list[list[int]] = [[] for _ in graph.states]
            for state, out in enumerate(graph.edges):
                if out:
                    target = (min if worst else max)(score(e) for e in out)
                    for e in out:
                        if abs(score(e) - target) <= TIE:
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

    def extreme_path(self, worst: bool = False) -> list[int]:
        """States visited by always taking the best (or worst) option, from the root."""
        path, state = [0], 0
        while (edge := self.best_option(state, worst)) is not None and len(path) <= len(self.graph.states):
            state = edge.target
            path.append(state)
        return path

    def totals(self, path_edges: list[Edge], final_state: int) -> tuple[float, ...]:
        sums = [sum(e.gains[d] for e in path_edges) for d in range(len(SCORE_NAMES))]
        return tuple(s + t for s, t in zip(sums, terminal_gains(self.graph, final_state), strict=True))

    def reachable_endings(self) -> set[str]:
        return {s.place for s in self.graph.states if s.place in self.graph.scenario.endings}


def analyse(scenario: Scenario, temperament: int | None = None, root: State | None = None) -> Analysis:
    graph = explore(scenario, typical_temperament(scenario) if temperament is None else temperament, root)
    stuck = next(graph.stuck_states(), None)
    if stuck is not None:
        raise AnalysisError(f"play can get stuck at {describe_state(graph.states[stuck])}")
    bounds = compute_bounds(graph)
    if isinstance(bounds, list):
        raise AnalysisError(describe_loop(graph, bounds[0]))
    return Analysis(graph, bounds)


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


def random_play(analysis: Analysis, runs: int, seed: int) -> PlayStatistics:
    """Play `runs` games choosing uniformly among the available choices, on the state graph."""
    rng = random.Random(seed)
    graph, bounds = analysis.graph, analysis.bounds
    samples: dict[str, list[float]] = {name: [] for name in (*SCORE_NAMES, "overall")}
    endings: Counter[str] = Counter()
    turns = 0
    choice_edges = [[e for e in out if not e.is_timeout] or out for out in graph.edges]
    for _ in range(runs):
        state, sums = 0, [0, 0, 0]
        while out := choice_edges[state]:
            edge = out[rng.randrange(len(out))] if len(out) > 1 else out[0]
            sums[0] += edge.gains[0]
            sums[1] += edge.gains[1]
            sums[2] += edge.gains[2]
            state = edge.target
            turns += 1
        terminal = terminal_gains(graph, state)
        scores = [bounds.normalised(d, sums[d] + terminal[d]) for d in range(3)]
        for name, value in zip(SCORE_NAMES, scores, strict=True):
            samples[name].append(value)
        samples["overall"].append(sum(scores) / 3)
        endings[graph.states[state].place] += 1
    return PlayStatistics(runs, {k: summarise(v) for k, v in samples.items()}, dict(endings), turns / runs)


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
