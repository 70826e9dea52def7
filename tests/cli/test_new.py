"""`python3 main.py new`: the template validates, plays to the right endings and teaches the right thing,
for every channel; ids are unique; nothing is ever overwritten; any title is quoted safely.

The command runs as a trainer runs it, in a subprocess, inside a scratch folder with a copy of the
principles, so the shipped library is never touched and principle names are checked.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine import read_principles, read_scenario, typographic
from game.engine.reading.fields import ID_PATTERN
from game.storage.locations import SHIPPED_LIBRARY
from game.storage.scenario_files import PRINCIPLES_FILE
from game.tools.new_scenario import SCHEMA, Target, id_from_title, render, schema_reference
from game.tools.scenario_template import SCENARIO
from game.tools.template_words import WORDS_BY_CHANNEL, ChannelWords
from tests.paths import ROOT

SHIPPED_PRINCIPLES = ROOT / "scenarios" / PRINCIPLES_FILE
PRINCIPLES = read_principles(SHIPPED_PRINCIPLES.read_bytes(), str(SHIPPED_PRINCIPLES))
CHANNELS = sorted(WORDS_BY_CHANNEL)
BEST_ANSWERS = ("acknowledge", "hold-limit", "fix-it")  # the template's recommended answer at each node
ANSWER_SETS = (("acknowledge", "calm-down", "i-understand", "promise"), ("hold-limit", "snap", "pass-on"))
ANSWER_SETS += (("fix-it", "ask-now", "quote-policy"),)
NOT_PRINTABLE = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs")  # what str.isprintable refuses, but the space


def main(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python3 main.py ...` run from `folder`, as a trainer would from their own copy."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    return done


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A scratch `scenarios/` folder with the shipped principles, inside a folder to run from."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(SHIPPED_PRINCIPLES, folder / PRINCIPLES_FILE)
    return folder


def auto_play(library: Path, path: Path, strategy: str) -> dict:
    done = main(library.parent, "play", str(path), "--auto", strategy, "--json", "--seed", "3")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("channel", CHANNELS)
def test_each_channel_validates_plays_and_teaches(library: Path, channel: str) -> None:
    made = main(library.parent, "new", "The Wrong Bill", "--channel", channel)
    assert made.returncode == 0, made.stderr
    path = library / "the-wrong-bill.yaml"
    assert f"wrote {Path('scenarios') / 'the-wrong-bill.yaml'}" in made.stdout
    assert "python3 main.py validate scenarios/the-wrong-bill.yaml" in made.stdout
    checked = main(library.parent, "validate", str(path))
    assert checked.returncode == 0 and checked.stdout == "", checked.stdout
    assert "0 error(s), 0 warning(s)" in checked.stderr
    best, worst = auto_play(library, path, "best"), auto_play(library, path, "worst")
    assert (best["ending"], best["outcome"], best["grade"]) == ("sorted", "resolved", "A")
    assert best["scores"]["overall"] >= 90
    assert (worst["ending"], worst["outcome"], worst["grade"]) == ("walked-out", "lost", "E")
    assert worst["scores"]["overall"] <= 20
    studied = main(library.parent, "analyze", str(path))
    assert studied.returncode == 0, studied.stderr
    assert "sorted" in studied.stdout and "walked-out" in studied.stdout


def test_the_modeline_points_editors_at_the_schema_from_wherever_the_file_is(library: Path) -> None:
    for out, path in (
        ("scenarios/", "scenarios/anything.yaml"),
        ("elsewhere/deeper/", "elsewhere/deeper/anything.yaml"),
    ):
        assert main(library.parent, "new", "Anything", "--out", out).returncode == 0
        first = (library.parent / path).read_text(encoding="utf-8").splitlines()[0]
        reference = first.removeprefix("# yaml-language-server: $schema=")
        assert (library.parent / path).parent.joinpath(reference).resolve() == SCHEMA


def test_in_the_shipped_library_the_modeline_is_the_shipped_scenarios_one() -> None:
    assert schema_reference(SHIPPED_LIBRARY) == "schema/scenario.schema.json"
    assert (
        (SHIPPED_LIBRARY / "angry-walk-in.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=schema/scenario.schema.json\n")
    )


def test_ids_are_unique_in_the_folder(library: Path) -> None:
    for _ in range(3):
        assert main(library.parent, "new", "Same Title").returncode == 0
    names = sorted(path.name for path in library.glob("*.yaml"))
    assert names == [PRINCIPLES_FILE, "same-title-2.yaml", "same-title-3.yaml", "same-title.yaml"]
    assert 'id: "same-title-3"\n' in (library / "same-title-3.yaml").read_text(encoding="utf-8")
    together = main(library.parent, "validate", str(library))
    assert together.returncode == 0, together.stdout  # no duplicate ids across the folder
    assert "checked 3 scenario file(s): 0 error(s), 0 warning(s)" in together.stderr
    assert main(library.parent, "new", "Principles", "--out", "empty/").returncode == 0  # never principles.yaml
    assert [path.name for path in (library.parent / "empty").iterdir()] == ["principles-2.yaml"]


def test_an_existing_file_is_never_overwritten(library: Path) -> None:
    kept = library / "kept.yaml"
    kept.write_text("mine\n", encoding="utf-8")
    refused = main(library.parent, "new", "Kept", "--out", str(kept))
    assert refused.returncode == 1
    assert "already exists" in refused.stderr and "nothing was written" in refused.stderr
    assert refused.stdout == ""
    assert kept.read_text(encoding="utf-8") == "mine\n"
    beside = main(library.parent, "new", "Kept", "--out", str(library))  # into the folder: a new id instead
    assert beside.returncode == 0 and (library / "kept-2.yaml").exists()


def test_out_makes_a_missing_folder_and_says_so(library: Path) -> None:
    target = library.parent / "drafts" / "2025" / "practice.yaml"
    made = main(library.parent, "new", "Practice Run", "--out", str(target), "--channel", "chat")
    assert made.returncode == 0, made.stderr
    assert f"made the folder {target.parent}" in made.stdout
    assert "id practice-run" in made.stdout
    assert main(library.parent, "validate", str(target)).returncode == 0


@pytest.mark.parametrize(
    ("out", "why"),
    [("notes.txt", "must end in .yaml"), ("scenarios/principles.yaml", "principles file")],
)
def test_out_must_be_a_scenario_file_name(library: Path, out: str, why: str) -> None:
    refused = main(library.parent, "new", "Title", "--out", out)
    assert refused.returncode == 1 and why in refused.stderr
    assert sorted(path.name for path in library.parent.rglob("*")) == ["principles.yaml", "scenarios"]


WEIRD_TITLES = {
    'He said "no": #1 \\ back': "he-said-no-1-back",
    "Café \u2013 naïve ✓ 😀": "cafe-naive",
    "日本語のタイトル": "new-scenario",
    "- [a] {b} & *c ! | > % @ `": "a-b-c",
    "null": "null",
    "Don't panic: it's 'only' money": "dont-panic-its-only-money",
}


def test_weird_titles_are_written_exactly(library: Path) -> None:
    for title in WEIRD_TITLES:
        made = main(library.parent, "new", title)
        assert made.returncode == 0, made.stderr
    checked = main(library.parent, "validate", str(library))
    assert checked.returncode == 0, checked.stdout
    assert f"checked {len(WEIRD_TITLES)} scenario file(s): 0 error(s), 0 warning(s)" in checked.stderr
    for title, scenario_id in WEIRD_TITLES.items():
        path = library / f"{scenario_id}.yaml"
        scenario = read_scenario(path.read_bytes(), str(path), PRINCIPLES).scenario
        assert scenario is not None
        assert (scenario.id, scenario.title) == (scenario_id, typographic(title))


@pytest.mark.parametrize(
    ("title", "why"),
    [
        ("   ", "'title' in the scenario is empty"),
        ("x" * 81, "is 81 characters; the limit for a title or name is 80"),
        ("two\nlines", "line break"),
        ("\u0301", "nothing visible"),
    ],
)
def test_a_title_that_cannot_be_shown_is_refused(library: Path, title: str, why: str) -> None:
    refused = main(library.parent, "new", title)
    assert refused.returncode == 2
    assert why in refused.stderr and "nothing was written" in refused.stderr
    assert [path.name for path in library.iterdir()] == [PRINCIPLES_FILE]


def problems_for(title: str, channel: str) -> tuple[list[str], str | None, int]:
    """The rendered template's problems, the title it reads back with, and the line the title is on."""
    target = Target(Path("scenarios") / "x.yaml", id_from_title(title))
    text = render(title, channel, target)
    report = read_scenario(text.encode("utf-8"), "x.yaml", PRINCIPLES)
    title_line = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith("title: "))
    problems = [f"{d.position.line}:{d.message}" for d in report.diagnostics]
    return problems, report.scenario.title if report.scenario else None, title_line


