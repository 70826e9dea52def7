"""Write a large, valid scenario for the benchmarks: `python3 bench/generate_scenario.py N OUT`.

The shape imitates hand-written content scaled up: many storylines of a dozen turns that
branch and merge, each node with three answers of mixed effects, a few flags, routing
nodes on anger, timers, and alternative wordings. The opening reaches the storylines through
menus of at most nine answers, as the format allows. Deterministic for a given size.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script, beside the game package
from game.engine.reading.limits import MAX_CHOICES

WORDS = (
    "account letter refund manager receipt delivery order payment waiting appointment "
    "number today promise answer problem office phone week charge notice"
).split()
TURNS = 12  # nodes per storyline
ANGER_STEPS = (-15, -10, -5, 0, 5, 10, 15, 20)
SCORE_STEPS = (-10, -5, 0, 5, 10)
PRINCIPLES = (
    "acknowledge-importance",
    "ask-questions",
    "stay-calm",
    "never-say-calm-down",
    "set-limits-kindly",
    "offer-alternatives",
)


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def node_id(line: int, turn: int) -> str:
    return f"s{line}-t{turn}"


def choice_yaml(rng: random.Random, number: int, target: str, flag: str | None, gated: str | None) -> str:
    effects = ", ".join(
        f"{name}: {rng.choice(steps)}"
        for name, steps in (
            ("anger", ANGER_STEPS),
            ("composure", SCORE_STEPS),
            ("assertiveness", SCORE_STEPS),
            ("resolution", SCORE_STEPS),
        )
    )
    lines = [
        f"      - id: c{number}",
        f'        text: "{sentence(rng, 10)}"',
        f"        effects: {{{effects}}}",
        f'        feedback: "{sentence(rng, 16)}"',
        f"        principle: {rng.choice(PRINCIPLES)}",
    ]
    if flag:
        lines.append(f"        sets: [{flag}]")
    if gated:
        lines += [f"        if: {{flag: {gated}}}", f'        unavailable_hint: "{sentence(rng, 5)}"']
    lines.append(f"        next: {target}")
    return "\n".join(lines)


def talk_node(rng: random.Random, line: int, turn: int, lines_count: int) -> str:
    def target(stay: bool = False) -> str:
        if turn == TURNS - 1:
            return rng.choice(("resolved", "partial", "escalated"))
        other = line if stay or rng.random() < 0.8 else rng.randrange(lines_count)
        return node_id(other, turn + 1) if turn % 4 != 2 else f"s{other}-r{turn + 1}"

    flag = f"f{line % 4}" if turn == 1 else None
    gated = f"f{line % 4}" if turn == 6 else None
    say = "\n".join(f'      - "{sentence(rng, 14)}"' for _ in range(2))
    parts = [f"  {node_id(line, turn)}:", "    say:", say, f'    narration: "{sentence(rng, 8)}"']
    if turn == 3:
        parts += [
            "    timer: 20",
            "    timeout:",
            "      effects: {anger: 10, composure: -5}",
            f'      feedback: "{sentence(rng, 10)}"',
            "      principle: stay-calm",
            f"      next: {target()}",
        ]
    parts.append("    choices:")
    parts += [
        choice_yaml(rng, n, target(stay=n == 0), flag if n == 0 else None, gated if n == 2 else None) for n in range(3)
    ]
    return "\n".join(parts)


def route_node(line: int, turn: int) -> str:
    return (
        f"  s{line}-r{turn}:\n    route:\n      - if: {{anger: {{at_least: 80}}}}\n"
        f"        next: escalated\n      - next: {node_id(line, turn)}"
    )


def menu(rng: random.Random, name: str, targets: list[str]) -> list[str]:
    """A node `name` whose answers lead to `targets`, through further menus when there are too many."""
    if len(targets) <= MAX_CHOICES:
        options, below = targets, []
    else:
        share = MAX_CHOICES  # a full menu below each answer: as few menus as can be
        while share * MAX_CHOICES < len(targets):
            share *= MAX_CHOICES
        groups = [targets[start : start + share] for start in range(0, len(targets), share)]
        options = [f"{name}-{n}" for n in range(len(groups))]
        below = [node for option, group in zip(options, groups, strict=True) for node in menu(rng, option, group)]
    choices = "\n".join(
        f'      - id: to{n}\n        text: "{sentence(rng, 6)}"\n        feedback: "{sentence(rng, 8)}"\n'
        f"        principle: ask-questions\n        next: {target}"
        for n, target in enumerate(options)
    )
    return [f'  {name}:\n    say: "{sentence(rng, 12)}"\n    choices:\n{choices}', *below]


def generate(size: int) -> str:
    rng = random.Random(size)
    lines_count = max(1, size // (TURNS + TURNS // 4))
    head = f"""# yaml-language-server: $schema=../scenarios/schema/scenario.schema.json
id: bench-{size}
title: "Benchmark scenario"
summary: "Generated for timing; {lines_count} storylines of {TURNS} turns."
channel: in-person
difficulty: 3
objectives: ["Stay calm", "Resolve the problem"]
customer:
  name: "Bench Customer"
  portrait: caller-woman
  anger: 50
  walks_out_at: 95
  walks_out_to: walked-out
  temperament: {{min: 90, max: 110}}
variation:
  shuffle_choices: true
start: opening
nodes:
"""
    body = menu(rng, "opening", [node_id(n, 0) for n in range(lines_count)])
    for line in range(lines_count):
        for turn in range(TURNS):
            body.append(talk_node(rng, line, turn, lines_count))
            if turn % 4 == 3:
                body.append(route_node(line, turn))
    endings = """endings:
  resolved: {outcome: resolved, title: "Resolved", text: "It ends well."}
  partial: {outcome: partial, title: "Partly", text: "It ends so-so."}
  escalated: {outcome: escalated, title: "Escalated", text: "It ends badly."}
  walked-out: {outcome: lost, title: "Walked out", text: "He leaves."}
"""
    return head + "\n".join(body) + "\n" + endings


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("bench/out/bench-2000.yaml")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(generate(size), encoding="utf-8")
    print(out)


if __name__ == "__main__":
    main()
