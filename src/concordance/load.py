"""Load: read source articles and topic files, and validate them into a Corpus.

Every problem a maintainer can cause becomes a ConcordanceError with the file, the line when known, the
claim, what is wrong and how to fix it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml

from .errors import ConcordanceError, ConcordanceErrors, Problems, display_path, shown
from .model import STANCES, Block, BlockKind, BuildWarning, Claim, Corpus, Position, Source, Stance, Topic
from .text import is_web_address, plain_text

# Matched against the whole id (fullmatch): "$" alone would let an id end in a newline.
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SOURCE_FIELDS = {"title", "author", "publisher", "url", "kind", "interests", "short", "published",
                 "cites", "review", "caveats"}
SOURCE_REQUIRED = ("title", "publisher", "kind", "interests")
TOPIC_FIELDS = {"title", "related", "mentions", "claims", "order", "answer", "reviewed"}
CLAIM_FIELDS = {"id", "statement", "positions"}
POSITION_FIELDS = {"source", "stance", "quote", "note", "occurrence", "measure"}
LINE = "__line__"
RESERVED_SOURCE_IDS = {"index"}

# Front matter is untrusted input too. Maintainers' files nest four levels at most and stay far below these.
MAX_FRONT_MATTER_BYTES = 2_000_000
MAX_DEPTH = 32
# Characters no article or topic needs, which would reach the pages as they are (tab and new line are fine).
_CONTROL_CHAR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Anchors (&a) and aliases (*a) let a few lines of YAML expand exponentially ("billion laughs"). They are
# looked for only when the text holds an "&" or a "*" at all.
_MAY_HOLD_ALIAS = re.compile(r"[&*]")


def is_id(value: object) -> bool:
    """Whether a value is a usable id: lower-case letters, digits and single hyphens, the whole string."""
    return isinstance(value, str) and ID_RE.fullmatch(value) is not None


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
    for n, line in enumerate(yaml_text.split("\n"), start=2):
        if "\t" in line[: len(line) - len(line.lstrip())]:
            raise ConcordanceError(path, "front matter is indented with a tab. YAML allows only spaces: replace the "
                                   "tab with spaces.", line=n)
    if _MAY_HOLD_ALIAS.search(yaml_text):
        _refuse_aliases(path, yaml_text)
    try:
        try:
            data = yaml.load(yaml_text, Loader=_FastLineLoader)  # noqa: S506 - a (C)SafeLoader subclass
        except yaml.YAMLError:  # read again by the pure-Python parser, whose messages are worded better
            data = yaml.load(yaml_text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
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
    _shift_lines(path, data, 1)
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
            raise ConcordanceError(path, f"front matter nests more than {MAX_DEPTH} levels deep. Fields nest a few "
                                   "levels at most: check the indentation and brackets.", line=2)
        if isinstance(value, dict):
            if LINE in value:
                value[LINE] += by
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)


_YAML_KINDS: dict[type, str] = {dict: "mapping", list: "list", str: "text"}


def _yaml_kind(value: object) -> str:
    return _YAML_KINDS.get(type(value), type(value).__name__)


def _check_fields(path: Path, data: dict[str, Any], known: set[str], what: str, claim: str | None = None) -> None:
    for key in data:
        if key != LINE and key not in known:
            raise ConcordanceError(path, f"unknown field '{key}' in {what}.{suggest(key, known)} "
                                   f"Known fields: {', '.join(sorted(known))}.", line=data.get(LINE), claim=claim)


def _text_field(path: Path, data: dict[str, Any], key: str, what: str, *, required: bool,
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


def _id_list(path: Path, data: dict[str, Any], key: str, what: str,
             shape: str = "a list of words, like [a, b]") -> list[str]:
    value = data.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise ConcordanceError(path, f"'{key}' in {what} must be {shape}.", line=data.get(LINE))
    return [" ".join(str(v).split()) for v in value]


# ---------------------------------------------------------------- sources

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^(\d{1,9})[.)]\s+(.*)$")


def parse_article(path: Path, body: str, first_line: int) -> list[Block]:
    """Blocks of an article body: headings, list items and paragraphs, as plain text."""
    found: list[tuple[BlockKind, list[str], int, int]] = []  # kind, lines, line number, level
    current: list[str] | None = None  # the lines of the paragraph or item that continues
    for n, raw in enumerate(body.split("\n"), start=first_line):
        line = raw.strip()
        if not line:
            current = None
            continue
        heading = _HEADING.match(line) if not raw.startswith((" ", "\t")) else None
        bullet = _BULLET.match(line)
        numbered = _NUMBERED.match(line)
        if heading:
            found.append(("heading", [heading.group(2)], n, len(heading.group(1))))
            current = None
        elif bullet or numbered:
            text = bullet.group(1) if bullet else numbered.group(2)  # type: ignore[union-attr]
            current = [text]
            found.append(("item", current, n, int(numbered.group(1)) if numbered else 0))
        elif current is not None:
            current.append(line)
        else:
            current = [line]
            found.append(("paragraph", current, n, 0))
    blocks: list[Block] = []
    offset = 0
    for kind, lines, n, level in found:
        text = " ".join(lines)
        blocks.append(Block(kind, text, n, level=level, offset=offset))
        offset += len(text) + 1
    return blocks


def file_id(path: Path, what: str) -> str:
    """The id a source or topic takes from its file name; it becomes part of the page's address."""
    if not is_id(path.stem):
        raise ConcordanceError(path, f"'{shown(path.stem)}' is not a usable {what} id. Rename the file to lower-case "
                               "letters, digits and hyphens, like 'my-source.md'.")
    return path.stem


