"""Reading articles: both input forms, titles, datelines, and offsets that index the file."""

import datetime as dt
from pathlib import Path

import pytest
from conftest import SEED

from site_builder.inputs.articles import ArticleError, read_article


def write(tmp_path: Path, text: str, name: str = "a.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_seed_header_dateline_and_offsets():
    article = read_article(SEED)
    raw = SEED.read_text(encoding="utf-8")
    assert article.date == dt.date(2021, 7, 6)
    assert article.source == "AT News"
    assert article.title is None  # the seed opens with its dateline, not a title
    assert article.dateline == "Kabul"
    assert len(article.text) == len(raw)
    a, b = article.paragraphs[0]
    assert raw[a:b] == article.text[a:b]
    assert raw[a:b].startswith("KABUL: Tajikistan has deployed")
    assert "date 2021" not in article.text  # the header is blanked, offsets kept
    assert len(article.paragraphs) == 12


def test_title_line_is_recognised(tmp_path):
    path = write(
        tmp_path, "date 2015-05-18 Wire\n\nFloods close the port of Mombasa\n\nHeavy rain fell on Monday.\n"
    )
    article = read_article(path)
    assert article.title == "Floods close the port of Mombasa"
    assert [article.text[a:b] for a, b in article.paragraphs] == ["Heavy rain fell on Monday."]


def test_a_sentence_is_not_taken_for_a_title(tmp_path):
    path = write(tmp_path, "date 2015-05-18 Wire\n\nHeavy rain fell on Monday.\n\nThe port closed.\n")
    assert read_article(path).title is None


def test_front_matter_form(tmp_path):
    path = write(
        tmp_path,
        "---\ntitle: Port reopens\ndate: 2020-03-04\nsource: Coast Daily\nurl: https://example.org/a\n---\n\n"
        "MOMBASA \u2014 The port reopened on Tuesday.\n",
        "a.md",
    )
    article = read_article(path)
    assert (article.title, article.date, article.source, article.url) == (
        "Port reopens",
        dt.date(2020, 3, 4),
        "Coast Daily",
        "https://example.org/a",
    )
    assert article.dateline == "Mombasa"
    raw = path.read_text(encoding="utf-8")
    a, b = article.paragraphs[0]
    assert article.text[a:b] == raw[a:b]


def test_crlf_offsets_kept(tmp_path):
    path = write(tmp_path, "date 2020-01-02 Wire\r\n\r\nA storm hit Lisbon.\r\n\r\nIt passed.\r\n")
    article = read_article(path)
    with open(path, encoding="utf-8", newline="") as f:
        raw = f.read()
    assert [raw[a:b] for a, b in article.paragraphs] == ["A storm hit Lisbon.", "It passed."]


def test_byte_order_mark_keeps_offsets(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffdate 2020-01-02 Wire\n\nA storm hit Lisbon.\n".encode())
    article = read_article(path)
    with open(path, encoding="utf-8", newline="") as f:
        raw = f.read()
    a, b = article.paragraphs[0]
    assert raw[a:b] == "A storm hit Lisbon."


def test_same_text_same_content_hash_whatever_the_header(tmp_path):
    one = read_article(write(tmp_path, "date 2020-01-02 Wire\n\nA storm hit Lisbon.\n", "1.txt"))
    two = read_article(write(tmp_path, "---\ndate: 2020-01-02\n---\nA  storm hit\nLisbon.\n", "2.md"))
    assert one.sha256 != two.sha256
    assert one.content_hash == two.content_hash


@pytest.mark.parametrize(
    ("text", "needle", "line"),
    [
        ("Heavy rain.\n", "no date line", 1),
        ("date 2021-02-30 Wire\n\nText.\n", "not a real date", 1),
        ("date 2021-02-03 Wire\n", "no article text", None),
        ("---\ndate: 2021-01-01\ntitle: [unclosed\n---\nText\n", "not valid YAML", None),
    ],
)
def test_errors_name_the_file_and_line(tmp_path, text, needle, line):
    path = write(tmp_path, text)
    with pytest.raises(ArticleError) as info:
        read_article(path)
    assert needle in str(info.value)
    assert str(path) in str(info.value)
    if line:
        assert info.value.line == line
