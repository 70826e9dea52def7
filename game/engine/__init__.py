"""The engine's public surface: everything the screens, the tools and storage may use, and all they may use.

Reading a scenario (`read_scenario` and the model it builds, diagnostics, size limits), playing it
(`Session`), judging it (`analyse`, `random_play`, `result`) and the typography the presenters
share. Every error the engine raises on purpose derives from `EngineError`.

Each name is imported on first use (PEP 562 `__getattr__`), not when the package is: the game
window needs a few model types to open, and must not pay for the loader, the state graph and
scoring before the picker asks for them (bench/ui_speed.py's start-up figure). Type checkers
read the same names as ordinary imports, and tests/test_architecture.py keeps both lists equal.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import EngineError
    from .judging.advice import PASSED, Practice, practise_next, principles_practised
    from .judging.analysis import Analysis, AnalysisError, PlayStatistics, analyse, analysis_for, random_play
    from .judging.attempt import AnswerRecord, AttemptRecord, attempt_record
    from .judging.audit import answer_id, audit, recommendations
    from .judging.coverage import Coverage, Teaching, principle_coverage
    from .judging.extremes import OverallRange, overall_ranges
    from .judging.score_meanings import SCORE_MEANINGS
    from .judging.scoring import Result, Review, Scores, grade_for, result, session_root
    from .judging.statespace import TooManyStates
    from .judging.teaching import LintReport, lint
    from .model import CUSTOMER, EXPRESSIONS, PORTRAITS, SCORE_NAMES, Channel, Outcome, Principle, Scenario, Scene
    from .picturing.condition_text import condition_text
    from .picturing.scenario_map import (
        Effect,
        MapAnswer,
        MapArrow,
        MapError,
        MapPlace,
        PlaceKind,
        ScenarioMap,
        scenario_map,
    )
    from .playing.history import TIMEOUT, Step
    from .playing.playtest import Preview, flags_in, previews
    from .playing.resume import Resumed, resumed
    from .playing.rules import ANGER_MAX, ANGER_MIN, TEMPERAMENT_MAX, TEMPERAMENT_MIN
    from .playing.session import Answered, InvalidChoice, Option, Session, View
    from .playing.session_state import SessionStateError
    from .playing.time_limits import TIME_LIMITS
    from .reading.diagnostics import TOO_MANY, Diagnostic, DiagnosticSink, Position, ScenarioError, sort_key
    from .reading.links import flags_named_at
    from .reading.loader import LoadReport, read_scenario
    from .reading.migration import Migration, Rewrite, migrated
    from .reading.principles import read_principles
    from .reading.typography import plain, quoted_speech, typographic
    from .reading.validate import check_library
    from .reading.yamltree import DEFAULT_LIMITS, LARGEST_MEGABYTES, MAX_BYTES, MEBIBYTE, SizeLimits, decode

HOMES = {
    "errors": ("EngineError",),
    "judging.advice": ("PASSED", "Practice", "practise_next", "principles_practised"),
    "judging.analysis": ("Analysis", "AnalysisError", "PlayStatistics", "analyse", "analysis_for", "random_play"),
    "judging.attempt": ("AnswerRecord", "AttemptRecord", "attempt_record"),
    "judging.audit": ("answer_id", "audit", "recommendations"),
    "judging.coverage": ("Coverage", "Teaching", "principle_coverage"),
    "judging.extremes": ("OverallRange", "overall_ranges"),
    "judging.score_meanings": ("SCORE_MEANINGS",),
    "judging.scoring": ("Result", "Review", "Scores", "grade_for", "result", "session_root"),
    "judging.statespace": ("TooManyStates",),
    "judging.teaching": ("LintReport", "lint"),
    "model": (
        "CUSTOMER",
        "EXPRESSIONS",
        "PORTRAITS",
        "SCORE_NAMES",
        "Channel",
        "Outcome",
        "Principle",
        "Scenario",
        "Scene",
    ),
    "picturing.condition_text": ("condition_text",),
    "picturing.scenario_map": (
        "Effect",
        "MapAnswer",
        "MapArrow",
        "MapError",
        "MapPlace",
        "PlaceKind",
        "ScenarioMap",
        "scenario_map",
    ),
    "playing.history": ("TIMEOUT", "Step"),
    "playing.playtest": ("Preview", "flags_in", "previews"),
    "playing.resume": ("Resumed", "resumed"),
    "playing.rules": ("ANGER_MAX", "ANGER_MIN", "TEMPERAMENT_MAX", "TEMPERAMENT_MIN"),
    "playing.session": ("Answered", "InvalidChoice", "Option", "Session", "View"),
    "playing.session_state": ("SessionStateError",),
    "playing.time_limits": ("TIME_LIMITS",),
    "reading.diagnostics": ("TOO_MANY", "Diagnostic", "DiagnosticSink", "Position", "ScenarioError", "sort_key"),
    "reading.links": ("flags_named_at",),
    "reading.loader": ("LoadReport", "read_scenario"),
    "reading.migration": ("Migration", "Rewrite", "migrated"),
    "reading.principles": ("read_principles",),
    "reading.typography": ("plain", "quoted_speech", "typographic"),
    "reading.validate": ("check_library",),
    "reading.yamltree": ("DEFAULT_LIMITS", "LARGEST_MEGABYTES", "MAX_BYTES", "MEBIBYTE", "SizeLimits", "decode"),
}
_HOME_OF = {name: module for module, names in HOMES.items() for name in names}
__all__ = sorted(_HOME_OF)


def __getattr__(name: str) -> Any:
    """Import a public name's module when the name is first asked for, and keep the name here."""
    if name not in _HOME_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_HOME_OF[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return [*globals(), *__all__]
