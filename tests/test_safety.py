"""Untrusted text stays text: random hostile articles go through ingest and the build, and nothing escapes.

Articles, titles and entity names (from articles and from curated notes) carry HTML, script,
`javascript:` links, Jinja and YAML syntax and path tricks. The built site must show them as
text: no script or event handler from them in any page, no `javascript:` link, no template
evaluated, valid JSON and feed, and no file written outside site/, content/briefs/ and .briefing/.
"""

import csv
import io
import json
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from site_builder.briefs.check import check_project, errors
from site_builder.briefs.model import read_brief
from site_builder.cli import main
from site_builder.ingest.run import ingest
from site_builder.project import Project
from site_builder.slugs import is_safe_slug, slugify

ROOT = Path(__file__).parent.parent
MARK = "XSS9"  # every hostile fragment carries this, so its survival is easy to spot
HOSTILE = [
    f"<script>alert('{MARK}')</script>",
    f"<img src=x onerror=alert('{MARK}')>",
    f'<a href="javascript:alert(1)">{MARK}</a>',
    f"[{MARK}](javascript:alert(1))",
    f"<javascript:alert('{MARK}')>",
    f"![{MARK}](javascript:alert(1))",
    "<iframe src=//example.invalid></iframe>",
    "<svg onload=alert(1)>",
    "</textarea></title></script><script>alert(2)</script>",
    "{{ 7919 * 7907 }}",
    "{% for x in range(3) %}LOOP{% endfor %}",
    "!!python/object/apply:os.system ['touch /tmp/pwned']",
    "key: value",
    "- item",
    "---",
    "# heading",
    "<!-- comment",
    "&amp; &lt;b&gt; &#x3C;script&#x3E;",
    "`code`",
    "../../../../tmp/escape",
    "\u202edesrever",
    '=HYPERLINK("http://example.invalid","XSS9") said officials.',
    "@SUM(1+1) said officials.",
]
NAMES = [
    f"<script>alert('{MARK}')</script> Karimov",
    "../../etc/passwd",
    "..",
    "CON",
    "nul",
    "!!!",
    "???",
    "",
    "<b>Bold</b> Rahimi",
    'Jane "javascript:alert(1)" Doe',
    "{{ 7919 * 7907 }} Haidari",
    "Ahmad Shah Massoud",
    "Kabul",
]
DATELINES = ["KABUL", "DOHA", "<B>X</B>", "../X"]
WORDS = st.sampled_from(["border", "troops", "Kabul", "talks", "Monday", "said", "the", "officials", "Doha"])
SAFE_PATH_PART = re.compile(r"[A-Za-z0-9._-]+")
RCDATA = re.compile(r"<(title|textarea)\b[^>]*>.*?</\1\s*>", re.I | re.S)
TEMPLATE_RAN = re.compile(r"62615533|LOOPLOOP")  # {{ 7919 * 7907 }} or the loop, evaluated
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}


