"""Articles as they arrive: saved web pages, RSS and Atom feeds, and folders mixing them with text.

The fixtures in tests/fixtures/formats/ are made for these tests: a saved page of the seed article
wrapped in a site's menus, share buttons, related links and comments; an RSS file with three
entries and an Atom file with two; and a folder of things that are not articles.
"""

import json
import shutil
from pathlib import Path

import pytest
from conftest import SEED

from site_builder.briefs.model import article_markdown, read_brief
from site_builder.ingest.run import ingest
from site_builder.inputs import NotAnArticle, read_articles
from site_builder.inputs.articles import ArticleError, read_article
from site_builder.project import Project
from site_builder.urls import safe_url

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
PAGE = FIXTURES / "saved-page.html"
RSS = FIXTURES / "feed.rss"
ATOM = FIXTURES / "feed.atom"

FILLER = (
    "<p>A ferry across the Panj river resumed service on July 5, 2021, after two weeks of high water, "
    "officials in Darvoz district said.</p>\n"
    "<p>The ferry carries flour, fuel and passengers between the two banks, and about two hundred "
    "people use it every week, according to the district office.</p>\n"
    "<p>Officials said a second boat would be added before the winter, when the mountain road is "
    "often closed by snow.</p>\n"
)


def page(head: str = "", body: str = FILLER, prefix: str = "") -> str:
    return (
        f"{prefix}<!DOCTYPE html>\n"
        f"<html><head><title>Ferry service resumes on the Panj</title>{head}</head>\n"
        '<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/contact">Contact</a></nav>\n'
        f"<article><h1>Ferry service resumes on the Panj</h1>\n{body}</article>\n"
        "<footer>All rights reserved.</footer></body></html>\n"
    )


def write(text: str, name: str, folder: Path) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def only(items):
    assert len(items) == 1, items
    return items[0]


# --- saved web pages ---


def test_page_metadata_comes_from_the_page():
    article = only(read_articles(PAGE))
    assert article.title == "Tajikistan deploys 20,000 troops to Afghan border"
    assert article.date.isoformat() == "2021-07-06"  # published, not the later modified time
    assert article.source == "AT News"
    assert (
        article.url
        == "https://www.atnews.example/en/2021/07/tajikistan-deploys-20000-troops-to-afghan-border/"
    )
    assert article.dateline == "Kabul"
    assert article.text.startswith(article.title + "\n\n")
    assert article.text[slice(*article.title_span)] == article.title


def test_page_keeps_the_article_and_drops_the_boilerplate():
    article = only(read_articles(PAGE))
    body = "\n".join(article.paragraph_texts())
    assert len(article.paragraphs) == 12
    assert body.startswith("KABUL: Tajikistan has deployed 20,000 soldiers")
    assert body.endswith("if the situation gets worse.")
    for boilerplate in (
        "Contact us",  # menu
        "Search AT News",
        "cookies",
        "Share on Facebook",
        "Related news",
        "Uzbekistan holds border talks",  # related link
        "Nobody in Kabul listens",  # a reader's comment
        "Leave a Reply",
        "Most read",
        "newsletter",
        "All rights reserved",
        "dataLayer",  # script
        "Tags:",
    ):
        assert boilerplate not in article.text, boilerplate


def test_page_and_text_of_the_same_article_hash_alike(tmp_path):
    """The same article as .txt and as a saved page is one article: body words only are compared."""
    assert only(read_articles(PAGE)).content_hash == read_article(SEED).content_hash
    other = page('<meta property="article:published_time" content="2021-07-06">')
    assert (
        only(read_articles(write(other, "ferry.html", tmp_path))).content_hash
        != read_article(SEED).content_hash
    )


