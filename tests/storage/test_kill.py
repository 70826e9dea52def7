"""Kill the game (SIGKILL) at random moments during hundreds of autosaves and attempts: after each
kill every save loads and is no older than the last one the game finished writing, the results
database opens with nothing to report, and every attempt the game was told was stored is there,
with all its answers, once.

The game is tests/storage/kill_child.py: a real process playing real sessions through the real
write_save and ResultsStore.record. Where it is killed is drawn from a fixed seed (after how many
finished writes, then a pause of up to a few milliseconds into the next one); how far it got by
then is up to the machine, which is the point.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from game.engine import Scenario, Session
from game.storage.results import open_results
from game.storage.results_file import RESULTS_FILE
from game.storage.saves import read_save
from tests.storage.hostile import hang_guard, unix_only
from tests.storage.results_played import walk_in

CHILD = Path(__file__).with_name("kill_child.py")
KILLS = 40
SEED = 11
MOST_WRITES_BEFORE_A_KILL = 25
LONGEST_PAUSE = 0.004  # seconds into the next write: a few fsyncs' worth


@dataclass
class Ledger:
    """What the game said it finished writing, and how the kills fell."""

    last_save: dict[str, str] = field(default_factory=dict)  # trainee -> saved_at of the last save it wrote
    attempts: set[tuple[str, str, int, int]] = field(default_factory=set)  # trainee, started_at, seed, answers
    saves: int = 0
    kills: int = 0
    kills_while_recording: int = 0  # killed after a conversation's last autosave, before its record was told
    recording: bool = False

    def note(self, line: str) -> None:
        word, trainee, *rest = line.split()
        if word == "saved":
            self.last_save[trainee] = rest[0]
            self.saves += 1
            self.recording = rest[1] == "1"
        else:
            assert word == "recorded", line
            self.attempts.add((trainee, rest[0], int(rest[1]), int(rest[2])))
            self.recording = False


def run_until_killed(child: subprocess.Popen[str], writes: int, pause: float, ledger: Ledger, errors: Path) -> None:
    """Let the worker of this round finish `writes` writes, kill it `pause` seconds later, and read
    every line it wrote before it died (the server's "gone" comes after all of them)."""
    assert child.stdout is not None
    worker, seen, killed = 0, 0, False
    for line in child.stdout:
        word, *rest = line.split()
        if word == "gone":
            assert killed, f"the game died by itself:\n{errors.read_text()}"
            return
        if word == "worker":
            worker = int(rest[0])
        else:
            ledger.note(line)
            seen += 1
        if worker and seen >= writes and not killed:
            time.sleep(pause)
            os.kill(worker, signal.SIGKILL)
            killed = True
            ledger.kills += 1
            ledger.kills_while_recording += ledger.recording
    raise AssertionError(f"the game's server stopped:\n{errors.read_text()}")


def check(data: Path, scenario: Scenario, ledger: Ledger) -> None:
    """Everything the game finished writing is there, whole, after the kill."""
    for trainee, saved_at in ledger.last_save.items():
        loaded = read_save(data, trainee, scenario.id)
        assert loaded.message == "" and loaded.game is not None, loaded.message
        assert loaded.game.saved_at >= saved_at, "an autosave the game had finished writing was lost"
        Session.from_dict(scenario, loaded.game.session)  # and it replays
    opened = open_results(data)
    assert opened.message == "" and opened.store is not None, opened.message
    opened.store.close()
    with closing(sqlite3.connect(data / RESULTS_FILE)) as connection:
        stored = set(
            connection.execute(
                "SELECT trainee_id, started_at, seed, (SELECT COUNT(*) FROM answers WHERE attempt_id = attempts.id) "
                "FROM attempts"
            )
        )
    lost = ledger.attempts - stored
    assert not lost, f"attempts the game was told were stored are missing or incomplete: {sorted(lost)}"
    untold = stored - ledger.attempts  # stored as the kill came, before the game could say so
    assert len(untold) <= ledger.kills and all(answers > 0 for *_, answers in untold)


def send(stream: IO[str] | None, line: str) -> None:
    assert stream is not None
    stream.write(line + "\n")
    stream.flush()


@unix_only
def test_no_finished_write_is_lost_when_the_game_is_killed(tmp_path: Path) -> None:
    scenario, data, errors = walk_in(), tmp_path / "data", tmp_path / "game-errors.txt"
    chooser, ledger = random.Random(SEED), Ledger()
    with hang_guard(), errors.open("w") as error_file:
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(data)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=error_file,
            text=True,
        )
        try:
            assert child.stdout is not None and child.stdout.readline() == "ready\n", errors.read_text()
            for round_number in range(KILLS):
                send(child.stdin, f"go {round_number}")
                writes = chooser.randint(1, MOST_WRITES_BEFORE_A_KILL)
                run_until_killed(child, writes, chooser.uniform(0, LONGEST_PAUSE), ledger, errors)
                check(data, scenario, ledger)
        finally:
            child.kill()
            child.wait()
    assert ledger.kills == KILLS and ledger.saves >= 300 and len(ledger.attempts) >= 30, ledger
    assert ledger.kills_while_recording >= 3, "too few kills fell while an attempt was being stored"
