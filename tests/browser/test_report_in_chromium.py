"""The report page as a trainer opens it: in a real headless Chromium (Debian's `chromium`, which
`.ci/run` installs where it is missing), from the file. It renders with its own font, its charts
are drawn, its table sorts by mouse and by keyboard, it logs no error and asks nothing of any
network.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from game.storage.reports import ReportQuery, read_cohort
from game.storage.reports.page import cohort_page
from tests.browser.devtools import Browser, chromium, find_chromium
from tests.storage.report_cohort import cohort, record_all

TRAINEES, SCENARIOS, ATTEMPTS = 6, 3, 2
MEAN_OVERALL = 4  # the cohort table's column: trainee, scenarios, attempts, mean overall


@pytest.fixture(scope="module")
def opened(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """The report of a small cohort, loaded in Chromium, with every event of the loading kept."""
    executable = find_chromium()
    if executable is None:
        pytest.skip("no Chromium on this machine: `apt-get install chromium` (.ci/run does so where it can)")
    folder = tmp_path_factory.mktemp("cohort")
    record_all(folder, cohort(TRAINEES, SCENARIOS, ATTEMPTS))
    page = folder / "report.html"
    page.write_bytes(cohort_page(read_cohort(folder, ReportQuery())))
    with chromium(executable) as browser:
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.send(f"{domain}.enable")
        browser.send("Page.navigate", url=page.as_uri())
        browser.wait_for("Page.loadEventFired")
        yield browser


def events(browser: Browser, method: str) -> list[dict[str, Any]]:
    browser.evaluate("1")  # every event sent before this answer has been read
    return [event["params"] for event in browser.events if event.get("method") == method]


def column(browser: Browser, index: int) -> list[float]:
    return browser.evaluate(
        f"Array.from(document.querySelectorAll('#cohort tbody tr'), r => Number(r.cells[{index - 1}].dataset.sort))"
    )


def test_it_renders_in_its_own_font(opened: Browser) -> None:
    assert opened.evaluate("document.title") == f"Composure report: {TRAINEES} trainees"
    assert opened.evaluate("document.querySelectorAll('#cohort tbody tr').length") == TRAINEES
    assert opened.evaluate("document.querySelector('main').getBoundingClientRect().height") > 1000
    assert opened.evaluate("document.fonts.ready.then(() => document.fonts.check('16px \"Atkinson Hyperlegible\"'))")
    assert (
        opened.evaluate(
            "[...document.fonts].filter(f => f.family.includes('Atkinson') && f.status === 'loaded').length"
        )
        >= 1
    )


def test_its_charts_are_drawn(opened: Browser) -> None:
    charts = opened.evaluate(
        "Array.from(document.querySelectorAll('svg'), s => "
        "[s.getAttribute('aria-label'), s.querySelectorAll('path, use, text').length, s.getBBox().width])"
    )
    assert len(charts) == 2 * TRAINEES + 2, "a sparkline and a chart per trainee, the outcome mix, the hardest answers"
    for label, shapes, width in charts:
        assert label and shapes > 3 and width > 0, (label, shapes, width)
    labels = opened.evaluate(
        "Array.from(document.querySelector('svg[aria-label^=\"How each scenario\"]').querySelectorAll('text'),"
        " t => t.textContent)"
    )
    assert {"resolved", "partial", "escalated", "lost"} <= set(labels)


def test_the_table_sorts_when_a_heading_is_clicked(opened: Browser) -> None:
    heading = f"#cohort thead th:nth-child({MEAN_OVERALL})"
    opened.click(f"{heading} button")
    means = column(opened, MEAN_OVERALL)
    assert means == sorted(means) and len(set(means)) > 1
    assert opened.evaluate(f"document.querySelector('{heading}').getAttribute('aria-sort')") == "ascending"
    opened.click(f"{heading} button")
    assert column(opened, MEAN_OVERALL) == sorted(means, reverse=True)
    assert opened.evaluate(f"document.querySelector('{heading}').getAttribute('aria-sort')") == "descending"


def test_the_table_sorts_from_the_keyboard(opened: Browser) -> None:
    heading = "#cohort thead th:nth-child(1)"  # the trainee's name
    opened.evaluate(f"document.querySelector('{heading} button').focus()")
    opened.press_enter()
    opened.press_enter()  # again: the other way round
    assert opened.evaluate(f"document.querySelector('{heading}').getAttribute('aria-sort')") == "descending"
    names = opened.evaluate("Array.from(document.querySelectorAll('#cohort tbody tr'), r => r.cells[0].dataset.sort)")
    assert names == [f"Trainee {number:03d}" for number in range(TRAINEES, 0, -1)]


def test_a_name_opens_that_trainees_section(opened: Browser) -> None:
    assert opened.evaluate("document.querySelector('#trainee-1').open"), "a small cohort starts open"
    opened.evaluate("document.querySelectorAll('details').forEach(d => d.open = false)")
    opened.click("#cohort tbody a[href='#trainee-2']")
    assert opened.evaluate("document.querySelector('#trainee-2').open")


def test_no_errors_and_nothing_fetched(opened: Browser) -> None:
    errors = [e for e in events(opened, "Runtime.consoleAPICalled") if e["type"] in ("error", "assert")]
    errors += events(opened, "Runtime.exceptionThrown")
    errors += [e for e in events(opened, "Log.entryAdded") if e["entry"]["level"] == "error"]
    assert errors == []
    requests = [e["request"]["url"] for e in events(opened, "Network.requestWillBeSent")]
    assert requests, "the page itself is a request"
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
