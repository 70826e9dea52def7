"""Small scenario files, written as a trainer writes them, for the trainer's verbs (`lint`, `coverage`)."""

from __future__ import annotations

from pathlib import Path

PRINCIPLES_YAML = """\
principles:
  take-action:
    name: "Act and give a solution"
    explanation: "Say exactly what will happen next."
  stay-calm:
    name: "Manage your own emotions"
    explanation: "Keep your voice level when goaded."
  debrief-afterwards:
    name: "Debrief after a hard customer"
    explanation: "Talk it through with a colleague afterwards."
"""


def answer(choice_id: str, text: str, effects: str, principle: str, feedback: str, next_place: str) -> str:
    return f"""\
      - id: {choice_id}
        text: "{text}"
        effects: {effects}
        feedback: '{feedback}'
        principle: {principle}
        next: {next_place}
"""


# Two questions: the best answer is the longest at the first and the shortest at the second, each
# wrong answer tempts (it calms the customer) and its feedback quotes the better words.
BALANCED = (
    """\
id: balanced
title: "Balanced"
summary: "A customer wants a refund."
channel: chat
difficulty: 1
objectives: ["Say what will happen next"]
customer: {name: "Sam", portrait: young-woman, anger: 50}
start: first
nodes:
  first:
    say: "Where is my refund?"
    choices:
"""
    + answer(
        "explain",
        "Your refund went out today; it reaches your bank by Friday.",
        "{anger: -10, composure: 5, assertiveness: 5, resolution: 5}",
        "take-action",
        'Exactly what happens next, and when: "It reaches your bank by Friday."',
        "second",
    )
    + answer(
        "soothe",
        "Please don't worry.",
        "{anger: -5, composure: 0, assertiveness: -5, resolution: -5}",
        "take-action",
        'Kind, but say what happens: "It reaches your bank by Friday."',
        "second",
    )
    + """\
  second:
    say: "Fine. Anything else I should know?"
    choices:
"""
    + answer(
        "nothing",
        "No, that's all.",
        "{anger: -10, composure: 5, assertiveness: 5, resolution: 5}",
        "take-action",
        'Short and clear: "No, that is all."',
        "done",
    )
    + answer(
        "ramble",
        "Well, there may be a letter, or an email, I am not sure which, about it.",
        "{anger: -5, composure: -5, assertiveness: -5, resolution: 0}",
        "stay-calm",
        'Unsure answers worry people. Say: "No, that is all."',
        "done",
    )
    + """\
endings:
  done: {outcome: resolved, title: "Done", text: "Sam is happy."}
"""
)


def library(folder: Path, **scenarios: str) -> Path:
    """A library folder with the principles above and the given scenario files (name: text)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "principles.yaml").write_text(PRINCIPLES_YAML, encoding="utf-8")
    for name, text in scenarios.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder
