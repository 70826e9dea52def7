"""The play-test jump list: start the scenario again at any node, with the anger and flags set here,
as `play --text --at NODE --anger N --flags a,b` does in the terminal.

A list of rows (rows.py): the customer's anger and each flag the scenario uses are steppers,
set at first to where the conversation stands; then one button per node in file order, the
focus on the node the conversation is at. Pressing a node starts there and goes back to play.
"""

from __future__ import annotations

from game.engine import flags_in

from ..displayable import capped
from ..effect_words import named
from ..host import Host
from ..navigation import Jumpable, Navigation, Pop
from .rows import BACK, Row, RowsScene

ANGER = "anger"
FLAG, NODE = "flag:", "node:"
ANGERS = tuple(str(value) for value in range(101))
ON_OFF = ("Off", "On")
FIRST_LINE_CHARS = 90  # a node's first line, shown under its id: about one line at the smallest window
ROUTING = "Routing node: passes straight on to the first of its routes that applies."


class JumpScene(RowsScene):
    name = "jump"
    title = "Jump to a node"
    subtitle = "Start this scenario again at any node, with the customer\u2019s anger and the flags set here."
    hint = "Up/Down: choose. Left/Right: change the anger or a flag. Enter or click: start at that node. Esc: back."

    def __init__(self, app: Host, over: Jumpable) -> None:
        session = over.session
        self.over = over
        self.anger = session.anger
        self.flags = set(session.flags)
        rows = [Row(ANGER, "Customer\u2019s anger", ANGERS, "Left/Right: 5 at a time.", step=5)]
        rows += [Row(FLAG + flag, f"Flag {named(flag)}", ON_OFF) for flag in flags_in(session.scenario)]
        nodes = list(session.scenario.nodes.values())
        rows += [Row(NODE + n.id, _label(n.id, session.place), note=_first_line(n.is_route, n.say)) for n in nodes]
        rows.append(Row(BACK, "Back"))
        here = next(i for i, row in enumerate(rows) if row.key in (NODE + session.place, BACK))
        super().__init__(app, tuple(rows), here)

    def value(self, row: Row) -> int:
        if row.key == ANGER:
            return self.anger
        return int(row.key.removeprefix(FLAG) in self.flags)

    def change(self, row: Row, index: int) -> None:
        if row.key == ANGER:
            self.anger = index
        else:
            self.flags ^= {row.key.removeprefix(FLAG)}

    def press(self, row: Row) -> Navigation | None:
        self.over.start_at(row.key.removeprefix(NODE), self.anger, frozenset(self.flags))
        return Pop()


def _label(node_id: str, place: str) -> str:
    start = f"Start at {named(node_id)}"
    return f"{start}   (the conversation is there now)" if node_id == place else start


def _first_line(is_route: bool, say: tuple[str, ...]) -> str:
    """What a node says first, cut to about a line; a routing node says nothing."""
    if is_route:
        return ROUTING
    return capped(" ".join(say[0].split()), FIRST_LINE_CHARS) if say else ""