def showable(title: str) -> bool:
    """What the text rules ask of a title: 1 to 80 characters, and something visible."""
    return 0 < len(title) <= 80 and any(unicodedata.category(char)[0] in "LNPS" for char in title)


@given(
    st.text(st.one_of(st.characters(exclude_categories=NOT_PRINTABLE), st.just(" ")), max_size=90),
    st.sampled_from(CHANNELS),
)
def test_any_printable_title_gives_a_file_that_validates(raw: str, channel: str) -> None:
    title = raw.strip()
    problems, read_title, title_line = problems_for(title, channel)
    if showable(title):
        assert problems == []
        assert read_title == typographic(title)
    else:
        assert problems and all(problem.startswith(f"{title_line}:") for problem in problems)


@given(st.text(max_size=40), st.sampled_from(CHANNELS))
def test_any_title_at_all_is_either_read_back_exactly_or_blamed_alone(raw: str, channel: str) -> None:
    title = raw.strip()
    problems, read_title, title_line = problems_for(title, channel)
    if read_title is None:
        assert problems and all(problem.startswith(f"{title_line}:") for problem in problems)
    else:
        assert read_title == typographic(title)


@given(st.text(max_size=200))
def test_the_id_from_any_title_is_a_valid_id_with_room_for_a_number(title: str) -> None:
    derived = id_from_title(title)
    assert ID_PATTERN.fullmatch(derived) and len(derived) <= 56
    assert ID_PATTERN.fullmatch(f"{derived}-1000000")


