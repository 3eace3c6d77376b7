"""One page rendered from its template: the context every template gets."""

from __future__ import annotations

from jinja2 import Environment

from .links import root_of
from .views import Site


def render_page(env: Environment, template: str, site: Site, src: str, **context) -> str:
    """Render the page `src` (its path under docs_dir). Templates get `url(target_src)`, a link to
    another page; `root`, the way up to the site root; `memo(key, render, *args)`, a piece
    rendered once per build for every page at the same depth; `defer(html)`, a big block kept out
    of Markdown; and `site`, the view-model factory."""
    root = root_of(src, site.directory_urls)
    url = lambda target: site.url(target, src)  # noqa: E731
    memo = lambda key, render, *args: site.memo(root, key, render, *args)  # noqa: E731
    return env.get_template(template).render(
        root=root, url=url, memo=memo, defer=site.defer, site=site, **context
    )
