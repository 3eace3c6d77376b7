"""Edit a brief's front matter in place: the machine's fields are rewritten, every other byte stays.

`ingest --update` refreshes fields the machine wrote. Re-dumping the whole front matter would
rewrite what a person typed: `postcode: 0123` would become `83` and `country_code: NO` `false`
(YAML 1.1), comments would go, anchors would be expanded and folded text restyled. So the file's
text is kept and only the spans of the fields being refreshed are replaced, found from the YAML
node marks of the top-level keys. A machine field holding a comment, an anchor, an alias or a tag
was touched by a person even when its value is unchanged: it is reported, not rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from ..problems import Problem

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HASH_SIGN = re.compile(r"#")


@dataclass
class Entry:
    """One top-level `key: value` of the block: where its text starts and ends."""

    start: int  # the start of the key's line
    end: int  # after its last line of value; trailing blank and comment lines are not part of it
    value: yaml.Node


@dataclass
class FrontMatterText:
    """A front-matter block (the text between the `---` lines) and the edits to make to it."""

    block: str
    entries: dict[str, Entry] = field(default_factory=dict)
    edits: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, new text)

    @classmethod
    def parse(cls, block: str, shown: str, first_line: int) -> FrontMatterText:
        """The block's top-level entries; it has been read safely (within limits) already.
        Front matter written as one `{...}` mapping cannot be edited line by line: a Problem."""
        root = yaml.compose(block, Loader=LOADER)
        if root is None:
            return cls(block)
        if not isinstance(root, yaml.MappingNode) or root.flow_style:
            hint = "write it as `key: value` lines to have it updated"
            raise Problem(shown, "front matter is not a block of `key: value` lines", first_line, hint)
        text = cls(block)
        keys = [(k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)]
        for i, (k, v) in enumerate(keys):
            start = block.rfind("\n", 0, k.start_mark.index) + 1
            limit = keys[i + 1][0].start_mark.index if i + 1 < len(keys) else len(block)
            last = max([k.end_mark.index, *_content_ends(v, start, limit)])  # comments after it are not its
            line_end = block.find("\n", last - 1 if last > start else last)
            text.entries[k.value] = Entry(start, len(block) if line_end < 0 else line_end + 1, v)
        return text

    def span(self, name: str) -> str:
        entry = self.entries[name]
        return self.block[entry.start : entry.end]

    def touched_by_hand(self, name: str) -> str | None:
        """What a person added inside a field that a plain value has not: a comment, anchor, alias, tag."""
        span = self.span(name)
        scalars: list[tuple[int, int]] = []
        for token in yaml.scan(span, Loader=LOADER):
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                return "an anchor or alias"
            if isinstance(token, yaml.TagToken):
                return "a tag"
            if isinstance(token, yaml.ScalarToken):
                scalars.append((token.start_mark.index, token.end_mark.index))
        for m in HASH_SIGN.finditer(span):
            if not any(a <= m.start() < b for a, b in scalars):
                return "a comment"
        return None

    def replace(self, name: str, text: str) -> None:
        """Put text (whole `key: value` lines) where the entry is, or before `before` if it is absent."""
        entry = self.entries[name]
        self.edits.append((entry.start, entry.end, text))

    def insert(self, text: str, before: str | None = None) -> None:
        """New `key: value` lines before the entry named, else at the end of the block."""
        at = self.entries[before].start if before in self.entries else len(self.block)
        if at and not self.block[:at].endswith("\n"):
            text = "\n" + text
        self.edits.append((at, at, text))

    def set_scalar(self, name: str, key: str, text: str) -> bool:
        """Replace the value of `key` in the mapping under `name` (flow or block) by a scalar's text;
        add the key when the mapping lacks it. False when name holds no mapping."""
        mapping = self.entries[name].value if name in self.entries else None
        if not isinstance(mapping, yaml.MappingNode):
            return False
        for k, v in mapping.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.ScalarNode):
                self.edits.append((v.start_mark.index, v.end_mark.index, text))
                return True
        if mapping.flow_style:
            close = mapping.end_mark.index - 1  # the `}`
            sep = ", " if mapping.value else ""
            self.edits.append((close, close, f"{sep}{key}: {text}"))
        elif mapping.value:
            first = mapping.value[0][0].start_mark
            last_line_end = self.block.find("\n", mapping.value[-1][1].end_mark.index - 1)
            at = len(self.block) if last_line_end < 0 else last_line_end + 1
            self.edits.append((at, at, " " * first.column + f"{key}: {text}\n"))
        else:
            return False
        return True

    def result(self, newline: str = "\n") -> str:
        """The block with every edit made; new text takes the block's line ends."""
        out = self.block
        for start, end, text in sorted(self.edits, key=lambda e: (e[0], e[1]), reverse=True):
            if newline != "\n":
                text = text.replace("\n", newline)
            out = out[:start] + text + out[end:]
        return out


def _content_ends(node: yaml.Node, start: int, limit: int) -> list[int]:
    """Where the scalars and flow collections under node end, within [start, limit): an alias's node
    was written elsewhere, so its marks are left out."""
    ends, todo = [], [node]
    while todo:
        n = todo.pop()
        if isinstance(n, yaml.ScalarNode) or getattr(n, "flow_style", False):
            if start <= n.start_mark.index and n.end_mark.index <= limit:
                ends.append(n.end_mark.index)
        elif isinstance(n, yaml.MappingNode):
            todo.extend(x for pair in n.value for x in pair)
        elif isinstance(n, yaml.SequenceNode):
            todo.extend(n.value)
    return ends
