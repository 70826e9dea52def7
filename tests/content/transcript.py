"""Plain-text transcripts of scripted conversations, for the golden-file tests.

`transcript(scenario, seed, choice_ids, round_trip)` plays a real Session with the given
answers (choice ids, or `TIMEOUT` for letting the timer run out) and writes down, turn by
turn, everything the trainee sees and does, then the whole debrief. With `round_trip=True`
the session is saved to JSON and restored after every turn, so comparing the two
transcripts proves that save/restore changes nothing.

The runs behind the golden files are listed in golden/runs.json. To regenerate them after
an intended change to content or engine, run from the repository root:

    python3 -m tests.content.transcript --update

and read the diff before committing it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # also when run as `python3 tests/content/transcript.py`
    sys.path.insert(0, str(ROOT))

from game.engine.judging.scoring import result
from game.engine.model import Scenario
from game.engine.playing.session import TIMEOUT, Session, View
from game.engine.reading.typography import quoted_speech
from game.storage.scenario_files import load_scenario

GOLDEN = Path(__file__).resolve().parent / "golden"
RUNS = GOLDEN / "runs.json"
UPDATE_COMMAND = "python3 -m tests.content.transcript --update"


class ScriptError(Exception):
    """The list of answers does not fit the conversation (too short, too long, not offered)."""


@dataclass(frozen=True, slots=True)
class Run:
    name: str
    scenario: str  # file name under scenarios/
    seed: int
    choices: tuple[str, ...]
    covers: str

    @property
    def golden(self) -> Path:
        return GOLDEN / f"{self.name}.txt"

    @property
    def scenario_path(self) -> Path:
        return ROOT / "scenarios" / self.scenario


def load_runs(path: Path = RUNS) -> list[Run]:
    return [
        Run(r["name"], r["scenario"], r["seed"], tuple(r["choices"]), r["covers"])
        for r in json.loads(path.read_text(encoding="utf-8"))
    ]


def round_tripped(scenario: Scenario, session: Session) -> Session:
    """The session after a save to JSON text and a restore, as the game's save files do it."""
    return Session.from_dict(scenario, json.loads(json.dumps(session.to_dict())))


def transcript(scenario: Scenario, seed: int, choice_ids: Iterable[str], round_trip: bool) -> str:
    session = Session.start(scenario, seed)
    if round_trip:
        session = round_tripped(scenario, session)
    lines = [
        f"Scenario: {scenario.id} ({scenario.title})",
        f"Seed: {seed}   Customer: {scenario.customer.name}, temperament {session.temperament}%",
    ]
    for choice_id in choice_ids:
        if session.finished:
            raise ScriptError(f"the conversation ended at '{session.place}' before the answer '{choice_id}'")
        view = session.view()
        lines += ["", *_turn(view, session.flags)]
        answer = _answer(view, choice_id)
        if choice_id == TIMEOUT:
            session.timeout()
        else:
            session.choose_id(choice_id)
        lines += [answer, f"Anger {view.anger} -> {session.anger}"]
        if round_trip:
            session = round_tripped(scenario, session)
    if not session.finished:
        raise ScriptError(f"the answers ran out at '{session.place}' before an ending")
    lines += ["", *_debrief(session)]
    return "\n".join(lines) + "\n"


def _turn(view: View, flags: frozenset[str]) -> list[str]:
    limit = f", walks out at {view.walks_out_at}" if view.walks_out_at is not None else ""
    lines = [
        f"--- Turn {view.turn + 1} at {view.place} ---",
        f"Meter: anger {view.anger}/100{limit}",
        f"Flags: {', '.join(sorted(flags)) or 'none'}",
    ]
    if view.where:
        lines.append(f"Where: {view.where}")
    if view.narration:
        lines.append(f"Narration: {view.narration}")
    if view.line:
        lines.append(f"{view.speaker}: {quoted_speech(view.line)}")
    if view.expression:
        lines.append(f"Face: {view.expression}")
    if view.timer is not None:
        lines.append(f"Timer: {view.timer} seconds")
    for number, option in enumerate(view.options, start=1):
        locked = "" if option.available else f"  [UNAVAILABLE: {option.hint or '(no hint)'}]"
        lines.append(f"  {number}. [{option.choice_id}] {option.text}{locked}")
    return lines


def _answer(view: View, choice_id: str) -> str:
    if choice_id == TIMEOUT:
        if view.timer is None:
            raise ScriptError(f"'{view.place}' has no timer, so the answer cannot be {TIMEOUT}")
        return f"Answer: {TIMEOUT} no answer within {view.timer} seconds"
    ids = [option.choice_id for option in view.options]
    if choice_id not in ids:
        raise ScriptError(f"'{choice_id}' is not offered at '{view.place}'; offered: {', '.join(ids)}")
    number = ids.index(choice_id) + 1
    return f"Answer: {number}. [{choice_id}] {view.options[number - 1].text}"


def _debrief(session: Session) -> list[str]:
    outcome = result(session)
    scores = outcome.scores
    lines = [
        f"=== Ending: {outcome.ending.id}: {outcome.ending.title} ({outcome.outcome.value}) ===",
        outcome.ending.text,
        f"Final anger: {outcome.final_anger}",
        f"Final flags: {', '.join(sorted(session.flags)) or 'none'}",
        f"Path: {' -> '.join(outcome.path)}",
        f"Anger curve: {' -> '.join(str(a) for a in outcome.anger_curve)}",
        (f"Scores: composure {scores.composure}, assertiveness {scores.assertiveness}, resolution {scores.resolution}"),
        f"Overall: {scores.overall} (grade {scores.grade})",
        *(f"Why: {reason}" for reason in outcome.reasons),
        "",
        "Review:",
    ]
    for number, review in enumerate(outcome.reviews, start=1):
        step = review.step
        lines.append(
            f"{number}. At {step.node}, [{step.choice}] {review.text} (anger {step.anger_before} -> {step.anger_after})"
        )
        lines.append(f"   Feedback: {review.feedback or '(none)'}")
        lines.append(f"   Principle: {review.principle.name if review.principle else '(none)'}")
        better = f"[{review.better_id}] {review.better_text}" if review.better_id else "(this was a best answer)"
        lines.append(f"   Better: {better}")
    return lines


def render_run(run: Run, round_trip: bool) -> str:
    return transcript(load_scenario(run.scenario_path), run.seed, run.choices, round_trip)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m tests.content.transcript", description="Print or regenerate the golden transcripts."
    )
    parser.add_argument("--update", action="store_true", help="rewrite every golden file from runs.json")
    parser.add_argument("names", nargs="*", help="only these runs (default: all)")
    args = parser.parse_args(argv)
    runs = [run for run in load_runs() if not args.names or run.name in args.names]
    for run in runs:
        text = render_run(run, round_trip=False)
        if render_run(run, round_trip=True) != text:
            print(f"{run.name}: the round-trip transcript differs from the straight one; not written", file=sys.stderr)
            return 1
        if args.update:
            old = run.golden.read_text(encoding="utf-8") if run.golden.exists() else None
            run.golden.write_text(text, encoding="utf-8")
            print(f"{'unchanged' if old == text else 'wrote'} {run.golden.relative_to(ROOT)}")
        else:
            print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
