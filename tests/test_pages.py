"""Saved web pages read as a reader would: front pages skipped, furniture left out, titles without the
site's name, wire datelines. Fixtures: tests/fixtures/pages/ (see its README)."""

from pathlib import Path

import pytest
from lxml import etree

from site_builder.briefs.model import article_markdown
from site_builder.ingest.run import ingest
from site_builder.inputs import NotAnArticle, read_articles
from site_builder.inputs.articles import Article
from site_builder.inputs.datelines import find_dateline
from site_builder.inputs.feeds import read_feed
from site_builder.inputs.page_text import article_paragraphs, clean_title, is_furniture
from site_builder.project import Project

PAGES = Path(__file__).parent / "fixtures" / "pages"
STORY = [
    "KABUL (Reuters) \u2014 Floodwater from melting snow cut the Salang highway north of Kabul on Monday,",
    "The highway is the main road between the capital and the northern provinces,",
    '"The water took away forty metres of the road below the southern entrance,"',
    "Drivers waiting near Jabal Saraj said they had slept in their cabs for two nights.",
    "The United Nations humanitarian office said the floods had also damaged about 300 houses",
    "Forecasters expect more rain in the Hindu Kush mountains later in the week,",
]


def one(path: Path) -> Article | NotAnArticle:
    (item,) = read_articles(path)
    return item


# --- front pages and section indexes ---


def test_a_front_page_is_skipped_with_its_reason(tmp_path):
    skipped = one(PAGES / "front-page.html")
    assert isinstance(skipped, NotAnArticle)
    assert "the front page of www.harbournews.example, not an article" in str(skipped)
    assert "save each article's own page" in str(skipped)
    report = ingest([PAGES / "front-page.html"], Project.at(tmp_path))
    assert report.ok and report.written == []
    assert [why for _, why in report.skipped] == [skipped.message]


def test_a_section_page_that_says_nothing_of_itself_is_known_by_its_headlines():
    skipped = one(PAGES / "section-page.html")
    assert isinstance(skipped, NotAnArticle)
    assert "a page of headlines linking to other pages" in str(skipped)


