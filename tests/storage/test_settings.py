"""The settings file on a real folder: defaults, round trips, damaged files set aside (never
deleted), atomic writes, and a writer killed at random moments never leaving half a file."""

from __future__ import annotations

import json
import logging
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pygame
import pytest

from game.storage.settings import FILE_NAME, TEXT_SIZES, Settings, load_settings, save_settings
from game.ui import theme
from game.ui.app import App, AppConfig
from tests.paths import ROOT, SCENARIOS
from tests.storage.hostile import HOSTILE_ENTRIES, hang_guard, unix_only

CORRUPT = {
    "garbage": b"\x00\xff\xfe this is not JSON {{{",
    "empty": b"",
    "cut short": b'{"version": 1, "text_size": 2, "sou',
    "not utf-8": b'{"version": 1, "text_size": "\xff"}',
    "not an object": b"[1, 2, 3]",
    "no version": b'{"text_size": 2}',
    "wrong version": b'{"version": 2, "text_size": 2}',
    "text for a switch": b'{"version": 1, "sound": "yes"}',
    "number for a switch": b'{"version": 1, "high_contrast": 1}',
    "switch for a number": b'{"version": 1, "text_size": true}',
    "size out of range": b'{"version": 1, "text_size": 99}',
    "negative speed": b'{"version": 1, "text_speed": -1}',
    "fraction for a number": b'{"version": 1, "text_size": 1.0}',
    "not a number": b'{"version": 1, "text_size": NaN}',
    "a number too long to read": b'{"version": 1, "text_size": ' + b"9" * 5000 + b"}",
    "nested too deep": b"[" * 100_000,
    "objects nested too deep": b'{"a": ' * 100_000,
}
CHANGED = Settings(text_size=len(TEXT_SIZES) - 1, text_speed=3, high_contrast=True, sound=False, reduced_intensity=True)


def set_aside_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{FILE_NAME}.unreadable-*"))


def test_a_missing_file_means_defaults_and_no_message(tmp_path: Path) -> None:
    loaded = load_settings(tmp_path / "saves")
    assert loaded.settings == Settings()
    assert loaded.message == ""
    assert not (tmp_path / "saves").exists(), "loading must not create anything"


@pytest.mark.parametrize(
    "settings", [Settings(), CHANGED, Settings(text_size=0, text_speed=0, fullscreen=True)], ids=str
)
def test_settings_round_trip(tmp_path: Path, settings: Settings) -> None:
    save_settings(tmp_path, settings)
    assert load_settings(tmp_path) == load_settings(tmp_path)
    loaded = load_settings(tmp_path)
    assert loaded.settings == settings
    assert loaded.message == ""
    assert json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))["version"] == 1