def test_page_without_a_date_is_an_error_that_says_how_to_add_one(tmp_path):
    """July 5, 2021 in the body is an event's date, not the publication's: no date is guessed from it."""
    path = tmp_path / "ferry.html"
    path.write_text(page(), encoding="utf-8")
    err = only(read_articles(path))
    assert isinstance(err, ArticleError) and not isinstance(err, NotAnArticle)
    assert str(err).startswith(f"{path}: no publication date")
    assert "article:published_time" in str(err) and "date: YYYY-MM-DD" in str(err)


def test_page_date_from_a_time_element(tmp_path):
    body = '<p class="meta"><time datetime="2021-07-07T10:00:00+05:00">7 July 2021</time></p>\n' + FILLER
    article = only(read_articles(write(page(body=body), "ferry.html", tmp_path)))
    assert article.date.isoformat() == "2021-07-07"
    assert article.title == "Ferry service resumes on the Panj"
    assert article.paragraph_texts()[0].startswith("A ferry across the Panj")


def test_saved_from_comment_gives_the_url_and_unsafe_urls_are_dropped(tmp_path):
    head = '<meta property="article:published_time" content="2021-07-06">'
    saved = "<!-- saved from url=(0041)https://news.example/2021/07/ferry-panj -->\n"
    article = only(read_articles(write(page(head, prefix=saved), "a.html", tmp_path)))
    assert article.url == "https://news.example/2021/07/ferry-panj"
    hostile = head + '<link rel="canonical" href="javascript:alert(1)">'
    article = only(read_articles(write(page(hostile), "b.html", tmp_path)))
    assert article.url is None


def test_markup_in_page_text_stays_text(tmp_path):
    head = '<meta property="article:published_time" content="2021-07-06">'
    body = (
        FILLER
        + "<p>A reader wrote &lt;script&gt;alert('x')&lt;/script&gt; under the story, the office said.</p>\n"
    )
    article = only(read_articles(write(page(head, body), "c.html", tmp_path)))
    assert "<script>alert('x')</script>" in article.text  # the words, as written
    markdown = article_markdown(article)
    assert "<script" not in markdown and "&lt;script&gt;" in markdown


def test_page_with_no_article_text_is_an_error(tmp_path):
    path = write('<html><head><meta property="article:published_time" content="2021-07-06"></head>'
                 '<body><nav><a href="/">Home</a></nav></body></html>', "empty.html", tmp_path)  # fmt: skip
    err = only(read_articles(path))
    assert isinstance(err, ArticleError) and "no article text" in str(err) and str(path) in str(err)


def test_page_saved_as_a_single_mhtml_file():
    """Chrome's "Webpage, Single File": a MIME message holding the page and its stylesheet."""
    article = only(read_articles(FIXTURES / "ferry-page.mhtml"))
    assert article.title == "Ferry service resumes on the Panj at Darvoz"
    assert article.date.isoformat() == "2021-07-06"
    assert (article.source, article.dateline) == ("Darvoz Today", "Darvoz")
    assert article.url == "https://darvoz-today.example/news/ferry-service-resumes"
    texts = article.paragraph_texts()
    assert len(texts) == 4 and texts[2].startswith("\u201cThe river is still fast")
    for boilerplate in (
        "About the paper",
        "My brother",
        "Apricot harvest",
        "Subscribe",
        "font-family",
        "=3D",
    ):
        assert boilerplate not in article.text, boilerplate


def test_page_in_a_declared_legacy_encoding(tmp_path):
    said = "Министр иностранных дел Таджикистана встретился в Душанбе с представителями агентства ООН."
    more = "Стороны обсудили лагеря для беженцев у южной границы страны, сообщило министерство в среду."
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        '<meta property="article:published_time" content="2021-07-08"><title>Переговоры о беженцах</title>'
        "</head><body><article><h1>Переговоры о беженцах</h1>"
        f"<p>{said}</p><p>{more}</p></article></body></html>"
    )
    path = tmp_path / "cp1251.html"
    path.write_bytes(html.encode("cp1251"))
    article = only(read_articles(path))
    assert article.title == "Переговоры о беженцах"
    assert article.paragraph_texts() == [said, more]


