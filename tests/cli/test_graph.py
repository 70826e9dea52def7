"""`python3 main.py graph`: the map of a scenario as Mermaid, DOT, SVG and PNG, run as a trainer runs it.

Each text form is read back by a strict reader of the syntax we write (`Picture`), which fails on
any line it does not know, so the same facts are checked in both forms: every node and ending is
named, what play never reaches is marked, the best and worst plays are marked, and conditions,
flags and effects are written on their arrows. A Hypothesis test feeds ids and titles full of the
characters each syntax treats specially.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import scenario_map
from game.tools.map_dot import as_dot, quoted
from game.tools.map_look import ID_CHARACTERS, short
from game.tools.map_mermaid import ENTITIES, as_mermaid, label
from tests.cli.test_cli import DIAGNOSTIC, WALK_IN, run
from tests.engine.test_diagram import MAPPED
from tests.inline_scenarios import header, scenario_from
from tests.paths import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from generate_scenario import generate

HAS_DOT = shutil.which("dot") is not None
NEEDS_DOT = pytest.mark.skipif(not HAS_DOT, reason="Graphviz's dot is not installed")
GREEN, RED = "#1a7f37", "#cf222e"
MINUS = "\u2212"


@dataclass
class Picture:
    """What a map's text says: each place's lines and look, and each arrow's, by the places' ids."""

    places: dict[str, list[str]] = field(default_factory=dict)  # by the place's id (its label's first line)
    looks: dict[str, str] = field(default_factory=dict)  # a place's classes or attributes, as written
    arrows: list[tuple[str, str, list[str], str]] = field(default_factory=list)  # source, target, lines, look
    title: list[str] = field(default_factory=list)

    def arrow(self, source: str, line: str) -> tuple[str, list[str], str]:
        """The target, lines and look of the one arrow from `source` with this line on it."""
        (found,) = [(t, lines, look) for s, t, lines, look in self.arrows if s == source and line in lines]
        return found

    def marked(self, line: str) -> set[str]:
        return {place for place, lines in self.places.items() if line in lines}


# -- reading Mermaid back ----------------------------------------------------------------------------
LABEL = r'"((?:[^"#&<>|`\x00-\x1f\x7f]|#\w+;|<br>)*)"'  # no raw character Mermaid reads specially
SHAPES = {"(": ")", "{": "}", "{{": "}}", "([": "])", "((": "))", "[": "]"}
NODE = re.compile(r"  ([a-z]\d+)(\(\[|\(\(|\{\{|\(|\{|\[)" + LABEL + r"(\]\)|\)\)|\}\}|\)|\}|\])(?::::(\w+))?")
EDGE = re.compile(r"  ([a-z]\d+) (-->|-\.->|==>)(?:\|" + LABEL + r"\|)? ([a-z]\d+)")
FIXED = re.compile(
    r"---|title: .*|flowchart TB|  classDef \w+ [\w#:,.\- ]+|  class [a-z]\d+ \w+|  linkStyle \d+ [\w#:,.\- ]+"
    r'|  subgraph key \["How to read this map"\]|  end'
)
UNESCAPED = {code: char for char, code in ENTITIES.items()}


def unescaped(label: str) -> list[str]:
    text = re.sub(r"#\w+;", lambda m: UNESCAPED[m.group()], label)
    return text.split("<br>")


def read_mermaid(text: str) -> Picture:
    picture, names, styles, tags = Picture(), {}, {}, {}
    lines = text.splitlines()
    assert lines[:4] == ["---", lines[1], "---", "flowchart TB"], lines[:4]
    picture.title = [
        json.loads(lines[1].removeprefix("title: "))
    ]  # a YAML string written as JSON, which YAML reads alike
    edges = []
    for line in lines:
        if (node := NODE.fullmatch(line)) is not None:
            mermaid_id, opening, label, closing, _ = node.groups()
            assert SHAPES[opening] == closing, line
            if mermaid_id.startswith("p"):
                names[mermaid_id] = unescaped(label)[0]
                picture.places[names[mermaid_id]] = unescaped(label)
            elif mermaid_id.startswith("w"):
                tags[mermaid_id] = unescaped(label)
        elif (edge := EDGE.fullmatch(line)) is not None:
            edges.append(edge.groups())
        elif line.startswith("  linkStyle"):
            index, style = line.split(maxsplit=2)[1:]
            styles[int(index)] = style
        elif line.startswith("  class "):
            _, mermaid_id, name = line.split()
            picture.looks[names[mermaid_id]] = picture.looks.get(names[mermaid_id], "") + f" {name}"
        else:
            assert FIXED.fullmatch(line) or line.startswith('    k0["'), f"not a line we write: {line!r}"
    assert sorted(styles) == list(range(len(edges)))  # one style per arrow, numbered as Mermaid counts them
    for index, (source, kind, label, target) in enumerate(edges):
        if source in names:
            target_name = tagged(picture, names[source], tags[target]) if target in tags else names[target]
            picture.arrows.append((names[source], target_name, unescaped(label or ""), f"{kind} {styles[index]}"))
    return picture


def tagged(picture: Picture, source: str, lines: list[str]) -> str:
    """A walk-out tag, named after the place it belongs to (each form numbers tags its own way)."""
    picture.places[f"{lines[0]}@{source}"] = lines
    return f"{lines[0]}@{source}"


# -- reading DOT back ---------------------------------------------------------------------------------
QUOTED = r'"((?:[^"\\]|\\.)*)"'
ATTRIBUTE = r'\w+=(?:"(?:[^"\\]|\\.)*"|[\w.]+)'
ATTRIBUTES = rf"\[({ATTRIBUTE}(?:, {ATTRIBUTE})*)\];"  # every string closed, however odd its insides
DOT_NODE = re.compile(r"  " + QUOTED + r" " + ATTRIBUTES)
DOT_EDGE = re.compile(r"  " + QUOTED + r" -> " + QUOTED + r" " + ATTRIBUTES)
DOT_DEFAULTS = re.compile(r"  (graph|node|edge) " + ATTRIBUTES)
DOT_FIXED = re.compile(r"digraph scenario \{|  __start__ .*|  subgraph cluster_legend .*|    __legend__ .*|  \}|\}")
DOT_LABEL = re.compile(r"label=" + QUOTED)


def dot_lines(quoted: str) -> list[str]:
    """A DOT string's lines: `\\n` breaks a line, `\\x` stands for x."""
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), quoted).split("\n")


