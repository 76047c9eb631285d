"""Synthetic Concordance corpora in the project's real formats, for benchmarks and format tests.

`generate(dest, n_sources)` writes a complete project folder that the real hooks build: a copy of this
repository's mkdocs.yml, hooks/ and hand-written docs/ (without docs/topics), plus

* sources/<id>.md: article-length text (about 1,200 words) with front matter, `##`-headings, paragraphs,
  bullet and numbered list items, curly apostrophes, dashes and figures ("30 percent", "four weeks");
* docs/topics/<id>.md: about one topic per source, about ten claims per source in all, each claim with
  1-4 positions whose quotes are sampled word for word from the sources (sometimes typed with straight
  apostrophes and hyphens, as a maintainer would) and unique in their source; mostly "supports", some
  "contradicts" and "qualifies"; related topics and `mentions:` phrases.

The same (n_sources, seed) always gives the same files. Run `python bench/generate.py OUT --sources 100`.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from concordance.text import BLOCK_BREAK, normalise

ROOT = Path(__file__).resolve().parent.parent

# Words to build sentences from. Sentences are random draws, so any stretch of 8+ words is (checked to be)
# unique within its article; the vocabulary is large enough to keep the text from looking like a loop.
NOUNS = """patient patients clinician clinicians doctor nurse therapist study studies trial trials dose doses
infusion infusions session sessions treatment treatments therapy response relapse remission symptom symptoms
mood brain receptor receptors pathway mechanism evidence review analysis outcome outcomes effect effects risk
risks benefit benefits cost costs insurer insurance clinic clinics program protocol guideline guidelines
researcher researchers hospital ward family families caregiver memory sleep appetite anxiety depression
episode episodes medication medications prescription pharmacy spray tablet injection lozenge monitoring
blood pressure heart rate dissociation perception awareness craving tolerance dependence bladder liver
kidney follow-up visit visits appointment schedule week month year decade placebo control group sample
participant participants cohort registry record records measure scale score scores questionnaire interview
report reports article journal editor reader question answer debate consensus caution warning limit limits
window plasticity connection connections synapse signal signals chemistry glutamate serotonin network
network habit routine exercise diet support counselling coaching integration preparation recovery access
waitlist price budget fee fees coverage claim claims policy regulator agency approval label label setting
settings home office community region country city area practice practices standard standards model""".split()

VERBS = """shows suggests finds reports notes argues claims observes describes confirms questions doubts limits
improves reduces raises lowers delays speeds eases worsens predicts explains supports challenges qualifies
extends shortens affects changes measures tracks follows compares matches exceeds requires allows prevents
increases decreases stabilises restores triggers blocks boosts weakens strengthens offers provides needs
reaches misses outlasts precedes follows accompanies replaces complements guides informs shapes frames""".split()

ADJECTIVES = """rapid slow modest strong weak lasting brief early late careful cautious bold clear unclear mixed
consistent inconsistent small large major minor common rare serious mild severe acute chronic repeated single
weekly monthly daily initial final typical unusual reliable uncertain promising limited broad narrow recent
older newer standard experimental supervised unsupervised private public local national clinical practical
measurable noticeable durable fragile gradual sudden partial complete relative absolute modest robust""".split()

ADVERBS = """often rarely usually sometimes frequently occasionally consistently clearly largely partly mostly
slightly strongly quickly slowly gradually repeatedly generally typically reportedly apparently""".split()

LINKS = """and but while although because since whereas so yet though when after before until unless""".split()
PREPS = """in for with without during after before among across within beyond under over between against""".split()
DETS = """the a this that each every some many most few several""".split()

KINDS = ["clinic marketing page", "newspaper feature", "physician's article on a personal site",
         "university news release", "patient advocacy blog", "magazine explainer", "research summary",
         "treatment centre blog", "health insurer guide", "podcast transcript"]
PUBLISHER_WORDS = ["Health", "Times", "Review", "Clinic", "Institute", "Journal", "Post", "Network", "Centre",
                   "Wellness", "Herald", "Press", "Daily", "Monitor", "Foundation"]
SYLLABLES = ["ba", "ke", "ri", "mo", "tu", "za", "ve", "lo", "ni", "sa", "do", "pe", "ga", "fi", "ru", "ta",
             "xe", "yo", "qua", "vi", "lem", "dor", "nax", "tel", "mir", "sol", "ven", "tor"]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "eight", "ten", "twelve"]
# Stances after the first (which always supports): mostly agreement, some dissent and caveats.
STANCE_WEIGHTS = {"supports": 0.6, "contradicts": 0.2, "qualifies": 0.2}
POSITION_COUNTS = {1: 0.3, 2: 0.35, 3: 0.22, 4: 0.13}
CURLY = {"\u2019": "'", "\u2014": "-", "\u2013": "-"}  # what a maintainer types for the article's characters


def fold(text: str) -> str:
    """What the engine matches quotes under: its own normalisation, not a copy of it."""
    return normalise(text)


@dataclass
class Block:
    kind: str  # "heading" | "paragraph" | "item"
    sentences: list[str]
    marker: str = ""  # "## ", "- " or "1. "

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


@dataclass
class Article:
    id: str
    blocks: list[Block]
    front: dict[str, object]
    used: set[tuple[int, int]] = field(default_factory=set)  # (block, sentence) already quoted
    quotes: list[str] = field(default_factory=list)
    folded: str = ""

    def markdown(self) -> str:
        lines = ["---"]
        for key, value in self.front.items():
            if isinstance(value, list):
                lines.append(f"{key}:")
                lines += [f"  - {json.dumps(v, ensure_ascii=False)}" for v in value]
            else:
                lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
        lines.append("---")
        previous = ""
        for block in self.blocks:
            # A blank line between blocks, except between items of one list.
            if not (block.kind == "item" and previous == "item"):
                lines.append("")
            lines.append(block.marker + block.text)
            previous = block.kind
        return "\n".join(lines) + "\n"


class Writer:
    """Random but reproducible prose."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def figure(self) -> str:
        r = self.rng
        return r.choice([
            f"{r.randint(5, 95)} percent",
            f"{r.randint(2, 40)}–{r.randint(41, 90)}%",
            f"{r.choice(NUMBER_WORDS)} to {r.randint(8, 16)} weeks",
            f"{r.randint(2, 12)} sessions",
            f"0.{r.randint(1, 9)} mg/kg",
            f"${r.randint(2, 9)}{r.randint(0, 9)}0",
            f"{r.choice(NUMBER_WORDS)} hours",
            f"at least {r.randint(2, 30)} days",
        ])

    def clause(self) -> list[str]:
        r = self.rng
        words = [r.choice(DETS), r.choice(ADJECTIVES), r.choice(NOUNS)]
        if r.random() < 0.4:
            words.append(r.choice(ADVERBS))
        words.append(r.choice(VERBS))
        words += [r.choice(DETS), r.choice(NOUNS)]
        if r.random() < 0.6:
            words += [r.choice(PREPS), r.choice(ADJECTIVES), r.choice(NOUNS)]
        return words

    def sentence(self, term: str = "") -> str:
        r = self.rng
        words = self.clause()
        if r.random() < 0.5:
            words += [r.choice(LINKS), *self.clause()]
        if r.random() < 0.2:
            at = r.randrange(2, len(words))
            words[at:at] = self.figure().split()
        if r.random() < 0.1:
            i = r.randrange(len(words))
            words[i] = words[i] + "\u2019s"
        if r.random() < 0.08:
            i = r.randrange(2, len(words) - 1)
            words[i] = words[i] + " \u2014"
        if term:
            words[r.randrange(1, len(words))] += f" {term}"
        text = " ".join(words)
        return text[0].upper() + text[1:] + r.choice(".......?!")

    def title(self, n: int) -> str:
        words = [self.rng.choice(ADJECTIVES + NOUNS) for _ in range(n)]
        return " ".join(w.capitalize() if i == 0 or len(w) > 3 else w for i, w in enumerate(words))