def test_oversized_page_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.html"
    with open(path, "wb") as f:
        f.truncate(21 * 1024 * 1024)  # sparse: nothing is written
    err = only(read_articles(path))
    assert isinstance(err, ArticleError) and "over the 20,971,520-byte limit" in str(err)


# --- feeds ---


def test_rss_gives_one_article_per_entry():
    entries = read_articles(RSS)
    assert all(a.part.startswith("entry-") for a in entries) and len({a.part for a in entries}) == 3
    assert {a.source for a in entries} == {"Pamir Border Monitor"}
    assert [a.title for a in entries] == [
        "Border guards reopen Ishkashim crossing for traders",
        "Dushanbe hosts talks on refugees from Afghanistan",
        "Road to Kalai Khumb closed by landslide",
    ]
    # 00:40 on 9 July at +05:00 is 8 July in UTC; the date is the publisher's own
    assert [a.date.isoformat() for a in entries] == ["2021-07-09", "2021-07-08", "2021-07-07"]
    assert entries[1].url == "https://pamir-monitor.example/2021/07/08/dushanbe-refugee-talks/"
    assert len({a.sha256 for a in entries}) == 3 and len({a.content_hash for a in entries}) == 3


def test_rss_entry_text_is_its_fullest_content_without_markup():
    first, second, third = read_articles(RSS)
    # content:encoded, not the one-line description; the image and its caption are left out
    assert len(first.paragraphs) == 3 and first.dateline == "Khorog"
    assert "The bridge at Ishkashim." not in first.text
    assert "<p>" not in first.text and "<strong>" not in first.text
    assert second.paragraph_texts()[1].startswith("They discussed camps")
    assert third.paragraph_texts() == [
        "A landslide closed the Pamir highway near Kalai Khumb on Tuesday evening, local officials said.",
        "Road crews from Khorog were expected to clear the highway by Friday.",
    ]


def test_atom_entries():
    first, second = read_articles(ATOM)
    assert first.source == second.source == "Central Asia Desk"
    assert first.date.isoformat() == "2021-07-10"  # published, not updated
    assert second.date.isoformat() == "2021-07-09"  # only updated is given
    assert first.url == "https://ca-desk.example/news/2021/07/russia-armour-tajikistan"
    assert first.paragraph_texts()[0].startswith("Russia has sent thirty armoured vehicles")
    assert len(first.paragraphs) == 2 and "&lt;" not in first.text and "<p>" not in first.text
    assert second.paragraph_texts() == [
        "Uzbekistan closed the Friendship Bridge at Termez to Afghan citizens on Thursday, "
        "the Uzbek border committee said. Cargo trains continue to cross, it added."
    ]


RSS_HEAD = '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Test wire</title>\n'


def item(title: str, date: str | None, text: str = "Officials said the road was closed for repairs.") -> str:
    when = f"<pubDate>{date}</pubDate>" if date else ""
    return f"<item><title>{title}</title>{when}<description>{text}</description></item>\n"


def test_entry_labels_stay_when_new_items_arrive_on_top(tmp_path):
    path = tmp_path / "wire.rss"
    one = item("Bridge closed", "Wed, 07 Jul 2021 09:12:00 +0500")
    two = item("Market reopens", "Thu, 08 Jul 2021 10:00:00 +0500")
    path.write_text(RSS_HEAD + one + "</channel></rss>\n", encoding="utf-8")
    (before,) = read_articles(path)
    path.write_text(RSS_HEAD + two + one + "</channel></rss>\n", encoding="utf-8")
    new, old = read_articles(path)
    assert old.part == before.part != new.part
    assert old.sha256 == before.sha256


