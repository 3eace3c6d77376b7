"""What people write (brief bodies, notes, intro.md, their own pages) as HTML that is safe to serve.

Markdown lets a person write raw HTML and links; a brief's body is article text. After Markdown
has made HTML of them, nh3 (the Ammonia sanitiser) keeps only ordinary content markup: no
script, no event handler, no style, no frame or form. Links may go to the site's own pages or to
absolute http(s) and mailto addresses; anything the browser loads by itself (an image) must come
from the site. `\\\\host/x`, `/\\host/x` and `//host/x` all load from another host in a browser, so
every URL that starts with two slashes or backslashes is dropped, as are other schemes.

The site's own templates are not run through this: their values are escaped where they are printed.
In a generated page, what a person wrote sits between USER_START and USER_END (put there by
`pages.neutralize_html`), and only that part is cleaned.
"""

from __future__ import annotations

import re

import nh3

USER_START, USER_END = "<!--bf-user-->", "<!--/bf-user-->"
USER_PART = re.compile(re.escape(USER_START) + r"(.*?)" + re.escape(USER_END), re.DOTALL)
LINK_SCHEMES = {"http", "https", "mailto"}
LINK_ATTRIBUTES = {"href", "cite", "longdesc"}
LOADED_ATTRIBUTES = {"src"}
ATTRIBUTES = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()} | {
    **{f"h{n}": {"id"} for n in range(1, 7)},  # Markdown's table of contents links to headings
    "*": {"class", "title", "lang", "dir"},
}
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_IGNORED_BY_BROWSERS = re.compile(r"[\t\n\r]")


def _compact(url: str) -> str:
    """The URL as a browser reads it: tabs and newlines dropped, surrounding control characters
    and spaces trimmed, backslashes read as slashes."""
    return _IGNORED_BY_BROWSERS.sub("", url).strip("\x00- ").replace("\\", "/")


def url_allowed(url: str, loaded: bool, site_url: str | None = None) -> bool:
    """A link may go to the site or to an http(s)/mailto address; what the page loads by itself
    (loaded=True) must come from the site: a relative URL, or one under site_url."""
    compact = _compact(url)
    if site_url and compact.startswith(site_url):
        return True
    scheme = _SCHEME.match(compact)
    if scheme:
        return not loaded and scheme.group(1).lower() in LINK_SCHEMES
    return not compact.startswith("//")


def clean(html: str, site_url: str | None = None) -> str:
    """Content HTML with everything but ordinary markup and allowed URLs removed."""
    own = (site_url or "").rstrip("/") + "/" if site_url else None

    def attribute(tag: str, name: str, value: str) -> str | None:
        if name in LINK_ATTRIBUTES or name in LOADED_ATTRIBUTES:
            return value if url_allowed(value, name in LOADED_ATTRIBUTES, own) else None
        return value

    if not html:
        return html
    return nh3.clean(
        html,
        attributes=ATTRIBUTES,
        attribute_filter=attribute,
        url_schemes=LINK_SCHEMES,
        strip_comments=True,
        link_rel="noopener noreferrer",
    )


def clean_user_parts(page_html: str, site_url: str | None = None) -> str:
    """A generated page with each part a person wrote cleaned, the rest (the templates') kept."""
    if USER_START not in page_html:
        return page_html
    return USER_PART.sub(lambda m: clean(m.group(1), site_url), page_html)


def mark_user_part(markdown: str) -> str:
    """Markdown a person wrote, between the markers clean_user_parts looks for (as HTML blocks)."""
    return f"\n\n{USER_START}\n\n{markdown}\n\n{USER_END}\n\n"