def load_source(path: Path) -> Source:
    source_id = file_id(path, "source")
    data, body, body_line = split_front_matter(path, read_text(path))
    _check_fields(path, data, SOURCE_FIELDS, "the source's front matter")
    fields = {k: _text_field(path, data, k, "the source's front matter", required=k in SOURCE_REQUIRED)
              for k in ("title", "publisher", "kind", "interests", "author", "url", "short", "published")}
    if fields["url"] and not is_web_address(fields["url"]):
        raise ConcordanceError(path, f"url '{fields['url']}' is not a web address. Give the article's "
                               "http(s) address, or leave 'url' out when it is not known.", line=data.get(LINE))
    blocks = parse_article(path, body, body_line)
    if not blocks:
        raise ConcordanceError(path, "has no article text. Paste the article below the front matter.",
                               line=body_line)
    return Source(id=source_id, path=path, blocks=blocks, cites=_id_list(path, data, "cites", "the source"),
                  review=_id_list(path, data, "review", "the source"),
                  caveats=_id_list(path, data, "caveats", "the source",
                                   shape="a list of sentences, one per '- ' line"), **fields)


# ---------------------------------------------------------------- topics


def load_topic(path: Path, sources: SourceIds, problems: Problems) -> Topic:
    """A topic file. An error in one claim is collected and that claim left out, so one build lists them all."""
    topic_id = file_id(path, "topic")
    data, body, _ = split_front_matter(path, read_text(path))
    _check_fields(path, data, TOPIC_FIELDS, "the topic's front matter")
    title = _text_field(path, data, "title", "the topic", required=True)
    answer = _text_field(path, data, "answer", "the topic", required=False)
    reviewed = _text_field(path, data, "reviewed", "the topic", required=False)
    if not body.strip():
        raise ConcordanceError(path, "has no summary. Write a short neutral summary below the front matter.")
    raw_claims = data.get("claims")
    if raw_claims and not isinstance(raw_claims, list):
        raise ConcordanceError(path, f"'claims' must be a list, not a {_yaml_kind(raw_claims)}: start each claim "
                               "with '- id: ...'.", line=data.get(LINE))
    if not raw_claims:
        raise ConcordanceError(path, "has no claims. Add a 'claims:' list with at least one claim.",
                               line=data.get(LINE))
    order = data.get("order", 0)
    if not isinstance(order, int) or isinstance(order, bool):
        raise ConcordanceError(path, "'order' must be a whole number.", line=data.get(LINE))
    claims = []
    for raw in raw_claims:
        try:
            claims.append(_load_claim(path, topic_id, raw, sources))
        except _CitesBrokenSource:
            continue  # that source's own error is reported; this claim would only repeat it
        except ConcordanceError as e:
            problems.add(e)
    return Topic(id=topic_id, path=path, title=title, summary=body.strip(), claims=claims,
                 related=_id_list(path, data, "related", "the topic"),
                 mentions=_id_list(path, data, "mentions", "the topic"), order=order, answer=answer,
                 reviewed=reviewed)


