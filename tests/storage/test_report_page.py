"""The report page as HTML: everyone and every scenario in it, its charts drawn, nothing fetched
from anywhere, the same page for the same results, and every name typed at the game shown as
text, never run as markup."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.storage.reports import ReportQuery, read_cohort
from game.storage.reports.page import cohort_page
from tests.storage.report_cohort import Play, played, record_all, small_cohort, trainee


class Page(HTMLParser):
    """What a browser would make of a page: its elements with their attributes, and its text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def count(self, tag: str) -> int:
        return sum(1 for name, _ in self.tags if name == tag)

    def attributes(self) -> list[tuple[str, str, str | None]]:
        return [(tag, name, value) for tag, attrs in self.tags for name, value in attrs.items()]


def page_of(folder: Path) -> str:
    return cohort_page(read_cohort(folder, ReportQuery())).decode("utf-8")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small cohort's data folder, made once for this module's tests, which only read it."""
    folder = tmp_path_factory.mktemp("small")
    record_all(folder, small_cohort())
    return folder


@pytest.fixture(scope="module")
def html(small: Path) -> str:
    return page_of(small)


def test_everyone_and_every_scenario_is_on_the_page(html: str) -> None:
    page = Page(html)
    text = " ".join(page.text)
    for name in ("Ana Ruiz", "Ben Okafor", "ana@example.org"):
        assert name in text
    for title in ("The Letter in Red", "Fourth Time of Asking", "After the Shift"):
        assert title in text
    sections = [attrs.get("id") for tag, attrs in page.tags if tag == "details"]
    assert sections == ["trainee-1", "trainee-2"]
    assert page.count("svg") == 2 * 2 + 2, "a sparkline and a chart per trainee, the outcome mix, the hardest answers"
    assert page.count("table") == 1 + 2, "the cohort and one table per trainee"
    assert page.count("script") == 1


def test_the_charts_hold_what_they_show(html: str) -> None:
    outcome_chart = html[html.index('aria-label="How each scenario') :]
    outcome_chart = outcome_chart[: outcome_chart.index("</svg>")]
    for title in ("The Letter in Red", "Fourth Time of Asking", "After the Shift", "resolved", "lost"):
        assert f">{title}</text>" in outcome_chart
    hardest = html[html.index('aria-label="The questions where') :]
    assert ">The Letter in Red: burst-in</text>" in hardest[: hardest.index("</svg>")]
    assert "2 of the 2 trainees who met this question chose the worst answer" in html


def test_nothing_is_fetched_from_anywhere(html: str) -> None:
    page = Page(html)
    for tag, name, value in page.attributes():
        if name in ("src", "href", "xlink:href", "action", "srcset", "poster"):
            assert value is not None and value.startswith(("#", "data:", "mailto:")), (tag, name, value)
    urls = re.findall(r"url\(([^)]*)\)", html)
    assert urls and all(url.startswith(("data:", "#")) for url in urls), "the font travels inside the page"
    policy = next(attrs for tag, attrs in page.tags if tag == "meta" and attrs.get("http-equiv"))
    assert "default-src 'none'" in (policy.get("content") or "")


def test_the_same_results_make_the_same_page(small: Path, html: str) -> None:
    assert page_of(small) == html


HOSTILE_NAMES = (
    '<script>alert("name")</script>',
    '"><img src=x onerror=alert(1)>',
    "Ann' onmouseover='alert(2)",
    "$\\frac{1}{0}$ & </details></table>",
)


def test_names_and_scenario_words_are_shown_not_run(tmp_path: Path) -> None:
    record = played("angry-walk-in", "worst", 2)
    hostile_answers = tuple(
        dataclasses.replace(answer, text="</p><script>alert('said')</script>", better_text="<b onclick=x>better</b>")
        for answer in record.answers
    )
    hostile = dataclasses.replace(
        record,
        scenario_id="<i>walk-in</i>",
        scenario_title="<script>alert('title')</script> $x^2$",
        answers=hostile_answers,
    )
    plays = [
        Play(trainee(number, name, email='x@y.z"onfocus="alert(3)'), hostile, number * 60.0)
        for number, name in enumerate(HOSTILE_NAMES, start=1)
    ]
    record_all(tmp_path, plays)
    html = page_of(tmp_path)
    page = Page(html)
    assert page.count("script") == 1, "only the page's own script"
    assert page.count("img") == 0 and page.count("b") == 0 and page.count("i") == 0
    assert not [attr for attr in page.attributes() if attr[1].startswith("on")], "no event handler came in"
    text = "".join(page.text)
    for name in HOSTILE_NAMES:
        assert name in text, name
    assert "<script>alert('title')</script> $x^2$" in text, "in the tables and, as written, in the charts"
    assert "</p><script>alert('said')</script>" in text and "<b onclick=x>better</b>" in text
    mix = html[html.index('aria-label="How each scenario') :]
    assert "&lt;script&gt;alert('title')&lt;/script&gt; $x^2$</text>" in mix[: mix.index("</svg>")], "not a formula"


def test_the_page_says_how_far_it_has_got(small: Path) -> None:

    class Heard:
        doing = ""

        def __init__(self) -> None:
            self.stages: list[str] = []

        def stage(self, doing: str) -> None:
            self.stages.append(doing)

    heard = Heard()
    cohort_page(read_cohort(small, ReportQuery()), heard)
    assert heard.stages == [
        "drawing each trainee's sparkline",
        "drawing each trainee's chart",
        "putting the page together",
    ]
    assert heard.doing == "drawing each trainee's chart: 2 of 2"
