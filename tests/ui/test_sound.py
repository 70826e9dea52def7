"""Sound is a courtesy: with no audio device it switches itself off with one log line, and
with the player's sound setting off nothing plays."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pytest

from game.storage.settings import Settings
from game.ui.sound import Sound
from game.ui.sound_recipes import NAMES, RECIPES
from tests.paths import ROOT

if TYPE_CHECKING:
    from tests.ui.conftest import AppFactory

NO_DEVICE = """
import logging, sys
sys.path.insert(0, sys.argv[1])
logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
from game.storage.settings import Settings
from game.ui.sound import NAMES, Sound
sound = Sound(Settings())
for name in NAMES:
    sound.play(name)
sound.apply(Settings(sound=False, reduced_intensity=True))
sound.apply(Settings())
sound.play("end")
print("available" if sound.available else "silent")
"""


def test_without_an_audio_device_sound_turns_itself_off_with_one_log_line() -> None:
    environment = os.environ | {"SDL_AUDIODRIVER": "no-such-audio-driver", "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    done = subprocess.run(
        [sys.executable, "-c", NO_DEVICE, str(ROOT)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "silent"
    assert "Traceback" not in done.stderr
    logged = [line for line in done.stderr.splitlines() if "game.ui.sound" in line]
    assert len(logged) == 1, done.stderr
    assert logged[0].startswith("WARNING") and "sound is off" in logged[0]


def test_with_sound_off_play_does_nothing() -> None:
    sound = Sound(Settings(sound=False))
    if sound.available:
        pygame.mixer.stop()
    for name in NAMES:
        sound.play(name)
    assert not (sound.available and pygame.mixer.get_busy())
    sound.apply(Settings(sound=True))
    sound.play("end")
    if sound.available:  # the dummy driver usually opens; then the sound really starts
        assert pygame.mixer.get_busy()
        sound.apply(Settings(sound=False))
        assert not pygame.mixer.get_busy(), "switching sound off silences what is playing"


def test_an_unknown_sound_name_is_a_mistake_even_when_silent() -> None:
    with pytest.raises(ValueError, match="no sound called 'boom'"):
        Sound(Settings(sound=False)).play("boom")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("rate", [22050, 44100, 48000])
def test_every_sound_is_short_and_never_clips(name: str, rate: int) -> None:
    samples = RECIPES[name](rate)
    assert 0.02 * rate < len(samples) < 1.0 * rate
    assert max(abs(sample) for sample in samples) <= 1.0
    assert abs(samples[0]) < 0.01 and abs(samples[-1]) < 0.01, "starts and ends in silence: no clicks"


def test_the_app_follows_the_sound_setting(make_app: AppFactory) -> None:
    app = make_app().app
    assert app.sound.on
    app.apply_settings(app.settings.with_changes(sound=False))
    assert not app.sound.on
    app.sound.play("select")
    app.apply_settings(app.settings.with_changes(sound=True))
    assert app.sound.on


def test_the_settings_screen_says_when_there_is_no_sound_device(tmp_path: Path) -> None:
    """In a child process whose audio driver does not exist, so the device really fails."""
    script = f"""
import os, sys
sys.path.insert(0, {str(ROOT)!r})
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "no-such-audio-driver"
from pathlib import Path
from game.ui.app import App, AppConfig
from game.ui.scenes.settings import ROWS, SettingsScene
app = App(AppConfig(Path({str(ROOT / "scenarios")!r}), Path({str(tmp_path)!r}), (1280, 720)))
app.frame(0.0, [])
scene = SettingsScene(app)
app.push(scene)
app.frame(0.0, [])
print(scene._note(next(row for row in ROWS if row.key == "sound")))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert "No sound device was found" in done.stdout, done.stderr
