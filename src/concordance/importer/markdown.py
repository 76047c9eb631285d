"""Markdown input: its marks say what is a heading or a list item; inline markup is dropped and listed."""

from __future__ import annotations

import re

from .model import Markup, Unit

_MD_HEADING = re.compile(r"^(?P<open>#{1,6}(?:[ \t]+|$))(?P<text>.*?)(?P<close>[ \t]+#+)?[ \t]*$")
_MD_ITEM = re.compile(r"^(?P<marker>(?:[-*+•·▪◦●‣∙]|(?P<number>\d{1,9})[.)])[ \t]+)(?P<text>\S.*)$")
_MD_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")  # "---", "* * *": a thematic break
_MD_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S+")

# A link's address may hold parentheses of its own: ".../PIIS0140-6736(18)31809-9/fulltext".
_URL = r"\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"
_MD_IMAGE = re.compile(rf"!\[[^\]]*\]{_URL}")
_MD_LINK = re.compile(rf"(?P<open>\[)(?P<text>[^\]]+)(?P<close>\]{_URL}|\]\[[^\]]*\])")
_MD_CODE = re.compile(r"(?P<open>`+)(?P<text>[^`]+)(?P<close>(?P=open))")
_MD_STRONG = re.compile(r"(?<![*\w])(?P<open>\*\*\*?|__)(?=\S)(?P<text>.+?)(?<=\S)(?P<close>(?P=open))(?![*\w])")
_MD_EM = re.compile(r"(?<![*\w])(?P<open>\*)(?=[^\s*])(?P<text>.+?)(?<=[^\s*])(?P<close>\*)(?![*\w])"
                    r"|(?<!\w)(?P<uopen>_)(?=\S)(?P<utext>.+?)(?<=\S)(?P<uclose>_)(?!\w)")
_MD_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!>|])")

# What each kind of dropped markup may hold. The word check refuses markup of any other shape: a rule that
# dropped a word and called it markup would otherwise pass the check.
MARKUP_SHAPES: dict[str, re.Pattern[str]] = {
    "heading hashes": re.compile(r"#{1,6}[ \t]*|[ \t]+#+"),
    "list marker": re.compile(r"(?:[-*+•·▪◦●‣∙■□➤►–—]|\d{1,9}[.)])[ \t]*"),
    "emphasis": re.compile(r"\*{1,3}|_{1,2}"),
    "link": re.compile(rf"\[|\]{_URL}|\]\[[^\]]*\]"),
    "image": re.compile(rf"!\[[^\]]*\]{_URL}"),
    "code mark": re.compile(r"`+"),
    "escape": re.compile(r"\\"),
    "quote marker": re.compile(r"(?:>[ \t]?)+"),
}


def _md_inline(line: int, text: str, markup: list[Markup], base: int = 0) -> str:
    """The text without its inline markup; each dropped piece is added to ``markup`` (offsets + ``base``).

    Code spans are read first so that "*" inside them stays; images go whole (their alt text is not the
    article's text, and the report lists them); links keep their text and lose "[" and "](url)".
    """
    spans: list[tuple[int, int, str]] = []
    masked = list(text)

    def take(start: int, end: int, kind: str) -> None:
        spans.append((start, end, kind))
        masked[start:end] = "\0" * (end - start)

    for pattern, kind in ((_MD_CODE, "code mark"), (_MD_IMAGE, "image"), (_MD_LINK, "link"),
                          (_MD_STRONG, "emphasis"), (_MD_EM, "emphasis")):
        for m in list(pattern.finditer("".join(masked))):
            groups = ("open", "close") if m.groupdict().get("open") is not None else ("uopen", "uclose")
            if kind != "image" and any("\0" in m.group(g) for g in groups):
                continue  # its marks would take marks already taken ("[x][`label`]"): leave it as text
            if kind == "image":
                take(m.start(), m.end(), kind)
                continue
            opening, closing = ("open", "close") if m.group("open") is not None else ("uopen", "uclose")
            take(m.start(opening), m.end(opening), kind)
            take(m.start(closing), m.end(closing), kind)
            if kind == "code mark":  # no markup is read inside code
                masked[m.start("text"):m.end("text")] = "\1" * (m.end("text") - m.start("text"))
    for m in _MD_ESCAPE.finditer("".join(masked)):
        take(m.start(), m.end(), "escape")
    kept, last = [], 0
    for start, end, kind in sorted(spans):
        markup.append(Markup(line, base + start, base + end, kind, text[start:end]))
        kept.append(text[last:start])
        last = end
    kept.append(text[last:])
    return " ".join("".join(kept).split())


