"""A site's identity and editorial policy, in one place: `extra: concordance:` in mkdocs.yml.

Nothing in the engine, the templates, the CSS or the JavaScript names a subject; everything a site says about
its own subject (its name for it, the notice on every page, the crisis note, the glossary, the trusted
references, the editorial rules its checks enforce) comes from here. A new site starts lenient.

    extra:
      concordance:
        subject: a treatment for a condition
        notice: >-                         # shown on every page; leave out for none
          A comparison of published articles, not medical advice.
        crisis:                            # optional: a note on pages whose text mentions these words
          note: If you are in crisis, call your local emergency number ...
          words: [crisis, emergency]
        references:                        # optional: context from outside the compared articles
          - title: The regulator's label for the drug
            url: https://...
        glossary: docs/includes/abbreviations.md
        no_interest: ["none", "no commercial", "no "]   # how a profile says it has no commercial interest
        policy:                            # what `make check` and `make test` enforce for this site
          min_quoted_share: 0.9            # of each article's sentences, 0 to 1
          require: [cites]                 # source fields every source must fill
          require_topic: [answer, related] # topic fields every topic must fill
          glossary_complete: true          # every abbreviation in a summary or statement is in the glossary
          min_topics: 12
          min_sources: 2
          min_answer_reading_ease: 60      # Flesch reading ease of every topic's answer
          no_advice: true                  # no "you should", "we recommend" in maintainers' words
          all_sources_cited: true          # every source has at least one position
          no_review_left: true             # no source keeps fields in `review:`
          summaries_reviewed: true         # every topic's summary reviewed since its verdicts last changed
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import ConcordanceError

CONFIG_FILE = "mkdocs.yml"
WHERE = "extra.concordance"
SOURCE_FIELDS_REQUIRABLE = ("author", "url", "published", "cites", "short", "caveats")
TOPIC_FIELDS_REQUIRABLE = ("answer", "headline", "related", "mentions")


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
    require_topic: tuple[str, ...] = ()
    glossary_complete: bool = False
    min_topics: int = 0
    min_sources: int = 0
    min_answer_reading_ease: float = 0.0
    no_advice: bool = False
    all_sources_cited: bool = False
    no_review_left: bool = False
    summaries_reviewed: bool = False


@lru_cache(maxsize=4096)
def _states_interest(interests: str, no_interest: tuple[str, ...]) -> bool:
    """SiteConfig.has_interest, remembered: a site has a few wordings of interests, read for every quote."""
    text = " ".join(interests.lower().split())
    return bool(text) and not text.startswith(no_interest)


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
        return _states_interest(interests, self.no_interest)

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
    known = set(Policy.__dataclass_fields__)
    for key in raw:
        if key not in known:
            raise ConcordanceError(path, f"unknown field '{key}' in '{WHERE}.policy'. Known fields: "
                                   f"{', '.join(sorted(known))}.")
    values: dict[str, Any] = {}
    for key in ("min_quoted_share",):
        share = raw.get(key, 0.0)
        if not isinstance(share, (int, float)) or isinstance(share, bool) or not 0 <= share <= 1:
            raise ConcordanceError(path, f"'{WHERE}.policy.{key}' must be a number from 0 to 1.")
        values[key] = float(share)
    ease = raw.get("min_answer_reading_ease", 0.0)
    if not isinstance(ease, (int, float)) or isinstance(ease, bool) or not 0 <= ease <= 100:
        raise ConcordanceError(path, f"'{WHERE}.policy.min_answer_reading_ease' must be a number from 0 to 100.")
    values["min_answer_reading_ease"] = float(ease)
    for key, allowed in (("require", SOURCE_FIELDS_REQUIRABLE), ("require_topic", TOPIC_FIELDS_REQUIRABLE)):
        listed = raw.get(key) or []
        if not isinstance(listed, list) or any(r not in allowed for r in listed):
            raise ConcordanceError(path, f"'{WHERE}.policy.{key}' lists fields, from: {', '.join(allowed)}.")
        values[key] = tuple(listed)
    for key in ("min_topics", "min_sources"):
        value = raw.get(key, 0)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ConcordanceError(path, f"'{WHERE}.policy.{key}' must be a whole number.")
        values[key] = value
    for key in ("glossary_complete", "no_advice", "all_sources_cited", "no_review_left", "summaries_reviewed"):
        flag = raw.get(key, False)
        if not isinstance(flag, bool):
            raise ConcordanceError(path, f"'{WHERE}.policy.{key}' must be true or false.")
        values[key] = flag
    return Policy(**values)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without a site generator: its tags (!ENV, !relative, python names) are left unread."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_site_config(root: Path) -> SiteConfig:
    """The site config of a project folder, read from its mkdocs.yml (for commands run outside a build)."""
    path = root / CONFIG_FILE
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader
    except OSError as e:
        raise ConcordanceError(path, f"cannot be read ({e.strerror}).") from None
    except yaml.YAMLError as e:
        raise ConcordanceError(path, f"is not valid YAML ({getattr(e, 'problem', e)}).") from None
    extra = data.get("extra") if isinstance(data, dict) else None
    return SiteConfig.from_mapping(extra.get("concordance") if isinstance(extra, dict) else None, CONFIG_FILE)


def read_glossary(path: Path) -> dict[str, str]:
    """The '*[TERM]: meaning' lines the abbr extension appends to every page (the site's glossary file)."""
    if not path.is_file():
        return {}
    terms = re.findall(r"^\*\[([^\]]+)\]:\s*(.+)$", path.read_text(encoding="utf-8"), re.M)
    return {term: meaning.strip() for term, meaning in terms}