class Live(HTMLParser):
    """What a browser would run: handlers, script URLs, embedded frames, scripts carrying the mark."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and re.match(r"\s*(?:javascript|vbscript|data):", value or "", re.I):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "src" and "example.invalid" in (value or ""):
                self.found.append(f"<{tag} src={value!r}>")
        if tag in {"iframe", "object", "embed"}:
            self.found.append(f"<{tag}>")
        self.in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and ("alert(" in data or MARK in data):
            self.found.append(f"<script>{data[:40]}")


def live_markup(html: str) -> list[str]:
    # a browser reads <title> and <textarea> as text up to their first closing tag; what follows is markup
    parser = Live()
    parser.feed(RCDATA.sub(r"<\1></\1>", html))
    parser.close()
    found = parser.found
    if TEMPLATE_RAN.search(html):
        found.append("a template was evaluated")
    return found


@st.composite
def articles(draw) -> str:
    date = draw(st.dates(min_value=__import__("datetime").date(2000, 1, 1)))
    title = (
        draw(st.sampled_from(HOSTILE + NAMES)) + " " + " ".join(draw(st.lists(WORDS, min_size=1, max_size=4)))
    )
    who, whom = draw(st.sampled_from(NAMES)), draw(st.sampled_from(NAMES))
    paragraphs = [
        f"{draw(st.sampled_from(DATELINES))}: President {who} met {whom} in Kabul on Monday.",
        " ".join(draw(st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=4))),
        draw(st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=80))
        + " said Ali.",
        f'"{draw(st.sampled_from(HOSTILE))}," said {who}.',
    ]
    source = draw(st.sampled_from(["Wire", "<script>alert(1)</script>", "{{ 7919 * 7907 }}", "../x"]))
    return f"date {date.isoformat()} {source}\n\n{title.replace(chr(10), ' ').rstrip('.')}\n\n" + "\n\n".join(
        paragraphs
    )


NOTE = """\
---
name: {name}
kind: person
aliases: [{alias}]
roles: ["<script>alert('{mark}')</script> minister"]
---
Note body with <script>alert('{mark}')</script> and [a link](javascript:alert(1)).
"""


def new_project(root: Path) -> Project:
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return Project.at(root)


def files_under(root: Path) -> set[Path]:
    return {p.relative_to(root) for p in root.rglob("*") if p.is_file()}


def assert_nothing_escapes(site: Path) -> None:
    for path in site.rglob("*"):
        rel = path.relative_to(site)
        assert all(SAFE_PATH_PART.fullmatch(part) and part not in {"..", "."} for part in rel.parts), rel
        if not path.is_file() or path.suffix not in {".html", ".json", ".xml", ".csv", ".geojson", ".js"}:
            continue
        text = path.read_text(encoding="utf-8")
        if rel.parts[0] == "assets" and path.suffix == ".js":
            continue  # the theme's own scripts
        if path.suffix in {".json", ".geojson"}:
            json.loads(text)  # data: the text is a JSON string, valid whatever it holds
            continue
        if path.suffix == ".csv":  # data; a spreadsheet must not run a cell as a formula
            cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
            assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))], rel
            continue
        assert live_markup(text) == [], rel
        if path.name == "feed.xml":
            for el in ET.fromstring(text).iter():
                if el.get("type") in {"html", "xhtml"}:
                    assert "<script" not in (el.text or "").lower(), (rel, el.tag)


def build(project: Project) -> Path:
    from site_builder.mkdocs_commands import build_site

    return build_site(project.root / "mkdocs.yml", site_dir=project.site)


@settings(
    max_examples=12,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),  # no shrinking: each example is a build
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(texts=st.lists(articles(), min_size=1, max_size=3), note_name=st.sampled_from(NAMES))
def test_random_hostile_articles_render_as_text(texts, note_name):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        root.mkdir()
        project = new_project(root)
        (root / "in").mkdir()
        for i, text in enumerate(texts):
            (root / "in" / f"a{i}.txt").write_text(text, encoding="utf-8")
        (project.actor_notes).mkdir(parents=True)
        note = NOTE.format(name=json.dumps(note_name or "X"), alias=json.dumps(note_name or "Y"), mark=MARK)
        (project.actor_notes / "hostile-note.md").write_text(note, encoding="utf-8")
        before = files_under(Path(tmp))

        report = ingest([root / "in"], project)
        assert not [m for m in report.failed if "hostile-note" not in m], report.failed
        for path in report.written:
            brief = read_brief(path)  # safe YAML round trip
            assert is_safe_slug(brief.id)
            assert all(is_safe_slug(r.id) for r in [*brief.actors, *brief.locations])
            assert "<script" not in brief.body.lower()
        assert errors(check_project(project)) == []  # what ingest writes always passes the check

        site = build(project)
        assert site == project.site
        assert_nothing_escapes(site)
        made = files_under(Path(tmp)) - before
        allowed = ("project/site/", "project/content/briefs/", "project/.briefing/")
        assert all(str(p).startswith(allowed) for p in made), sorted(
            p for p in made if not str(p).startswith(allowed)
        )


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_name_gets_a_safe_slug(name):
    slug = slugify(name)
    assert is_safe_slug(slug) and slug not in {".", ".."} and "/" not in slug


def test_empty_and_punctuation_names_get_distinct_slugs():
    names = ["", "!!!", "???", "...", "—", "../..", "///"]
    slugs = [slugify(n) for n in names]
    assert len(set(slugs)) == len(names) and all(is_safe_slug(s) for s in slugs)
    assert slugify("CON") != "con" and is_safe_slug(slugify("CON"))
    assert slugify("../../x") == "x"


def test_a_hand_edited_id_that_escapes_stops_the_build(tmp_path, monkeypatch, capsys):
    project = new_project(tmp_path)
    project.briefs.mkdir(parents=True)
    (project.briefs / "2024-01-01-x.md").write_text(
        "---\nschema: 1\nid: 2024-01-01-x\ntitle: X\ndate: 2024-01-01\nsource: {name: W}\n"
        "actors:\n- {id: ../../../evil, name: Evil, kind: person}\n---\nBody.\n"
    )
    monkeypatch.chdir(tmp_path)
    before = files_under(tmp_path.parent)
    assert main(["build"]) == 1
    assert (
        "content/briefs/2024-01-01-x.md:8: error: id `../../../evil` is not a safe id"
        in capsys.readouterr().err
    )
    assert files_under(tmp_path.parent) == before


# --- the known ways in, built once: an article title and a curated note ---

TITLED = """\
date 2024-02-02 <script>alert('source')</script>