@dataclass(frozen=True)
class SourceIds:
    """The sources positions may cite, and those whose files failed to load (their errors say why)."""

    loaded: set[str]
    failed: set[str]


class _CitesBrokenSource(Exception):
    """A position cites a source whose file has an error of its own."""


def _load_claim(path: Path, topic_id: str, raw: Any, sources: SourceIds) -> Claim:
    if not isinstance(raw, dict):
        raise ConcordanceError(path, "each claim must be fields ('id:', 'statement:', 'positions:'), not "
                               f"'{shown(str(raw)[:60])}'.")
    line = raw.get(LINE)
    claim_id = raw.get("id")
    if not claim_id or not isinstance(claim_id, str):
        raise ConcordanceError(path, "a claim has no 'id'. Add a stable id like 'id: relief-fades-in-weeks'.",
                               line=line)
    if not is_id(claim_id):
        raise ConcordanceError(path, f"'{shown(claim_id)}' is not a usable claim id: use lower-case letters, "
                               "digits and hyphens, on one line ('id: my-claim', not a block with '|').",
                               line=line, claim=claim_id)
    _check_fields(path, raw, CLAIM_FIELDS, "a claim", claim=claim_id)
    statement = _text_field(path, raw, "statement", "the claim", required=True, claim=claim_id)
    raw_positions = raw.get("positions")
    if raw_positions and not isinstance(raw_positions, list):
        raise ConcordanceError(path, f"'positions' must be a list, not a {_yaml_kind(raw_positions)}: start each "
                               "position with '- source: ...'.", line=line, claim=claim_id)
    if not raw_positions:
        raise ConcordanceError(path, "has no positions. Add 'positions:' with at least one '- source: ..., "
                               "stance: ..., quote: ...'.", line=line, claim=claim_id)
    positions, errors = [], []
    for raw_position in raw_positions:  # every position's mistake at once
        try:
            positions.append(_load_position(path, claim_id, raw_position, sources, line))
        except ConcordanceError as e:
            errors.append(e)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ConcordanceErrors(errors)
    claim = Claim(id=claim_id, topic=topic_id, statement=statement, positions=positions, line=line)
    for position in positions:
        position.claim = claim
    if not any(p.stance == "supports" for p in positions):
        raise ConcordanceError(path, "no position supports the statement. Word the statement as something at "
                               "least one source says, so the others can support, contradict or qualify it.",
                               line=line, claim=claim_id)
    return claim


def _load_position(path: Path, claim_id: str, raw: Any, sources: SourceIds, claim_line: int | None) -> Position:
    if not isinstance(raw, dict):
        raise ConcordanceError(path, "each position must be fields ('source:', 'stance:', 'quote:').",
                               line=claim_line, claim=claim_id)
    line = raw.get(LINE, claim_line)
    _check_fields(path, raw, POSITION_FIELDS, "a position", claim=claim_id)
    source = _text_field(path, raw, "source", "a position", required=True, claim=claim_id)
    if source not in sources.loaded and sources.failed:
        raise _CitesBrokenSource(source)  # perhaps the broken file: its own error comes first
    if source not in sources.loaded:
        raise ConcordanceError(path, f"unknown source '{shown(source)}'.{suggest(source, sources.loaded)} "
                               "Sources are the "
                               "files in sources/ (the id is the file name without .md).", line=line, claim=claim_id)
    stance = _text_field(path, raw, "stance", "a position", required=True, claim=claim_id)
    if stance not in STANCES:
        raise ConcordanceError(path, f"stance '{stance}' is not one of supports, contradicts, qualifies."
                               f"{suggest(stance, STANCES)}", line=line, claim=claim_id)
    checked_stance: Stance = stance  # narrowed by the check above
    quote = _text_field(path, raw, "quote", "a position", required=True, claim=claim_id)
    occurrence = raw.get("occurrence", 0)
    if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 0:
        raise ConcordanceError(path, "'occurrence' must be a whole number (1 for the first place the quote "
                               "stands, 2 for the second, ...).", line=line, claim=claim_id)
    return Position(source=source, stance=checked_stance, quote=quote,
                    note=_text_field(path, raw, "note", "a position", required=False, claim=claim_id),
                    occurrence=occurrence, line=line,
                    measure=_text_field(path, raw, "measure", "a position", required=False, claim=claim_id))


