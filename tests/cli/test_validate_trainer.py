"""`python3 main.py validate` on the mistakes a trainer made while writing a scenario, end to end:
every problem of a file at once, each once, in our words, at the place it was made."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cli import run
from tests.engine.test_diagnostics import variant


def validated(tmp_path: Path, text: str) -> tuple[list[str], str, int]:
    """What validate prints for `text` as one file: the lines with the path left out, the summary
    (the last line on standard error), the exit code."""
    path = tmp_path / "call.yaml"
    path.write_text(text, encoding="utf-8")
    done = run("validate", str(path))
    lines = [line.removeprefix(f"{path}:") for line in done.stdout.splitlines()]
    return lines, done.stderr.strip().splitlines()[-1], done.returncode


def test_a_tab_a_typo_and_a_wrong_kind_of_place_all_at_once(tmp_path: Path) -> None:
    text = variant(
        ("title: A short call", "titel: A short call"),
        ("start: hello", "start: happy"),
        ("        feedback: Good.\n", "\tfeedback: Good.\n"),
        ("  anger: 50\n", "  anger: 50\n  walks_out_at: 90\n  walks_out_to: hello\n"),
    )
    lines, summary, code = validated(tmp_path, text)
    assert lines == [
        "1:1: error: the scenario needs 'title'",
        "2:1: error: unknown key 'titel' in the scenario; did you mean 'title'?",
        "13:17: error: 'hello' is a node, not an ending: walking out ends the conversation, so name the ending "
        "it leads to",
        "14:8: error: 'happy' is an ending, not a node: a conversation starts at a node, never at an ending",
        "22:1: error: a tab indents this line, and YAML allows only spaces for indentation: use spaces",
    ]
    assert (summary, code) == ("checked 1 scenario file(s): 5 error(s), 0 warning(s)", 1)


def test_an_indentation_mistake_says_indentation_and_the_columns(tmp_path: Path) -> None:
    lines, _, code = validated(tmp_path, variant(("        feedback: Good.\n", "       feedback: Good.\n")))
    assert lines == [
        "20:8: error: YAML syntax: the indentation of this line matches no line above it: it starts at column 8, "
        "and the lines above start at columns 9, 7, 5, 3 and 1; move it, with spaces, to line up with the key "
        "or list item it belongs to"
    ]
    assert code == 1


def test_text_cut_by_a_hash_is_a_warning_that_says_to_quote_it(tmp_path: Path) -> None:
    lines, summary, code = validated(tmp_path, variant(("text: Let me look into it.", "text: We are #1 at this.")))
    assert lines == [
        "18:22: warning: 'text' in choice 'kind' stops at ' #': YAML reads '#1 at this.' as a comment and "
        "leaves it out; put the whole text in quotes, or that part is lost"
    ]
    assert (summary, code) == ("checked 1 scenario file(s): 0 error(s), 1 warning(s)", 0)


def test_principle_names_left_unchecked_are_noted_once_per_folder(tmp_path: Path) -> None:
    """Without a principles file the names cannot be checked; validate says so once, and still passes."""
    shipped = Path(__file__).resolve().parents[2] / "scenarios"
    for name in ("all-caps.yaml", "the-baiter.yaml"):
        (tmp_path / name).write_bytes((shipped / name).read_bytes())
    done = run("validate", str(tmp_path))
    assert done.returncode == 0
    assert done.stderr.count("were not checked: there is no principles.yaml beside them") == 1
    (tmp_path / "principles.yaml").write_bytes((shipped / "principles.yaml").read_bytes())
    assert "were not checked" not in run("validate", str(tmp_path)).stderr
