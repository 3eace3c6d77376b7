"""Patterns for the parts of a news page that are not the article: data for `page_text` and `page_kind`.

Each pattern is tried on a whole short paragraph (the word limits beside them), never on a phrase
inside prose: a story that says "millions subscribe" or "by Friday" keeps its sentence. They are
written from shapes news sites share, not from any one page.
"""

from __future__ import annotations

import re

NAME = r"[A-Z][\w.'\u2019-]*"  # a capitalised word of a name: Russell, O'Neil, J.
DASHES = "-\u2013\u2014"

# Bylines and credits: who wrote the story, not who is in it.
BYLINE_WORDS = 16
BYLINE = [
    # `By Michael Russell`, `-- By AT News Desk | July 6, 2021`; not `By Friday, the army had left.`
    re.compile(
        rf"^[{DASHES}\s]*(?:By|BY|by)\s+(?:{NAME}(?:\s*,|\s+and|\s+&)?\s*){{1,8}}(?:[|\u2022\u00b7].*)?$"
    ),
    # `Michael Russell Follow @tdmrussell`: a name and the site's follow button
    re.compile(rf"^[{DASHES}\s]*(?:By\s+)?(?:{NAME}\s+){{1,4}}(?:Follow|FOLLOW|follow)(?:\s+@\w+)?\s*$"),
    re.compile(r"^(?:written|reported|edited|compiled|produced|story) by\b", re.IGNORECASE),
    re.compile(r"^(?:authors?|reporters?|photographs?|photos?|images?|credits?)\s*:", re.IGNORECASE),
    # a picture's credit: `AP Photo/Uncredited`, `Photo: Reuters`, `Image by NASA`
    re.compile(r"^[\w .&'-]{0,30}\b(?:photo|image|picture|video)s?\s*(?:/|:|by\b|courtesy\b)", re.IGNORECASE),
]
CREDIT_WORDS = 40
CREDIT = re.compile(
    r"contributed (?:reporting )?to this (?:report|story|article)|^additional reporting by\b"
    r"|^reporting by\b.*\bediting by\b|^\(?(?:editing|writing) by\b",
    re.IGNORECASE,
)
BYLINE_FILLER = {"by", "and", "follow", "in", "the", "staff", "writer", "correspondent", "reporter"}

# Where to write to the reporter, and the wire's end mark (`kokobj@yna.co.kr(END)`).
CONTACT_WORDS = 12
CONTACT = [
    re.compile(r"^(?:write to|contact|email|e-mail|reach)\b.*@", re.IGNORECASE),
    re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*(?:\(end\))?$", re.IGNORECASE),
    re.compile(r"^\(?(?:end|ends)\)?\.?$", re.IGNORECASE),
]

# When a page was published or updated, as a line of its own (`Updated 1207 GMT (2007 HKT)`);
# never a sentence (which ends with a full stop).
STAMP_WORDS = 14
STAMP = re.compile(
    r"^(?:(?:updated|published|posted|last (?:updated|modified))\b.*\d.*"
    r"|.*(?<!\d)\d{1,2}:\d{2}(?!\d).*\b(?:19|20)\d\d\b.*"
    r"|.*\b(?:19|20)\d\d\b.*(?<!\d)\d{1,2}:\d{2}(?!\d).*)(?<![.!?\"\u201d])$",
    re.IGNORECASE,
)

# Calls to action and page furniture: sign up, share, follow us, loading, advertising, copyright.
ACTION_WORDS = 60
ACTION = re.compile(
    r"\b(?:sign up (?:for|to|now|here|today)|subscribe (?:now|today|here|to our)|"
    r"(?:our|free|daily|weekly) newsletters?|follow us\b|follow [\w ]{1,30} on (?:twitter|facebook|instagram|"
    r"x|threads|linkedin|tiktok|youtube)\b|(?:share|send) (?:us )?your (?:videos?|photos?|pictures|stories|"
    r"story|tips?|views)|click here|tap here|download (?:our|the) app|get the app|affiliate links?|"
    r"may earn a (?:small )?commission|support (?:our|independent) journalism|become a (?:member|subscriber)|"
    r"all rights reserved|appeared first on)\b"
    r"|^(?:loading\b.*|advertisement|sponsored(?: content)?|read (?:more|next|also)\s*[:\u2014-].*|"
    r"(?:watch|listen|see more photos|see also|photos?|video)\s*:?|copyright\b.*|\u00a9.*|"
    r"continue reading\b.*|this (?:story|article) (?:has been|was) updated\b.*)$",
    re.IGNORECASE,
)
LABEL_WORDS = 3  # a line this short with no full stop, before the story starts, is a label (`CNN`)
CHARS_PER_WORD = 7  # for scripts written without spaces, a paragraph's length in words is guessed
LINKED_SHARE = 0.6  # a short paragraph this much link text is a link to another story
LINKED_WORDS = 25

# What a page says about its kind (schema.org JSON-LD `@type`, Open Graph `og:type`).
ARTICLE_TYPES = re.compile(r"(?:Article|BlogPosting|Report|article)$")
INDEX_TYPES = {"CollectionPage", "ItemList", "SearchResultsPage"}  # not WebSite: every page has it
INDEX_PARTS = {"ListItem", "ImageObject", "Organization", "WebSite", "BreadcrumbList", "SearchAction"}
INDEX_PATHS = re.compile(r"^/?(?:(?:index|default|home)(?:\.\w{2,5})?)?/?$", re.IGNORECASE)
HEADLINE_LINKS = 12  # links to other pages in headings: a front page lists many stories
LONG_PARAGRAPH = 150  # characters; an article has a few paragraphs this long, a front page's teasers not
TITLE_SEPARATORS = re.compile(r"\s+(?:\||-{1,2}|\u2013|\u2014|::|\u00bb|\u203a|\u00b7|\u2022)\s+")
SITE_WORDS = 3  # a title part naming the site is short: `CNN Politics`, `Yonhap News Agency`
BREADCRUMB = re.compile(r"\s+[\u00bb\u203a]\s+")  # `Headline » Local » News » Site`: the headline first
