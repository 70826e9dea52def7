"""The LRS settings: none means no LRS and no message; `lrs.json` in the data folder, each field
overridable by a COMPOSURE_LRS_* variable; anything wrong is one sentence of ours naming the file
or the variables, the file left as it was; the password in no message and no repr."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.storage.lrs import LrsConfig, LrsConfigResult, load_lrs_config
from game.storage.lrs.config import DEFAULT_ACTIVITY_BASE, DEFAULT_HOME_PAGE, FILE_NAME

PASSWORD = "pw-Zq8!unlikely"
GOOD = {"endpoint": "https://lrs.example.com/xAPI", "username": "composure", "password": PASSWORD}
JSON_WORDS = ("Expecting", "delimiter", "char ", "JSONDecodeError", "Traceback", "codec")


def write(folder: Path, content: object) -> Path:
    path = folder / FILE_NAME
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def assert_refused(loaded: LrsConfigResult, *words: str) -> None:
    """No LRS, and one sentence of ours saying why, with `words` in it and no secret."""
    assert loaded.config is None
    assert loaded.problem.startswith("No results are sent to the learning record store: ")
    assert loaded.problem.endswith((".", "?")), loaded.problem
    assert PASSWORD not in loaded.problem and PASSWORD not in repr(loaded)
    for word in JSON_WORDS:
        assert word not in loaded.problem, loaded.problem
    for word in words:
        assert word in loaded.problem, loaded.problem


def test_no_file_and_no_variables_is_no_lrs_and_no_message(tmp_path: Path) -> None:
    assert load_lrs_config(tmp_path, {"COMPOSURE_LRS_PASSWORD": "", "HOME": "/home/ana"}) == LrsConfigResult()
    assert load_lrs_config(tmp_path / "not-made-yet", {}) == LrsConfigResult()


def test_the_file_gives_the_lrs_with_defaults_for_what_it_leaves_out(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    loaded = load_lrs_config(tmp_path, {})
    assert loaded == LrsConfigResult(
        LrsConfig("https://lrs.example.com/xAPI/", "composure", PASSWORD, DEFAULT_ACTIVITY_BASE, DEFAULT_HOME_PAGE)
    )


def test_a_file_saved_with_a_byte_order_mark_reads(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD).encode())
    config = load_lrs_config(tmp_path, {}).config
    assert config is not None and config.username == "composure"


def test_variables_alone_or_over_the_file(tmp_path: Path) -> None:
    environ = {
        "COMPOSURE_LRS_ENDPOINT": "http://127.0.0.1:8100/xAPI/",
        "COMPOSURE_LRS_USERNAME": "kiosk",
        "COMPOSURE_LRS_PASSWORD": PASSWORD,
        "COMPOSURE_LRS_ACTIVITY_BASE": "https://learning.example.com/composure",
        "COMPOSURE_LRS_HOME_PAGE": "https://learning.example.com",
    }
    alone = load_lrs_config(tmp_path, environ).config
    assert alone == LrsConfig(
        "http://127.0.0.1:8100/xAPI/",
        "kiosk",
        PASSWORD,
        "https://learning.example.com/composure/",
        "https://learning.example.com",
    )
    write(tmp_path, {**GOOD, "password": "from-the-file", "home_page": "https://file.example.com"})
    over = load_lrs_config(tmp_path, {"COMPOSURE_LRS_PASSWORD": PASSWORD, "COMPOSURE_LRS_USERNAME": ""}).config
    assert over == LrsConfig(
        "https://lrs.example.com/xAPI/", "composure", PASSWORD, home_page="https://file.example.com"
    )


def test_the_password_is_in_no_repr(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    loaded = load_lrs_config(tmp_path, {})
    assert loaded.config is not None and loaded.config.password == PASSWORD
    assert PASSWORD not in repr(loaded) and PASSWORD not in str(loaded.config)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"endpoint": "https://lrs.example.com/xAPI/",\n "password": "' + PASSWORD + '"', ("not JSON", "line 2")),
        ("[1, 2]", ("one JSON object",)),
        ("{}", ("no 'endpoint' (COMPOSURE_LRS_ENDPOINT), 'username' (COMPOSURE_LRS_USERNAME) or 'password'",)),
        ({**GOOD, "endpont": "x"}, ("'endpont'", "not a setting", "did you mean 'endpoint'?")),
        ({**GOOD, "username": 7}, ("'username'", "text")),
        ({"endpoint": GOOD["endpoint"], "username": "composure"}, ("no 'password' (COMPOSURE_LRS_PASSWORD)",)),
        ({"password": PASSWORD}, ("no 'endpoint' (COMPOSURE_LRS_ENDPOINT) or 'username'",)),
        ({**GOOD, "endpoint": "ftp://lrs.example.com/"}, ("endpoint", "http:// or https://")),
        ({**GOOD, "endpoint": "lrs.example.com/xAPI"}, ("endpoint", "http:// or https://")),
        ({**GOOD, "endpoint": "https://lrs.example.com:port/"}, ("endpoint", "not a web address")),
        ({**GOOD, "endpoint": f"https://composure:{PASSWORD}@lrs.example.com/"}, ("'username' and 'password'",)),
        ({**GOOD, "activity_base": "urn:composure"}, ("activity_base",)),
        ({**GOOD, "endpoint": "https://lrs.example.com/xAPI/?key=1"}, ("endpoint", "no '?' or '#' part")),
        ({**GOOD, "activity_base": "https://example.com/our courses/"}, ("activity_base", "cannot hold")),
        ({**GOOD, "home_page": "https://example.com/[staff]"}, ("home_page", "cannot hold")),
        ("[" * 100_000 + "]" * 100_000, ()),
    ],
    ids=[
        "broken",
        "a list",
        "empty",
        "a misspelt key",
        "a number",
        "no password",
        "only a password",
        "ftp",
        "no scheme",
        "a bad port",
        "credentials in the address",
        "activity base not http",
        "a query",
        "a space",
        "brackets",
        "deep",
    ],
)
def test_a_file_that_cannot_be_used_is_named_in_a_sentence_and_left_as_it_was(
    tmp_path: Path, content: object, words: tuple[str, ...]
) -> None:
    path = write(tmp_path, content)
    before = path.read_bytes()
    assert_refused(load_lrs_config(tmp_path, {}), str(path), *words)
    assert path.read_bytes() == before and os.listdir(tmp_path) == [FILE_NAME]


def test_a_folder_or_a_pipe_in_its_place_is_named_too(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).mkdir()
    assert_refused(load_lrs_config(tmp_path, {}), "a folder")
    if hasattr(os, "mkfifo"):
        piped = tmp_path / "piped"
        piped.mkdir()
        os.mkfifo(piped / FILE_NAME)
        assert_refused(load_lrs_config(piped, {}), "named pipe")


def test_bad_variables_are_named_by_their_names(tmp_path: Path) -> None:
    environ = {"COMPOSURE_LRS_ENDPOINT": "lrs.example.com", "COMPOSURE_LRS_PASSWORD": PASSWORD}
    assert_refused(load_lrs_config(tmp_path, environ), "COMPOSURE_LRS_ENDPOINT", "no 'username'")


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=300) | st.dictionaries(st.sampled_from([*GOOD, "home_page", "x"]), st.text()))
def test_any_file_gives_an_lrs_or_a_sentence_never_a_secret(tmp_path: Path, content: bytes | dict[str, str]) -> None:
    data = content if isinstance(content, bytes) else json.dumps({**content, "password": PASSWORD}).encode()
    (tmp_path / FILE_NAME).write_bytes(data)
    loaded = load_lrs_config(tmp_path, {})
    if loaded.config is None:
        assert_refused(loaded)
    else:
        assert not loaded.problem and PASSWORD not in repr(loaded)
        assert loaded.config.endpoint.startswith(("http://", "https://")) and loaded.config.endpoint.endswith("/")
    assert (tmp_path / FILE_NAME).read_bytes() == data
