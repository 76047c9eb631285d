"""A rendered page: Markdown for its structure, with slots that HTML fragments fill after Markdown has run.

Text from sources therefore never passes through the site's Markdown extensions: templates escape it and it
stays visible text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

from markupsafe import Markup

# Python-Markdown's backslash escapes: each of these, escaped, stays the character and starts no syntax
# (attribute lists, emphasis, links, code, headings' closing hashes).
_MARKDOWN_ESCAPABLE = re.compile(r"([\\`*_{}\[\]()#+\-.!>])")


def markdown_text(raw: str) -> str:
    """Untrusted text (a title, a claim statement) written into a page's Markdown so that it stays text: HTML
    escaped, and every character Markdown or an extension could read as syntax backslash-escaped. The page
    title MkDocs takes from the heading is then plain text too."""
    return _MARKDOWN_ESCAPABLE.sub(r"\\\1", escape(" ".join(raw.split()), quote=False))


def slot(name: str) -> str:
    """The placeholder a fragment replaces once Markdown has run."""
    return f'<div class="cc-slot" data-cc-slot="{_slot_name(name)}"></div>'


def _slot_name(name: str) -> str:
    """A slot's name as its placeholder holds it (and SLOT_PATTERN reads it back)."""
    return escape(name)


# A slot in a page's HTML; group 1 is its name. (bench/timing_hook.py reads slots with it too.)
SLOT_PATTERN = re.compile(r'<div class="cc-slot" data-cc-slot="([^"]*)"></div>')


@dataclass
class Page:
    markdown: str
    fragments: dict[str, Markup] = field(default_factory=dict)

    @classmethod
    def of(cls, lines: list[str], **fragments: Markup) -> Page:
        return cls("\n".join(lines), dict(fragments))

    def fill(self, html: str) -> str:
        """Put each fragment in its slot of the page's HTML, in one pass over the page."""
        by_slot = {_slot_name(name): fragment for name, fragment in self.fragments.items()}
        filled: set[str] = set()

        def put(m: re.Match[str]) -> str:
            fragment = by_slot.get(m.group(1))
            if fragment is None:
                return m.group()
            filled.add(m.group(1))
            return fragment  # Markup is a str: no copy of it is made

        html = SLOT_PATTERN.sub(put, html)
        if len(filled) != len(by_slot):
            name = next(name for name in self.fragments if _slot_name(name) not in filled)
            raise ValueError(f"slot {name!r} vanished from the rendered page")
        return html
