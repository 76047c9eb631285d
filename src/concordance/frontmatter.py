"""Front matter: the YAML between a file's `---` lines, read as untrusted input.

Every mapping remembers its line, so errors can point at it. Anchors and aliases are refused (they can expand
exponentially), nesting and size are capped, and no RecursionError or YAML traceback ever reaches a
maintainer: each problem is one ConcordanceError naming the file and the line. The field helpers check one
field's type and say what to write instead.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any, cast

import yaml

from .errors import ConcordanceError, shown
from .text import plain_text

LINE = "__line__"

# Front matter is untrusted input too. Maintainers' files nest four levels at most and stay far below these.
MAX_FRONT_MATTER_BYTES = 2_000_000
MAX_DEPTH = 32
# Characters no article or topic needs, which would reach the pages as they are (tab and new line are fine).
_CONTROL_CHAR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Anchors (&a) and aliases (*a) let a few lines of YAML expand exponentially ("billion laughs"). They are
# looked for only when the text holds an "&" or a "*" at all.
_MAY_HOLD_ALIAS = re.compile(r"[&*]")


def suggest(word: str, known: Any) -> str:
    """' Did you mean 'x'?' for the closest known word, or nothing."""
    close = difflib.get_close_matches(str(word), sorted(known), n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


class _LineLoader(yaml.SafeLoader):
    """A safe YAML loader that remembers the line of every mapping, so errors can point at it."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    # Keys are whatever YAML typed (a maintainer may write `1: x`); field checks name any that is unknown.
    mapping = cast(dict[str, Any], loader.construct_mapping(node, deep=True))
    mapping[LINE] = node.start_mark.line + 1
    return mapping


class _FastLineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same loader on libyaml's parser, when PyYAML has it: many times faster on large corpora."""


for _loader in (_LineLoader, _FastLineLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)
    # Dates stay the text the maintainer typed.
    _loader.yaml_implicit_resolvers = {
        k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


# What the fast path below builds itself; any other tag (an explicit !!set, a merge key) takes PyYAML's way.
_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_SCALARS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
            "tag:yaml.org,2002:null"}
_SCALAR_MAKER = yaml.constructor.SafeConstructor()


class _NotPlain(Exception):
    """A node the fast path leaves to PyYAML's constructor."""


class _TooDeep(Exception):
    """Front matter nested past MAX_DEPTH."""


def _plain(node: yaml.Node, shift: int, depth: int = 1) -> Any:
    """The value of a composed node, as _LineLoader would construct it, for the plain YAML of front matter
    (PyYAML's generic constructor costs twice as much as parsing): mappings with their line, shifted by `shift`,
    and nothing nested deeper than MAX_DEPTH (what _shift_lines does for the constructor's output)."""
    if depth > MAX_DEPTH:
        raise _TooDeep
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag == _MAP:
        if depth >= MAX_DEPTH:  # its line would stand a level deeper, where _shift_lines refuses any value
            raise _TooDeep
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _plain(key_node, shift)
            try:
                mapping[key] = _plain(value_node, shift, depth + 1)
            except TypeError:  # an unhashable key: PyYAML's constructor words the error
                raise _NotPlain from None
        mapping[LINE] = node.start_mark.line + 1 + shift
        return mapping
    if tag == _SEQ:
        return [_plain(item, shift, depth + 1) for item in node.value]
    if tag in _SCALARS:
        return _SCALAR_MAKER.construct_object(node)
    raise _NotPlain


