"""The sounds come from WAV files that our recipes made: the committed files must be exactly what
the recipes make today, and a missing, cut or damaged file silences that one sound with a warning,
never a crash. Real files throughout, in a copy of assets/sounds/."""

from __future__ import annotations

import contextlib
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.storage.settings import Settings
from game.ui.sound import Sound
from game.ui.sound_files import write_all
from game.ui.sound_recipes import NAMES, RATE, RECIPES, SOUND_FOLDER, file_for

SOUND_LOGGER = "game.ui.sound"


@pytest.fixture
def fresh_mixer() -> Iterator[None]:
    """Each test opens the mixer as it needs; later tests get it closed again."""
    pygame.mixer.quit()
    yield
    pygame.mixer.quit()


def loaded(sound: Sound) -> list[str]:
    """The sounds that will play: read from the object, since a short blip may already have finished
    playing by the time a busy machine asks the device."""
    return [name for name in NAMES if name in sound._sounds]


def sound_folder_copy(parent: Path) -> Path:
    copy = parent / "sounds"
    shutil.copytree(SOUND_FOLDER, copy, dirs_exist_ok=True)
    return copy


@pytest.fixture(scope="module")
def spare_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the sounds for a property test's many examples (each puts back what it damaged)."""
    return sound_folder_copy(tmp_path_factory.mktemp("spare"))


@contextlib.contextmanager
def damaged(folder: Path, name: str, content: bytes) -> Iterator[Path]:
    path = file_for(folder, name)
    whole = path.read_bytes()
    path.write_bytes(content)
    try:
        yield path
    finally:
        path.write_bytes(whole)


def warnings_in(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == SOUND_LOGGER]


def test_the_committed_files_are_exactly_what_the_recipes_make(tmp_path: Path) -> None:
    for path in write_all(tmp_path):
        committed = SOUND_FOLDER / path.name
        assert committed.is_file(), f"{committed} is missing: run python3 -m game.ui.sound_files"
        assert committed.read_bytes() == path.read_bytes(), (
            f"{committed} is not what its recipe makes: run python3 -m game.ui.sound_files and commit the files"
        )
    assert sorted(path.name for path in SOUND_FOLDER.iterdir()) == sorted(f"{name}.wav" for name in NAMES)


def test_the_generator_replaces_a_damaged_file_and_leaves_nothing_else(tmp_path: Path) -> None:
    folder = sound_folder_copy(tmp_path)
    file_for(folder, "end").write_bytes(b"not a sound")
    write_all(folder)
    assert sorted(path.name for path in folder.iterdir()) == sorted(f"{name}.wav" for name in NAMES)
    assert file_for(folder, "end").read_bytes() == file_for(SOUND_FOLDER, "end").read_bytes()


def test_every_file_loads_and_lasts_as_long_as_its_recipe(fresh_mixer: None) -> None:
    sound = Sound(Settings())
    assert loaded(sound) == list(NAMES)
    for name in NAMES:
        assert sound._sounds[name].get_length() == pytest.approx(len(RECIPES[name](RATE)) / RATE, abs=1e-3)


def test_a_device_at_another_rate_and_channel_count_converts_the_files(fresh_mixer: None) -> None:
    pygame.mixer.init(frequency=48000, size=-16, channels=2)  # opened first, as another program might ask
    sound = Sound(Settings())
    assert pygame.mixer.get_init() == (48000, -16, 2)
    for name in NAMES:
        assert sound._sounds[name].get_length() == pytest.approx(len(RECIPES[name](RATE)) / RATE, abs=1e-3)
    sound.play("end")
    assert pygame.mixer.get_busy()


def test_missing_cut_and_damaged_files_silence_those_sounds_alone_with_one_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, fresh_mixer: None
) -> None:
    folder = sound_folder_copy(tmp_path)
    file_for(folder, "select").unlink()
    whole = file_for(folder, "anger_up").read_bytes()
    file_for(folder, "anger_up").write_bytes(whole[: len(whole) // 2])  # a copy that stopped half-way
    file_for(folder, "end").write_bytes(b"RIFF" + (8).to_bytes(4, "little") + b"WAVEjunk")  # the right length, no sound
    with caplog.at_level(logging.WARNING, logger=SOUND_LOGGER):
        sound = Sound(Settings(), folder=folder)
        for name in NAMES:
            sound.play(name)  # silently nothing for the three
    assert loaded(sound) == ["anger_down", "timer"], "the other sounds still play"
    assert warnings_in(caplog) == [
        f"these sounds stay silent: {file_for(folder, 'select')} is missing; "
        f"{file_for(folder, 'anger_up')} is damaged or not a WAV file; "
        f"{file_for(folder, 'end')} is damaged or not a WAV file "
        "(`python3 -m game.ui.sound_files` writes the files again)"
    ]


def test_a_folder_in_place_of_a_file_is_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, fresh_mixer: None
) -> None:
    folder = sound_folder_copy(tmp_path)
    file_for(folder, "timer").unlink()
    file_for(folder, "timer").mkdir()
    with caplog.at_level(logging.WARNING, logger=SOUND_LOGGER):
        sound = Sound(Settings(), folder=folder)
    assert "timer" not in loaded(sound) and "select" in loaded(sound)
    assert f"{file_for(folder, 'timer')} cannot be read" in warnings_in(caplog)[0]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(NAMES), data=st.data())
def test_any_damage_to_a_file_is_a_warning_or_a_playable_sound_never_a_crash(
    spare_folder: Path, caplog: pytest.LogCaptureFixture, name: str, data: st.DataObject
) -> None:
    """A file cut anywhere is always reported; bytes changed inside it may still load (a little
    noise in a blip), or are reported; nothing else happens."""
    whole = file_for(spare_folder, name).read_bytes()
    cut = data.draw(st.integers(0, len(whole)), label="cut at")
    content = bytearray(whole[:cut])
    for _ in range(data.draw(st.integers(0, 6), label="bytes changed")):
        if content:
            content[data.draw(st.integers(0, len(content) - 1))] = data.draw(st.integers(0, 255))
    caplog.clear()
    with damaged(spare_folder, name, bytes(content)) as path, caplog.at_level(logging.WARNING, logger=SOUND_LOGGER):
        sound = Sound(Settings(), folder=spare_folder)
        sound.play(name)
    warned = [message for message in warnings_in(caplog) if str(path) in message]
    assert (name in loaded(sound)) != bool(warned), "either the sound plays or a warning names its file"
    if cut < len(whole):
        assert warned, "a file cut short is always reported"


@given(content=st.binary(max_size=200))
def test_any_bytes_in_a_sound_file_never_crash_the_game(spare_folder: Path, content: bytes) -> None:
    with damaged(spare_folder, "select", content):
        sound = Sound(Settings(), folder=spare_folder)
        sound.play("select")
    assert set(NAMES) - {"select"} <= set(loaded(sound))
