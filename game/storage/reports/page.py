"""The report as one web page a trainer opens from a file: the cohort table, the charts and each
trainee's detail, with its font, styles, script and charts inside it, so it makes no request of
any network and looks the same on any machine, offline or not.

Every text a trainee or a scenario wrote is escaped: names are typed by whoever sits at the game.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import escape
from importlib import resources
from typing import Protocol
from urllib.parse import quote

from .charts import AttemptChart, Sparkline, drawing, hardest_chart, outcome_mix_chart
from .model import OUTCOMES, Attempt, Cohort, HardAnswer, Standing, Trainee, plain_time
from .style import OUTCOME_COLOURS, font_faces

POLICY = (  # the browser itself refuses anything from outside the page
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; font-src data:; img-src data:"
)
SORT_HINT = (
    "Click a column heading (or Tab to it and press Enter) to sort by it; again to reverse. "
    "A name opens that trainee's detail below."
)
MIX_CAPTION = "Each bar is one scenario's attempts, split by how they ended; the number after it counts them."
HARDEST_CAPTION = (
    "The questions where the most trainees chose the worst answer on offer: the share of the trainees "
    "who met the question that chose it."
)
LIMITS_HINT = (
    "Time limits are normal unless the trainee turned them off or made them longer (1.5x, 2x) in the settings; "
    "any but normal are in bold, with the number of attempts of each when they changed."
)
OPEN_UP_TO = 12  # trainees whose sections start open; a larger cohort is opened one by one


class Listener(Protocol):
    """Who hears how far the page has got (game.tools.progress.Progress): `stage` for each stage,
    which may be said at once; `doing` for the count within one, said only when a line is due."""

    doing: str

    def stage(self, doing: str) -> None: ...


class Deaf:
    """A listener for when nobody is listening."""

    doing = ""

    def stage(self, doing: str) -> None:
        self.doing = doing


@dataclass(frozen=True, slots=True)
class Person:
    """A trainee with their own attempts (oldest first) and standings, and the number of their section."""

    number: int
    trainee: Trainee
    attempts: list[Attempt]
    standings: list[Standing]


def _each(people: Sequence[Person], heard: Listener, stage: str) -> Iterator[Person]:
    """The people in turn, telling `heard` the stage and how far into it the page has got."""
    heard.stage(stage)
    for person in people:
        heard.doing = f"{stage}: {person.number} of {len(people)}"
        yield person


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its heading, and whether it holds numbers (right-aligned, sorted as numbers)."""

    heading: str
    number: bool = False
    sortable: bool = True


def cohort_page(cohort: Cohort, listener: Listener | None = None) -> bytes:
    """The whole page; the listener hears how far it has got, for a progress line on a long report."""
    heard = listener or Deaf()
    attempts, standings = cohort.attempts_by_trainee(), cohort.standings_by_trainee()
    people = [
        Person(number, trainee, attempts[trainee.id], standings[trainee.id])
        for number, trainee in enumerate(cohort.trainees, start=1)
    ]
    with drawing():
        sections = [
            _cohort_section(people, heard),
            _outcomes_section(cohort),
            _hardest_section(cohort.hardest),
            _trainees_section(people, heard),
        ]
    heard.stage("putting the page together")
    asset = resources.files(__package__)
    style = asset.joinpath("page.css").read_text(encoding="utf-8")
    script = asset.joinpath("page.js").read_text(encoding="utf-8")
    trainees = len(cohort.trainees)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{POLICY}">
