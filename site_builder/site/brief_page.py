"""A brief's page: its card, events, quotes and the article with its names linked.

The plugin replaces the brief file's Markdown with this page, made from the parsed brief.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote

from jinja2 import Environment
from markupsafe import Markup

from ..briefs.model import Brief
from .corpus import TimelineEvent
from .escape import neutralize_html
from .links import brief_src
from .render import render_page
from .views import Site


def link_mentions(body: str, names: dict[str, str]) -> str:
    """Link the first mention of each entity in each paragraph: {name as written: href}.

    Existing links, inline code and tags are left alone; names match on word boundaries.
    """
    usable = {n: h for n, h in names.items() if len(n) >= 3}
    if not usable:
        return body
    alternation = "|".join(re.escape(n) for n in sorted(usable, key=len, reverse=True))
    pattern = re.compile(
        r"(?P<skip>\[[^\]]*\]\([^)]*\)|`[^`]*`|<[^>]*>|&[#\w]+;)|(?<![\w\\])(?P<name>"
        + alternation
        + r")(?!\w)"
    )
    out = []
    for para in re.split(r"(\n\s*\n)", body):
        if para.lstrip().startswith(("```", "~~~", "    ")):
            out.append(para)
            continue
        linked: set[str] = set()

        def repl(m: re.Match, linked: set[str] = linked) -> str:
            name = m.group("name")
            if not name:
                return m.group(0)
            href = usable[name]
            if href in linked:
                return name
            linked.add(href)
            return f"[{name}]({href})"

        out.append(pattern.sub(repl, para))
    return "".join(out)


def mention_names(site: Site, brief: Brief, page: str) -> dict[str, str]:
    """{name as written: link}. The links name the target's source file (`../actors/x.md`), which
    MkDocs checks and turns into the page's URL in either URL style (`--offline` included)."""
    names: dict[str, str] = {}
    for refs, view, group in (
        (brief.actors, site.actor, site.corpus.actors),
        (brief.locations, site.place, site.corpus.places),
    ):
        for ref in refs:
            src = view(ref.id).src
            if not src:
                continue
            profile = group.get(ref.id)
            aliases = [
                ref.name,
                *ref.aliases,
                *(profile.aliases if profile else []),
                profile.name if profile else "",
            ]
            for name in aliases:
                if name and name not in names:
                    names[name] = quote(posixpath.relpath(src, posixpath.dirname(page) or "."))
    return names


def render_brief(site: Site, env: Environment, brief: Brief, src: str | None = None) -> str:
    """The page of a brief; `src` is its file under docs_dir as MkDocs sees it."""
    src = src or brief_src(brief)
    body = link_mentions(neutralize_html(brief.body), mention_names(site, brief, src))
    quotes = []
    for q in brief.quotes:
        speaker = site.actor(q.speaker) if q.speaker and q.speaker in site.corpus.actors else None
        quotes.append((speaker, q.text))
    items = [
        TimelineEvent(e.date, e.basis, e.text, brief.id, e.actors, e.locations, e.range, e.status)
        for e in brief.events
    ]
    items.sort(key=lambda e: e.sort_key)
    source = brief.source or {}
    url = str(source.get("url") or "")
    # one chip per thing on the card: a country that acts and is a place is listed once, as actor
    actor_ids = {a.id for a in brief.actors}
    actor_names = {a.name.casefold() for a in brief.actors}
    places = [p for p in brief.locations if p.id not in actor_ids and p.name.casefold() not in actor_names]
    return render_page(
        env,
        "brief.md.j2",
        site,
        src,
        b=brief,
        source_name=str(source.get("name") or ""),
        source_url=url if url.startswith(("https://", "http://")) else None,
        actors=[site.actor(a.id, a.mentions) for a in brief.actors],
        places=[site.place(p.id, p.mentions) for p in places],
        months=site.months(items),
        quotes=quotes,
        body=Markup(body),
    )