def read_dot(text: str) -> Picture:
    picture, names, edges, tags = Picture(), {}, [], {}
    for line in text.splitlines():
        if (node := DOT_NODE.fullmatch(line)) is not None:
            dot_id, attributes = node.groups()
            label = DOT_LABEL.search(attributes)
            assert label is not None, line
            lines = dot_lines(label.group(1))
            if dot_id.startswith("__walks_out_from__"):
                tags[dot_id] = lines
            else:
                names[dot_id] = lines[0]
                picture.places[lines[0]] = lines
                picture.looks[lines[0]] = attributes
        elif (edge := DOT_EDGE.fullmatch(line)) is not None:
            edges.append(edge.groups())
        elif (defaults := DOT_DEFAULTS.fullmatch(line)) is not None:
            label = DOT_LABEL.search(defaults.group(2))
            picture.title = dot_lines(label.group(1)) if label else picture.title
        else:
            assert DOT_FIXED.fullmatch(line), f"not a line we write: {line!r}"
    for source, target, attributes in edges:
        label = DOT_LABEL.search(attributes)
        if source in names:
            target_name = tagged(picture, names[source], tags[target]) if target in tags else names[target]
            picture.arrows.append((names[source], target_name, dot_lines(label.group(1)) if label else [], attributes))
    return picture


# -- the facts, in either form ------------------------------------------------------------------------
def check_mapped(picture: Picture) -> None:
    for place in ("open", "mood", "calm", "doomed", "hidden", "fixed", "halfway", "upset", "gone", "lucky"):
        assert place in picture.places, place
    assert picture.marked("never reached") == {"hidden", "lucky"}
    assert picture.marked("no way back:") == {"doomed"}
    assert picture.marked("★ best play") == {"open", "mood", "calm", "fixed"}
    assert picture.marked("✗ worst play") == {"open", "gone"}
    assert picture.places["gone"][1:3] == ["LOST", "walk-out at anger 90"]
    assert "timer 20 s" in picture.places["open"]
    listen_target, _, listen_look = picture.arrow("open", f"★ listen {MINUS}10 sets heard")
    assert listen_target == "mood" and GREEN in listen_look
    snap_target, snap_lines, snap_look = picture.arrow("open", "✗ snap +45")
    assert snap_target == "walks out@open" and snap_lines[0] == "anger ≥ 90 after" and RED in snap_look
    assert picture.arrow("open", "snap +45 (never in play)")[0] == "mood"  # snapping always walks out
    assert picture.arrow("open", f"secret-door {MINUS}5 if magic (never in play)")[0] == "hidden"
    assert picture.arrow("mood", "if anger ≥ 60")[0] == "doomed"
    assert picture.arrow("mood", "★ otherwise")[0] == "calm"
    assert picture.arrow("calm", f"★ fix {MINUS}10 if heard")[0] == "fixed"
    assert picture.arrow("calm", "half ±0 clears heard")[0] == "halfway"


