"""The statements go to the LRS while the game runs: the real App under SDL's dummy driver, played
with posted events, storing attempts in a real SQLite file, its background sender talking to a real
Ralph LRS (through a real slow proxy where the LRS is slow). Nobody runs `lrs sync` here."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pygame
import pytest

from game.engine import AttemptRecord
from game.storage.lrs import outbox as statements_outbox
from game.storage.lrs.background import BackgroundSender
from game.storage.lrs.sender import ask
from game.storage.trainees import add_trainee, load_roster
from game.ui.app import App, AppConfig, forget_pygame_objects
from tests.lrs.conftest import PASSWORD, RealLrs, free_port
from tests.lrs.proxy import Proxy, proxy_to
from tests.lrs.test_delivery import held_once, lrs_folder, opened, play
from tests.storage.results_played import attempt, walk_in
from tests.ui.conftest import TRAINEE, Driver, walk_in_library
from tests.ui.test_flow import play_to_debrief

GUARD_SECONDS = 30.0  # a hang guard: each wait here ends in well under a second or two
SLOW_SECONDS = 2.0  # how long the slow LRS holds each request
NOT_REACHING = "not reaching the learning record store"


@pytest.fixture(scope="module")
def records() -> list[AttemptRecord]:
    scenario = walk_in()
    return [attempt(scenario, seed) for seed in range(2)]


@pytest.fixture
def start_game(tmp_path: Path) -> Iterator[Callable[[], Driver]]:
    """Starts the real App on the title for the data folder `tmp_path / "data"`, as a trainee would
    (the results are opened for the title, so the sender starts then); stops its sender after."""
    apps: list[App] = []

    def start() -> Driver:
        pygame.quit()
        data = tmp_path / "data"
        if TRAINEE not in [trainee.name for trainee in load_roster(data).roster.trainees]:
            add_trainee(data, load_roster(data).roster, TRAINEE)
        app = App(AppConfig(walk_in_library(tmp_path), data))
        apps.append(app)
        pygame.event.clear()
        driver = Driver(app)
        driver.frame()
        driver.press("enter")  # the trainee preselected
        assert driver.scene_is("title"), driver.top.name
        return driver

    yield start
    for app in apps:
        if app.sender is not None:
            app.sender.stop()
    pygame.quit()
    forget_pygame_objects()


def sender_of(driver: Driver) -> BackgroundSender:
    sender = driver.app.sender
    assert sender is not None, "an LRS is configured, so the game sends in the background"
    return sender


def until(done: Callable[[], bool], what: str) -> None:
    give_up = time.monotonic() + GUARD_SECONDS
    while not done():
        assert time.monotonic() < give_up, f"still waiting after {GUARD_SECONDS:g} s for {what}"
        time.sleep(0.02)


def sent_after(sender: BackgroundSender, runs: int) -> None:
    """Wait until the sender has finished a run after its `runs`th."""
    until(lambda: sender.heard.runs > runs, "the background sender to finish a run")


def outbox_of(data: Path) -> tuple[set[str], int]:
    """The ids of the statements in the data folder's outbox, and how many still wait."""
    store = opened(data)
    try:
        ids = {row[0] for row in store.connection.execute("SELECT statement_id FROM lrs_outbox")}
        return ids, statements_outbox.counts(store.connection).waiting
    finally:
        store.close()


