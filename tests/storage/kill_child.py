"""The kill test's game: plays the angry walk-in over and over as the window does, autosaving
after every answer and recording every finished attempt, and prints a line after each write returns.

Started once, it forks one worker per round on the parent's word ("go ROUND" on stdin) and says
"worker PID"; the parent kills that worker with SIGKILL whenever it likes, and the server prints
"gone PID" once it has reaped it, after every line the worker wrote. Forking spares each round the
interpreter's start-up and the scenario's loading, so forty kills cost a second, not ten.

Lines: "saved TRAINEE SAVED_AT FINISHED" after write_save, "recorded TRAINEE STARTED_AT SEED ANSWERS"
after record. Times come from a clock that ticks a second per write, from ROUND * 100000 s, so
every save and attempt is told apart and later rounds are later.
"""

from __future__ import annotations

import os
import random
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from game.engine import Scenario, Session, attempt_record  # noqa: E402
from game.storage.results import open_results  # noqa: E402
from game.storage.saves import SavedGame, write_save  # noqa: E402
from tests.storage.results_played import ANA, BEN, answer_one, utc, walk_in  # noqa: E402


def say(*words: object) -> None:
    """One line in one write: a kill never leaves half a line for the next to run into (print
    writes word by word when Python runs unbuffered)."""
    os.write(sys.stdout.fileno(), (" ".join(map(str, words)) + "\n").encode())


def play_for_ever(folder: Path, scenario: Scenario, round_number: int) -> None:
    opened = open_results(folder)
    if opened.store is None or opened.message:
        raise SystemExit(f"results did not open: {opened.message}")
    chooser, tick = random.Random(round_number), round_number * 100_000
    for game in range(10**6):
        trainee, seed = (ANA, BEN)[game % 2], round_number * 1000 + game
        session, started = Session.start(scenario, seed), utc(tick)
        while not session.finished:
            answer_one(session, chooser)
            tick += 1
            saved = SavedGame(
                trainee.id, scenario.id, "scenarios/angry-walk-in.yaml", session.to_dict(), 0.0, 0.0, started, utc(tick)
            )
            write_save(folder, saved)
            say("saved", trainee.id, saved.saved_at, int(session.finished))
        record = attempt_record(session)
        tick += 1
        opened.store.record(trainee, record, started, utc(tick))
        say("recorded", trainee.id, started, seed, len(record.answers))


def serve(folder: Path) -> None:
    scenario = walk_in()
    say("ready")
    for command in sys.stdin:
        round_number = int(command.split()[1])
        worker = os.fork()
        if worker == 0:
            try:
                play_for_ever(folder, scenario, round_number)
            except BaseException:
                traceback.print_exc()
                sys.stderr.flush()
            finally:
                os._exit(1)  # never back into the server's loop
        say("worker", worker)
        os.waitpid(worker, 0)
        say("gone", worker)


if __name__ == "__main__":
    serve(Path(sys.argv[1]))
