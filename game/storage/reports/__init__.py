"""Reports for trainers over the results history: who practised what and how it went.

`read_cohort` reads the results database without ever writing to it; `cohort_csv` turns what it
read into a spreadsheet, and `page.cohort_page` into one self-contained web page (imported on its
own: it loads matplotlib, which a CSV report and every other command do without).
"""

from __future__ import annotations

from .csv_table import cohort_csv
from .database import ReportError
from .model import Cohort, ReportQuery
from .queries import read_cohort

__all__ = ["Cohort", "ReportError", "ReportQuery", "cohort_csv", "read_cohort"]