def page(head: str, body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>T</title>{head}</head><body>{body}</body></html>"


PROSE = (
    "<p>The council voted on Tuesday to close the old bridge over the river for repairs that will last "
    "until the end of the summer, the mayor's office said in a statement to reporters at city hall.</p>"
    "<p>Engineers found cracks in two of the bridge's piers last month, after the spring floods carried "
    "tree trunks and a fishing boat against them, and asked for the road to be closed at once.</p>"
    "<p>Buses will cross the river on the ferry at the harbour until the repairs are done, and the city "
    "will pay the fares of pupils who live on the far bank, a council spokeswoman said on Tuesday.</p>"
)


def test_a_page_that_calls_itself_a_collection_is_an_index(tmp_path):
    head = (
        '<meta property="article:modified_time" content="2024-03-12">'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
        '[{"@type": "CollectionPage", "name": "Asia"}, {"@type": "ItemList", "itemListElement": []}]}'
        "</script>"
    )
    path = tmp_path / "asia.html"
    path.write_text(page(head, PROSE), encoding="utf-8")
    skipped = one(path)
    assert isinstance(skipped, NotAnArticle) and "CollectionPage" in str(skipped)


def test_an_article_with_a_sidebar_of_headlines_is_still_an_article(tmp_path):
    sidebar = "".join(f'<h3><a href="/2024/03/{n}/story-{n}">Other story {n}</a></h3>' for n in range(20))
    head = '<meta name="date" content="2024-03-12">'
    path = tmp_path / "bridge.html"
    path.write_text(page(head, f"<article>{PROSE}</article><aside>{sidebar}</aside>"), encoding="utf-8")
    article = one(path)
    assert isinstance(article, Article), article
    assert article.paragraph_texts()[0].startswith("The council voted on Tuesday")


# --- the story, without the page's furniture ---


def test_the_story_is_kept_and_the_furniture_left_out():
    article = one(PAGES / "wire-story.html")
    paragraphs = article.paragraph_texts()
    assert len(paragraphs) == len(STORY)
    for kept, start in zip(paragraphs, STORY, strict=True):
        assert kept.startswith(start)
    for furniture in (
        "Follow",  # the byline's button
        "Updated 0912 GMT",
        "READ MORE",
        "Sign up",
        "contributed to this report",
        "Write to Farid Ahmadi",
        "More Must-Reads",
        "Keep Ukraine",
        "Future of Democracy",
        "All rights reserved",
    ):
        assert furniture not in article.text, furniture


def test_title_loses_the_site_name_and_the_wire_dateline_is_read():
    article = one(PAGES / "wire-story.html")
    assert article.title == "Floods cut the Salang highway as snowmelt swells rivers"
    assert article.source == "Harbour News"
    assert article.dateline == "Kabul"
    assert article.text[slice(*article.dateline_span)] == "KABUL (Reuters)"
    assert "**Kabul** \u2014 Floodwater from melting snow" in article_markdown(article)


def test_no_entity_comes_from_a_byline_or_a_list_of_links(nlp):
    from site_builder.extract import extract

    names = {e.name: e.kind for e in extract(one(PAGES / "wire-story.html")).entities}
    assert names.get("Mohammad Ashraf Haqshenas") == "person"
    for name in names:
        for furniture in ("Farid", "Follow", "Ukraine", "Zelensky", "Democracy", "Hasina", "Gaza"):
            assert furniture not in name, name


def body(xml: str) -> etree._Element:
    return etree.fromstring(f"<body>{xml}</body>")


def test_lists_of_links_go_with_their_heading_and_a_list_of_facts_stays():
    found = article_paragraphs(
        body(
            "<p>Google published its list of the most searched recipes of the year on Tuesday.</p>"
            "<head>What people searched</head>"
            "<list><item>Pizza was searched more than the World Cup.</item>"
            "<item>Searches for chia seeds doubled.</item></list>"
            "<head>Related</head>"
            '<list><item><ref target="/a">Ten ways to cook eggs</ref></item>'
            '<item>Why <ref target="/b">kale is over</ref></item>'
            '<item><ref target="/c">The best cafes in town</ref></item></list>'
            '<p><ref target="/d">Storm prompts airlines to relax travel policies</ref></p>'
        )
    )
    assert found == [
        "Google published its list of the most searched recipes of the year on Tuesday.",
        "What people searched",
        "Pizza was searched more than the World Cup.",
        "Searches for chia seeds doubled.",
    ]


def test_a_label_before_the_story_goes_and_the_authors_byline_anywhere():
    found = article_paragraphs(
        body("<p>CNN</p><p>The port reopened on Tuesday after a week of storms.</p><p>Amanda Tan</p>"),
        author="Amanda Tan; CNN",
    )
    assert found == ["The port reopened on Tuesday after a week of storms."]


@pytest.mark.parametrize(
    "text",
    [
        "By Michael Russell",
        "-- By Michael Russell Follow @tdmrussell",
        "Michael Russell Follow",
        "By AT News Desk | July 6, 2021",
        "AP Photo/Uncredited",
        "CNN's Jason Carroll, Ben Brumfield and Greg Botelho contributed to this report.",
        "Reporting by Jane Doe; Editing by John Smith",
        "Write to Alejandro de la Garza at alejandro.delagarza@time.com",
        "kokobj@yna.co.kr(END)",
        "Updated 1207 GMT (2007 HKT)",
        "North Korea09:31 August 20, 2019",
        "Please share your videos, pictures and stories at iReport.",
        "Follow ONE Esports on Facebook and Twitter for more LoL news, guides, and highlights.",
        "Sign up for our daily newsletter.",
        "Loading weather data ...",
        "The post Ferry resumes appeared first on Darvoz Today.",
        "© 2024 Harbour News Network. All rights reserved.",
    ],
)
def test_furniture(text):
    assert is_furniture(text)


@pytest.mark.parametrize(
    "text",
    [
        "By Friday, the army had left the valley.",
        "By Sunday, Morales and Pompeo had met twice.",
        "Millions subscribe to the service, the company said.",
        "The match kicks off at 19:30 on 12 May 2024.",
        "Follow the money, the prosecutor told the jury.",
        "Photos of the flood spread on social media within hours, the police said.",
        "The newsletter was first printed in 1990 in a basement in Kabul.",
        "\u201cWe will follow the law,\u201d he said.",
    ],
)
def test_not_furniture(text):
    assert not is_furniture(text)


@pytest.mark.parametrize(
    "title, headings, sites, clean",
    [
        ("Takeaways from the trial | CNN Politics", [], ["CNN"], "Takeaways from the trial"),
        ("Floods hit Lagos - BBC News", [], ["BBC News", "www.bbc.co.uk"], "Floods hit Lagos"),
        ("Hansen Calls for Geoengineering | TIME", [], ["TIME"], "Hansen Calls for Geoengineering"),
        ("N. Korea slams S. Korea | Yonhap News Agency", [], ["Yonhap News"], "N. Korea slams S. Korea"),
        ("BBC chief quits - Culture - BBC News", [], ["BBC News"], "BBC chief quits - Culture"),
        ("Port reopens - CNN.com", [], ["edition.cnn.com"], "Port reopens"),
        ("Analysis: The nonstop sparring match | CNN Politics", ["The nonstop sparring match"], ["CNN"],
         "The nonstop sparring match"),
        ("New Sentra arrives - Auto News", ["New Sentra arrives"], ["Autoindustriya"], "New Sentra arrives"),
        ("Infanta case goes to Madrid \u00bb Local \u00bb Noticias \u00bb Ultima Hora", [], [],
         "Infanta case goes to Madrid"),
        ("Tajikistan - Afghanistan talks resume", [], ["AT News"], "Tajikistan - Afghanistan talks resume"),
        ("Apple unveils a new phone - Apple Newsroom", [], ["Apple Newsroom"], "Apple unveils a new phone"),
        ("AP | Japan and Korea sign a fishing deal", [], ["AP News"], "Japan and Korea sign a fishing deal"),
        ("Japan's exports rise", [], ["AP"], "Japan's exports rise"),
    ],
)  # fmt: skip
def test_clean_title(title, headings, sites, clean):
    assert clean_title(title, headings, sites) == clean


# --- wire datelines ---


@pytest.mark.parametrize(
    "lead, place, written",
    [
        ("KABUL: Tajikistan has deployed", "Kabul", "KABUL"),
        ("MOMBASA, Kenya \u2014 The port reopened", "Mombasa", "MOMBASA, Kenya"),
        ("WASHINGTON (CNN) \u2014 Not everyone", "Washington", "WASHINGTON (CNN)"),
        ("LONDON (Reuters) - British lawmakers", "London", "LONDON (Reuters)"),
        ("SEOUL, Aug. 20 (Yonhap) -- North Korea's", "Seoul", "SEOUL, Aug. 20 (Yonhap)"),
        ("KABUL, Afghanistan (AP) -- The father", "Kabul", "KABUL, Afghanistan (AP)"),
        ("UNITED NATIONS (AP) \u2014 The council", "United Nations", "UNITED NATIONS (AP)"),
        ("New York (Reuters) - Stocks fell", "New York", "New York (Reuters)"),
    ],
)
def test_wire_datelines(lead, place, written):
    found = find_dateline(lead)
    assert found and found.place == place and lead[found.start : found.end] == written


@pytest.mark.parametrize(
    "lead",
    ["(CNN) -- The official said", "The talks - held in secret - ended", "Kabul - the city", "2021: a year"],
)
def test_not_datelines(lead):
    assert find_dateline(lead) is None


def test_a_text_article_with_a_wire_dateline(tmp_path):
    path = tmp_path / "laws.txt"
    path.write_text(
        "date 2013-12-30 CNN Wire\n\nNew laws take effect in the new year\n\n"
        "WASHINGTON (CNN) \u2014 Not everyone makes a resolution, but new laws take effect on Wednesday.\n",
        encoding="utf-8",
    )
    article = one(path)
    assert article.dateline == "Washington"
    assert "**Washington** \u2014 Not everyone makes a resolution" in article_markdown(article)


# --- feeds ---


def test_feed_entries_lose_the_lines_feeds_append(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Darvoz Today</title>'
        "<item><title>Ferry resumes</title><link>https://darvoz.example/ferry</link>"
        "<pubDate>Tue, 06 Jul 2021 09:00:00 +0500</pubDate><description><![CDATA["
        "<p>The ferry across the Panj resumed service on Monday after two weeks of high water.</p>"
        "<p>By Nilufar Karimova</p>"
        '<p>The post <a href="https://darvoz.example/ferry">Ferry resumes</a> appeared first on '
        '<a href="https://darvoz.example">Darvoz Today</a>.</p>]]></description></item></channel></rss>',
        encoding="utf-8",
    )
    (entry,) = read_feed(path)
    assert entry.paragraph_texts() == [
        "The ferry across the Panj resumed service on Monday after two weeks of high water."
    ]


def test_a_heading_above_a_subheading_stays_and_one_ending_the_text_goes():
    found = article_paragraphs(
        body(
            "<p>The border crossing at Sher Khan Bandar reopened on Monday after a week.</p>"
            "<head>Trade</head><head>Fuel</head><p>Fuel lorries crossed first, customs officers said.</p>"
            "<head>Most popular</head>"
        )
    )
    assert found == [
        "The border crossing at Sher Khan Bandar reopened on Monday after a week.",
        "Trade",
        "Fuel",
        "Fuel lorries crossed first, customs officers said.",
    ]
