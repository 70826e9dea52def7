"""The terminal obeys what it is sent: scenario text in `play --text` must never reach it as
control characters (an ESC sequence could recolour, retitle or clear it; a \\r overwrite a line),
nor as an endless flood."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

from game.engine.judging.scoring import result
from game.engine.playing.session import Session
from game.storage.scenario_files import load_scenario
from game.tools.play_text import play_in_terminal
from game.tools.text_render import render_debrief, render_view, terminal_safe
from game.ui.displayable import MAX_SHOWN
from tests.paths import ANGRY_WALK_IN, ROOT
from tests.ui.retexted import KINDS, retexted

HOSTILE = "\x1b[2J\x1b[31mred\x1b[0m \x1b]0;owned\x07title\r\roverwritten\u202egnp.exe\ud800\x00 end"


def unsafe_characters(text: str) -> set[str]:
    """Controls (a line break aside), format characters and surrogates: what a terminal may obey."""
    return {char for char in text if char != "\n" and unicodedata.category(char) in ("Cc", "Cf", "Cs")}


def test_control_characters_are_spelled_out_and_breaks_become_spaces() -> None:
    shown = terminal_safe(HOSTILE)
    assert not unsafe_characters(shown)
    assert shown.startswith("\\x1b[2J\\x1b[31mred\\x1b[0m \\x1b]0;owned\\x07title  overwritten\\u202egnp.exe\\ud800")
    ordinary = "Plain words, \u201ccurly\u201d and caf\u00e9."
    assert terminal_safe(ordinary) == ordinary


def test_absurdly_long_text_is_cut_with_an_ellipsis() -> None:
    shown = terminal_safe("word " * 200_000)
    assert len(shown) == MAX_SHOWN and shown.endswith("\u2026")


def test_every_text_of_a_whole_conversation_reaches_the_terminal_safely() -> None:
    """The model is given the hostile text directly, so this holds whatever the loader lets through."""
    scenario = retexted(load_scenario(ANGRY_WALK_IN), dict.fromkeys(KINDS, HOSTILE))
    session = Session.start(scenario, seed=3)
    shown = [render_view(session.view())]
    while not session.finished:
        view = session.view()
        shown.append(render_view(view))
        session.choose(next(i for i, option in enumerate(view.options) if option.available))
    shown.append(render_debrief(result(session)))
    text = "\n".join(shown)
    assert not unsafe_characters(text)
    assert "\\x1b[31mred" in text and "ENDING: \\x1b[2J" in text


def test_a_long_line_is_capped_before_it_is_shown(tmp_path: Path) -> None:
    scenario = retexted(load_scenario(ANGRY_WALK_IN), dict.fromkeys(KINDS, "x" * 1_000_000))
    written = tmp_path / "out.txt"
    with written.open("w", encoding="utf-8") as write, (tmp_path / "in.txt").open("w+", encoding="utf-8") as read:
        read.write("1\n" * 40)
        read.seek(0)
        play_in_terminal(Session.start(scenario, seed=3), read, write)
    assert written.stat().st_size < 200 * MAX_SHOWN  # a few dozen capped texts, not megabytes each


def test_play_text_on_a_hostile_file_prints_no_escape_sequence(tmp_path: Path) -> None:
    """YAML's own escapes (\\e, \\r, \\a) put the control characters into the file's texts. The
    title and summary are left alone: cli.py prints them before play begins."""
    source = ANGRY_WALK_IN.read_text(encoding="utf-8")
    hostile = r"\e[2J\e[31mred\e[0m \e]0;owned\atitle\roverwritten "
    for plain in ('narration: "The office door', '"Right! Who', 'text: "Go on, tell me', '    title: "'):
        assert plain in source
        key, _, rest = plain.partition('"')
        source = source.replace(plain, f'{key}"{hostile}{rest}', -1 if plain.startswith(" ") else 1)  # every ending
    scenario = tmp_path / "hostile.yaml"
    scenario.write_text(source, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "main.py", "play", str(scenario), "--text", "--seed", "3"],
        cwd=ROOT,
        input=b"1\n" * 40,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")
    for stream in (done.stdout, done.stderr):
        assert b"\x1b" not in stream and b"\r" not in stream and b"\x07" not in stream
    if b"Anger [" in done.stdout:  # the loader let the text through: it is shown, spelled out
        assert b"\\x1b[31mred\\x1b[0m \\x1b]0;owned\\x07title overwritten" in done.stdout
    else:  # the loader refused the file, saying why without echoing the characters
        assert done.returncode == 1 and b"error" in done.stderr