def pseudo_word(rng: random.Random, taken: set[str]) -> str:
    while True:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4)))
        if word not in taken:
            taken.add(word)
            return word


def make_article(w: Writer, index: int, terms: list[str]) -> Article:
    r = w.rng
    source_id = f"{r.choice(NOUNS)}-{r.choice(ADJECTIVES)}-{index:04d}"
    publisher = f"{w.title(1)} {r.choice(PUBLISHER_WORDS)}"
    commercial = r.random() < 0.25
    front: dict[str, object] = {"title": w.title(r.randint(4, 8))}
    if r.random() < 0.7:
        front["author"] = f"Dr. {w.title(1)} {w.title(1)}"
    front["publisher"] = publisher
    if r.random() < 0.6:
        front["url"] = f"https://example.org/articles/{source_id}"
    front["kind"] = r.choice(KINDS)
    front["interests"] = ("The publisher runs treatment clinics and sells the therapy." if commercial
                          else "No commercial interest is visible in the text.")
    if r.random() < 0.5:
        front["published"] = f"20{r.randint(15, 25)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
    if r.random() < 0.4:
        front["cites"] = [f"{w.title(3)} study ({r.randint(2005, 2025)})" for _ in range(r.randint(1, 4))]
    pending = list(terms)  # each topic term this article should speak of, once or twice
    blocks: list[Block] = []

    def sentence() -> str:
        term = pending.pop() if pending and r.random() < 0.3 else ""
        return w.sentence(term)

    blocks.append(Block("paragraph", [sentence() for _ in range(r.randint(3, 6))]))
    for _ in range(r.randint(4, 6)):
        blocks.append(Block("heading", [w.title(r.randint(3, 7))], "## "))
        for _ in range(r.randint(2, 4)):
            blocks.append(Block("paragraph", [sentence() for _ in range(r.randint(3, 6))]))
        if r.random() < 0.45:
            numbered = r.random() < 0.4
            for n in range(1, r.randint(3, 5) + 1):
                blocks.append(Block("item", [sentence()], f"{n}. " if numbered else "- "))
    for term in pending:  # terms not yet placed go into a closing paragraph
        blocks.append(Block("paragraph", [w.sentence(term)]))
    article = Article(source_id, blocks, front)
    article.folded = BLOCK_BREAK.join(fold(b.text) for b in blocks)
    return article


