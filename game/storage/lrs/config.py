"""Where a company's Learning Record Store is, and how to sign in to it: `lrs.json` in the data
folder, each field overridable by an environment variable (a training room's machines can share
one file on a drive, a kiosk can be set up by its launcher alone).

No file and no variables means no LRS: the game works exactly as before. A file that cannot be
used is named in a sentence for whoever set it up and left where it is, never moved or deleted
(it is theirs, not ours). The password never appears in a message, a repr or the log.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..bounded import SMALL_FILE_BYTES, UnreadableFile, read_bounded

FILE_NAME = "lrs.json"
DEFAULT_ACTIVITY_BASE = "https://composure.example/xapi/"
DEFAULT_HOME_PAGE = "https://composure.example"
ENVIRONMENT = {  # field -> the variable that overrides it
    "endpoint": "COMPOSURE_LRS_ENDPOINT",
    "username": "COMPOSURE_LRS_USERNAME",
    "password": "COMPOSURE_LRS_PASSWORD",
    "activity_base": "COMPOSURE_LRS_ACTIVITY_BASE",
    "home_page": "COMPOSURE_LRS_HOME_PAGE",
}
ADDRESSES = ("endpoint", "activity_base", "home_page")  # fields that must be web addresses
# What RFC 3987 lets an IRI hold (ASCII that needs no escaping, %XX, and its ranges of other
# characters): an LRS refuses every activity id built on an address with anything else in it.
_UCSCHAR = "\xa0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef" + "".join(
    f"{chr(plane << 16)}-{chr((plane << 16) + 0xFFFD)}" for plane in range(1, 14)
)
IRI_TEXT = re.compile(rf"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/\[\]]|%[0-9A-Fa-f]{{2}}|[{_UCSCHAR}\U000e1000-\U000efffd])*")


@dataclass(frozen=True, slots=True)
class LrsConfig:
    endpoint: str  # the xAPI base, ending in "/": statements go to <endpoint>statements
    username: str
    password: str = field(repr=False)
    activity_base: str = DEFAULT_ACTIVITY_BASE  # ends in "/": every activity id starts with it
    home_page: str = DEFAULT_HOME_PAGE  # names the accounts of trainees without an e-mail


@dataclass(frozen=True, slots=True)
class LrsConfigResult:
    config: LrsConfig | None = None  # None: no LRS to send to
    reason: str = ""  # what is wrong, when the LRS is configured but cannot be used ("lrs.json has ...")

    @property
    def problem(self) -> str:
        """The reason as the game says it, for a player who may not know what an LRS is."""
        return f"No results are sent to the learning record store: {self.reason}" if self.reason else ""


def not_set_up(folder: Path) -> str:
    """What a command that needs an LRS says when there is none."""
    return (
        f"no learning record store is set up for {folder}: put its endpoint, username and password in "
        f"{folder / FILE_NAME}, or set COMPOSURE_LRS_ENDPOINT, COMPOSURE_LRS_USERNAME and "
        "COMPOSURE_LRS_PASSWORD (docs/lrs.md says how)"
    )


class ConfigProblem(ValueError):
    """What is wrong with the settings, as a sentence that names no secret."""


def load_lrs_config(data_folder: Path, environ: Mapping[str, str]) -> LrsConfigResult:
    """The LRS settings from `lrs.json` in `data_folder` and the COMPOSURE_LRS_* variables."""
    path = data_folder / FILE_NAME
    overrides = {name: environ[variable] for name, variable in ENVIRONMENT.items() if environ.get(variable)}
    try:
        values = {**_from_file(path), **overrides}
        if not values and not os.path.lexists(path):
            return LrsConfigResult()
        return LrsConfigResult(_checked(values, _source(path, overrides)))
    except ConfigProblem as problem:
        return LrsConfigResult(reason=str(problem))


def _from_file(path: Path) -> dict[str, str]:
    if not os.path.lexists(path):
        return {}
    try:
        data = json.loads(read_bounded(path, SMALL_FILE_BYTES).decode("utf-8-sig"))  # -sig: Notepad's mark
    except UnreadableFile as unreadable:
        raise ConfigProblem(f"{path} could not be read ({unreadable.reason}).") from None
    except UnicodeDecodeError:
        raise ConfigProblem(f"{path} is not UTF-8 text.") from None
    except json.JSONDecodeError as broken:  # its position only: its wording is the JSON reader's
        raise ConfigProblem(f"{path} is not JSON (line {broken.lineno}, column {broken.colno}).") from None
    except RecursionError:
        raise ConfigProblem(f"{path} is nested too deeply to be a settings file.") from None
    return _fields_of(data, path)


def _fields_of(data: Any, path: Path) -> dict[str, str]:
    if not isinstance(data, dict):
        raise ConfigProblem(f"{path} must hold one JSON object, such as {_EXAMPLE}.")
    unknown = sorted(set(data) - set(ENVIRONMENT))
    if unknown:
        close = get_close_matches(unknown[0], ENVIRONMENT, n=1)
        meant = f"did you mean '{close[0]}'?" if close else f"the settings are {_NAMES}."
        raise ConfigProblem(f"{path} has '{unknown[0]}', which is not a setting; {meant}")
    wrong = next((name for name, value in data.items() if not isinstance(value, str)), None)
    if wrong is not None:
        raise ConfigProblem(f"'{wrong}' in {path} must be text in double quotes.")
    return {name: value for name, value in data.items() if value}  # an empty one counts as unset


def _checked(values: Mapping[str, str], source: str) -> LrsConfig:
    missing = [name for name in ("endpoint", "username", "password") if not values.get(name)]
    if missing:
        raise ConfigProblem(
            f"{source} sets no {_listed(missing)}; an LRS needs its address, a username and a password."
        )
    addresses = {name: _address(name, values.get(name, ""), source) for name in ADDRESSES}
    return LrsConfig(
        endpoint=_with_slash(addresses["endpoint"]),
        username=values["username"],
        password=values["password"],
        activity_base=_with_slash(addresses["activity_base"] or DEFAULT_ACTIVITY_BASE),
        home_page=addresses["home_page"] or DEFAULT_HOME_PAGE,
    )


def _address(name: str, value: str, source: str) -> str:
    """`value` when it is a web address with no user name or password in it (those would end up in
    logs and statements); the value itself is never repeated, in case it holds one."""
    if not value:
        return ""
    try:
        parts = urlsplit(value)
        signed_in = parts.username is not None or parts.password is not None
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise ConfigProblem(f"the {name} in {source} is not a web address.") from None
    if signed_in:
        raise ConfigProblem(
            f"the {name} in {source} holds a user name or password; give them as 'username' and 'password'."
        )
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigProblem(f"the {name} in {source} must be a web address starting with http:// or https://.")
    if parts.query or parts.fragment or "?" in value or "#" in value:
        raise ConfigProblem(f"the {name} in {source} must end at its path, with no '?' or '#' part.")
    if not IRI_TEXT.fullmatch(value) or "[" in parts.path or "]" in parts.path:  # brackets: the host's only
        raise ConfigProblem(
            f"the {name} in {source} has a space or a character that addresses cannot hold "
            '(such as < > " { } | \\ ^ ` [ ], or a % not followed by two hexadecimal digits).'
        )
    return value


def _with_slash(address: str) -> str:
    return address if address.endswith("/") else address + "/"


def _source(path: Path, overrides: Mapping[str, str]) -> str:
    variables = [ENVIRONMENT[name] for name in overrides]
    if not variables:
        return str(path)
    named = f"the environment ({', '.join(variables)})"
    return f"{path} with {named}" if os.path.lexists(path) else named


def _listed(names: list[str]) -> str:
    quoted = [f"'{name}' ({ENVIRONMENT[name]})" for name in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


_NAMES = ", ".join(f"'{name}'" for name in ENVIRONMENT)
_EXAMPLE = '{"endpoint": "https://lrs.example.com/xAPI/", "username": "...", "password": "..."}'
