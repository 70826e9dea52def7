"""`lint`: what a scenario teaches, checked where reading one node at a time cannot show it.

Each check is a small function returning warnings (`Diagnostic`s at the node, answer or ending
concerned); `lint` runs them all. They are advice on teaching, not rules of the format: a
scenario that trips one still plays, so `validate` does not run them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial

from ..model import Node, Outcome, Scenario
from ..reading.diagnostics import Diagnostic, Position, Severity
from .analysis import Analysis, AnalysisError, analyse, typical_temperament
from .choice_sets import Answer, ChoiceSet, choice_sets
from .extremes import overall_ranges
from .scoring import GRADES, grade_for
from .statespace import Edge, TooManyStates

PASS_MARK = next(floor for floor, letter in GRADES if letter == "D")  # the lowest grade above E
TOP_MARK = GRADES[0][0]  # an A
FAILURES = (Outcome.ESCALATED, Outcome.LOST)
FAR_AHEAD = 0.5  # of the quality range: the best answer is at least this far above every other
NEAR_WORST = 0.25  # of the quality range: a plainly wrong answer is in its bottom quarter


@dataclass(frozen=True, slots=True)
class LintReport:
    """A scenario's warnings, and notes on what could not be checked (and why)."""

    findings: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def lint(scenario: Scenario) -> LintReport:
    """Every check, over the answers as written and over play at the lowest, middle and highest temperament."""
    report = LintReport()
    sets = choice_sets(scenario)
    report.findings.extend(one_good_answer(scenario, sets))
    report.findings.extend(feedback_without_better_words(scenario, sets))
    report.findings.extend(poor_answers_without_principle(scenario, sets))
    analyses = _analyses(scenario, report.notes)
    if analyses:
        middle = analyses[len(analyses) // 2]
        report.findings.extend(length_bias(scenario, sets, middle))
        report.findings.extend(failures_scoring_well(scenario, analyses))
    report.findings.extend(untaught_objectives(scenario, report.notes))
    report.findings.sort(key=lambda d: (d.position, d.code))
    return report


def _analyses(scenario: Scenario, notes: list[str]) -> list[Analysis]:
    """The scenario played out at its lowest, middle and highest temperament, as `validate` does."""
    low, high = scenario.customer.temperament.low, scenario.customer.temperament.high
    try:
        return [analyse(scenario, t) for t in sorted({low, typical_temperament(scenario), high})]
    except (AnalysisError, TooManyStates) as problem:
        notes.append(f"the checks of whole play (answer length, failure scores) were skipped: {problem}")
        return []


def _warning(scenario: Scenario, position: Position, code: str, message: str) -> Diagnostic:
    return Diagnostic(scenario.path, position, Severity.WARNING, code, message)


# -- answer length -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LengthCount:
    """In how many choice sets with one longest (one shortest) choice that choice is a best one."""

    longest_best: int
    longest_sets: int
    shortest_best: int
    shortest_sets: int


@dataclass(frozen=True, slots=True)
class LengthPlay:
    """What a trainee gets who always picks the longest (or shortest) answer on offer."""

    ending: str
    outcome: Outcome
    overall: int

    @property
    def wins(self) -> bool:
        return self.overall >= TOP_MARK


def length_count(sets: Iterable[ChoiceSet]) -> LengthCount:
    counts = [0, 0, 0, 0]
    for choice_set in sets:
        best = choice_set.best
        for slot, pick in enumerate((max, min)):
            extreme = _only(choice_set.choices, pick)
            if extreme is not None:
                counts[2 * slot + 1] += 1
                counts[2 * slot] += extreme in best
    return LengthCount(*counts)


def _only(answers: tuple[Answer, ...], pick: Callable[..., int]) -> Answer | None:
    """The one longest (shortest) answer, or None when two share that length or there is one answer."""
    if len(answers) < 2:
        return None
    length = pick(len(a.text) for a in answers)
    found = [a for a in answers if len(a.text) == length]
    return found[0] if len(found) == 1 else None


def length_play(analysis: Analysis, longest: bool) -> LengthPlay | None:
    """Always the longest (shortest) choice on offer, ties to the first written, never back to a
    situation already met; None where that goes round a loop."""
    graph = analysis.graph
    state, visited, play = 0, {0}, []
    while graph.edges[state]:
        node = graph.node_of(state)
        assert node is not None
        out = graph.edges[state]
        fresh = [e for e in ([e for e in out if not e.is_timeout] or out) if e.target not in visited]
        if not fresh:
            return None
        edge = (max if longest else min)(fresh, key=partial(_length_of, node))
        play.append((state, edge))
        state = edge.target
        visited.add(state)
    outcome = analysis.outcome_of(state)
    return LengthPlay(graph.states[state].place, outcome, round(analysis.overall_of(play)))


def _length_of(node: Node, edge: Edge) -> int:
    return 0 if edge.is_timeout else len(node.choices[edge.option].text)


def length_bias(scenario: Scenario, sets: list[ChoiceSet], analysis: Analysis) -> list[Diagnostic]:
    """The best answer must not be the longest (shortest) in half the choice sets or more and more
    often than the other way round, and picking answers by their length alone must not earn an A."""
    count = length_count(sets)
    found = []
    for longest in (True, False):
        word = "longest" if longest else "shortest"
        opposite = "shortest" if longest else "longest"
        best, among = (
            (count.longest_best, count.longest_sets) if longest else (count.shortest_best, count.shortest_sets)
        )
        other, other_among = (
            (count.shortest_best, count.shortest_sets) if longest else (count.longest_best, count.longest_sets)
        )
        play = length_play(analysis, longest)
        lopsided = among > 0 and 2 * best >= among and best > other
        if not (lopsided or (play is not None and play.wins)):
            continue
        outcome = (
            f"always picking the {word} answer ends '{play.ending}' ({play.outcome.value}) with {play.overall},"
            f" grade {grade_for(play.overall)}"
            if play is not None
            else f"always picking the {word} answer goes round a loop"
        )
        found.append(
            _warning(
                scenario,
                scenario.id_position,
                "answer-length",
                f"answer length gives the best answer away: in {best} of the {among} choice sets with a single "
                f"{word} answer, the {word} is a best one (the {opposite}, in {other} of {other_among}); {outcome}, "
                f"at temperament {analysis.graph.temperament}%. "
                "Write wrong answers as long and as careful as the right ones",
            )
        )
    return found


# -- one answer far ahead --------------------------------------------------------------------


def is_plainly_wrong(answer: Answer) -> bool:
    """An answer no trainee is tempted by: it angers the customer, costs points overall and is
    near the worst on offer. A tempting wrong answer does something that looks good, such as
    calming the customer down, or is only a little worse than the best."""
    effects = answer.consequence.effects
    return effects.anger > 0 and sum(effects.gains()) < 0 and answer.mean < NEAR_WORST


def one_good_answer(scenario: Scenario, sets: list[ChoiceSet]) -> list[Diagnostic]:
    """A choice set where one answer is far ahead and every other is plainly wrong: no decision."""
    found = []
    for choice_set in sets:
        best = choice_set.best
        others = [a for a in choice_set.choices if a not in best]
        if len(best) != 1 or not others or not all(is_plainly_wrong(a) for a in others):
            continue
        if any(best[0].mean - a.mean < FAR_AHEAD for a in others):
            continue
        wrong = ", ".join(f"'{a.id}' {_signed(a.consequence.effects.anger)} anger" for a in others)
        found.append(
            _warning(
                scenario,
                best[0].position,
                "one-good-answer",
                f"no real decision at {choice_set.where}: '{best[0].id}' is the only answer that neither angers "
                f"the customer nor costs points ({wrong}); add a wrong answer that tempts, one that seems to help "
                "(it calms the customer, or promises a quick fix) but breaks a principle",
            )
        )
    return found


def _signed(number: int) -> str:
    return f"{number:+d}"


# -- feedback and principles of poor answers ---------------------------------------------------

QUOTATION = re.compile(r"[\u201c\"]([^\u201c\u201d\"]+)[\u201d\"]")
WORD = re.compile(r"[a-z0-9]+(?:['\u2019][a-z]+)?")


def better_words(answer: Answer) -> list[str]:
    """The quotations in an answer's feedback that are not its own words: the better wording."""
    own = set(WORD.findall(answer.text.lower()))
    quotes = (q for q in QUOTATION.findall(answer.consequence.feedback))
    return [q for q in quotes if len(words := WORD.findall(q.lower())) >= 2 and not set(words) <= own]


def feedback_without_better_words(scenario: Scenario, sets: list[ChoiceSet]) -> list[Diagnostic]:
    """A poor answer's feedback should give the exact words that would have been better."""
    return [
        _warning(
            scenario,
            answer.position,
            "no-better-words",
            f"{poorer}, but its feedback gives no better words: write, in double quotes, exactly what the trainee "
            "could have said instead"
            if answer.consequence.feedback
            else f"{poorer}, and has no feedback: say why it hurt, and quote the better words",
        )
        for answer, poorer in _poor_answers(sets)
        if not better_words(answer)
    ]


def poor_answers_without_principle(scenario: Scenario, sets: list[ChoiceSet]) -> list[Diagnostic]:
    """A poor answer without a principle leaves the debrief unable to say which one it broke."""
    return [
        _warning(
            scenario,
            answer.position,
            "poor-without-principle",
            f"{poorer}, and names no principle, so the debrief cannot say which one it breaks: add `principle:`",
        )
        for answer, poorer in _poor_answers(sets)
        if not answer.consequence.principle
    ]


def _poor_answers(sets: list[ChoiceSet]) -> Iterator[tuple[Answer, str]]:
    """Each poor answer, with the start of a sentence about it."""
    for choice_set in sets:
        for answer in choice_set.answers:
            if answer.is_poor:
                yield answer, f"{_named(answer)} is one of the poorer answers at {choice_set.where}"


def _named(answer: Answer) -> str:
    return "the timeout" if answer.choice is None else f"'{answer.id}'"


# -- failures that score well ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FailureScore:
    """A failure outcome whose best path reaches a passing grade at one temperament."""

    outcome: Outcome
    endings: tuple[str, ...]  # the endings of that outcome that play reaches
    best: float
    best_within_reach: Outcome


def failing_but_passing(analysis: Analysis) -> list[FailureScore]:
    """Escalated and lost outcomes whose best overall (exact, or the band's top where the nodes
    form a loop) is a pass. Bands never overlap, so this happens only where no better outcome is
    within reach: the scoring then counts the failure as the best the customer allows."""
    exact = overall_ranges(analysis)
    graph = analysis.graph
    reached = sorted(analysis.reachable_endings(), key=list(graph.scenario.endings).index)
    found = []
    for outcome in FAILURES:
        endings = tuple(e for e in reached if graph.scenario.endings[e].outcome is outcome)
        if not endings:
            continue
        best = exact[outcome].best if exact is not None else analysis.standing.band(outcome)[1]
        if round(best) >= PASS_MARK:
            found.append(FailureScore(outcome, endings, best, analysis.standing.best()))
    return found


def failures_scoring_well(scenario: Scenario, analyses: list[Analysis]) -> list[Diagnostic]:
    by_ending: dict[tuple[str, ...], list[tuple[int, FailureScore]]] = {}
    for analysis in analyses:
        for failure in failing_but_passing(analysis):
            by_ending.setdefault(failure.endings, []).append((analysis.graph.temperament, failure))
    found = []
    for endings, cases in by_ending.items():
        named = [f"{t}%" for t, _ in cases]
        temperaments = (
            f"temperament {named[0]}" if len(named) == 1 else f"temperaments {', '.join(named[:-1])} and {named[-1]}"
        )
        _, top = max(cases, key=lambda case: case[1].best)
        score = round(top.best)
        found.append(
            _warning(
                scenario,
                scenario.endings[endings[0]].position,
                "failure-scores-well",
                f"a failure can pass: at {temperaments} the best outcome within reach is "
                f"'{top.best_within_reach.value}', so {' and '.join(repr(e) for e in endings)} "
                f"({top.outcome.value}) can score {score}, grade {grade_for(score)}. Make a resolved or partial "
                "ending reachable at every temperament of the customer's range",
            )
        )
    return found


# -- objectives --------------------------------------------------------------------------------

STOP_WORDS = frozenset(
    "a about all also an and any are as at be been before by can can't do does for from get give go had has "
    "have he her him his how if in instead into is it its just let like me more my not of off on or our own "
    "say she so some than that the their them then there they this those to up us was we were what when "
    "where which while who will with you your".split()
)
SUFFIXES = ("ing", "ly", "es", "ed", "s")
MATCHED_AT = 1  # shared words with a principle's id and name (which count twice) and explanation


def stems(text: str) -> set[str]:
    """A text's meaningful words, roughly stemmed: enough to see an objective and a principle agree."""
    found = set()
    for word in WORD.findall(text.lower().replace("\u2019", "'")):
        if word in STOP_WORDS or len(word) < 3:
            continue
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        found.add(word)
    return found


def objective_principles(objective: str, scenario: Scenario) -> list[str]:
    """The principles whose words an objective shares most (those of its id and name counting
    twice), all of them where several share as many."""
    words = stems(objective)
    scored = {
        principle.id: 2 * len(words & stems(f"{principle.id.replace('-', ' ')} {principle.name}"))
        + len(words & stems(principle.explanation))
        for principle in scenario.principles.values()
    }
    top = max(scored.values(), default=0)
    return [key for key, score in scored.items() if score == top] if top >= MATCHED_AT else []


def untaught_objectives(scenario: Scenario, notes: list[str]) -> list[Diagnostic]:
    """An objective whose principle no answer names: the trainee is never shown it, right or wrong.

    Objectives are sentences, not principle ids, so each is matched to the principles whose words
    it uses; one that matches none is noted as unchecked rather than guessed at."""
    if not scenario.principles:
        notes.append("no principles.yaml beside the scenario, so its objectives were not checked")
        return []
    named = {c.principle for node in scenario.nodes.values() for c in node.consequences()}
    found = []
    for number, objective in enumerate(scenario.objectives, 1):
        matches = objective_principles(objective, scenario)
        if not matches:
            notes.append(f"objective {number} ('{objective}') uses the words of no principle, so it was not checked")
        elif not named & set(matches):
            names = " or ".join(f"'{p}' ({scenario.principles[p].name})" for p in matches)
            found.append(
                _warning(
                    scenario,
                    scenario.id_position,
                    "objective-untaught",
                    f"objective {number} ('{objective}') reads as the principle {names}, "
                    "but no answer names it: give the answer that teaches it `principle:`",
                )
            )
    return found
