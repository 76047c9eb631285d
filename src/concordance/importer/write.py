"""Writing the source file: front matter and blocks, the report, the check before writing, the write itself."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml

from ..load import load_source
from ..text import slugify as text_slugify
from .model import Imported
from .wordcheck import check_words


def _yaml_line(key: str, value: str | list[str]) -> str:
    """'key: value' with the value quoted as YAML needs it (a title may hold ': ' or start with a quote)."""
    if isinstance(value, list):
        return f"{key}: [{', '.join(value)}]"  # review keys: plain field names
    return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=10_000,
                          default_flow_style=False).rstrip("\n")


def render(imported: Imported, raw_name: str) -> str:
    """The source file: front matter, then the article's blocks separated by blank lines."""
    fields = imported.fields
    head = ["---", (f"# Imported from {raw_name} by concordance.importer. Check the fields listed in 'review', "
                    "then remove them from the list.")]
    head.append(_yaml_line("title", fields["title"]))
    if "author" in fields:
        head.append(_yaml_line("author", fields["author"]))
    else:
        head.append("# author: not named in the text. Add it if the page names one elsewhere.")
    for key in ("publisher", "url", "published", "kind"):
        if key in fields:
            head.append(_yaml_line(key, fields[key]))
    if "interests" in imported.evidence:
        head.append(f"# For 'interests': {imported.evidence['interests']} (see the import report).")
    head.append(_yaml_line("interests", fields["interests"]))
    if imported.review:
        head.append(_yaml_line("review", imported.review))
    head.append("---")
    body: list[str] = []
    for kind, text, level in imported.blocks:
        if kind == "heading":
            body.append(f"{'#' * level} {text}")
        elif kind == "item":
            body.append(f"{level}. {text}" if level else f"- {text}")
        else:
            body.append(text)
    return "\n".join(head) + "\n" + "\n\n".join(body) + "\n"


def slugify(text: str) -> str:
    """A source id from a title: lower-case words joined by hyphens, at most about 50 characters."""
    return text_slugify(text, max_words=0, max_chars=50, empty="", for_title=True)


def report(imported: Imported, raw_name: str, where: str = "") -> list[str]:
    """What a person checks: every removed line with its rule, every decision about the article's shape
    (headings, list items, joins, markup dropped), and where each field came from."""
    lines = [f"Removed from {raw_name}{where} ({len(imported.removed)} lines; check that none of it is article "
             "text):"]
    width = max((len(r.rule) for r in imported.removed), default=0)
    for r in imported.removed:
        lines.append(f"  line {r.line:>4}  {r.rule:<{width}}  {r.text}")
    lines.append(f"Structure ({len(imported.structure)} decisions; every heading, list item, join and piece of "
                 "markup dropped):")
    for n, what in imported.structure:
        lines.append(f"  at line {n:>4}  {what}")
    for key in ("title", "author", "publisher", "published", "url"):
        if key in imported.evidence and key not in imported.review:
            lines.append(f"{key}: {imported.fields[key]}  (from {imported.evidence[key]})")
    return lines


def prepare(imported: Imported, raw_name: str) -> tuple[str, int]:
    """The source file's text, and how many words were checked in it.

    The text is read back with the engine's own reader (what it accepts, the site builds) and its words are
    compared with the raw text's: a file that would lose, add or change a word is refused (WordCheckError).
    """
    content = render(imported, raw_name)
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "probe.md"
        probe.write_text(content, encoding="utf-8")
        source = load_source(probe)
    return content, check_words(imported, source.title, [b.text for b in source.blocks])


def write_source(content: str, target: Path, *, force: bool) -> None:
    """Write the file; without ``force`` never over an existing one, with it by an atomic replace."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if force:
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(content)
        os.replace(tmp_name, target)
    else:
        # "x" creates the file or fails: no window in which another file of that name gets overwritten.
        with target.open("x", encoding="utf-8") as f:
            f.write(content)