def _load(path: Path, yaml_text: str, shift: int) -> Any:
    """The front matter's data, each mapping's line shifted by `shift` (where the YAML starts in the file)."""
    try:
        node = yaml.compose(yaml_text, Loader=_FastLineLoader)  # parsing only: no constructor runs
    except yaml.YAMLError:  # read again by the pure-Python parser, whose messages are worded better
        data = yaml.load(yaml_text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    else:
        if node is None:
            return None
        try:
            return _plain(node, shift)
        except _TooDeep:
            raise _too_deep(path) from None
        except _NotPlain:
            data = yaml.load(yaml_text, Loader=_FastLineLoader)  # noqa: S506 - a (C)SafeLoader subclass
    _shift_lines(path, data, shift)
    return data


def _too_deep(path: Path) -> ConcordanceError:
    return ConcordanceError(path, f"front matter nests more than {MAX_DEPTH} levels deep. Fields nest a few "
                            "levels at most: check the indentation and brackets.", line=2)


def read_text(path: Path) -> str:
    """A file's text: UTF-8, without a byte-order mark, with plain line ends."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ConcordanceError(path, f"cannot be read ({e.strerror}).") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise ConcordanceError(path, f"is not UTF-8 text (byte 0x{raw[e.start]:02x}). Save the file as UTF-8.",
                               line=line) from None
    text = plain_text(text)
    bad = _CONTROL_CHAR.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise ConcordanceError(path, f"holds a control character ({shown(bad.group())}, U+{ord(bad.group()):04X}) that "
                               "no text needs. Delete it (a text editor may show it as a box or nothing).",
                               line=line)
    return text


def split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], str, int]:
    """(front matter, body, line number where the body starts)."""
    if not text.startswith("---\n"):
        raise ConcordanceError(path, "has no front matter. Start the file with a line '---', the YAML fields, "
                               "and another '---'.", line=1)
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.M)
    if end is None:
        raise ConcordanceError(path, "front matter is not closed. Add a line '---' after the YAML fields.", line=1)
    yaml_text = text[4: 4 + end.start()]
    if len(yaml_text.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise ConcordanceError(path, f"front matter is larger than {MAX_FRONT_MATTER_BYTES // 1_000_000} MB. Split "
                               "the claims over several topic files.", line=1)
    body = text[4 + end.end():].removeprefix("\n")
    body_line = text[: 4 + end.end()].count("\n") + 2
    if "\t" in yaml_text:  # most front matter holds none: its lines are not walked
        for n, line in enumerate(yaml_text.split("\n"), start=2):
            if "\t" in line[: len(line) - len(line.lstrip())]:
                raise ConcordanceError(path, "front matter is indented with a tab. YAML allows only spaces: replace "
                                       "the tab with spaces.", line=n)
    if _MAY_HOLD_ALIAS.search(yaml_text):
        _refuse_aliases(path, yaml_text)
    try:
        data = _load(path, yaml_text, 1)
    except (RecursionError, MemoryError):
        raise ConcordanceError(path, "front matter nests too deeply. Fields nest a few levels at most "
                               "(claims → positions → fields): check the indentation and brackets.", line=2) from None
    except yaml.YAMLError as e:
        # Where the broken construct starts (an unclosed bracket or quote) helps more than where YAML gave up.
        mark = getattr(e, "context_mark", None) or getattr(e, "problem_mark", None)
        at_line: int | None = mark.line + 2 if mark is not None else None
        problem: str = getattr(e, "problem", None) or str(e)
        raise ConcordanceError(path, f"front matter is not valid YAML ({problem}). Check the quoting and "
                               "indentation on this line; quote text that contains ': ' or starts with a "
                               "special character.", line=at_line) from None
    if data is None:
        raise ConcordanceError(path, "front matter is empty. Add the required fields between the '---' lines.",
                               line=1)
    if not isinstance(data, dict):
        raise ConcordanceError(path, "front matter must be YAML fields ('name: value'), not a "
                               f"{type(data).__name__}.", line=2)
    return data, body, body_line


def _refuse_aliases(path: Path, yaml_text: str) -> None:
    """Stop at the first YAML anchor or alias: maintainers never need them, and they can nest exponentially."""
    try:
        for token in yaml.scan(yaml_text, Loader=yaml.SafeLoader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                sign = "&" if isinstance(token, yaml.AnchorToken) else "*"
                raise ConcordanceError(path, f"front matter uses a YAML {'anchor' if sign == '&' else 'alias'} "
                                       f"('{sign}{shown(token.value)}'). Write the value out in full; quote text "
                                       f"that starts with '{sign}'.", line=token.start_mark.line + 2)
    except yaml.YAMLError:
        return  # the parser reports it, with its own words


def _shift_lines(path: Path, data: Any, by: int) -> None:
    """Shift every mapping's line by the front matter's offset, and refuse nesting no maintainer writes.
    Iterative: deep nesting must end in a clear error, not a RecursionError."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _too_deep(path)
        if isinstance(value, dict):
            if LINE in value:
                value[LINE] += by
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


_YAML_KINDS: dict[type, str] = {dict: "mapping", list: "list", str: "text"}


def yaml_kind(value: object) -> str:
    return _YAML_KINDS.get(type(value), type(value).__name__)


def check_fields(path: Path, data: dict[str, Any], known: set[str], what: str, claim: str | None = None) -> None:
    for key in data:
        if key != LINE and key not in known:
            raise ConcordanceError(path, f"unknown field '{key}' in {what}.{suggest(key, known)} "
                                   f"Known fields: {', '.join(sorted(known))}.", line=data.get(LINE), claim=claim)


def text_field(path: Path, data: dict[str, Any], key: str, what: str, *, required: bool,
                claim: str | None = None) -> str:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ConcordanceError(path, f"{what} has no '{key}'. Add '{key}: ...'.", line=data.get(LINE),
                                   claim=claim)
        return ""
    if isinstance(value, (dict, list)):
        raise ConcordanceError(path, f"'{key}' in {what} must be text, not a {type(value).__name__}.",
                               line=data.get(LINE), claim=claim)
    return " ".join(str(value).split())


def id_list(path: Path, data: dict[str, Any], key: str, what: str,
             shape: str = "a list of words, like [a, b]") -> list[str]:
    value = data.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise ConcordanceError(path, f"'{key}' in {what} must be {shape}.", line=data.get(LINE))
    return [" ".join(str(v).split()) for v in value]


# ---------------------------------------------------------------- sources
