"""Load: read source articles and topic files, and validate them into a Corpus.

Every problem a maintainer can cause becomes a ConcordanceError with the file, the line when known, the
claim, what is wrong and how to fix it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConcordanceError, ConcordanceErrors, Problems, display_path, shown
from .frontmatter import (
    LINE,
    check_fields,
    id_list,
    read_text,
    split_front_matter,
    suggest,
    text_field,
    yaml_kind,
)
from .model import (
    STANCES,
    Block,
    BlockKind,
    BuildWarning,
    Claim,
    Corpus,
    Position,
    Source,
    Speaker,
    Stance,
    Topic,
)
from .text import is_web_address

# Matched against the whole id (fullmatch): "$" alone would let an id end in a newline.
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SOURCE_FIELDS = {"title", "author", "publisher", "url", "kind", "interests", "short", "published",
                 "cites", "review", "caveats", "speakers"}
SOURCE_REQUIRED = ("title", "publisher", "kind", "interests")
TOPIC_FIELDS = {"title", "related", "mentions", "claims", "order", "answer", "headline", "reviewed"}
# A headline is one line of the home page's list of questions, next to the question, on a laptop's screen.
MAX_HEADLINE = 90
CLAIM_FIELDS = {"id", "statement", "positions"}
POSITION_FIELDS = {"source", "stance", "quote", "note", "occurrence", "measure", "speaker"}
SPEAKER_FIELDS = {"name", "role", "interests"}
# A speaker's role is shown after their name beside every quote of theirs: a few words, not a biography.
MAX_ROLE_CHARS = 120
RESERVED_SOURCE_IDS = {"index"}


def is_id(value: object) -> bool:
    """Whether a value is a usable id: lower-case letters, digits and single hyphens, the whole string."""
    return isinstance(value, str) and ID_RE.fullmatch(value) is not None


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
    check_fields(path, data, SOURCE_FIELDS, "the source's front matter")
    fields = {k: text_field(path, data, k, "the source's front matter", required=k in SOURCE_REQUIRED)
              for k in ("title", "publisher", "kind", "interests", "author", "url", "short", "published")}
    if fields["url"] and not is_web_address(fields["url"]):
        raise ConcordanceError(path, f"url '{fields['url']}' is not a web address. Give the article's "
                               "http(s) address, or leave 'url' out when it is not known.", line=data.get(LINE))
    blocks = parse_article(path, body, body_line)
    if not blocks:
        raise ConcordanceError(path, "has no article text. Paste the article below the front matter.",
                               line=body_line)
    return Source(id=source_id, path=path, blocks=blocks, cites=id_list(path, data, "cites", "the source"),
                  review=id_list(path, data, "review", "the source"),
                  caveats=id_list(path, data, "caveats", "the source",
                                   shape="a list of sentences, one per '- ' line"),
                  speakers=_load_speakers(path, data), **fields)


def _load_speakers(path: Path, data: dict[str, Any]) -> dict[str, Speaker]:
    """The people a source quotes: `speakers:` maps an id to a name, a short role and their interests."""
    raw = data.get("speakers")
    if raw is None:
        return {}
    example = "like 'speakers: {lee: {name: Dr. A. Lee, role: clinic director, interests: ...}}'"
    if not isinstance(raw, dict):
        raise ConcordanceError(path, f"'speakers' must be a mapping of ids to people, not a {yaml_kind(raw)}: write "
                               f"each speaker as 'id:' with 'name:' under it, {example}.", line=data.get(LINE))
    line = raw.get(LINE, data.get(LINE))
    speakers: dict[str, Speaker] = {}
    for key, value in raw.items():
        if key == LINE:
            continue
        if not is_id(key):
            raise ConcordanceError(path, f"'{shown(key)}' is not a usable speaker id: use lower-case letters, digits "
                                   "and hyphens, like 'lee' or 'a-lee'.", line=line)
        if not isinstance(value, dict):
            raise ConcordanceError(path, f"speaker '{key}' must be fields ('name:', and optionally 'role:' and "
                                   f"'interests:'), not a {yaml_kind(value)}.", line=line)
        what = f"speaker '{key}'"
        check_fields(path, value, SPEAKER_FIELDS, what)
        name = text_field(path, value, "name", what, required=True)
        role = text_field(path, value, "role", what, required=False)
        if len(role) > MAX_ROLE_CHARS:
            raise ConcordanceError(path, f"the role of {what} is {len(role)} characters long; keep it under "
                                   f"{MAX_ROLE_CHARS} (a few words, like 'medical director of a clinic') and put "
                                   "the rest in 'interests'.", line=value.get(LINE))
        speakers[key] = Speaker(key, name, role, text_field(path, value, "interests", what, required=False))
    return speakers


# ---------------------------------------------------------------- topics


def load_topic(path: Path, sources: SourceIds, problems: Problems) -> Topic:
    """A topic file. An error in one claim is collected and that claim left out, so one build lists them all."""
    topic_id = file_id(path, "topic")
    data, body, _ = split_front_matter(path, read_text(path))
    check_fields(path, data, TOPIC_FIELDS, "the topic's front matter")
    title = text_field(path, data, "title", "the topic", required=True)
    answer = text_field(path, data, "answer", "the topic", required=False)
    headline = text_field(path, data, "headline", "the topic", required=False)
    if len(headline) > MAX_HEADLINE:
        raise ConcordanceError(path, f"'headline' has {len(headline)} characters: it is one short line on the home "
                               f"page, at most {MAX_HEADLINE}. Keep the detail for 'answer'.", line=data.get(LINE))
    reviewed = text_field(path, data, "reviewed", "the topic", required=False)
    if not body.strip():
        raise ConcordanceError(path, "has no summary. Write a short neutral summary below the front matter.")
    raw_claims = data.get("claims")
    if raw_claims and not isinstance(raw_claims, list):
        raise ConcordanceError(path, f"'claims' must be a list, not a {yaml_kind(raw_claims)}: start each claim "
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
                 related=id_list(path, data, "related", "the topic"),
                 mentions=id_list(path, data, "mentions", "the topic"), order=order, answer=answer, headline=headline,
                 reviewed=reviewed)


@dataclass(frozen=True)
class SourceIds:
    """The sources positions may cite, and those whose files failed to load (their errors say why)."""

    loaded: set[str]
    failed: set[str]
    speakers: dict[str, list[str]]  # each loaded source's speaker ids


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
    check_fields(path, raw, CLAIM_FIELDS, "a claim", claim=claim_id)
    statement = text_field(path, raw, "statement", "the claim", required=True, claim=claim_id)
    raw_positions = raw.get("positions")
    if raw_positions and not isinstance(raw_positions, list):
        raise ConcordanceError(path, f"'positions' must be a list, not a {yaml_kind(raw_positions)}: start each "
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
    check_fields(path, raw, POSITION_FIELDS, "a position", claim=claim_id)
    source = text_field(path, raw, "source", "a position", required=True, claim=claim_id)
    if source not in sources.loaded and sources.failed:
        raise _CitesBrokenSource(source)  # perhaps the broken file: its own error comes first
    if source not in sources.loaded:
        raise ConcordanceError(path, f"unknown source '{shown(source)}'.{suggest(source, sources.loaded)} "
                               "Sources are the "
                               "files in sources/ (the id is the file name without .md).", line=line, claim=claim_id)
    stance = text_field(path, raw, "stance", "a position", required=True, claim=claim_id)
    if stance not in STANCES:
        raise ConcordanceError(path, f"stance '{stance}' is not one of supports, contradicts, qualifies."
                               f"{suggest(stance, STANCES)}", line=line, claim=claim_id)
    checked_stance: Stance = stance  # narrowed by the check above
    quote = text_field(path, raw, "quote", "a position", required=True, claim=claim_id)
    occurrence = raw.get("occurrence", 0)
    if not isinstance(occurrence, int) or isinstance(occurrence, bool) or occurrence < 0:
        raise ConcordanceError(path, "'occurrence' must be a whole number (1 for the first place the quote "
                               "stands, 2 for the second, ...).", line=line, claim=claim_id)
    speaker = text_field(path, raw, "speaker", "a position", required=False, claim=claim_id)
    known = sources.speakers.get(source, [])
    if speaker and not known:
        raise ConcordanceError(path, f"the position names speaker '{shown(speaker)}', but sources/{source}.md lists "
                               "no speakers. Add it under 'speakers:' there (with its 'name:'), or remove 'speaker:' "
                               "when the words are the article's own.", line=line, claim=claim_id)
    if speaker and speaker not in known:
        raise ConcordanceError(path, f"unknown speaker '{shown(speaker)}' for source '{source}'."
                               f"{suggest(speaker, known)} Its speakers are: {', '.join(known)} (under 'speakers:' "
                               f"in sources/{source}.md).", line=line, claim=claim_id)
    return Position(source=source, stance=checked_stance, quote=quote,
                    note=text_field(path, raw, "note", "a position", required=False, claim=claim_id),
                    occurrence=occurrence, line=line, speaker=speaker,
                    measure=text_field(path, raw, "measure", "a position", required=False, claim=claim_id))


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
    ids = SourceIds(set(sources), failed, {sid: list(s.speakers) for sid, s in sources.items()})
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


def outside_project(path: Path, root: Path) -> ConcordanceError | None:
    """The error for a file or folder that resolves outside the project (a link to elsewhere on the disk, whose
    contents the site would publish), or None when it lies inside. The adapter checks docs/ with it too."""
    target = path.resolve()
    if target.is_relative_to(root.resolve()):
        return None
    what = "folder" if target.is_dir() else "file"
    return ConcordanceError(path, f"is a link to a {what} outside the project ({target}). Copy the {what} into the "
                            "project instead of linking to it.")


def _project_files(folder: Path, root: Path, problems: Problems) -> list[Path]:
    """The .md files of a folder, refusing any that resolve outside the project."""
    if not folder.is_dir():
        return []
    if (error := outside_project(folder, root)) is not None:
        problems.add(error)
        return []
    inside, errors = split_outside(sorted(folder.glob("*.md")), root)
    for error in errors:
        problems.add(error)
    return inside


def split_outside(paths: Iterable[Path], root: Path) -> tuple[list[Path], list[ConcordanceError]]:
    """(the paths that lie inside the project, outside_project's errors for the others), each folder resolved
    once: a file that is not a link lies where its folder resolves (resolving every path cost a tenth of
    loading a large corpus)."""
    inside: list[Path] = []
    errors: list[ConcordanceError] = []
    project = root.resolve()
    folders: dict[Path, Path] = {}
    for path in paths:
        if path.is_symlink():
            error = outside_project(path, root)
        else:
            if path.parent not in folders:
                folders[path.parent] = path.parent.resolve()
            target = folders[path.parent] / path.name
            error = None if target.is_relative_to(project) else outside_project(path, root)
        if error is None:
            inside.append(path)
        else:
            errors.append(error)
    return inside, errors