# ---------------------------------------------------------------- the corpus


def load_corpus(sources_dir: Path, topics_dir: Path, *, root: Path | None = None,
                problems: Problems | None = None) -> Corpus:
    """Every source and topic, validated across files. Errors are collected in `problems` (raised at once when
    none is given); a file or claim with an error is left out, and the rest is still checked."""
    root = root if root is not None else sources_dir.parent
    collect = problems if problems is not None else Problems()

    def where(path: Path) -> str:
        return display_path(path, root)

    source_paths = _project_files(sources_dir, root, collect)
    if not source_paths and not collect:
        collect.add(ConcordanceError(sources_dir, "holds no sources. Add an article as sources/<id>.md."))
    sources: dict[str, Source] = {}
    failed: set[str] = set()
    seen_ids: dict[str, Path] = {}
    for path in source_paths:
        key = path.stem.lower()
        try:
            if key in seen_ids:
                raise ConcordanceError(path, f"has the same id as {where(seen_ids[key])}: two sources cannot share "
                                       f"the slug '{shown(key)}'. Rename one of them.")
            seen_ids[key] = path
            if key in RESERVED_SOURCE_IDS:
                raise ConcordanceError(path, f"'{key}' is reserved for the list of sources. Rename the file, "
                                       "e.g. to the article's title in a few words.")
            source = load_source(path)
            sources[source.id] = source
        except ConcordanceError as e:
            collect.add(e)
            failed.add(path.stem)
    topic_paths = [p for p in _project_files(topics_dir, root, collect) if p.stem != "index"]
    if not topic_paths and not collect:
        collect.add(ConcordanceError(topics_dir, "holds no topics. Add a topic file as docs/topics/<id>.md."))
    topics: dict[str, Topic] = {}
    broken_topics: set[str] = set()
    seen_claims: dict[str, Path] = {}
    ids = SourceIds(set(sources), failed)
    for path in topic_paths:
        try:
            topic = load_topic(path, ids, collect)
        except ConcordanceError as e:
            collect.add(e)
            broken_topics.add(path.stem)
            continue
        kept = []
        for claim in topic.claims:
            if claim.id in seen_claims:
                other = seen_claims[claim.id]
                place = "earlier in this file" if other == path else f"in {where(other)}"
                collect.add(ConcordanceError(path, f"claim id '{claim.id}' is already used {place}. Claim ids are "
                                             "anchors: give this claim a new id.", line=claim.line, claim=claim.id))
                continue
            seen_claims[claim.id] = path
            kept.append(claim)
        topic.claims = kept
        topics[topic.id] = topic
    for topic in topics.values():
        for related in topic.related:
            if related == topic.id:
                collect.add(ConcordanceError(topic.path, "lists itself as a related topic. Remove it from 'related'."))
            elif related not in topics and related not in broken_topics:
                collect.add(ConcordanceError(topic.path, f"related topic '{shown(related)}' does not exist."
                                             f"{suggest(related, topics)} Topics are the files in docs/topics/."))
    if problems is None:
        collect.raise_if_any()
    ordered = sorted(topics.values(), key=lambda t: (t.order, t.title.lower()))
    corpus = Corpus(sources=sources, topics={t.id: t for t in ordered})
    cited = {p.source for c in corpus.claims for p in c.positions}
    corpus.warnings = [BuildWarning(where(s.path), f"no claim cites source '{s.id}' yet. Its passages are listed "
                                    "on the review page; cite it in a topic.")
                       for s in sources.values() if s.id not in cited]
    return corpus


def _project_files(folder: Path, root: Path, problems: Problems) -> list[Path]:
    """The .md files of a folder, refusing any that resolve outside the project: a link to a file elsewhere on
    the disk would publish that file."""
    if not folder.is_dir():
        return []
    inside = root.resolve()
    if not folder.resolve().is_relative_to(inside):
        problems.add(ConcordanceError(folder, f"is a link to a folder outside the project ({folder.resolve()}). "
                                      "Keep sources and topics inside the project: copy them in."))
        return []
    paths = []
    for path in sorted(folder.glob("*.md")):
        if not path.resolve().is_relative_to(inside):
            problems.add(ConcordanceError(path, f"is a link to a file outside the project ({path.resolve()}). "
                                          "Copy the file into the project instead of linking to it."))
        else:
            paths.append(path)
    return paths