@pytest.fixture(scope="module")
def mapped_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("maps") / "mapped.yaml"
    path.write_text(MAPPED, encoding="utf-8")
    return path


def test_with_no_out_the_map_is_mermaid_on_standard_output(mapped_file: Path) -> None:
    done = run("graph", str(mapped_file))
    assert done.returncode == 0, done.stderr
    check_mapped(read_mermaid(done.stdout))


@pytest.mark.parametrize(("suffix", "reader"), [(".mmd", read_mermaid), (".dot", read_dot), (".gv", read_dot)])
def test_the_out_files_extension_chooses_the_text(mapped_file: Path, tmp_path: Path, suffix: str, reader) -> None:
    out = tmp_path / f"map{suffix}"
    done = run("graph", str(mapped_file), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"wrote {out}: 5 nodes, 5 endings, 12 arrows\n"
    check_mapped(reader(out.read_text(encoding="utf-8")))


def test_markdown_holds_the_mermaid_in_a_block_a_viewer_draws(mapped_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.md"
    assert run("graph", str(mapped_file), "--out", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("```mermaid\n---\n") and text.endswith("\n```\n")
    check_mapped(read_mermaid(text.removeprefix("```mermaid\n").removesuffix("```\n")))


@NEEDS_DOT
def test_an_svg_drawn_by_graphviz_names_every_place_and_marks(mapped_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    done = run("graph", str(mapped_file), "--out", str(out))
    assert done.returncode == 0, done.stderr
    texts = [t.text for t in ElementTree.parse(out).iter("{http://www.w3.org/2000/svg}text")]
    for words in (
        "open",
        "doomed",
        "lucky",
        "never reached",
        "★ best play",
        f"★ fix {MINUS}10 if heard",
        "if anger ≥ 60",
    ):
        assert words in texts, words
    assert "T (mapped)" in texts


@NEEDS_DOT
def test_a_png_is_drawn_too(mapped_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    assert run("graph", str(mapped_file), "--out", str(out)).returncode == 0
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_without_graphviz_an_svg_is_refused_with_what_to_do_instead(tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    no_dot = tmp_path / "bin"  # a PATH holding no `dot`
    no_dot.mkdir()
    done = run("graph", WALK_IN, "--out", str(out), env={"PATH": str(no_dot)})
    assert done.returncode == 1
    assert "needs Graphviz's `dot` program, which is not installed" in done.stderr
    assert f"--out {tmp_path / 'map.mmd'}" in done.stderr and "apt-get install graphviz" in done.stderr
    assert not out.exists()


def test_an_unknown_extension_is_a_usage_error(tmp_path: Path) -> None:
    done = run("graph", WALK_IN, "--out", str(tmp_path / "map.jpg"))
    assert done.returncode == 2
    assert "must end in .svg, .png, .dot, .gv, .mmd or .md" in done.stderr
    assert not (tmp_path / "map.jpg").exists()


def test_a_map_that_cannot_be_written_says_so(mapped_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "map.mmd"
    folder.mkdir()
    done = run("graph", str(mapped_file), "--out", str(folder))
    assert done.returncode == 1
    assert done.stderr.startswith(f"error: cannot write {folder}: ") and "nothing was written" in done.stderr
    assert list(folder.iterdir()) == [] and [p.name for p in tmp_path.iterdir()] == ["map.mmd"]


def test_a_broken_scenario_gets_its_diagnostics_and_no_map(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(MAPPED.replace("next: doomed", "next: doomd"), encoding="utf-8")
    done = run("graph", str(broken))
    assert done.returncode == 1 and done.stdout == ""
    problems = [DIAGNOSTIC.match(line) for line in done.stderr.splitlines()]
    assert any(p and p["severity"] == "error" and "doomd" in p["message"] for p in problems), done.stderr


def test_a_focus_draws_the_part_around_one_node(mapped_file: Path) -> None:
    done = run("graph", str(mapped_file), "--focus", "calm", "--depth", "1")
    assert done.returncode == 0, done.stderr
    picture = read_mermaid(done.stdout)
    assert set(picture.places) == {"mood", "calm", "fixed", "halfway"}
    assert picture.marked("… more beyond") == {"mood"}
    misspelt = run("graph", str(mapped_file), "--focus", "clam")
    assert misspelt.returncode == 1
    assert "there is no node or ending 'clam' in this scenario; did you mean 'calm'?" in misspelt.stderr


def test_a_large_map_says_how_to_draw_a_readable_part(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(generate(150), encoding="utf-8")  # what `bench/generate_scenario.py 150` writes
    done = run("graph", str(big), "--out", str(tmp_path / "big.mmd"))
    assert done.returncode == 0, done.stderr
    assert "too many to read as one picture: draw the part around one node with --focus NODE" in done.stderr
    assert "Mermaid viewers draw at most 500 arrows" in done.stderr


def test_the_walk_in_maps_in_both_forms_alike() -> None:
    drawn = scenario_map(scenario_from((ROOT / WALK_IN).read_text(encoding="utf-8"), WALK_IN))
    mermaid, dot = read_mermaid(as_mermaid(drawn)), read_dot(as_dot(drawn))
    assert mermaid.places == dot.places
    assert [(s, t, lines) for s, t, lines, _ in mermaid.arrows] == [(s, t, lines) for s, t, lines, _ in dot.arrows]


# -- odd ids and titles -------------------------------------------------------------------------------
ODD = "\"#&<>|`\\;:{}[]()%-—…★✗'/=*_ ~^$@!?"
MERMAID_WORDS = ["end", "class", "classdef", "style", "subgraph", "graph", "flowchart", "click", "default", "o", "x"]
odd_ids = st.one_of(
    st.sampled_from([*MERMAID_WORDS, "a---b", "o--o", "x--x", "a-->b"[:3], "p0", "w0", "s0", "k0"]),
    st.from_regex(r"[a-z0-9][a-z0-9_-]{0,63}", fullmatch=True),
)
odd_titles = st.text(alphabet=st.sampled_from(ODD + "abcXYZ09"), min_size=1, max_size=80).filter(
    lambda t: t.strip() == t and t.strip()
)


@st.composite
def odd_scenarios(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A small scenario whose ids and title are made of what Mermaid and DOT read specially."""
    node, other, choice, flag, ending = draw(st.lists(odd_ids, min_size=5, max_size=5, unique=True))
    text = header(draw(st.sampled_from(["s", "end"])), '  name: "N"\n  portrait: caller-woman\n  anger: 40').replace(
        'title: "T"', f"title: {json.dumps(draw(odd_titles), ensure_ascii=False)}"
    ) + (
        f'start: {json.dumps(node)}\nnodes:\n  {json.dumps(node)}:\n    say: "A."\n    choices:\n'
        f'      - {{id: {json.dumps(choice)}, text: "C", effects: {{anger: -5}}, sets: [{json.dumps(flag)}],'
        f" next: {json.dumps(other)}}}\n"
        f'  {json.dumps(other)}:\n    say: "B."\n    choices:\n'
        f'      - {{id: {json.dumps(choice)}, text: "D", if: {{flag: {json.dumps(flag)}}},'
        f" next: {json.dumps(ending)}}}\n"
        f'      - {{id: other-{json.dumps(choice)[1:-1]}, text: "E", next: {json.dumps(ending)}}}\n'
        f'endings:\n  {json.dumps(ending)}: {{outcome: resolved, title: "E", text: "e"}}\n'
    )
    return text, [node, other, ending]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(odd_scenarios())
def test_any_ids_and_title_give_mermaid_and_dot_that_read_back_exactly(case: tuple[str, list[str]]) -> None:
    text, places = case
    drawn = scenario_map(scenario_from(text))
    for picture in (read_mermaid(as_mermaid(drawn)), read_dot(as_dot(drawn))):
        assert {short(place, ID_CHARACTERS) for place in places} <= set(picture.places)
        assert picture.title[0].startswith(f"{drawn.title} ({drawn.scenario_id})")


def one_line(text: str) -> str:
    """What a label keeps of a text: control characters become spaces, as every line is one line."""
    return "".join(" " if char < " " or char == "\x7f" else char for char in text)


@given(st.lists(st.text(), min_size=1, max_size=3))
def test_any_text_is_a_mermaid_label_that_reads_back(lines: list[str]) -> None:
    inside = re.fullmatch(LABEL, f'"{label(lines)}"')
    assert inside is not None
    assert unescaped(inside.group(1)) == [one_line(line) for line in lines]


@given(st.lists(st.text(), min_size=1, max_size=3))
def test_any_text_is_a_dot_string_that_reads_back(lines: list[str]) -> None:
    inside = re.fullmatch(QUOTED, quoted(lines))
    assert inside is not None
    assert dot_lines(inside.group(1)) == [one_line(line) for line in lines]