<link rel="icon" href="data:,">
<title>Composure report: {trainees} trainee{"" if trainees == 1 else "s"}</title>
<style>
{font_faces()}
{style}</style>
</head>
<body>
<header>
<h1>Composure practice report</h1>
{_scope(cohort)}
</header>
<main>
{"".join(sections)}
</main>
<script>
{script}</script>
</body>
</html>
"""
    return page.encode("utf-8")


def _scope(cohort: Cohort) -> str:
    """What the report covers, in one line."""
    scenarios = len({attempt.scenario_id for attempt in cohort.attempts})
    first, last = cohort.attempts[0].ended_at, cohort.attempts[-1].ended_at
    covered = [
        _count(len(cohort.trainees), "trainee"),
        _count(scenarios, "scenario"),
        _count(len(cohort.attempts), "attempt"),
    ]
    query = cohort.query
    only = [
        f"trainee {query.trainee.strip()}" if query.trainee is not None else "",
        f"scenario {query.scenario}" if query.scenario is not None else "",
        f"since {query.since.isoformat()}" if query.since is not None else "",
    ]
    chosen = "; only " + ", ".join(part for part in only if part) if any(only) else ""
    return (
        f'<p class="scope">{" · ".join(covered)}, finished between {escape(plain_time(first)[:16])} and '
        f"{escape(plain_time(last)[:16])} UTC{escape(chosen)}. Results from {escape(cohort.source)}.</p>"
    )


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


COHORT_COLUMNS = (
    Column("Trainee"),
    Column("Scenarios", number=True),
    Column("Attempts", number=True),
    Column("Mean overall", number=True),
    Column("Best overall", number=True),
    Column("Last overall", number=True),
    Column("Overall over time", sortable=False),
    Column("Last played (UTC)"),
)


def _cohort_section(people: Sequence[Person], heard: Listener) -> str:
    sparkline = Sparkline()
    rows = [_cohort_row(person, sparkline) for person in _each(people, heard, "drawing each trainee's sparkline")]
    return f"""<section id="cohort" aria-labelledby="cohort-heading">
<h2 id="cohort-heading">The cohort</h2>
<p class="hint">{SORT_HINT}</p>
{_table(COHORT_COLUMNS, rows, "Each trainee's practice")}
</section>
"""


def _cohort_row(person: Person, sparkline: Sparkline) -> str:
    trainee, attempts = person.trainee, person.attempts
    last = attempts[-1]
    mean = sum(attempt.overall for attempt in attempts) / len(attempts)
    best = max(standing.best_overall for standing in person.standings)
    trend = sparkline.draw(attempts, f"{trainee.name}: overall score, attempt by attempt")
    cells = [
        f'<td data-sort="{escape(trainee.name)}"><a href="#trainee-{person.number}">{escape(trainee.name)}</a>'
        f'<span class="email">{_email(trainee.email)}</span></td>',
        _number(len(person.standings)),
        _number(len(attempts)),
        _number(mean, f"{mean:.1f}"),
        _number(best),
        _number(last.overall, f"{last.overall} ({escape(last.grade)})"),
        f"<td>{trend}</td>",
        _time(last.ended_at),
    ]
    return f"<tr>{''.join(cells)}</tr>\n"


def _outcomes_section(cohort: Cohort) -> str:
    return f"""<section id="outcomes" aria-labelledby="outcomes-heading">
<h2 id="outcomes-heading">How each scenario ended</h2>
<figure>{outcome_mix_chart(cohort.outcome_mixes())}
<figcaption>{MIX_CAPTION}</figcaption></figure>
</section>
"""


def _hardest_section(hardest: Sequence[HardAnswer]) -> str:
    if not hardest:
        body = "<p>No trainee chose the worst answer on offer at any question. Nothing to go over here.</p>"
    else:
        items = "".join(_hard_answer(answer) for answer in hardest)
        body = f"""<figure>{hardest_chart(hardest)}
<figcaption>{HARDEST_CAPTION}</figcaption></figure>
<ol class="hard">{items}</ol>"""
    return f"""<section id="hardest" aria-labelledby="hardest-heading">
<h2 id="hardest-heading">The hardest answers</h2>
{body}
</section>
"""


def _hard_answer(answer: HardAnswer) -> str:
    principle = f" Principle: {escape(answer.principle_name)}." if answer.principle_name else ""
    better = (
        f'<p class="better"><strong>Better:</strong> {escape(answer.better_text)}</p>' if answer.better_text else ""
    )
    most = "" if answer.chosen_by == answer.worst_by else f" (this one by {answer.chosen_by})"
    who = f"{answer.worst_by} of the {_count(answer.met_by, 'trainee')} who met this question"
    return f"""<li><p><span class="where">{escape(answer.scenario_title)}</span>, at <code>{escape(answer.node)}</code>:
{who} chose the worst answer{most}.{principle}</p>
<p class="said"><strong>Said:</strong> {escape(answer.text)}</p>{better}</li>
"""


DETAIL_COLUMNS = (
    Column("Scenario"),
    Column("Attempts", number=True),
    Column("Best overall", number=True),
    Column("Last overall", number=True),
    Column("Mean composure", number=True),
    Column("Mean assertiveness", number=True),
    Column("Mean resolution", number=True),
    Column("Mean overall", number=True),
    Column("Last played (UTC)"),
    Column("Time limits"),
)


def _trainees_section(people: Sequence[Person], heard: Listener) -> str:
    chart = AttemptChart()
    opened = " open" if len(people) <= OPEN_UP_TO else ""
    parts = [_trainee_detail(person, chart, opened) for person in _each(people, heard, "drawing each trainee's chart")]
    legend = "".join(
        f'<li><span class="swatch" style="background:{OUTCOME_COLOURS[outcome]}"></span>{outcome}</li>'
        for outcome in OUTCOMES
    )
    return f"""<section id="trainees" aria-labelledby="trainees-heading">
