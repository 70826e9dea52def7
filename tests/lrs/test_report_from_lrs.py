"""`python3 main.py report --from-lrs`: one report over every training machine, read from the real Ralph LRS.

Two machines (two data folders, each with its lrs.json) record real attempts and send them with the
sender; the report read from the LRS is checked against the local report of a third folder holding
both machines' attempts, the same person's under one trainee, so every figure (standings, outcomes,
the hardest answers) has the local report's own queries as its oracle. Each module sends under an
activity_base of its own, so the LRS the tests share mixes nothing in.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import threading
import urllib.request
import uuid
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from game.storage.lrs import LrsConfig, statements_for
from game.storage.lrs.sender import request, sync_folder
from game.storage.reports import ReportQuery, cohort_csv, read_cohort
from game.storage.reports.from_lrs import read_cohort_from_lrs
from game.storage.trainees import Trainee
from game.tools.cli import main
from tests.cli.test_cli import run
from tests.lrs.conftest import PASSWORD, USERNAME, RealLrs, free_port
from tests.lrs.proxy import not_speaking_http
from tests.storage.report_cohort import ANA, BEN, DAY, HOUR, Play, played, record_all, trainee, utc

# The same e-mail typed otherwise on machine two (Ralph keeps the case of the part before the @, not after it).
ANA_ELSEWHERE = Trainee("c" * 32, "Ana Ruiz-Pérez", "Ana@example.org")
CARA = trainee(4, "Cara Lind")
MIDNIGHT_BEFORE_DAY_4 = 4 * DAY - 9 * HOUR  # the plays' days start at 09:00 UTC
FIRST = [
    Play(ANA, played("angry-walk-in", "best", 1), 0),
    Play(ANA, played("angry-walk-in", "worst", 2), DAY),
    Play(ANA, played("phone-notes", "random", 3), 2 * DAY),
    Play(BEN, played("angry-walk-in", "worst", 5), HOUR),
    Play(BEN, played("after-the-shift", "worst", 2), 3 * DAY),
]
SECOND = [
    Play(CARA, played("phone-notes", "worst", 2), 2 * DAY + HOUR),
    Play(ANA_ELSEWHERE, played("angry-walk-in", "worst", 3), MIDNIGHT_BEFORE_DAY_4 + 60),  # began the day before
    Play(CARA, played("angry-walk-in", "best", 1), 5 * DAY),
]
SINCE = "2026-03-06"  # the day the attempt begun before midnight ended
COVERS = "3 trainee(s), 3 scenario(s), 8 attempt(s)"


@dataclasses.dataclass(frozen=True)
class Machines:
    first: Path
    second: Path
    together: Path  # no LRS: both machines' attempts, Ana's under one trainee, oldest first
    config: LrsConfig


def set_up_lrs(folder: Path, config: LrsConfig) -> None:
    """The data folder's lrs.json, as whoever sets up a training machine writes it."""
    folder.mkdir(parents=True, exist_ok=True)
    settings = {"endpoint": config.endpoint, "username": config.username, "password": config.password}
    (folder / "lrs.json").write_text(json.dumps(settings | {"activity_base": config.activity_base}), encoding="utf-8")


def send(folder: Path, plays: list[Play], config: LrsConfig) -> None:
    set_up_lrs(folder, config)
    record_all(folder, plays)
    report = sync_folder(folder, config)
    assert (report.refused, report.waiting, report.problem) == (0, 0, "")
    assert report.sent == sum(len(play.attempt.answers) + 3 for play in plays)


@pytest.fixture(scope="module")
def machines(real_lrs: RealLrs, tmp_path_factory: pytest.TempPathFactory) -> Machines:
    config = LrsConfig(real_lrs.endpoint, USERNAME, PASSWORD, activity_base=f"https://test.example/{uuid.uuid4()}/")
    folders = Machines(*(tmp_path_factory.mktemp(name) for name in ("first", "second", "together")), config=config)
    send(folders.first, FIRST, config)
    send(folders.second, SECOND, config)
    record_all(folders.together, sorted(FIRST + [as_ana(play) for play in SECOND], key=lambda play: play.ended))
    return folders


