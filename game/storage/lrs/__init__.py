"""Results to a company's Learning Record Store (xAPI): where it is, and the statements it is sent.

Optional: with no `lrs.json` in the data folder and no COMPOSURE_LRS_* variables, nothing here
runs and the game works as it always has.
"""

from __future__ import annotations

from .config import LrsConfig, LrsConfigResult, load_lrs_config
from .statements import statements_for

__all__ = ["LrsConfig", "LrsConfigResult", "load_lrs_config", "statements_for"]