def test_feed_entry_without_a_date_fails_alone(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_text(
        RSS_HEAD
        + item("Bridge closed", "Wed, 07 Jul 2021 09:12:00 +0500")
        + item("Undated story", None)
        + item("Market reopens", "Thu, 08 Jul 2021 10:00:00 +0500")
        + "</channel></rss>\n",
        encoding="utf-8",
    )
    good1, bad, good2 = read_articles(path)
    assert isinstance(bad, ArticleError)
    assert str(bad).startswith(f"{path}:4: entry 2 ('Undated story') has no date")
    assert "<pubDate>" in str(bad)
    assert (good1.title, good2.title) == ("Bridge closed", "Market reopens")


def test_feed_does_not_resolve_external_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    path = tmp_path / "xxe.rss"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY s SYSTEM "file://{secret}">]>\n'
        + RSS_HEAD.split("\n", 1)[1]
        + item("Entity", "Wed, 07 Jul 2021 09:12:00 +0500", "Before &s; after, officials said.")
        + "</channel></rss>\n",
        encoding="utf-8",
    )
    article = only(read_articles(path))
    assert "TOP-SECRET-VALUE" not in article.text


def test_xml_that_is_not_a_feed_is_skipped_but_a_broken_rss_file_fails(tmp_path):
    skipped = only(read_articles(FIXTURES / "mixed" / "exports" / "sitemap.xml"))
    assert isinstance(skipped, NotAnArticle) and "not an RSS or Atom feed" in str(skipped)
    broken = write("this is not a feed at all\n", "broken.rss", tmp_path)
    err = only(read_articles(broken))
    assert isinstance(err, ArticleError) and not isinstance(err, NotAnArticle)
    assert str(err).startswith(str(broken))


# --- text with front matter, and URLs ---


def test_front_matter_source_may_name_the_url():
    article = read_article(FIXTURES / "mixed" / "field-report.md")
    assert article.source == "Khatlon Field Notes"
    assert article.url == "https://khatlon-notes.example/reports/shahritus-hail"


def test_front_matter_url_that_is_not_http_is_dropped(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        "---\ndate: 2021-07-08\nurl: javascript:alert(1)\n---\n\nOfficials said so.\n", encoding="utf-8"
    )
    assert read_article(path).url is None


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("https://news.example/a?b=1#c", True),
        ("http://news.example/", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("/relative/path", False),
        ('https://news.example/a"onmouseover="x', False),
        ("", False),
        (None, False),
    ],
)
def test_safe_url(given, kept):
    assert (safe_url(given) is not None) == kept


# --- a mixed folder, ingested end to end ---


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """The mixed fixture folder plus the seed, its saved page and both feeds, ingested once."""
    root = tmp_path_factory.mktemp("mixed-project")
    inbox = root / "inbox"
    shutil.copytree(FIXTURES / "mixed", inbox)
    shutil.copy(SEED, inbox / "0-seed.txt")  # first in path order, before its saved page
    shutil.copy(PAGE, inbox / "pages" / "saved-page.html")
    shutil.copy(RSS, inbox / "exports" / "feed.rss")
    shutil.copy(ATOM, inbox / "feed.atom")
    project = Project.at(root)
    report = ingest([inbox], project)
    return project, inbox, report, {read_brief(p).source["file"]: read_brief(p) for p in report.written}


def by_url(briefs: dict) -> dict:
    return {b.source.get("url"): b for b in briefs.values()}


def test_mixed_folder_writes_a_brief_per_article(mixed):
    _, _, report, briefs = mixed
    assert report.ok, report.failed
    files = sorted(f.split("#")[0] for f in briefs)
    assert files == [
        "inbox/exports/feed.rss",
        "inbox/exports/feed.rss",
        "inbox/exports/feed.rss",
        "inbox/feed.atom",
        "inbox/feed.atom",
        "inbox/field-report.md",
        "inbox/pages/saved-page.html",
    ]
    assert all("#entry-" in f for f in briefs if "feed" in f)


