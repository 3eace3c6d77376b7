"""Untrusted text -> markup that shows as itself; links and titles made safe for the theme.

Every value a template prints goes through one escape (`escape_text`), so names, titles, event
text and quotes from articles can never become HTML, script or Markdown markup, whether they land
in a Markdown paragraph or in an HTML block. Only values wrapped in `Markup` (rendered article
bodies, SVG maps) are printed as they are.
"""

from __future__ import annotations

import functools
import html as html_lib
import json
import re

from markupsafe import Markup

from .sanitize import mark_user_part

_ENTITY_CHARS = "&<>\"'\\`*_{}[]|~^$"
_ENTITIES = {ord(c): f"&#{ord(c)};" for c in _ENTITY_CHARS}
_LINE_START = re.compile(r"^([#>+=-]|\d+[.)])")


def escape_text(value: object) -> Markup:
    """Untrusted text -> Markup that shows as itself in Markdown paragraphs, tables and raw HTML.

    Characters that mean something to Markdown or HTML become numeric character references,
    which both Python-Markdown and browsers turn back into the character; white space collapses
    to single spaces, so the text can never start a block (heading, list, HTML block) of its own.
    """
    if isinstance(value, Markup):
        return value
    return _escape_str(str(value))


@functools.lru_cache(maxsize=1 << 16)
def _escape_str(value: str) -> Markup:
    """Names, labels and links recur on thousands of pages: each is escaped once per build."""
    text = " ".join(value.split()).translate(_ENTITIES)
    text = _LINE_START.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(1)), text)
    return Markup(text)


def finalize(value: object) -> object:
    """Applied to every `{{ ... }}`: strings are escaped before autoescape sees them."""
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return escape_text(value)
    return value


def neutralize_html(markdown: str) -> str:
    """Raw HTML in a hand-edited body or note shows as text; Markdown itself still works, and the
    HTML it makes is cleaned once rendered (sanitize.py: no off-site images, no script links)."""
    return mark_user_part(markdown.replace("<", "&lt;"))


def page_title(title: str) -> str:
    """A page title as HTML text, safe in `<title>` and in the theme's header, which print it raw."""
    plain = html_lib.unescape(re.sub(r"<[^>]*>", "", title))
    return html_lib.escape(" ".join(plain.split()))


_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def data_script(key: str, data: object) -> str:
    """Data as a script that stores it in `window.bfData[key]`, for a page's script to read (a
    script, not a JSON file, so it loads on a site opened from disk too). ASCII, and no `<`, `>`
    or `&` even inside strings, so no text from an article can look like markup in it."""
    text = json.dumps(data, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return f'(window.bfData = window.bfData || {{}})["{key}"] = {text};\n'
