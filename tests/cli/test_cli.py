"""The command line, run exactly as a trainer runs it: `python3 main.py ...` in a subprocess.

Every run is checked for a traceback on standard error: whatever goes wrong, a person
must get a sentence, not a stack.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from game.engine.playing.session import Session
from game.storage.scenario_files import PRINCIPLES_FILE, load_scenario
from game.tools.cli import build_parser
from tests.content.transcript import load_runs
from tests.paths import ANGRY_WALK_IN, ROOT

WALK_IN = str(ANGRY_WALK_IN.relative_to(ROOT))
DIAGNOSTIC = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<message>.+)$")
REPORT_KEYS = {"scenario", "ending", "outcome", "final_anger", "path", "scores"}
OPTIONAL_KEYS = {"grade", "seed", "temperament", "choices"}
SCORE_KEYS = {"composure", "assertiveness", "resolution", "overall"}


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python3 main.py ...`, with `env` added to this process's environment."""
    return python("main.py", *args, stdin=stdin, env=env)


def python(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python3 ...` in the game's folder, with `env` added to this process's environment; a hang
    fails the test (TimeoutExpired) instead of stopping the suite, and so does a traceback."""
    done = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=os.environ | env if env else None,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in done.stderr, f"{' '.join(args)} crashed:\n{done.stderr}"
    assert "Traceback" not in done.stdout, f"{' '.join(args)} printed a traceback:\n{done.stdout}"
    return done


def auto_report(*args: str) -> dict:
    done = run("play", WALK_IN, *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # the whole of stdout is one JSON object


# -- help and validate ---------------------------------------------------------------------


def test_help_lists_the_verbs() -> None:
    done = run("--help")
    assert done.returncode == 0
    for verb in ("validate", "play", "analyze"):
        assert verb in done.stdout


def every_parser(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.ArgumentParser]]:
    """The top-level parser and each verb's, by the name a person types."""
    verbs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return [("main.py", parser)] + [(name, sub) for action in verbs for name, sub in action.choices.items()]


def test_every_argument_of_every_verb_has_help() -> None:
    unexplained = [
        f"{name} {action.dest}"
        for name, parser in every_parser(build_parser())
        for action in parser._actions
        if not action.help
    ]
    assert unexplained == []


def test_validate_the_shipped_scenarios() -> None:
    done = run("validate")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in done.stdout
    assert "0 error(s), 0 warning(s)" in done.stderr


BROKEN = """\
id: broken
title: "Broken"
summary: "Several mistakes at once"
customer:
  name: "Someone"
  anger: 50
  walks_out_at: 95
start: nowhere
nodes:
  a:
    say: ["hello"]
    choices:
      - id: one
        text: "One"
        effects: {anger: lots}
        next: missing-node
      - id: one
        text: "Again"
        next: the-end
endings:
  the-end:
    outcome: maybe
    title: "End"
    text: "done"
"""


def test_validate_reports_every_error_with_its_position(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    done = run("validate", str(broken))
    assert done.returncode == 1
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    assert lines, "validate printed nothing for a broken file"
    matches = [DIAGNOSTIC.match(line) for line in lines]
    assert all(matches), f"not all lines are path:line:col: severity: message:\n{done.stdout}"
    assert {m["path"] for m in matches} == {str(broken)}
    errors = [m for m in matches if m["severity"] == "error"]
    assert len(errors) >= 4, done.stdout
    where = {(int(m["line"]), m["message"]) for m in errors}
    assert any(line == 8 and "nowhere" in message for line, message in where), done.stdout
    assert any(line == 15 and "lots" in message for line, message in where), done.stdout
    assert any(line == 16 and "missing-node" in message for line, message in where), done.stdout
    assert any(line == 22 and "maybe" in message for line, message in where), done.stdout
    assert re.search(r"\d+ error\(s\)", done.stderr)


def test_validate_reports_a_yaml_syntax_error(tmp_path: Path) -> None:
    broken = tmp_path / "syntax.yaml"
    broken.write_text("id: x\ntitle: [unclosed\nnodes:\n  a: 1\n", encoding="utf-8")
    done = run("validate", str(broken))
    assert done.returncode == 1
    assert DIAGNOSTIC.match(done.stdout.splitlines()[0]), done.stdout


def test_validate_a_password_file_quotes_it_short(tmp_path: Path) -> None:
    passwd = tmp_path / "passwd"
    passwd.write_text("".join(f"user{n}:x:{n}:{n}:User {n}:/home/user{n}:/bin/bash\n" for n in range(40)))
    done = run("validate", str(passwd))
    assert done.returncode == 1
    assert done.stdout == (
        f"{passwd}:1:1: error: the scenario must be a mapping of keys, not "
        "'user0:x:0:0:User 0:/home/user0:/bin/bash user1:x:1:1:User 1:/hom...'\n"
    )


def test_validate_a_library_with_a_big_notes_file_prints_a_short_report(tmp_path: Path) -> None:
    shutil.copy(ANGRY_WALK_IN, tmp_path)
    shutil.copy(ROOT / "scenarios" / PRINCIPLES_FILE, tmp_path)
    notes = "".join(f"note-{n}: {'remember to ring back about the bill ' * 3}\n" for n in range(1_000))
    (tmp_path / "notes.yaml").write_text(notes, encoding="utf-8")
    assert len(notes) > 100_000  # 1,000 unknown keys and the ten keys a scenario needs
    done = run("validate", str(tmp_path))
    lines = done.stdout.splitlines()
    assert done.returncode == 1 and len(lines) == 101
    assert all(DIAGNOSTIC.match(line) and len(line) < 250 for line in lines), done.stdout
    assert lines[-1] == f"{tmp_path / 'notes.yaml'}:101:1: error: ... and 910 more problems in this file"
    assert done.stderr.strip() == (
        "checked 2 scenario file(s): 100 error(s), 0 warning(s); "
        "1 file(s) had more problems than shown (see each one's last line)"
    )


def test_validate_a_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-scenario.yaml"
    done = run("validate", str(missing))
    assert done.returncode == 1
    assert f"{missing}:1:1: error: no such file or folder" in done.stdout


@pytest.mark.parametrize("contents", [(), ("notes.txt", "draft.yml", PRINCIPLES_FILE)], ids=["empty", "no-yaml"])
def test_validate_a_folder_without_scenarios_says_so(tmp_path: Path, contents: tuple[str, ...]) -> None:
    for name in contents:
        (tmp_path / name).write_text("principles: {}\n", encoding="utf-8")
    done = run("validate", str(tmp_path))
    assert done.returncode == 1
    assert done.stdout.startswith(f"{tmp_path}:1:1: error: no scenario files in this folder"), done.stdout
    assert "*.yaml" in done.stdout
    assert "checked 0 scenario file(s): 1 error(s)" in done.stderr


def test_validate_an_empty_folder_beside_a_good_one_is_still_an_error(tmp_path: Path) -> None:
    done = run("validate", str(tmp_path), "scenarios")
    assert done.returncode == 1
    assert "no scenario files in this folder" in done.stdout


# -- play in the terminal ------------------------------------------------------------------


def numbers_for(seed: int, choice_ids: tuple[str, ...]) -> list[int]:
    """The option numbers a person types to give these answers, in this seed's shown order."""
    session = Session.start(load_scenario(ANGRY_WALK_IN), seed)
    numbers = []
    for choice_id in choice_ids:
        ids = [option.choice_id for option in session.view().options]
        numbers.append(ids.index(choice_id) + 1)
        session.choose_id(choice_id)
    assert session.finished
    return numbers


BEST = next(r for r in load_runs() if r.name == "best-path")


def test_text_play_reaches_the_debrief() -> None:
    typed = numbers_for(BEST.seed, BEST.choices)
    done = run("play", WALK_IN, "--text", "--seed", str(BEST.seed), stdin="".join(f"{n}\n" for n in typed))
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"seed {BEST.seed}" in done.stdout
    assert "ENDING: Sorted out (resolved)" in done.stdout
    assert "Composure 100   Assertiveness 100   Resolution 100   Overall 100 (grade A)" in done.stdout
    assert "Type a number" not in done.stdout


def test_text_play_says_why_each_score_is_what_it_is() -> None:
    walk_out = next(r for r in load_runs() if r.name == "walk-out")
    typed = numbers_for(walk_out.seed, walk_out.choices)
    done = run("play", WALK_IN, "--text", "--seed", str(walk_out.seed), stdin="".join(f"{n}\n" for n in typed))
    assert done.returncode == 0, done.stdout + done.stderr
    said = " ".join(done.stdout.split())  # the sentences are wrapped to the terminal's width
    assert "Composure 0: neither of your two answers was the calmest on offer" in said
    assert "Overall 1: the customer was lost, so it stays between 0 and 19 whatever the answers." in said


def test_text_play_asks_again_after_invalid_input() -> None:
    typed = numbers_for(BEST.seed, BEST.choices)
    session = Session.start(load_scenario(ANGRY_WALK_IN), BEST.seed)
    session.choose_id(BEST.choices[0])
    session.choose_id(BEST.choices[1])
    locked = [n for n, option in enumerate(session.view().options, start=1) if not option.available]
    assert locked, "the best path shows a locked choice at its third answer"
    lines = ["x", "99", "", str(typed[0]), str(typed[1]), str(locked[0]), *map(str, typed[2:])]
    done = run("play", WALK_IN, "--text", "--seed", str(BEST.seed), stdin="".join(f"{line}\n" for line in lines))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("Type a number from 1 to 4 and press Enter.") == 3
    assert done.stdout.count("You can\u2019t say that yet. You need his account number first.") == 1
    assert "ENDING: Sorted out (resolved)" in done.stdout
    assert "Overall 100 (grade A)" in done.stdout


def test_text_play_stops_cleanly_when_input_runs_out() -> None:
    done = run("play", WALK_IN, "--text", "--seed", "3", stdin="2\n")
    assert done.returncode == 1
    assert "Stopped before the end of the conversation." in done.stdout
    assert "ENDING" not in done.stdout


def test_text_play_with_no_input_at_all() -> None:
    done = run("play", WALK_IN, "--text", "--seed", "3", stdin="")
    assert done.returncode == 1
    assert "Stopped before the end" in done.stdout


# -- play without a person -----------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("--auto", "best", "--seed", "3"), ("--auto", "worst", "--seed", "3"), ("--auto", "random", "--seed", "5")],
    ids=["best", "worst", "random"],
)
def test_auto_play_prints_one_json_report(args: tuple[str, ...]) -> None:
    report = auto_report(*args)
    assert REPORT_KEYS <= set(report) <= REPORT_KEYS | OPTIONAL_KEYS
    assert set(report["scores"]) == SCORE_KEYS
    assert all(isinstance(v, int) and 0 <= v <= 100 for v in report["scores"].values())
    assert report["scenario"] == "angry-walk-in"
    assert report["path"][0] == "burst-in" and report["path"][-1] == report["ending"]
    assert report["outcome"] in {"resolved", "partial", "escalated", "lost"}
    assert 0 <= report["final_anger"] <= 100
    assert auto_report(*args) == report, "the same seed must give the same run"


def test_best_play_scores_at_least_worst_play() -> None:
    best, worst = auto_report("--auto", "best", "--seed", "3"), auto_report("--auto", "worst", "--seed", "3")
    assert best["scores"]["overall"] >= worst["scores"]["overall"]
    assert best["scores"]["overall"] == 100 and best["ending"] == "cleared-up"
    assert best.get("choices", list(BEST.choices)) == list(BEST.choices)


def test_auto_play_without_json_prints_the_debrief() -> None:
    done = run("play", WALK_IN, "--auto", "worst", "--seed", "3")
    assert done.returncode == 0, done.stderr
    assert "ENDING: " in done.stdout and "Overall" in done.stdout


def test_play_testing_start_anywhere() -> None:
    report = auto_report(
        "--auto",
        "best",
        "--seed",
        "3",
        "--at",
        "reads-letter",
        "--anger",
        "40",
        "--flags",
        "account-checked,complaint-noted",
    )
    assert report["path"][0] == "reads-letter"
    assert report.get("choices", ["account-fine"])[0] == "account-fine"  # unlocked by the flag


@pytest.mark.parametrize(
    "args, wanted",
    [
        (("--at", "nowhere"), "nowhere"),
        (("--at", "cleared-up"), "cleared-up"),
    ],
    ids=["unknown-node", "an-ending"],
)
def test_play_testing_bad_start_is_a_clear_error(args: tuple[str, ...], wanted: str) -> None:
    done = run("play", WALK_IN, "--auto", "best", "--seed", "3", *args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("error: ") and wanted in done.stderr


NUMBER_RANGES = {
    "--anger": (("play", WALK_IN, "--auto", "best"), "from 0 to 100"),
    "--runs": (("analyze", WALK_IN), "from 1 to 1000000"),
    "--temperament": (("analyze", WALK_IN), "from 10 to 500"),
}


@pytest.mark.parametrize(
    "option, value",
    [
        ("--anger", "150"),
        ("--anger", "-1"),
        ("--runs", "0"),
        ("--runs", "-5"),
        ("--runs", "1000001"),
        ("--temperament", "-10"),
        ("--temperament", "0"),
        ("--temperament", "501"),
    ],
)
def test_a_number_out_of_range_is_a_usage_error(option: str, value: str) -> None:
    verb, bounds = NUMBER_RANGES[option]
    done = run(*verb, option, value)
    assert done.returncode == 2
    assert done.stdout == ""
    assert f"main.py {verb[0]}: error: argument {option}: must be a whole number {bounds}, not {value}" in done.stderr


def test_a_number_that_is_not_a_number_is_a_usage_error() -> None:
    done = run("analyze", WALK_IN, "--runs", "many")
    assert done.returncode == 2
    assert "main.py analyze: error: argument --runs: 'many' is not a whole number" in done.stderr


def test_play_a_missing_scenario(tmp_path: Path) -> None:
    done = run("play", str(tmp_path / "gone.yaml"), "--auto", "best")
    assert done.returncode == 1
    assert "gone.yaml" in done.stderr and "error" in done.stderr


def test_play_a_broken_scenario_lists_its_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    done = run("play", str(broken), "--auto", "best")
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) >= 4 and all(DIAGNOSTIC.match(line) for line in lines), done.stderr


# -- analyze -------------------------------------------------------------------------------


def test_analyze_json() -> None:
    done = run("analyze", WALK_IN, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)  # the whole of stdout, whatever progress says on stderr
    assert {"outcomes", "endings", "random_play"} <= set(report)
    assert "interrupted" not in report
    assert report["random_play"]["runs"] == 10000
    assert set(report["endings"]) == set(load_scenario(ANGRY_WALK_IN).endings)
    assert all(facts["reachable"] for facts in report["endings"].values())
    assert sum(report["random_play"]["endings"].values()) == 10000
    outcomes = report["outcomes"]  # per outcome, best first: bands that never overlap
    assert list(outcomes) == ["resolved", "partial", "escalated", "lost"]
    bands = [(facts["band"]["worst"], facts["band"]["best"]) for facts in outcomes.values()]
    assert all(low > high for (low, _), (_, high) in itertools.pairwise(bands))
    for facts in outcomes.values():  # the exact range lies in the band, and what play met lies in it
        band, reachable, seen = facts["band"], facts["reachable"], facts["seen"]
        assert band["worst"] <= reachable["worst"] <= seen["worst"] <= seen["best"] <= reachable["best"] <= band["best"]
    assert outcomes["resolved"]["reachable"]["best"] == 100  # the walk-in's best play is the best of every score
    assert report["best_overall"] == 100 and report["flags"] == []


def test_analyze_json_gives_the_answers_of_best_play_and_the_recommended_answer_at_every_node() -> None:
    report = json.loads(run("analyze", WALK_IN, "--json", "--runs", "1").stdout)
    scenario = load_scenario(ANGRY_WALK_IN)
    talking = [node for node, facts in scenario.nodes.items() if not facts.is_route]
    assert list(report["recommended"]) == talking  # in file order
    for name in ("best", "worst"):
        path, choices = report[f"{name}_path"], report[f"{name}_choices"]
        assert len(choices) == len(path) - 1 and path[-1] in scenario.endings
        for node, choice in zip(path, choices, strict=False):
            assert choice in {c.id for c in scenario.nodes[node].choices}
    for node, choice in zip(report["best_path"], report["best_choices"], strict=False):
        assert choice in {pick["choice"] for pick in report["recommended"][node]}
    assert [pick["choice"] for pick in report["recommended"]["burst-in"]] == ["acknowledge"]
    assert {pick["choice"] for pick in report["recommended"]["loose-ends"]} == {"already-noted", "log-it"}


@pytest.mark.parametrize("temperament", [10, 500])
def test_analyze_at_the_ends_of_the_temperament_range(temperament: int) -> None:
    done = run("analyze", WALK_IN, "--json", "--runs", "1", "--temperament", str(temperament))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["temperament"] == temperament and report["random_play"]["runs"] == 1


def test_analyze_text() -> None:
    done = run("analyze", WALK_IN)
    assert done.returncode == 0, done.stderr
    for text in (
        "Scenario angry-walk-in",
        "outcome       band         reachable    seen in play",
        "Best play (6 answers, overall 100, grade A):\n  burst-in: acknowledge -> ",
        "Worst play (2 answers, overall 1, grade E):\n  burst-in: calm-down -> told-to-calm: snap -> walked-out",
        "Recommended answer at each node",
        "  burst-in              acknowledge\n",
        "Flags: none",
        "Endings:",
        "Random play, 10000 games",
        "cleared-up",
        "walked-out",
    ):
        assert text in done.stdout
    assert re.search(r"\n  loose-ends +log-it in \d+, already-noted in \d+\n", done.stdout)  # by the flag


def long_line_scenario(folder: Path, nodes: int) -> Path:
    """A conversation of `nodes` questions in a row, a right and a wrong answer at each."""
    body = "".join(
        f"""  q{n}:
    say: "And then?"
    choices:
      - {{id: right, text: "Right.", effects: {{composure: 5}}, next: {"q" + str(n + 1) if n + 1 < nodes else "done"}}}
      - {{id: wrong, text: "Wrong.", effects: {{composure: -5}}, next: {"q" + str(n + 1) if n + 1 < nodes else "done"}}}
"""
        for n in range(nodes)
    )
    head = 'id: long\ntitle: "L"\nsummary: "S"\nchannel: chat\ndifficulty: 1\nobjectives: ["o"]\n'
    customer = "customer: {name: C, portrait: young-woman, anger: 50}\nstart: q0\n"
    endings = 'endings:\n  done: {outcome: resolved, title: "D", text: "D."}\n'
    path = folder / "long.yaml"
    path.write_text(f"{head}{customer}nodes:\n{body}{endings}", encoding="utf-8")
    return path


def test_a_long_best_play_is_shortened_in_text_and_whole_in_json(tmp_path: Path) -> None:
    path = str(long_line_scenario(tmp_path, 200))
    text = run("analyze", path, "--runs", "1").stdout
    assert "Best play (200 answers, overall 100, grade A):" in text
    assert "(184 more answers)" in text and text.count("q0: right") == 1 and "q199: right -> done" in text
    assert max(len(line) for line in text.splitlines()) <= 100
    report = json.loads(run("analyze", path, "--runs", "1", "--json").stdout)
    assert report["best_choices"] == ["right"] * 200 and len(report["recommended"]) == 200


def test_analyze_stopped_with_ctrl_c_prints_what_it_had_found() -> None:
    """A million random games take seconds: once the progress line says they have begun, Ctrl+C."""
    running = subprocess.Popen(
        [sys.executable, "main.py", "analyze", WALK_IN, "--runs", "1000000", "--json"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert running.stderr is not None
    said = running.stderr.readline()  # the first progress line: blocks until the run has taken a while
    assert said.startswith("analyze: playing 1,000,000 random games"), said
    running.send_signal(signal.SIGINT)
    out, err = running.communicate(timeout=60)
    assert running.returncode == 130, err
    assert "Stopped while playing 1,000,000 random games" in err and "Traceback" not in err
    report = json.loads(out)
    assert report["interrupted"] == "playing 1,000,000 random games"
    assert "random_play" not in report and report["best_path"][0] == "burst-in"
    assert report["outcomes"]["resolved"]["reachable"]["best"] == 100


# -- a timed node whose choices are all hidden: only the timer can move on -------------------


def hidden_at_louder(folder: Path) -> Path:
    """The walk-in with every choice at 'louder' hidden behind a flag nobody has there."""
    data = yaml.safe_load(ANGRY_WALK_IN.read_text(encoding="utf-8"))
    louder = data["nodes"]["louder"]
    assert "timer" in louder and "timeout" in louder
    for choice in louder["choices"]:
        choice.update({"if": {"flag": "complaint-noted"}, "when_unavailable": "hide"})
    shutil.copy(ANGRY_WALK_IN.parent / PRINCIPLES_FILE, folder / PRINCIPLES_FILE)
    path = folder / "hidden.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    assert run("validate", str(path)).returncode == 0
    return path


def test_text_play_lets_the_timer_run_out_when_nothing_can_be_said(tmp_path: Path) -> None:
    path = hidden_at_louder(tmp_path)
    done = run("play", str(path), "--text", "--seed", "1", "--at", "louder", stdin="1\n" * 20)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Your answer (1-0)" not in done.stdout
    assert "nothing you can say" in done.stdout
    assert "ENDING: " in done.stdout


def test_random_auto_play_waits_when_nothing_can_be_said(tmp_path: Path) -> None:
    path = hidden_at_louder(tmp_path)
    done = run("play", str(path), "--auto", "random", "--seed", "1", "--at", "louder", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["choices"][0] == "(timeout)"