def test_mixed_folder_skips_each_non_article_with_one_line(mixed):
    _, inbox, report, _ = mixed
    skipped = {Path(f).relative_to(inbox).as_posix() + ("/" if f.endswith("/") else ""): why
               for f, why in report.skipped}  # fmt: skip
    assert sorted(skipped) == [
        "0-seed.txt",
        "exports/map.png",
        "exports/sitemap.xml",
        "pages/saved-page_files/",
    ]
    # the seed comes first, but its saved page is kept: it says where the article came from
    page = inbox / "pages" / "saved-page.html"
    assert skipped["0-seed.txt"] == f"same article as {page}, which gives its URL"
    assert "saved-page.html" in skipped["pages/saved-page_files/"]
    assert "not an article" in skipped["exports/map.png"]


def test_briefs_record_where_they_came_from(mixed):
    _, _, _, briefs = mixed
    entry = by_url(briefs)["https://pamir-monitor.example/2021/07/08/dushanbe-refugee-talks/"]
    assert entry.source["file"].startswith("inbox/exports/feed.rss#entry-")
    assert entry.source["name"] == "Pamir Border Monitor"
    assert entry.source["url"] == "https://pamir-monitor.example/2021/07/08/dushanbe-refugee-talks/"
    assert entry.title == "Dushanbe hosts talks on refugees from Afghanistan"
    assert entry.date.isoformat() == "2021-07-08"
    assert "<p>" not in entry.body
    report = briefs["inbox/field-report.md"]
    assert report.source["url"] == "https://khatlon-notes.example/reports/shahritus-hail"
    seed = briefs["inbox/pages/saved-page.html"]
    assert seed.source["name"] == "AT News" and seed.source["url"].startswith("https://www.atnews.example/")
    assert seed.title == "Tajikistan deploys 20,000 troops to Afghan border"
    assert "Share on Facebook" not in seed.body and "Nobody in Kabul" not in seed.body


def test_reingest_skips_every_entry_and_a_later_export_adds_only_new_ones(mixed):
    """The next export of the feed, with a new item on top, over the old file: only the new one is briefed."""
    project, inbox, _, first = mixed
    again = ingest([inbox], project)
    assert again.ok and again.written == []
    assert {why.split(" as ")[0] for _, why in again.skipped if "#entry" in _} == {"already briefed"}
    later = inbox / "exports" / "feed.rss"
    rss = RSS.read_text(encoding="utf-8")
    new = (
        "<item><title>Khorog power station back on line</title>"
        "<link>https://pamir-monitor.example/2021/07/10/khorog-power/</link>"
        "<pubDate>Sat, 10 Jul 2021 08:00:00 +0500</pubDate>"
        "<description>The Pamir Energy station at Khorog was back on line on Friday night, "
        "the company said.</description></item>\n  <item>"
    )
    rss = rss.replace("Road crews from Khorog", "Road crews from Khorog and Vanj")  # an entry corrected
    later.write_text(rss.replace("<item>", new, 1), encoding="utf-8")
    report = ingest([later], project)
    assert report.ok, report.failed
    assert len(report.written) == 1
    brief = read_brief(report.written[0])
    assert (
        brief.source["file"].startswith("inbox/exports/feed.rss#entry-") and brief.source["file"] not in first
    )
    assert brief.source["url"] == "https://pamir-monitor.example/2021/07/10/khorog-power/"
    why = sorted(why.split(" as ")[0].split(" since ")[0] for _, why in report.skipped)
    assert why == ["already briefed", "already briefed", "changed"]
    corrected = next(f for f, why in report.skipped if why.startswith("changed since"))
    assert corrected.startswith(f"{later}#entry-") and "--update" in dict(report.skipped)[corrected]


def test_extract_labels_feed_entries(mixed, capsys):
    from site_builder.cli import main

    assert main(["extract", "--format", "jsonl", str(ATOM)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    labels = [f"{ATOM}#{a.part}" for a in read_articles(ATOM)]
    assert [r["file"] for r in records] == labels
    assert records[0]["date"] == "2021-07-10"