def pick_quote(rng: random.Random, article: Article) -> str | None:
    """A stretch of one sentence (or all of it), unique in the article; None when none is left."""
    candidates = [(b, s) for b, block in enumerate(article.blocks) if block.kind != "heading"
                  for s in range(len(block.sentences)) if (b, s) not in article.used]
    rng.shuffle(candidates)
    for b, s in candidates[:20]:
        words = article.blocks[b].sentences[s].split()
        if len(words) > 14 and rng.random() < 0.6:
            size = rng.randint(8, min(20, len(words) - 1))
            start = rng.randint(0, len(words) - size)
            quote = " ".join(words[start:start + size])
        else:
            quote = " ".join(words)
        if article.folded.count(fold(quote)) != 1:
            continue
        article.used.add((b, s))
        if rng.random() < 0.3:  # typed by a maintainer: straight apostrophes and hyphens
            for curly, straight in CURLY.items():
                quote = quote.replace(curly, straight)
        article.quotes.append(quote)
        return quote
    return None


@dataclass
class Manifest:
    """What was generated, for tests and the benchmark to check against."""

    sources: list[str]
    topics: list[str]
    claims: dict[str, list[tuple[str, str, str]]]  # claim id -> [(source, stance, quote)]

    @property
    def positions(self) -> int:
        return sum(len(p) for p in self.claims.values())