def test_fields_missing_from_an_older_file_take_their_defaults(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text('{"version": 1, "high_contrast": true}', encoding="utf-8")
    loaded = load_settings(tmp_path)
    assert loaded.settings == Settings(high_contrast=True)
    assert loaded.message == ""


@pytest.mark.parametrize("content", CORRUPT.values(), ids=CORRUPT.keys())
def test_a_damaged_file_is_set_aside_with_its_bytes_and_defaults_are_used(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / FILE_NAME).write_bytes(content)
    with caplog.at_level(logging.WARNING):
        loaded = load_settings(tmp_path)
    assert loaded.settings == Settings()
    [kept] = set_aside_files(tmp_path)
    assert kept.read_bytes() == content, "the damaged file must be kept exactly as it was"
    assert not (tmp_path / FILE_NAME).exists()
    assert kept.name in loaded.message
    assert any(kept.name in record.getMessage() for record in caplog.records)
    save_settings(tmp_path, CHANGED)  # and the next save starts afresh
    assert load_settings(tmp_path) == load_settings(tmp_path)
    assert load_settings(tmp_path).settings == CHANGED
    assert set_aside_files(tmp_path) == [kept]


def test_a_directory_where_the_file_should_be_is_moved_aside_with_its_contents(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).mkdir()
    (tmp_path / FILE_NAME / "notes.txt").write_bytes(b"keep me")
    loaded = load_settings(tmp_path)
    assert loaded.settings == Settings()
    [kept] = set_aside_files(tmp_path)
    assert (kept / "notes.txt").read_bytes() == b"keep me"
    assert kept.name in loaded.message
    save_settings(tmp_path, CHANGED)
    assert load_settings(tmp_path).settings == CHANGED


@unix_only
@pytest.mark.parametrize("kind", HOSTILE_ENTRIES)
def test_whatever_stands_in_place_of_the_file_is_renamed_aside_unread(tmp_path: Path, kind: str) -> None:
    """A pipe would block the start for ever, /dev/zero would fill the memory: each is renamed, not read."""
    path = tmp_path / FILE_NAME
    HOSTILE_ENTRIES[kind](path)
    before = os.lstat(path)
    with hang_guard():
        loaded = load_settings(tmp_path)
    assert loaded.settings == Settings()
    [kept] = set_aside_files(tmp_path)
    assert kept.name in loaded.message
    after = os.lstat(kept)
    assert (after.st_ino, after.st_mode, after.st_size) == (before.st_ino, before.st_mode, before.st_size)
    save_settings(tmp_path, CHANGED)
    assert load_settings(tmp_path).settings == CHANGED


@unix_only
def test_a_file_the_game_may_not_read_is_set_aside(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    (tmp_path / FILE_NAME).write_bytes(b'{"version": 1}')
    (tmp_path / FILE_NAME).chmod(0)
    loaded = load_settings(tmp_path)
    assert loaded.settings == Settings()
    [kept] = set_aside_files(tmp_path)
    assert kept.name in loaded.message


def test_a_folder_named_like_a_leftover_is_left_alone(tmp_path: Path) -> None:
    save_settings(tmp_path, CHANGED)
    odd = tmp_path / f".{FILE_NAME}.abc123.tmp"
    odd.mkdir()
    (odd / "notes.txt").write_bytes(b"keep me")
    assert load_settings(tmp_path).settings == CHANGED
    assert (odd / "notes.txt").read_bytes() == b"keep me"


def test_a_second_damaged_file_does_not_overwrite_the_first(tmp_path: Path) -> None:
    for content in (b"first", b"second"):
        (tmp_path / FILE_NAME).write_bytes(content)
        load_settings(tmp_path)
    assert sorted(path.read_bytes() for path in set_aside_files(tmp_path)) == [b"first", b"second"]


# -- the game keeps running --------------------------------------------------------------
@pytest.fixture
def quit_pygame() -> Iterator[None]:
    """Windows die with pygame.quit(), and so do the fonts the theme caches."""
    yield
    pygame.quit()
    theme._render.cache_clear()
    theme._font.cache_clear()


@pytest.mark.usefixtures("quit_pygame")
@pytest.mark.parametrize("damage", ["garbage", "wrong version", "directory"])
def test_the_game_starts_and_draws_with_a_damaged_settings_file(tmp_path: Path, damage: str) -> None:
    saves = tmp_path / "saves"
    saves.mkdir()
    if damage == "directory":
        (saves / FILE_NAME).mkdir()
    else:
        (saves / FILE_NAME).write_bytes(CORRUPT[damage])
    app = App(AppConfig(SCENARIOS, saves, (960, 540)))
    app.frame(1 / 60, [])
    assert app.frames == 1
    assert app.settings == Settings()
    [kept] = set_aside_files(saves)
    assert kept.name in app.notice, "the title screen tells the player what happened"
    app.apply_settings(app.settings.with_changes(text_size=2))
    app.frame(1 / 60, [])
    assert load_settings(saves).settings == Settings(text_size=2)


@pytest.mark.usefixtures("quit_pygame")
def test_the_game_carries_on_when_settings_cannot_be_saved(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    saves.write_text("a file where the saves folder should be", encoding="utf-8")
    app = App(AppConfig(SCENARIOS, saves, (960, 540)))
    app.apply_settings(app.settings.with_changes(high_contrast=True))
    app.frame(1 / 60, [])
    assert app.settings.high_contrast, "the change still applies for this session"
    assert "could not be saved" in app.notice


# -- atomic writes ------------------------------------------------------------------------
def test_saving_leaves_only_the_settings_file(tmp_path: Path) -> None:
    for size in range(len(TEXT_SIZES)):
        save_settings(tmp_path, Settings(text_size=size))
    assert [path.name for path in tmp_path.iterdir()] == [FILE_NAME]


def test_a_failed_save_keeps_the_old_file_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(tmp_path, CHANGED)
    before = (tmp_path / FILE_NAME).read_bytes()

    def disk_full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", disk_full)
    with pytest.raises(OSError):
        save_settings(tmp_path, Settings())
    assert (tmp_path / FILE_NAME).read_bytes() == before
    assert [path.name for path in tmp_path.iterdir()] == [FILE_NAME]


WRITER = """
import json, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from game.storage.settings import Settings, save_settings
folder, changed = Path(sys.argv[2]), Settings(**json.loads(sys.argv[3]))
save_settings(folder, Settings())
print("writing", flush=True)
while True:
    save_settings(folder, changed)
    save_settings(folder, Settings())
"""


@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")
def test_a_writer_killed_at_random_moments_leaves_the_old_or_the_new_file_whole(tmp_path: Path) -> None:
    expected = {}
    for settings in (Settings(), CHANGED):
        save_settings(tmp_path / "expected", settings)
        expected[(tmp_path / "expected" / FILE_NAME).read_bytes()] = settings
    folder = tmp_path / "saves"
    rng = random.Random(20240611)
    seen = set()
    mid_write = 0  # kills that left the writer's temporary file behind
    for _ in range(20):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(ROOT), str(folder), json.dumps(asdict(CHANGED))],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "writing"
        time.sleep(rng.uniform(0, 0.05))
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
        writer.stdout.close()
        content = (folder / FILE_NAME).read_bytes()
        assert content in expected, f"half-written settings: {content!r}"
        seen.add(expected[content])
        leftovers = list(folder.glob(f".{FILE_NAME}.*.tmp"))
        mid_write += bool(leftovers)
        for leftover in leftovers:
            leftover.unlink()
        loaded = load_settings(folder)
        assert (loaded.settings, loaded.message) == (expected[content], "")
    assert seen == {Settings(), CHANGED}, "the kills should land at different moments of the loop"
    assert mid_write, "some kills should land in the middle of a write"


def test_leftovers_of_an_interrupted_write_are_cleared_on_load(tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(text_size=2))
    leftover = tmp_path / ".settings.json.abc123.tmp"
    leftover.write_text('{"version": 1, "text_si')
    assert load_settings(tmp_path).settings.text_size == 2
    assert not leftover.exists()