<h2 id="trainees-heading">Each trainee</h2>
<p class="hint">Each dot is one attempt's overall score, coloured by how it ended:</p>
<ul class="legend">{legend}</ul>
<p class="hint">{LIMITS_HINT}</p>
{"".join(parts)}
</section>
"""


def _trainee_detail(person: Person, chart: AttemptChart, opened: str) -> str:
    trainee, attempts = person.trainee, person.attempts
    drawn = chart.draw(attempts, f"{trainee.name}: overall score of each attempt, oldest first")
    email = f' <span class="quiet">{_email(trainee.email)}</span>' if trainee.email else ""
    rows = [_standing_row(standing) for standing in person.standings]
    return f"""<details id="trainee-{person.number}"{opened}>
<summary>{escape(trainee.name)}{email} <span class="quiet">· {_count(len(attempts), "attempt")}</span></summary>
<figure>{drawn}<figcaption>{_span(attempts)}</figcaption></figure>
{_table(DETAIL_COLUMNS, rows, f"{trainee.name}'s scenarios")}
</details>
"""


def _span(attempts: list[Attempt]) -> str:
    """The detail chart's caption: what it shows, from when to when."""
    first, last = (escape(plain_time(attempt.ended_at)[:10]) for attempt in (attempts[0], attempts[-1]))
    when = f"on {first}" if first == last else f"from {first} to {last}"
    return f"Overall score of each attempt, oldest first, {when} (UTC)."


def _standing_row(standing: Standing) -> str:
    cells = [
        f"<td>{escape(standing.scenario_title)}</td>",
        _number(standing.attempts),
        _number(standing.best_overall, f"{standing.best_overall} ({escape(standing.best_grade)})"),
        _number(standing.last_overall, f"{standing.last_overall} ({escape(standing.last_grade)})"),
        _mean(standing.mean_composure),
        _mean(standing.mean_assertiveness),
        _mean(standing.mean_resolution),
        _mean(standing.mean_overall),
        _time(standing.last_played),
        _time_limits(standing.time_limits),
    ]
    return f"<tr>{''.join(cells)}</tr>\n"


def _time_limits(used: str) -> str:
    """Normal as it is; any attempt played with the limits off or longer stands out, so a score
    earned without the timers' pressure is not read as one earned with it."""
    if used == "normal":
        return "<td>normal</td>"
    return f'<td class="limits-changed">{escape(used)}</td>'


def _table(columns: Sequence[Column], rows: Sequence[str], caption: str) -> str:
    headings = "".join(_heading(column) for column in columns)
    return f"""<div class="table-wrap"><table class="sortable">
<caption class="visually-hidden">{escape(caption)}</caption>
<thead><tr>{headings}</tr></thead>
<tbody>
{"".join(rows)}</tbody>
</table></div>"""


def _heading(column: Column) -> str:
    kind = ' class="number"' if column.number else ""
    if not column.sortable:
        return f'<th scope="col"{kind}>{column.heading}</th>'
    return f'<th scope="col"{kind} aria-sort="none"><button type="button">{column.heading}</button></th>'


def _number(value: float, shown: str | None = None) -> str:
    return f'<td class="number" data-sort="{value}">{shown if shown is not None else value}</td>'


def _mean(value: float) -> str:
    return _number(value, f"{value:.1f}")


def _time(stamp: str) -> str:
    return f'<td data-sort="{escape(stamp)}">{escape(plain_time(stamp)[:16])}</td>'


def _email(email: str) -> str:
    return f'<a href="mailto:{escape(quote(email, safe="@"))}">{escape(email)}</a>' if email else ""