def test_attempts_finished_in_the_game_reach_the_lrs_once_without_a_sync(
    real_lrs: RealLrs, start_game: Callable[[], Driver], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lrs_folder(tmp_path, real_lrs, monkeypatch)
    game = start_game()
    sender = sender_of(game)
    sent_after(sender, 0)  # the run at start: nothing waits yet
    for _ in range(2):
        runs = sender.heard.runs
        play_to_debrief(game)  # recorded: the sender is woken, not waiting for a next try
        game.press("esc")
        sent_after(sender, runs)
        assert game.scene_is("title"), game.top.name
    ids, waiting = outbox_of(tmp_path / "data")
    assert len(ids) > 2 * 3 and waiting == 0
    assert held_once(real_lrs, ids)
    assert NOT_REACHING not in game.app.notice


def test_statements_an_earlier_run_left_waiting_go_when_the_game_starts(
    real_lrs: RealLrs,
    records: list[AttemptRecord],
    start_game: Callable[[], Driver],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As a game killed mid-send leaves them: all waiting, though the LRS had taken some already, and
    the rest set back by failed tries (wrong credentials, since put right): the start sends them all."""
    config = lrs_folder(tmp_path, real_lrs, monkeypatch)
    store = opened(tmp_path / "data")
    ids = play(store, records, first_minute=400)
    taken = [waiting.statement for waiting in statements_outbox.due(store.connection, time.time(), 3)]
    later = [waiting.statement_id for waiting in statements_outbox.due(store.connection, time.time(), 10**6)][3:]
    statements_outbox.mark_retry(store.connection, later, time.time() + 3600, "the credentials were refused")
    store.close()
    assert ask(config, "statements", json.dumps(taken).encode()).status == 200, "the killed run's batch"
    game = start_game()
    sent_after(sender_of(game), 0)
    assert outbox_of(tmp_path / "data") == (ids, 0)
    assert held_once(real_lrs, ids)


def round_trips_while(app: App, sending: Callable[[], bool]) -> int:
    """Post an event and wait for a frame to handle it, again and again while `sending()`; then close
    the window. How many were handled while the send was still in flight (none if the game waited)."""
    handled = 0
    give_up = time.monotonic() + GUARD_SECONDS
    try:
        while sending() and time.monotonic() < give_up:
            frames = app.frames
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(5, 5), rel=(0, 0), buttons=(0, 0, 0)))
            while app.frames == frames and time.monotonic() < give_up:
                time.sleep(0.002)
            handled += sending()
    finally:
        pygame.event.post(pygame.event.Event(pygame.QUIT))
    return handled


@contextmanager
def slow_send_in_flight(
    lrs: RealLrs, start_game: Callable[[], Driver], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Driver, BackgroundSender, Proxy]]:
    """The game on the title after an attempt, its statements on their way to an LRS that holds each
    request SLOW_SECONDS, through the proxy."""
    lrs_folder(tmp_path, lrs, monkeypatch)
    with proxy_to(lrs.port, delay=SLOW_SECONDS) as proxy:
        monkeypatch.setenv("COMPOSURE_LRS_ENDPOINT", proxy.endpoint())
        game = start_game()
        sender = sender_of(game)
        sent_after(sender, 0)
        play_to_debrief(game)  # recorded: the send starts, and the LRS holds it SLOW_SECONDS
        until(lambda: proxy.received == 1, "the send to reach the slow LRS")
        yield game, sender, proxy


def test_the_game_loop_keeps_drawing_while_a_slow_lrs_holds_a_send(
    real_lrs: RealLrs, start_game: Callable[[], Driver], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with slow_send_in_flight(real_lrs, start_game, tmp_path, monkeypatch) as (game, _, proxy):
        handled: list[int] = []
        poster = threading.Thread(target=lambda: handled.append(round_trips_while(game.app, lambda: not proxy.passed)))
        poster.start()
        assert game.app.run() == 0  # the real loop: waits for events, frames, draws, until the window closes
        poster.join(GUARD_SECONDS)
        assert proxy.passed >= 1, "the statements went through the slow LRS"
    assert handled and handled[0] >= 3, "events were handled and frames drawn while the send was in flight"
    ids, waiting = outbox_of(tmp_path / "data")
    assert waiting == 0 and held_once(real_lrs, ids)


def test_quitting_during_a_slow_send_does_not_wait_and_nothing_is_lost_or_doubled(
    real_lrs: RealLrs, start_game: Callable[[], Driver], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with slow_send_in_flight(real_lrs, start_game, tmp_path, monkeypatch) as (game, sender, proxy):
        pygame.event.post(pygame.event.Event(pygame.QUIT))
        assert game.app.run() == 0
        assert proxy.passed == 0 and sender.alive, "quitting left the slow send behind instead of waiting for it"
        assert sender.stop(GUARD_SECONDS), "the send ends in its own time"  # a real quit ends the process here
    monkeypatch.setenv("COMPOSURE_LRS_ENDPOINT", real_lrs.endpoint)
    again = start_game()
    sent_after(sender_of(again), 0)
    ids, waiting = outbox_of(tmp_path / "data")
    assert waiting == 0 and held_once(real_lrs, ids)


@pytest.mark.parametrize("trouble", ["credentials refused", "LRS down"])
def test_only_a_problem_a_person_must_fix_is_told_and_only_once(
    trouble: str,
    real_lrs: RealLrs,
    records: list[AttemptRecord],
    start_game: Callable[[], Driver],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Statements an earlier run left, then an attempt played: each send meets the same trouble."""
    wrong = "not-the-password-2468"
    lrs_folder(tmp_path, real_lrs, monkeypatch, password=wrong if trouble == "credentials refused" else PASSWORD)
    if trouble == "LRS down":
        monkeypatch.setenv("COMPOSURE_LRS_ENDPOINT", f"http://127.0.0.1:{free_port()}/xAPI/")
    store = opened(tmp_path / "data")
    play(store, records, first_minute=500)
    store.close()
    game = start_game()
    sender = sender_of(game)
    problems = []
    for runs in range(2):
        if runs:
            play_to_debrief(game)
        sent_after(sender, runs)
        problems.append(sender.heard.last.problem if sender.heard.last else "")
        game.frame()
    notice = game.app.notice
    if trouble == "credentials refused":
        assert problems[0] == problems[1] and "does not accept the user name and password" in problems[0]
        assert notice.count(NOT_REACHING) == 1 and problems[0] in notice and "lrs check" in notice, notice
    else:
        assert problems[0] == problems[1] and "nothing answers" in problems[0]
        assert NOT_REACHING not in notice, "a passing failure is not the player's concern"
    assert wrong not in notice and PASSWORD not in notice
    ids, waiting = outbox_of(tmp_path / "data")
    assert waiting == len(ids), "every statement still waits"


def test_with_no_lrs_configured_no_sender_runs(
    start_game: Callable[[], Driver], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("ENDPOINT", "USERNAME", "PASSWORD"):
        monkeypatch.delenv(f"COMPOSURE_LRS_{name}", raising=False)
    game = start_game()
    play_to_debrief(game)
    assert game.app.results is not None and game.app.results.lrs is None
    assert game.app.sender is None
    assert not [thread for thread in threading.enumerate() if thread.name.startswith("composure-lrs")]
    ids, waiting = outbox_of(tmp_path / "data")
    assert (ids, waiting) == (set(), 0), "nothing queued for an LRS"
    assert game.app.results.history(load_roster(tmp_path / "data").roster.trainees[0].id), "recorded as ever"
