"""The brief model: ids, slugs, Markdown escaping of untrusted text, atomic writes."""

import datetime as dt

from markdown_it import MarkdownIt

from site_builder.atomic import write_atomic
from site_builder.briefs.model import Brief, brief_id, escape_markdown, field_hash, read_brief, write_brief
from site_builder.extract.model import Event
from site_builder.slugs import is_safe_slug, slugify


def render(md: str) -> str:
    return MarkdownIt("commonmark").render(md)


def test_escaped_article_text_renders_as_itself():
    hostile = "<script>alert(1)</script> [click](javascript:alert(1)) `code` *bold* <img src=x onerror=y>"
    html = render(escape_markdown(hostile))
    assert "<script" not in html and "<img" not in html
    assert "href=" not in html and "<code>" not in html and "<em>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_line_start_markup_is_escaped():
    html = render(escape_markdown("# not a heading\n> not a quote\n- not a list\n1. not a list"))
    assert "<h1>" not in html and "<blockquote>" not in html and "<li>" not in html


def test_slugs_are_safe_and_stable():
    assert slugify("Emomali Rahmon") == "emomali-rahmon"
    assert slugify("Côte d’Ivoire") == "cote-divoire"
    for hostile in ["../../x", "CON", "", "!!!", "..", "/etc/passwd", "a" * 500]:
        slug = slugify(hostile)
        assert is_safe_slug(slug), (hostile, slug)
        assert slug == slugify(hostile)
    assert slugify("!!!") != slugify("???")  # all-punctuation names still get distinct slugs


def test_brief_id_from_date_and_title():
    assert (
        brief_id(dt.date(2021, 7, 6), "Tajikistan deploys 20,000 troops")
        == "2021-07-06-tajikistan-deploys-20-000-troops"
    )


def test_field_hash_tracks_content_not_identity():
    assert field_hash([{"id": "a"}]) == field_hash([{"id": "a"}])
    assert field_hash([{"id": "a"}]) != field_hash([{"id": "b"}])


def test_atomic_write_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "sub" / "x.md"
    write_atomic(target, "one")
    write_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["x.md"]


def test_event_status_and_basis_are_written_and_read_back(tmp_path):
    events = [
        Event("2021-07-20", "stated", "The border reopens.", status="expected"),
        Event("2021-06-22", "stated", "Soldiers cross.", range="since", status="ongoing"),
        Event("2021-07-05", "context", "Zaher fled.", status="happened"),
    ]
    brief = Brief("2021-07-06-x", "X", dt.date(2021, 7, 6), {"name": "AT News"}, events=events)
    back = read_brief(write_brief(brief, tmp_path))
    assert [(e.date, e.basis, e.status, e.range) for e in back.events] == [
        ("2021-07-20", "stated", "expected", None),
        ("2021-06-22", "stated", "ongoing", "since"),
        ("2021-07-05", "context", "happened", None),
    ]
    assert "status: expected" in back.path.read_text(encoding="utf-8")