def test_every_word_of_a_channel_has_its_place_in_the_template() -> None:
    fields = {field.name for field in dataclasses.fields(ChannelWords)}
    assert fields <= set(SCENARIO.get_identifiers())


@pytest.mark.parametrize("channel", CHANNELS)
def test_the_template_teaches_the_right_thing(channel: str) -> None:
    """The best answer is not simply the longest, and each poor answer's feedback gives better words."""
    text = render("Title", channel, Target(Path("x.yaml"), "title"))
    scenario = read_scenario(text.encode("utf-8"), "x.yaml", PRINCIPLES).scenario
    assert scenario is not None
    choices = {choice.id: choice for node in scenario.nodes.values() for choice in node.choices}
    longest_is_best = [
        answers for answers in ANSWER_SETS if max(answers, key=lambda a: len(choices[a].text)) in BEST_ANSWERS
    ]
    assert len(longest_is_best) <= 1, longest_is_best
    for answers in ANSWER_SETS:
        shortest = min(answers, key=lambda a: len(choices[a].text))
        assert shortest not in BEST_ANSWERS, shortest
    poor = [(a, choice.consequence) for a, choice in choices.items() if a not in BEST_ANSWERS]
    poor += [(node.id, node.timeout) for node in scenario.nodes.values() if node.timeout is not None]
    for answer, consequence in poor:
        assert "\u201c" in consequence.feedback, f"{answer}: the feedback gives no better words in quotes"
