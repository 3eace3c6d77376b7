"""A date that does not exist is refused wherever it is written, with the message a bad date line gets
(issue 17 item 6): never moved to the first of the month or into the next month."""

import pytest

from site_builder.inputs import read_articles
from site_builder.inputs.articles import ArticleError

MESSAGE = "date '{raw}' is not a real date; write it as YYYY-MM-DD with a valid month and day"
TEXT = "The ferry across the river resumed service on Monday after weeks of closure, officials said. " * 3
PAGE = """<html><head><title>Ferry resumes</title>
<meta property="article:published_time" content="{date}">
</head><body><article><h1>Ferry resumes</h1><p>{text}</p></article></body></html>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title>Good</title><id>a1</id><published>2021-02-27T10:00:00Z</published>
<content type="text">The bridge reopened on Tuesday.</content></entry>
<entry><title>Bad</title><id>a2</id><published>{date}</published>
<content type="text">The bridge closed again on Friday.</content></entry>
</feed>
"""
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Bad</title><guid>b1</guid><pubDate>{date}</pubDate>
<description>The road reopened.</description></item>
</channel></rss>
"""


def test_the_date_line_message(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("date 2021-02-30 Wire\n\nText of it.\n")
    (err,) = read_articles(path)
    assert str(err) == f"{path}:1: " + MESSAGE.format(raw="2021-02-30")


@pytest.mark.parametrize("date", ["2021-02-30", "2021-02-30T10:00:00Z", "2021-13-01"])
def test_a_page_with_an_impossible_date_is_refused(tmp_path, date):
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(date=date, text=TEXT))
    (err,) = read_articles(path)
    assert isinstance(err, ArticleError) and str(err) == f"{path}:2: " + MESSAGE.format(raw=date)
    path.write_text(PAGE.format(date="2021-02-27", text=TEXT))
    (article,) = read_articles(path)
    assert str(article.date) == "2021-02-27"


@pytest.mark.parametrize("date", ["2021-02-30T10:00:00Z", "0000-00-00"])
def test_an_atom_entry_with_an_impossible_date_is_refused_and_the_others_read(tmp_path, date):
    path = tmp_path / "feed.atom"
    path.write_text(ATOM.format(date=date))
    good, bad = read_articles(path)
    assert str(good.date) == "2021-02-27"
    assert isinstance(bad, ArticleError) and str(bad) == f"{path}:5: " + MESSAGE.format(raw=date)


def test_an_rss_entry_with_an_impossible_date_is_refused(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text(RSS.format(date="Tue, 30 Feb 2021 10:00:00 +0000"))
    (err,) = read_articles(path)
    assert str(err) == f"{path}:2: " + MESSAGE.format(raw="Tue, 30 Feb 2021 10:00:00 +0000")
    path.write_text(RSS.format(date="Sat, 27 Feb 2021 10:00:00 +0000"))
    (article,) = read_articles(path)
    assert str(article.date) == "2021-02-27"