</title><script>alert('XSS9')</script> border talks

KABUL: Officials met in Kabul on Monday to discuss the border.

"We will meet again <b>soon</b>," said Ahmad Shah Massoud.
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    project = new_project(root)
    (root / "in").mkdir()
    (root / "in" / "a.txt").write_text(TITLED, encoding="utf-8")
    project.actor_notes.mkdir(parents=True)
    (project.actor_notes / "hostile-note.md").write_text(
        NOTE.format(name=json.dumps(f"</title><script>alert('{MARK}')</script>"), alias='"X"', mark=MARK)
    )
    assert ingest([root / "in"], project).ok
    return build(project)


def page_problems(page: Path) -> list[str]:
    return live_markup(page.read_text(encoding="utf-8"))


def test_an_article_title_with_markup_is_text_everywhere_on_its_page(hostile_site):
    (page,) = (hostile_site / "briefs").glob("2024-02-02-*/index.html")
    assert page_problems(page) == []


def test_a_note_name_with_markup_and_a_javascript_link_stay_inert(hostile_site):
    assert page_problems(hostile_site / "actors" / "hostile-note" / "index.html") == []


def test_the_detector_sees_live_markup_and_ignores_text():
    live = [
        "<p><script>alert('XSS9')</script></p>",
        "<title>x</title><script>alert(5)</script></title>",
        '<img src=x onerror="alert(1)">',
        '<a href=" JavaScript:alert(1)">x</a>',
        "<iframe src=//example.invalid></iframe>",
        "<p>62615533</p>",
    ]
    inert = [
        "<title><script>alert('XSS9')</script> border</title>",
        "<p>&lt;script&gt;alert('XSS9')&lt;/script&gt;</p>",
        '<li data-name="&#60;svg onload=alert(1)&#62;">x</li>',
        '<a href="briefs/2024-svg-onload-alert/">x</a>',
        "<p>javascript:alert(1)</p>",
    ]
    assert all(live_markup(html) for html in live)
    assert [html for html in inert if live_markup(html)] == []


def test_yaml_is_loaded_safely(tmp_path):
    from site_builder.briefs.model import BriefError

    marker = tmp_path / "pwned"
    project = Project.at(tmp_path)
    project.briefs.mkdir(parents=True)
    brief = project.briefs / "2024-01-01-x.md"
    brief.write_text(
        f"---\nid: 2024-01-01-x\ntitle: !!python/object/apply:os.system ['touch {marker}']\n"
        "date: 2024-01-01\n---\nBody.\n"
    )
    with pytest.raises(BriefError, match="not valid YAML"):
        read_brief(brief)
    (problem,) = check_project(project)
    assert problem.line == 3 and "not valid YAML" in problem.message
    assert not marker.exists()