def _split_markdown(text: str) -> tuple[list[Unit], list[tuple[int, int, str]], list[Markup]]:
    """Blocks from Markdown: its marks say what is a heading or a list item, so nothing is guessed.

    Lines with no blank line between them are one paragraph, or one list item (a hard-wrapped item, lazy
    or indented, continues on its next line however that line starts, so an item ending with "," goes on
    there). Nested items become items of the flat list the source format has; the report says how deep.
    """
    units: list[Unit] = []
    joined: list[tuple[int, int, str]] = []
    markup: list[Markup] = []
    current: Unit | None = None
    indents: list[int] = []  # the indents of the open lists, outermost first
    group = 0

    def removed(n: int, why: str) -> None:
        units.append(Unit([(n, "")], group, removed_by=why, fixed=True))

    fence = ""  # the open code fence, "```" or "~~~": lines inside are text as they stand, marks and all
    for n, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if fence or re.match(r"(`{3,}|~{3,})", line):
            opening = re.match(r"(`{3,}|~{3,})", line)
            if fence and line.startswith(fence) and not line.strip(fence[0]):
                fence = ""
            elif not fence and opening:
                fence = opening.group(1)
            else:
                if line:
                    current = current if current is not None else Unit([], group, fixed=True)
                    if not current.lines:
                        units.append(current)
                    current.lines.append((n, line))
                continue
            removed(n, "code fence (markup)")
            current = None
            continue
        if not line:
            current, group = None, group + 1
            continue
        lead = len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip())
        if current is not None and current.kind == "paragraph" and re.fullmatch(r"=+|-+", line) and lead < 4:
            # "Title" over "=====" or "-----": the paragraph above is a heading, the line its underline.
            current.kind, current.level = "heading", 1 if line[0] == "=" else 2
            removed(n, "heading underline (markup)")
            current = None
            continue
        if _MD_BREAK.match(raw):
            removed(n, "thematic break (markup)")
            current = None
            continue
        if _MD_LINK_DEFINITION.match(raw):
            removed(n, "link definition (markup)")
            current = None
            continue
        if re.fullmatch(r"\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?)?\s*", line):
            removed(n, "table rule (markup)")
            continue
        base = 0
        if quote := re.match(r"(?:>[ \t]?)+", line):
            markup.append(Markup(n, 0, quote.end(), "quote marker", quote.group(0)))
            base = quote.end()
        body = line[base:]
        heading = _MD_HEADING.match(body) if lead < 4 else None
        item = _MD_ITEM.match(body) or _MD_ITEM.match(body + " \0")  # "-" alone: the item's text is below
        if heading and not heading.group("text").strip("# \t"):
            removed(n, "empty heading (markup)")
            current = None
            continue
        if heading:
            markup.append(Markup(n, base, base + heading.end("open"), "heading hashes", heading.group("open")))
            if heading.group("close"):
                markup.append(Markup(n, base + heading.start("close"), base + heading.end("close"),
                                     "heading hashes", heading.group("close")))
            words = _md_inline(n, heading.group("text"), markup, base + heading.start("text"))
            units.append(Unit([(n, words)], group, kind="heading", level=len(heading.group("open").strip()),
                              fixed=True))
            current, indents = None, []
            continue
        if item and not (current is not None and current.kind == "paragraph" and lead >= 4):
            while indents and indents[-1] > lead:
                indents.pop()
            if not indents or indents[-1] < lead:
                indents.append(lead)
            end = min(base + item.start("text"), len(line))
            markup.append(Markup(n, base, end, "list marker", line[base:end]))
            words = _md_inline(n, item.group("text"), markup, base + item.start("text")).removesuffix("\0")
            number = int(item.group("number")) if item.group("number") else 0
            current = Unit([(n, words)], group, kind="item", number=number, depth=len(indents) - 1, fixed=True)
            units.append(current)
            continue
        words = _md_inline(n, body, markup, base)
        if not words and any(m.line == n and m.kind == "image" for m in markup):
            markup[:] = [m for m in markup if m.line != n]  # the whole line is listed as removed instead
            removed(n, "image (markup)")
            continue
        if current is not None:
            why = f"a {'list item' if current.kind == 'item' else 'paragraph'} wrapped over two lines"
            if current.lines[-1][1].endswith(","):
                why += " (the line before ends with a comma)"
            current.lines.append((n, words))
            joined.append((n, current.line, why))
            continue
        if not (lead >= 2 and indents):
            indents = []  # an indented paragraph after a blank line belongs to the open item: the list goes on
        current = Unit([(n, words)], group, fixed=True)
        units.append(current)
    for unit in units:
        if not unit.removed_by and not unit.text:  # "-" alone, or "**" alone: marks around no words
            unit.removed_by = "markup with no text (markup)"
    return units, joined, markup
