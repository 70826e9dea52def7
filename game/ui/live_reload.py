"""Live reload for the play screen: the scenario file being played, watched for saves and read again,
and what to tell the trainer about it.

A save that validates replaces the running scenario, and the conversation is carried over by the
engine (`resumed`): the same answers, given again while they fit. A save with errors keeps the
last good version running, and the errors are listed as the validator prints them. When the
answers stop fitting, play carries on after the last one that fits rather than from the start:
a trainer who has just edited a later node usually wants to stay where they were, and the notice
says what no longer fits and how to start over.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.engine import TIMEOUT, Diagnostic, Resumed, Scenario, Session, sort_key, typographic
from game.storage.scenario_files import load_report
from game.storage.watch import scenario_watcher

START_OVER = "to start over, press Esc and choose Restart"


@dataclass(frozen=True, slots=True)
class Broken:
    """A save that cannot be played: its errors, in file order."""

    path: Path
    errors: tuple[Diagnostic, ...]

    def heading(self) -> str:
        count = len(self.errors)
        return (
            f"{self.path.name} has {count} error{'s' if count != 1 else ''}. Still playing the version "
            "that last worked; save a fix and it reloads. (Wheel or Shift+PgUp/PgDn scrolls this list.)"
        )

    def lines(self) -> list[str]:
        """Each error as `file:line:col: error: message`, the file named as in the heading."""
        return [
            f"{self.path.name}:{d.position.line}:{d.position.column}: error: {typographic(d.message)}"
            for d in self.errors
        ]


class LiveFile:
    """The scenario file a play screen runs, and the principles file its checks read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.watcher = scenario_watcher(path)

    def saved(self) -> bool:
        """Whether either file changed since the last look."""
        return bool(self.watcher.changes())

    def read(self) -> Scenario | Broken:
        self.watcher.changes()  # what this read sees need not be reported again
        report = load_report(self.path)
        errors = tuple(sorted((d for d in report.diagnostics if d.is_error), key=sort_key))
        if report.scenario is None or errors:
            return Broken(self.path, errors)
        return report.scenario


def reloaded(name: str, outcome: Resumed, old: Session) -> str:
    """What the trainer is told after a reload: how much of their play-test was given again."""
    count = outcome.replayed
    if outcome.complete:
        given = f" Your {count} answer{'s were' if count != 1 else ' was'} given again." if count else ""
        return f"Reloaded {name}.{given}"
    if outcome.stopped_at is None:  # it could not even start where it had
        return f"Reloaded {name}, but this play-test {typographic(outcome.problem)}, so it starts from the beginning."
    step = outcome.stopped_at
    if step.choice == TIMEOUT:
        answer = "the missed reply"
    else:
        texts = {choice.id: choice.text for choice in old.scenario.nodes[step.node].choices}
        answer = f"\u201c{texts.get(step.choice, step.choice)}\u201d"
    after = f"after answer {count}" if count else "from the beginning"
    return (
        f"Reloaded {name}, but answer {count + 1} ({answer}) no longer fits: {typographic(outcome.problem)}. "
        f"You carry on {after}; {START_OVER}."
    )