def as_ana(play: Play) -> Play:
    """Ana's attempt on the second machine as the first machine's Ana: one trainee, named as she was last."""
    return (
        dataclasses.replace(play, trainee=dataclasses.replace(ANA_ELSEWHERE, id=ANA.id))
        if play.trainee == ANA_ELSEWHERE
        else play
    )


def report(data: Path, out: Path, *options: str) -> tuple[int, str, str]:
    """`report` run in this process, as the command line runs it: its exit code, output and errors."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["report", "--data", str(data), "--out", str(out), *options])
    return code, stdout.getvalue(), stderr.getvalue()


def test_one_report_covers_every_machine_with_each_person_once(machines: Machines, tmp_path: Path) -> None:
    out = tmp_path / "cohort.csv"
    done = run("report", "--from-lrs", "--data", str(machines.first), "--out", str(out))
    said = f"wrote {out}: {COVERS} from the LRS at {machines.config.endpoint}; 0 statement(s) skipped\n"
    assert (done.returncode, done.stdout, done.stderr) == (0, said, "")
    expected = cohort_csv(read_cohort(machines.together, ReportQuery()))
    assert out.read_bytes() == expected
    rows = [line.split(",") for line in out.read_text(encoding="utf-8-sig").splitlines()[1:]]
    assert [(row[0], row[1], row[2], row[4]) for row in rows] == [
        ("Ana Ruiz-Pérez", "Ana@example.org", "phone-notes", "1"),  # the name and e-mail of her latest attempt
        ("Ana Ruiz-Pérez", "Ana@example.org", "angry-walk-in", "3"),  # two on the first machine, one on the second
        ("Ben Okafor", "", "after-the-shift", "1"),
        ("Ben Okafor", "", "angry-walk-in", "1"),
        ("Cara Lind", "", "phone-notes", "1"),
        ("Cara Lind", "", "angry-walk-in", "1"),
    ]


def without_trainee_ids(cohort: Any) -> tuple[Any, ...]:
    return tuple(dataclasses.replace(attempt, trainee_id="") for attempt in cohort.attempts)


@pytest.mark.parametrize(
    "query",
    [ReportQuery(), ReportQuery(since=date.fromisoformat(SINCE)), ReportQuery(scenario="angry-walk-in")],
    ids=["everything", "since", "one scenario"],
)
def test_every_attempt_once_and_the_hardest_answers_as_the_local_report_has_them(
    machines: Machines, query: ReportQuery
) -> None:
    """The since query reads the attempt begun before midnight whole: its answers happened the day
    before, and Ralph filters `since` on when a statement happened."""
    read = read_cohort_from_lrs(machines.config, query)
    local = read_cohort(machines.together, query)
    assert read.skipped == 0
    assert without_trainee_ids(read.cohort) == without_trainee_ids(local)
    assert read.cohort.hardest == local.hardest and local.hardest
    assert read.cohort.source == f"the LRS at {machines.config.endpoint}"


@pytest.mark.parametrize(
    "options",
    [("--trainee", " ana ruiz-pérez"), ("--scenario", "phone-notes"), ("--since", SINCE), ("--trainee", "Ben Okafor")],
)
def test_the_filters_choose_what_they_choose_in_the_local_report(
    machines: Machines, tmp_path: Path, options: tuple[str, ...]
) -> None:
    code, said, errors = report(machines.first, tmp_path / "lrs.csv", "--from-lrs", *options)
    assert (code, errors) == (0, "") and said.endswith(" 0 statement(s) skipped\n")
    assert report(machines.together, tmp_path / "local.csv", *options)[0] == 0
    assert (tmp_path / "lrs.csv").read_bytes() == (tmp_path / "local.csv").read_bytes()


def test_one_machine_s_trainee_has_the_standings_of_that_machine_s_own_report(
    machines: Machines, tmp_path: Path
) -> None:
    assert report(machines.second, tmp_path / "lrs.csv", "--from-lrs", "--trainee", "Cara Lind")[0] == 0
    assert report(machines.second, tmp_path / "local.csv", "--trainee", "Cara Lind")[0] == 0
    assert (tmp_path / "lrs.csv").read_bytes() == (tmp_path / "local.csv").read_bytes()


def test_the_web_page_names_the_lrs_it_was_read_from(machines: Machines, tmp_path: Path) -> None:
    code, said, errors = report(machines.first, tmp_path / "ben.html", "--from-lrs", "--trainee", "Ben Okafor")
    assert (code, errors) == (0, "") and PASSWORD not in said
    page = (tmp_path / "ben.html").read_text(encoding="utf-8")
    assert f"Results from the LRS at {machines.config.endpoint}." in page
    assert PASSWORD not in page


def test_wrong_credentials_are_said_in_our_words_and_the_password_nowhere(
    machines: Machines, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = "not-the-password-9876"
    monkeypatch.setenv("COMPOSURE_LRS_PASSWORD", wrong)
    out = tmp_path / "cohort.csv"
    code, said, errors = report(machines.first, out, "--from-lrs")
    endpoint = machines.config.endpoint
    refusal = f"the LRS at {endpoint} does not accept the user name and password Composure was given (HTTP 401)"
    assert (code, said, errors) == (1, "", f"error: {refusal}\n")
    assert not out.exists()


def test_an_lrs_that_cannot_be_reached(tmp_path: Path) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}/xAPI/"
    set_up_lrs(tmp_path, LrsConfig(endpoint, USERNAME, PASSWORD))
    code, said, errors = report(tmp_path, tmp_path / "cohort.csv", "--from-lrs")
    sentence = f"nothing answers at {endpoint}: the LRS is not running there, or the address is wrong"
    assert (code, said, errors) == (1, "", f"error: {sentence}\n")


def test_no_lrs_set_up_says_how_to_set_one_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("COMPOSURE_LRS_ENDPOINT", "COMPOSURE_LRS_USERNAME", "COMPOSURE_LRS_PASSWORD"):
        monkeypatch.delenv(variable, raising=False)
    code, said, errors = report(tmp_path, tmp_path / "cohort.csv", "--from-lrs")
    assert (code, said) == (1, "")
    assert errors == (
        f"error: no learning record store is set up for {tmp_path}: put its endpoint, username and password in "
        f"{tmp_path / 'lrs.json'}, or set COMPOSURE_LRS_ENDPOINT, COMPOSURE_LRS_USERNAME and "
        "COMPOSURE_LRS_PASSWORD (docs/lrs.md says how)\n"
    )


def post(config: LrsConfig, statements: list[dict[str, Any]]) -> None:
    """Statements put into the LRS directly, as another app (or a damaged copy of Composure) would."""
    body = json.dumps(statements).encode("utf-8")
    with urllib.request.urlopen(request(config, "statements", body), timeout=10) as answer:
        assert answer.status == 200


def test_damaged_and_foreign_statements_are_skipped_and_counted(real_lrs: RealLrs, tmp_path: Path) -> None:
    config = LrsConfig(real_lrs.endpoint, USERNAME, PASSWORD, activity_base=f"https://test.example/{uuid.uuid4()}/")
    walk_in = played("angry-walk-in", "worst", 2)
    statements = json.loads(json.dumps(statements_for(BEN, walk_in, utc(0), utc(240), config)))  # each its own parts
    statements[1]["result"]["extensions"][config.activity_base + "extensions/quality"] = "high"  # damaged
    statements[-2]["result"]["extensions"][config.activity_base + "extensions/composure"] = 1000  # absurd
    unfinished = statements_for(BEN, walk_in, utc(DAY), utc(DAY + 240), config)[:3]  # its end never came
    foreign = statements_for(
        BEN, walk_in, utc(0), utc(240), dataclasses.replace(config, activity_base="https://x.example/")
    )
    experienced = {
        **statements[0],
        "id": str(uuid.uuid4()),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
    }
    post(config, statements + unfinished + foreign + [experienced])
    set_up_lrs(tmp_path, config)
    out = tmp_path / "ben.csv"
    code, said, errors = report(tmp_path, out, "--from-lrs")
    skipped = 1 + 1 + len(unfinished) + 1  # another app's statements (under another address) are not Composure's
    assert (code, errors) == (0, "")
    assert said == (
        f"wrote {out}: 1 trainee(s), 1 scenario(s), 1 attempt(s) from the LRS at {config.endpoint}; {skipped} "
        "statement(s) skipped (damaged, at odds with their attempt, or of an attempt the LRS holds no end of)\n"
    )
    read = read_cohort_from_lrs(config, ReportQuery())
    [attempt] = read.cohort.attempts
    assert (attempt.composure, attempt.overall) == (walk_in.composure, walk_in.overall)  # from the verdict statement


@contextlib.contextmanager
def answering(pages: list[bytes]) -> Iterator[tuple[str, list[str]]]:
    """Something at an address that answers each GET with the next of `pages` (HTTP 200): its xAPI
    endpoint, and the paths it was asked for."""
    asked: list[str] = []

    class Answering(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            body = pages[min(len(asked), len(pages)) - 1]
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Answering)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/xAPI/", asked
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.parametrize(
    ("pages", "sentence"),
    [
        ([b"<!DOCTYPE html><p>Welcome to our intranet</p>"], "answered with something that is not a list of xAPI"),
        ([b'{"statements": {"not": "a list"}}'], "answered with something that is not a list of xAPI"),
        (
            [b'{"statements": [], "more": "http://elsewhere.example/xAPI/statements?page=2"}'],
            "sent the rest of its statements' address on another server, where Composure does not send its credentials",
        ),
        (
            [b'{"statements": [], "more": "/xAPI/statements?page=2"}'],
            "sent the same page of statements again and again",
        ),
    ],
    ids=["a web page", "not a list", "more elsewhere", "more without end"],
)
def test_an_answer_that_is_not_xapi_is_told_in_our_words(tmp_path: Path, pages: list[bytes], sentence: str) -> None:
    with answering(pages) as (endpoint, asked):
        set_up_lrs(tmp_path, LrsConfig(endpoint, USERNAME, PASSWORD))
        code, said, errors = report(tmp_path, tmp_path / "cohort.csv", "--from-lrs")
    assert (code, said) == (1, "")
    assert errors.startswith(f"error: the LRS at {endpoint} ") and sentence in errors and errors.count("\n") == 1
    assert len(asked) <= 2 and all(path.startswith("/xAPI/statements?") for path in asked)


def test_the_pages_are_followed_and_a_number_too_long_to_read_costs_one_statement(tmp_path: Path) -> None:
    config = LrsConfig("http://127.0.0.1/xAPI/", USERNAME, PASSWORD)
    statements = statements_for(ANA, played("phone-notes", "best", 1), utc(0), utc(240), config)
    statements[1]["result"]["extensions"][config.activity_base + "extensions/anger-before"] = "too long"
    first = json.dumps({"statements": statements[:-2], "more": "/xAPI/statements?page=2"})
    first = first.replace('"too long"', "9" * 5000)  # Python reads no number this long
    second = json.dumps({"statements": statements[-2:]})
    with answering([first.encode(), second.encode()]) as (endpoint, asked):
        set_up_lrs(tmp_path, dataclasses.replace(config, endpoint=endpoint))
        code, said, errors = report(tmp_path, tmp_path / "ana.csv", "--from-lrs")
    assert (code, errors) == (0, "")
    assert ": 1 trainee(s), 1 scenario(s), 1 attempt(s) " in said and "; 1 statement(s) skipped (" in said
    assert asked[1] == "/xAPI/statements?page=2"


def test_an_endpoint_with_no_statements_under_it(real_lrs: RealLrs, tmp_path: Path) -> None:
    endpoint = f"http://127.0.0.1:{real_lrs.port}/"  # the LRS's server, not its xAPI address
    set_up_lrs(tmp_path, LrsConfig(endpoint, USERNAME, PASSWORD))
    code, said, errors = report(tmp_path, tmp_path / "cohort.csv", "--from-lrs")
    sentence = f"there are no xAPI statements at {endpoint}statements (HTTP 404): check the endpoint"
    assert (code, said, errors) == (1, "", f"error: {sentence}\n")


def test_something_that_does_not_speak_http(tmp_path: Path) -> None:
    with not_speaking_http() as endpoint:
        set_up_lrs(tmp_path, LrsConfig(endpoint, USERNAME, PASSWORD))
        code, said, errors = report(tmp_path, tmp_path / "cohort.csv", "--from-lrs")
    assert (code, said, errors) == (
        1,
        "",
        f"error: what answers at {endpoint} does not speak HTTP: check the endpoint\n",
    )
