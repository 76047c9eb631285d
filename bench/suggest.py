"""`make bench-suggest`: how well each way of ranking claims finds where a source's sentences belong.

Leave one source out of the default corpus (its positions removed), rank every claim for each of its
sentences, and score against the claims it was really cited on: a sentence's gold is the set of claims
whose positions of that source overlap it. recall@k is the share of gold sentences with a gold claim among
their first k claims; stance is the share whose hint for the (best) gold claim matches the real stance.
Per source and averaged over the sources. `--hard` also scores a hand-labelled fixture: a fifth article by a
new author (tests/fixtures/suggest/), never cited in the corpus, whose sentences were labelled by hand.

Approaches: TF-IDF cosine with several claim texts (pure Python, the build's ranker), BM25 (bm25s), a static
embedding model (wordllama) and blends of the two. `--cost N` times one 3,000-word source against a
generated corpus of about N claims.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from concordance import build_analysis
from concordance.coverage import article_sentences
from concordance.suggest import ClaimIndex, Embedder, Weights, neighbours, stance_hint, terms

ROOT = Path(__file__).resolve().parent.parent

FIXTURE = ROOT / "tests" / "fixtures" / "suggest" / "hard.json"


@dataclass
class Case:
    text: str
    gold: dict[str, str]  # claim id -> stance
    context: str = ""  # the sentences before and after it in its paragraph


def loo_cases(analysis, sid: str) -> list[Case]:
    cases = []
    all_sentences = article_sentences(analysis.corpus.sources[sid])
    for k, s in enumerate(all_sentences):
        gold: dict[str, str] = {}
        for claim in analysis.corpus.claims:
            for p in claim.positions:
                passage = analysis.passage_of[p]
                if p.source == sid and passage.start < s.end and s.start < passage.end:
                    gold.setdefault(claim.id, p.stance)
        if gold:
            cases.append(Case(s.text, gold, neighbours(all_sentences, k)))
    return cases


# --- rankers: (corpus, skip_source) -> callable(texts) -> list of [claim index, ...] best first ----------


def lexical(weights: Weights, embedder=None):
    def make(corpus, skip):
        index = ClaimIndex(corpus, weights, skip_source=skip, embedder=embedder)
        return lambda cases: [[i for i, _ in row] for row in index.rank([c.text for c in cases], top=5,
                                                                       contexts=[c.context for c in cases])]
    return make


def bm25(unit: str, title: bool = True):
    """bm25s over one document per claim ("whole") or per statement/quote, a claim scoring its best ("max")."""
    import bm25s
    import numpy as np

    def make(corpus, skip):
        docs, owner = [], []
        titles = {t.id: " ".join([t.title, *t.mentions]) if title else "" for t in corpus.topics.values()}
        for i, c in enumerate(corpus.claims):
            quotes = [p.quote for p in c.positions if p.source != skip]
            texts = [" ".join([c.statement, *quotes, titles[c.topic]])] if unit == "whole" else [c.statement, *quotes]
            for t in texts:
                docs.append(terms(t) or ["_"])
                owner.append(i)
        retriever = bm25s.BM25()
        retriever.index(docs, show_progress=False)
        owner_a = np.array(owner)

        def rank(cases):
            out = []
            for text in (c.text for c in cases):
                scores = retriever.get_scores(terms(text) or ["_"])
                best = np.full(len(corpus.claims), -1.0)
                np.maximum.at(best, owner_a, scores)
                out.append([int(i) for i in np.argsort(-best, kind="stable")[:5]])
            return out
        return rank
    return make


def W(*args, **kwargs) -> Weights:
    return Weights(*args, **{"context": 0.0, **kwargs})


APPROACHES = {
    "TF-IDF, whole claim (statement + quotes + topic)": lambda e: lexical(W(0, 0, 1)),
    "TF-IDF, statement only": lambda e: lexical(W(0, 1, 0, title=False)),
    "TF-IDF, best of statement and quotes": lambda e: lexical(W(1, 0, 0)),
    "TF-IDF, whole claim without topic words": lambda e: lexical(W(0, 0, 1, title=False)),
    "TF-IDF mix 0.5 best + 0.2 statement + 0.3 whole": lambda e: lexical(W(0.5, 0.2, 0.3)),
    "TF-IDF mix 0.3 best + 0.1 statement + 0.6 whole": lambda e: lexical(W(0.3, 0.1, 0.6)),
    "BM25 (bm25s), whole claim": lambda e: bm25("whole"),
    "BM25 (bm25s), best of statement and quotes": lambda e: bm25("max"),
    "wordllama, best of statement and quotes": lambda e: lexical(W(0, 0, 0, embedding=1.0), e),
    "TF-IDF mix 0.3/0.1/0.6 + context 0.3": lambda e: lexical(W(0.3, 0.1, 0.6, context=0.3)),
    "TF-IDF mix 0.3/0.1/0.6 + context 0.5": lambda e: lexical(W(0.3, 0.1, 0.6, context=0.5)),
    "TF-IDF mix 0.3/0.1/0.6 + context 0.5 + 0.3 wordllama": lambda e: lexical(W(0.3, 0.1, 0.6, context=0.5, embedding=0.3), e),
    "TF-IDF mix 0.3/0.1/0.6 + context 0.5 + 0.2 wordllama": lambda e: lexical(W(0.3, 0.1, 0.6, context=0.5, embedding=0.2), e),
    "TF-IDF mix 0.3/0.1/0.6 + context 0.5 + 0.15 wordllama": lambda e: lexical(W(0.3, 0.1, 0.6, context=0.5, embedding=0.15), e),
    "TF-IDF mix 0.3/0.1/0.6 + context 0.5 + 0.5 wordllama": lambda e: lexical(W(0.3, 0.1, 0.6, context=0.5, embedding=0.5), e),
    "TF-IDF mix 0.3/0.1/0.6 + context 0.7": lambda e: lexical(W(0.3, 0.1, 0.6, context=0.7)),
    "TF-IDF whole + context 0.5": lambda e: lexical(W(0, 0, 1, context=0.5)),
}


def score(rank, cases: list[Case], corpus, skip) -> dict[str, float]:
    ids = [c.id for c in corpus.claims]
    by_id = {c.id: c for c in corpus.claims}
    ranked = rank(cases)
    hit1 = hit3 = stance = always = 0
    for case, row in zip(cases, ranked):
        top = [ids[i] for i in row]
        hit1 += any(g in top[:1] for g in case.gold)
        hit3 += any(g in top[:3] for g in case.gold)
        # The hint is judged on the gold claim the ranking put highest (else the first gold claim).
        gold = next((cid for cid in top if cid in case.gold), next(iter(case.gold)))
        stance += stance_hint(case.text, by_id[gold], skip_source=skip).stance == case.gold[gold]
        always += case.gold[gold] == "supports"
    n = max(1, len(cases))
    return {"n": len(cases), "r1": hit1 / n, "r3": hit3 / n, "stance": stance / n, "always_supports": always / n}


def hard_cases(analysis) -> list[Case]:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    known = {c.id for c in analysis.corpus.claims}
    cases = []
    for item in data["sentences"]:
        gold = {g["claim"]: g["stance"] for g in item["claims"] if g["claim"] in known}
        if gold:
            cases.append(Case(item["text"], gold))
    return cases


def quality(args) -> dict:
    analysis = build_analysis(ROOT / "sources", ROOT / "docs" / "topics")
    corpus = analysis.corpus
    embedder = Embedder() if Embedder.available() else None
    results: dict[str, dict] = {}
    for name, factory in APPROACHES.items():
        if "wordllama" in name and embedder is None:
            continue
        make = factory(embedder)
        per = {}
        for sid in corpus.sources:
            per[sid] = score(make(corpus, sid), loo_cases(analysis, sid), corpus, sid)
        mean = {k: sum(p[k] for p in per.values()) / len(per) for k in ("r1", "r3", "stance", "always_supports")}
        row = {"sources": per, "mean": mean}
        if args.hard and FIXTURE.exists():
            row["hard"] = score(make(corpus, None), hard_cases(analysis), corpus, None)
        results[name] = row
        print(f"{name}: mean r@1 {mean['r1']:.2f} r@3 {mean['r3']:.2f} stance {mean['stance']:.2f}"
              + (f" | hard r@1 {row['hard']['r1']:.2f} r@3 {row['hard']['r3']:.2f}" if "hard" in row else ""),
              file=sys.stderr)
    return results


def cost(n_claims: int, words: int = 3000) -> dict:
    """Suggestions for one new source of `words` words against a generated corpus of about n_claims claims."""
    import tempfile

    from bench.generate import generate
    from concordance.suggest import EMBEDDING_SHARE, suggest

    n_sources = max(1, n_claims // 10)  # the generator makes about ten claims per source
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp) / "corpus"
        generate(dest, n_sources)
        # The new source: generated article text, stitched to `words` words, under a fresh id and no positions.
        bodies = [p.read_text(encoding="utf-8").split("\n---\n", 1)[1] for p in sorted((dest / "sources").glob("*.md"))[:8]]
        paragraphs = [b for body in bodies for b in body.split("\n\n") if b.strip() and not b.startswith("#")]
        out, count = [], 0
        for para in paragraphs:
            out.append(para)
            count += len(para.split())
            if count >= words:
                break
        (dest / "sources" / "zz-new-source.md").write_text(
            "---\ntitle: A new source\npublisher: Nobody\nkind: test\ninterests: none visible\n---\n"
            + "\n\n".join(out) + "\n", encoding="utf-8")
        # The whole command, as a maintainer runs it: loading and anchoring every source included; then the
        # same with the lexical ranking alone (--lexical).
        import os
        import subprocess

        command = [sys.executable, "-m", "concordance", "suggest", "zz-new-source", "--format", "json", "--root", str(dest)]
        env = dict(os.environ)
        runs = {}
        for name, extra in (("command", []), ("lexical_command", ["--lexical"])):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            done = subprocess.run(command + extra, env=env, capture_output=True, text=True, check=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            runs[f"{name}_seconds"] = round(time.perf_counter() - t0, 2)
            runs[f"{name}_cpu_seconds"] = round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2)
            runs[f"{name}_peak_rss_mb"] = round(after.ru_maxrss / 1024)  # the largest child so far
        found = json.loads(done.stdout)["sentences"]
        # The suggestion step alone, in this process.
        analysis = build_analysis(dest / "sources", dest / "docs" / "topics")
        n = len(analysis.corpus.claims)
        t0, c0 = time.perf_counter(), time.process_time()
        embedder = Embedder() if Embedder.available() else None
        suggest(analysis, "zz-new-source", weights=Weights(embedding=EMBEDDING_SHARE if embedder else 0.0), embedder=embedder)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        load = __import__("os").getloadavg()[0]
    return {"claims": n, "words": count, "sentences": len(found), **runs,
            "suggest_step_seconds": round(seconds, 2), "suggest_step_cpu_seconds": round(cpu, 2),
            "load_average": round(load, 1),
            "bench_process_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024), "embedding": embedder is not None}


def table(results: dict, hard: bool) -> str:
    sources = list(next(iter(results.values()))["sources"])
    head = "| approach | " + " | ".join(f"{s} r@1 / r@3" for s in sources) + " | **mean r@1** | **mean r@3** | stance |"
    if hard:
        head += " new author r@1 / r@3 / stance |"
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for name, row in results.items():
        cells = [f"{row['sources'][s]['r1']:.2f} / {row['sources'][s]['r3']:.2f}" for s in sources]
        m = row["mean"]
        line = f"| {name} | " + " | ".join(cells) + f" | **{m['r1']:.2f}** | **{m['r3']:.2f}** | {m['stance']:.2f} |"
        if hard:
            h = row.get("hard")
            line += f" {h['r1']:.2f} / {h['r3']:.2f} / {h['stance']:.2f} |" if h else " – |"
        lines.append(line)
    any_row = next(iter(results.values()))
    counts = ", ".join(f"{s} {any_row['sources'][s]['n']}" for s in sources)
    lines.append("")
    lines.append(f"Gold sentences per source: {counts}. Stance if every hint said 'supports': "
                 f"{any_row['mean']['always_supports']:.2f}.")
    if hard and "hard" in any_row:
        lines.append(f"New-author fixture: {any_row['hard']['n']} labelled sentences; stance if every hint said "
                     f"'supports': {any_row['hard']['always_supports']:.2f}.")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hard", action="store_true", help="also score the hand-labelled new-author fixture")
    parser.add_argument("--cost", type=int, default=0, help="time one 3,000-word source against ~N claims")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results" / "suggest")
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if args.cost:
        figures = cost(args.cost)
        print(json.dumps(figures))
        args.out.with_suffix(".cost.json").write_text(json.dumps(figures, indent=1) + "\n")
        return 0
    results = quality(args)
    args.out.with_suffix(".json").write_text(json.dumps(results, indent=1) + "\n")
    md = table(results, args.hard)
    args.out.with_suffix(".md").write_text(md)
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