def yaml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def copy_site_setup(dest: Path, repo: Path = ROOT) -> None:
    """The repository's mkdocs.yml, hooks/ and hand-written pages (docs/ without docs/topics)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(repo / "mkdocs.yml", dest / "mkdocs.yml")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(repo / "hooks", dest / "hooks", ignore=ignore, dirs_exist_ok=True)
    shutil.copytree(repo / "overrides", dest / "overrides", dirs_exist_ok=True)
    shutil.copytree(repo / "docs", dest / "docs", ignore=shutil.ignore_patterns("topics", "__pycache__"),
                    dirs_exist_ok=True)


def generate(dest: Path, n_sources: int, *, seed: int = 1, claims_per_source: int = 10,
             repo: Path = ROOT) -> Manifest:
    if n_sources < 1:
        raise ValueError("at least one source")
    rng = random.Random(f"{seed}-{n_sources}")
    w = Writer(rng)
    if dest.exists():
        for sub in ("sources", "docs"):
            shutil.rmtree(dest / sub, ignore_errors=True)
    copy_site_setup(dest, repo)
    (dest / "sources").mkdir()
    (dest / "docs" / "topics").mkdir()

    n_topics = n_sources
    pool_size = min(n_sources, 6)
    taken: set[str] = set()
    terms = [pseudo_word(rng, taken) for _ in range(n_topics)]
    # Topic t draws on the sources t .. t+5: each source is in about six topics' pools, and speaks of them.
    pools = [[(t + k) % n_sources for k in range(pool_size)] for t in range(n_topics)]
    terms_of: list[list[str]] = [[] for _ in range(n_sources)]
    for t, pool in enumerate(pools):
        for s in pool[: max(1, pool_size // 2)]:
            terms_of[s].append(terms[t])
    articles = [make_article(w, i, terms_of[i]) for i in range(n_sources)]
    for article in articles:
        (dest / "sources" / f"{article.id}.md").write_text(article.markdown(), encoding="utf-8")

    total = claims_per_source * n_sources
    sizes = [rng.randint(7, 13) for _ in range(n_topics)]
    while sum(sizes) != total:  # nudge to exactly `total` claims, keeping every topic between 3 and 20
        i = rng.randrange(n_topics)
        if sum(sizes) > total and sizes[i] > 3:
            sizes[i] -= 1
        elif sum(sizes) < total and sizes[i] < 20:
            sizes[i] += 1
    topic_ids = [f"{rng.choice(NOUNS)}-{rng.choice(NOUNS)}-{t:04d}" for t in range(n_topics)]
    manifest = Manifest([a.id for a in articles], topic_ids, {})
    stances, stance_weights = list(STANCE_WEIGHTS), list(STANCE_WEIGHTS.values())
    for t, topic_id in enumerate(topic_ids):
        title = f"How does {w.title(2).lower()} affect {rng.choice(NOUNS)} {rng.choice(NOUNS)}?"
        related = sorted({topic_ids[(t + d) % n_topics] for d in rng.sample([1, 2, 3, -1, -2], rng.randint(0, 3))}
                         - {topic_id}) if n_topics > 1 else []
        lines = ["---", f"title: {yaml_str(title.capitalize())}"]
        if related:
            lines.append(f"related: [{', '.join(related)}]")
        lines.append(f"mentions: [{terms[t]}]")
        lines.append("claims:")
        for c in range(sizes[t]):
            k = rng.choices(list(POSITION_COUNTS), weights=list(POSITION_COUNTS.values()))[0]
            speakers = rng.sample(pools[t], min(k, len(pools[t])))
            claim_id = f"{topic_id}-c{c + 1:02d}-{rng.choice(ADJECTIVES)}-{rng.choice(NOUNS)}"
            statement = w.sentence().rstrip(".?!") + "."
            positions = []
            for i, s in enumerate(speakers):
                article = articles[s]
                stance = "supports" if i == 0 else rng.choices(stances, weights=stance_weights)[0]
                quote = None
                if article.quotes and rng.random() < 0.05:  # one passage cited by two claims
                    quote = rng.choice(article.quotes)
                quote = quote or pick_quote(rng, article)
                if quote is None:
                    continue
                positions.append((article.id, stance, quote))
            if not positions:
                continue
            manifest.claims[claim_id] = positions
            lines += [f"  - id: {claim_id}", f"    statement: {yaml_str(statement)}", "    positions:"]
            for source, stance, quote in positions:
                lines += [f"      - source: {source}", f"        stance: {stance}",
                          f"        quote: {yaml_str(quote)}"]
                if rng.random() < 0.1:
                    lines.append(f"        note: {yaml_str(w.sentence())}")
        lines.append("---")
        summary = " ".join(w.sentence() for _ in range(rng.randint(2, 4)))
        lines += [f"The sources compared here on {terms[t]} mostly agree. {summary}", ""]
        if rng.random() < 0.5:
            lines += [f"**In short:** {w.sentence()}", ""]
        (dest / "docs" / "topics" / f"{topic_id}.md").write_text("\n".join(lines), encoding="utf-8")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path, help="the project folder to write")
    parser.add_argument("--sources", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    m = generate(args.dest, args.sources, seed=args.seed)
    print(f"{args.dest}: {len(m.sources)} sources, {len(m.topics)} topics, {len(m.claims)} claims, "
          f"{m.positions} positions")


if __name__ == "__main__":
    main()
