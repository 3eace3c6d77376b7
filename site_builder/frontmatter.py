"""The one front-matter reader: the YAML block atop an article, a brief or a note, read safely.

Safe YAML only (no object tags), through libyaml when installed: it counts at thousands of briefs.
Front matter is written by people and by whoever wrote an article, so the YAML is bounded before
any value is built: nesting deeper than MAX_DEPTH, an alias that refers to itself (`a: &l [*l]`)
and aliases that repeat more than MAX_EXPANSION values (a "billion laughs") are refused with the
file and line, in milliseconds, instead of a RecursionError or minutes and gigabytes later. A key
written twice is reported too (YAML would keep the last silently). Every failure is a Problem.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem, not_a_date

MAX_DEPTH = 50  # a brief nests 5 deep; Python's own recursion stays far from its limit
MAX_EXPANSION = 10_000  # values aliases may add beyond what is written (an anchor reused a few times)

OPEN = re.compile(r"\A(?:[ \t\ufeff]*\r?\n)*[ \t\ufeff]*---[ \t]*\r?\n")
CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
FAST_LOADER = getattr(yaml, "CSafeLoader", None)  # same nodes and values as SafeLoader, ~7x faster
STR, SEQ, MAP, MERGE = (f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map", "merge"))
SCALARS = {  # the plain scalar types, built by the safe loader's own functions
    f"tag:yaml.org,2002:{t}": yaml.SafeLoader.yaml_constructors[f"tag:yaml.org,2002:{t}"]
    for t in ("null", "bool", "int", "float", "timestamp", "binary")
}

Key = tuple  # a path into the front matter: ("actors", 0, "kind")


@dataclass
class FrontMatter:
    meta: dict
    body: str  # the text after the closing `---` line
    body_start: int  # offset of the body in the text
    first_line: int  # file line of the block's first line (the one after `---`)
    block_start: int  # offsets of the YAML block in the text
    block_end: int
    lines: dict[Key, int] = field(default_factory=dict)  # file line of each key and item, when asked
    duplicates: list[Problem] = field(default_factory=list)  # keys written twice; the last one is kept

    def line(self, key: Key) -> int:
        """The file line of key, or of the nearest enclosing key that has one."""
        while key and key not in self.lines:
            key = key[:-1]
        return self.lines.get(key, self.first_line - 1)


def starts_with_front_matter(text: str) -> bool:
    return OPEN.match(text) is not None


def read_front_matter(text: str, path: Path | str, *, lines: bool = False) -> FrontMatter:
    """The front matter of text (a mapping) and its body; a Problem names the file and line.

    `lines` also records the file line of every key and list item (for `briefing check`).
    """
    opened = OPEN.match(text)
    if not opened:
        raise Problem(
            path, "has no YAML front matter", 1, "start the file with a `---` line, the fields, `---`"
        )
    first_line = text.count("\n", 0, opened.end()) + 1
    closed = CLOSE.search(text, opened.end())
    if not closed:
        raise Problem(
            path, "front matter opened with `---` is never closed", first_line - 1, "add a `---` line"
        )
    block = text[opened.end() : closed.start()]
    meta, where, duplicates = load_yaml(block, path, first_line, lines=lines)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise Problem(path, "front matter must be a mapping of `key: value` lines", first_line)
    body = text[closed.end() :]
    return FrontMatter(meta, body, closed.end(), first_line, opened.end(), closed.start(), where, duplicates)


def load_yaml(
    block: str, path: Path | str, first_line: int = 1, *, lines: bool = False
) -> tuple[object, dict[Key, int], list[Problem]]:
    """Safe-load block, whose first line is file line first_line, within the limits above.

    Returns the value, the line index (empty unless asked) and one Problem per key written twice.
    """
    if FAST_LOADER is None:
        _check_depth_by_events(block, path, first_line)  # the pure-Python composer recurses
    loader = (FAST_LOADER or yaml.SafeLoader)(block)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as err:
            raise _syntax_problem(err, block, path, first_line) from None
        if node is None:
            return None, {}, []
        build = _Build(loader, path, first_line, lines, aliases="&" in block)
        try:
            value = build.run(node)
        except yaml.YAMLError as err:  # a tag the safe loader refuses, an unhashable key ...
            raise _syntax_problem(err, block, path, first_line) from None
        return value, build.lines, build.duplicates
    finally:
        loader.dispose()


class _Build:
    """The values of the composed nodes, built in one pass without recursion, within the limits.

    Plain YAML (text, numbers, booleans, null, dates, lists, mappings) is built here; a node with
    any other tag, or a mapping with a `<<` merge key, is handed to the safe loader's own
    constructor once everything under it has passed the limits. Without an `&` anchor in the block
    there is no alias, so sizes are not kept: nothing can be repeated.
    """

    def __init__(
        self, loader: yaml.SafeLoader, path: Path | str, first_line: int, lines: bool, aliases: bool
    ):
        self.loader, self.path, self.first_line = loader, path, first_line
        self.want_lines, self.aliases = lines, aliases
        self.lines: dict[Key, int] = {}
        self.duplicates: list[Problem] = []
        self.value: dict[int, object] = {}  # id(node) -> its value, once built
        self.size: dict[int, int] = {}  # id(node) -> values under it, aliases expanded (with anchors only)
        self.extra = 0  # values aliases add

    def problem(self, node: yaml.Node, message: str, hint: str) -> Problem:
        return Problem(self.path, message, node.start_mark.line + self.first_line, hint)

    def run(self, root: yaml.Node) -> object:
        value, size, aliases = self.value, self.size, self.aliases
        building: set[int] = set()  # containers entered and not yet built
        stack: list = [(root, (), 1, False)]  # (node, key, depth, leaving)
        while stack:
            node, key, depth, leaving = stack.pop()
            nid = id(node)
            if leaving:
                value[nid] = self._container(node)
                if aliases:
                    building.discard(nid)
                    size[nid] = 1 + sum(size[id(child)] for pair in self._pairs(node) for child in pair)
                continue
            if nid in value or nid in building:
                self._repeat(node, building)
                continue
            if depth > MAX_DEPTH:
                raise self.problem(
                    node,
                    f"front matter nests deeper than {MAX_DEPTH} levels",
                    "flatten the lists and mappings",
                )
            if isinstance(node, yaml.ScalarNode):
                value[nid] = node.value if node.tag == STR else self._scalar(node)
                if aliases:
                    size[nid] = 1
                continue
            if aliases:
                building.add(nid)
            stack.append((node, key, depth, True))
            stack.extend(self._children(node, key, depth + 1))
        return value[id(root)]

    def _repeat(self, node: yaml.Node, building: set[int]) -> None:
        """An alias: to a value being built is a loop; to a built one adds its size."""
        if id(node) in building:
            raise self.problem(
                node, "an alias refers to the value it is part of (an endless loop)", "remove the `*alias`"
            )
        self.extra += self.size[id(node)]
        if self.extra > MAX_EXPANSION:
            raise self.problem(
                node,
                f"aliases repeat this value until the front matter holds over {MAX_EXPANSION:,} more values "
                "than are written",
                "write the values out instead of `*alias` references",
            )

    def _scalar(self, node: yaml.ScalarNode) -> object:
        if node.tag == MERGE:  # `<<`: its mapping goes to the safe loader, which merges
            return node.value
        construct = SCALARS.get(node.tag)
        if construct is None:
            return self.loader.construct_object(node, deep=True)  # refuses tags it does not know
        try:
            return construct(self.loader, node)
        except ValueError:  # a well-formed date that does not exist, such as 2021-02-30
            raise not_a_date(self.path, node.value, node.start_mark.line + self.first_line) from None

    @staticmethod
    def _pairs(node: yaml.Node) -> list:
        return node.value if isinstance(node, yaml.MappingNode) else [(item,) for item in node.value]

    def _children(self, node: yaml.Node, key: Key, depth: int) -> list[tuple]:
        want = self.want_lines
        first = self.first_line
        if isinstance(node, yaml.SequenceNode):
            if not want:
                return [(item, key, depth, False) for item in reversed(node.value)]
            out = []
            for i, item in enumerate(node.value):
                self.lines[(*key, i)] = item.start_mark.line + first
                out.append((item, (*key, i), depth, False))
            return out[::-1]
        out, seen = [], set()
        for k, v in node.value:
            name = k.value if isinstance(k, yaml.ScalarNode) else f"line {k.start_mark.line + first}"
            if name in seen:
                self.duplicates.append(
                    self.problem(
                        k, f"`{name}` is written twice", "YAML keeps only the last one; remove the other"
                    )
                )
            seen.add(name)
            if want:
                self.lines[(*key, name)] = k.start_mark.line + first
                out += ((k, key, depth, False), (v, (*key, name), depth, False))
            else:
                out += ((k, key, depth, False), (v, key, depth, False))
        return out[::-1]

    def _container(self, node: yaml.Node) -> object:
        """A list or mapping of values already built; any other kind goes to the safe loader."""
        value = self.value
        if node.tag == SEQ and isinstance(node, yaml.SequenceNode):
            return [value[id(item)] for item in node.value]
        if (
            node.tag != MAP
            or not isinstance(node, yaml.MappingNode)
            or any(k.tag == MERGE for k, _ in node.value)
        ):
            return self.loader.construct_object(node, deep=True)  # limits were checked under it
        mapping = {}
        for k, v in node.value:
            name = value[id(k)]
            if not isinstance(name, Hashable):
                raise yaml.constructor.ConstructorError(None, None, "found unhashable key", k.start_mark)
            mapping[name] = value[id(v)]
        return mapping


def _syntax_problem(err: yaml.YAMLError, block: str, path: Path | str, first_line: int) -> Problem:
    """libyaml words its errors its own way: the reference parser's wording is the documented one.

    The reference parser is run for its events only (it does not recurse, the composer would)."""
    mark = getattr(err, "problem_mark", None)
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    if "maximum nesting depth" in str(problem):  # libyaml stops at 1000 levels
        line = mark.line + first_line if mark else first_line
        return Problem(
            path, f"front matter nests deeper than {MAX_DEPTH} levels", line, "flatten the lists and mappings"
        )
    if FAST_LOADER is not None and isinstance(err, (yaml.scanner.ScannerError, yaml.parser.ParserError)):
        try:
            for _ in yaml.parse(block, Loader=yaml.SafeLoader):
                pass
        except yaml.YAMLError as reference:
            mark = getattr(reference, "problem_mark", None) or mark
            problem = getattr(reference, "problem", None) or problem
    line = mark.line + first_line if mark else first_line
    return Problem(path, f"front matter is not valid YAML ({problem})", line, "fix the syntax on this line")


def _check_depth_by_events(block: str, path: Path | str, first_line: int) -> None:
    """Without libyaml: nesting measured on the parser's events, which need no recursion."""
    depth = 0
    try:
        for event in yaml.parse(block, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    line = event.start_mark.line + first_line
                    raise Problem(
                        path, f"front matter nests deeper than {MAX_DEPTH} levels", line, "flatten them"
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # the loader reports it, with its line


def read_text(path: Path, shown: str) -> str:
    """A brief's or note's file as text, exactly as written: a byte-order mark stays its first
    character (the front matter may follow it), so offsets index the file and a rewrite keeps it."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise Problem(
            shown, f"cannot be read ({err.strerror})", None, "check that it exists and is readable"
        ) from err
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise Problem(shown, "is not UTF-8 text", line, "re-save it as UTF-8") from err


def read_document(path: Path, shown: str, *, lines: bool = False) -> FrontMatter:
    """A brief's or note's file: UTF-8 text with front matter."""
    return read_front_matter(read_text(path, shown), shown, lines=lines)
