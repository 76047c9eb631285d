"""A site's identity and editorial policy, in one place: `extra: concordance:` in mkdocs.yml.

Nothing in the engine, the templates, the CSS or the JavaScript names a subject; everything a site says about
its own subject (its name for it, the notice on every page, the crisis note, the glossary, the trusted
references, the editorial rules its checks enforce) comes from here. A new site starts lenient.

    extra:
      concordance:
        subject: ketamine for depression
        notice: >-                         # shown on every page; leave out for none
          A comparison of published articles, not medical advice.
        crisis:                            # optional: a note on pages whose text mentions these words
          note: If you are thinking about suicide, call or text 988 (US) ...
          words: [suicidal, suicide]
        references:                        # optional: context from outside the compared articles
          - title: FDA label for Spravato
            url: https://...
        glossary: docs/includes/abbreviations.md
        no_interest: ["none", "no commercial", "no "]   # how a profile says it has no commercial interest
        policy:                            # what `make check` and `make test` enforce for this site
          min_quoted_share: 0.9            # of each article's sentences, 0 to 1
          require: [cites]                 # source fields every source must fill
          glossary_complete: true          # every abbreviation in a summary is in the glossary
          min_topics: 12
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConcordanceError

CONFIG_FILE = "mkdocs.yml"
WHERE = "extra.concordance"
SOURCE_FIELDS_REQUIRABLE = ("author", "url", "published", "cites", "short")


@dataclass(frozen=True)
class Reference:
    title: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class Crisis:
    note: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Policy:
    """A site's editorial rules. Every one is off unless the site sets it."""

    min_quoted_share: float = 0.0
    require: tuple[str, ...] = ()
    glossary_complete: bool = False
    min_topics: int = 0
    min_sources: int = 0


@dataclass(frozen=True)
class SiteConfig:
    subject: str = ""
    notice: str = ""
    crisis: Crisis | None = None
    references: tuple[Reference, ...] = ()
    glossary: str = "docs/includes/abbreviations.md"
    no_interest: tuple[str, ...] = ("none", "no commercial", "no ")
    policy: Policy = field(default_factory=Policy)

    def has_interest(self, interests: str) -> bool:
        """Whether a profile's `interests` states a commercial interest: anything but the site's wordings
        for none ("None visible", "No commercial interest is visible")."""
        text = " ".join(interests.lower().split())
        return bool(text) and not text.startswith(self.no_interest)

    @classmethod
    def from_mapping(cls, data: Any, path: Path | str = CONFIG_FILE) -> SiteConfig:
        """The config from `extra.concordance` (absent: the defaults). Mistakes stop with one line."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ConcordanceError(path, f"'{WHERE}' must be fields (subject:, notice:, ...), not a "
                                   f"{type(data).__name__}.")
        known = {"subject", "notice", "crisis", "references", "glossary", "no_interest", "policy"}
        for key in data:
            if key not in known:
                raise ConcordanceError(path, f"unknown field '{key}' in '{WHERE}'. Known fields: "
                                       f"{', '.join(sorted(known))}.")

        def text(value: Any, name: str) -> str:
            if value is None:
                return ""
            if not isinstance(value, (str, int, float)):
                raise ConcordanceError(path, f"'{WHERE}.{name}' must be text, not a {type(value).__name__}.")
            return " ".join(str(value).split())

        def words(value: Any, name: str) -> tuple[str, ...]:
            if value is None:
                return ()
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConcordanceError(path, f"'{WHERE}.{name}' must be a list of words, like [a, b].")
            return tuple(value)

        crisis = None
        if data.get("crisis") is not None:
            raw = data["crisis"]
            if not isinstance(raw, dict) or not raw.get("note"):
                raise ConcordanceError(path, f"'{WHERE}.crisis' needs 'note:' (the text) and 'words:' (the words "
                                       "that make a page show it).")
            crisis = Crisis(text(raw.get("note"), "crisis.note"), words(raw.get("words"), "crisis.words"))
        references = []
        for raw in data.get("references") or []:
            if not isinstance(raw, dict) or not raw.get("title") or not raw.get("url"):
                raise ConcordanceError(path, f"each of '{WHERE}.references' needs 'title:' and 'url:'.")
            url = text(raw["url"], "references.url")
            if not url.startswith(("https://", "http://")):
                raise ConcordanceError(path, f"reference url '{url}' is not a web address.")
            references.append(Reference(text(raw["title"], "references.title"), url,
                                        text(raw.get("note"), "references.note")))
        policy = _policy(data.get("policy"), path)
        defaults = cls()
        return cls(subject=text(data.get("subject"), "subject"), notice=text(data.get("notice"), "notice"),
                   crisis=crisis, references=tuple(references),
                   glossary=text(data.get("glossary"), "glossary") or defaults.glossary,
                   no_interest=tuple(w.lower() for w in words(data.get("no_interest"), "no_interest"))
                   or defaults.no_interest,
                   policy=policy)


def _policy(raw: Any, path: Path | str) -> Policy:
    if raw is None:
        return Policy()
    if not isinstance(raw, dict):
        raise ConcordanceError(path, f"'{WHERE}.policy' must be fields (min_quoted_share:, require:, ...).")
    known = {"min_quoted_share", "require", "glossary_complete", "min_topics", "min_sources"}
    for key in raw:
        if key not in known:
            raise ConcordanceError(path, f"unknown field '{key}' in '{WHERE}.policy'. Known fields: "
                                   f"{', '.join(sorted(known))}.")
    share = raw.get("min_quoted_share", 0.0)
    if not isinstance(share, (int, float)) or isinstance(share, bool) or not 0 <= share <= 1:
        raise ConcordanceError(path, f"'{WHERE}.policy.min_quoted_share' must be a number from 0 to 1.")
    require = raw.get("require") or []
    if not isinstance(require, list) or any(r not in SOURCE_FIELDS_REQUIRABLE for r in require):
        raise ConcordanceError(path, f"'{WHERE}.policy.require' lists source fields, from: "
                               f"{', '.join(SOURCE_FIELDS_REQUIRABLE)}.")
    counts = {}
    for key in ("min_topics", "min_sources"):
        value = raw.get(key, 0)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ConcordanceError(path, f"'{WHERE}.policy.{key}' must be a whole number.")
        counts[key] = value
    glossary_complete = raw.get("glossary_complete", False)
    if not isinstance(glossary_complete, bool):
        raise ConcordanceError(path, f"'{WHERE}.policy.glossary_complete' must be true or false.")
    return Policy(min_quoted_share=float(share), require=tuple(require), glossary_complete=glossary_complete,
                  **counts)
