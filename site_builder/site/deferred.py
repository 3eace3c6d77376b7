"""Big HTML blocks kept out of Markdown: a placeholder now, the block when the page is written."""

from __future__ import annotations

import itertools
import re
import secrets
from collections.abc import Callable

from markupsafe import Markup


class Deferred:
    """Placeholders for large blocks of HTML (a map, an event list, a directory table).

    Markdown, MkDocs' link scan and the search indexer never see a block, and `fill` puts it into
    the page's HTML (calling it first when it is a function, so a map is drawn only when its page
    is written). The placeholder is an HTML comment naming a random per-build key: Markdown passes
    it through as it is, the search indexer skips it, and text from an article or note cannot
    forge one (its `<` is escaped or neutralised).
    """

    def __init__(self, enabled: bool = False):
        self.enabled = enabled
        self._blocks: dict[str, str | Callable[[], str]] = {}
        self._nonce = secrets.token_hex(6)
        self._keys = itertools.count()
        self._pattern = re.compile(rf"(?:<p>)?<!--(bfdefer{self._nonce}x\d+)-->(?:</p>)?")

    def defer(self, html: str | Callable[[], str]) -> Markup:
        """The block itself when deferring is off, else a placeholder on a line of its own."""
        if not self.enabled:
            return Markup(html() if callable(html) else html)
        key = f"bfdefer{self._nonce}x{next(self._keys)}"
        self._blocks[key] = html
        return Markup(f"\n\n<!--{key}-->\n\n")

    def fill(self, page_html: str) -> str:
        """Each placeholder in a page's HTML -> its block, once: the block is dropped after use."""

        def fill(m: re.Match) -> str:
            block = self._blocks.pop(m.group(1), "")
            return block() if callable(block) else block

        return self._pattern.sub(fill, page_html)
