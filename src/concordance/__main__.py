"""`python -m concordance coverage|suggest|claims`: maintainers' reports from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import ConcordanceError, build_analysis
from .analyse import Analysis, analyse
from .anchor import anchor_corpus
from .coverage import coverage, report_text
from .errors import print_errors
from .load import load_corpus


def main(argv: list[str] | None = None) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=Path("."), help="the project folder")
    parser = argparse.ArgumentParser(prog="concordance", parents=[common])
    reports = parser.add_subparsers(dest="report", required=True)
    cov = reports.add_parser("coverage", parents=[common], help="how much of each source claims quote")
    cov.add_argument("--min", type=float, default=0.0, help="fail if any source is below this share (0-1)")
    sug = reports.add_parser("suggest", parents=[common],
                             help="for each sentence of a source no claim quotes yet, the claims it likely speaks to")
    sug.add_argument("source", help="the source's id (its file name in sources/ without .md)")
    sug.add_argument("--format", choices=["text", "json"], default="text")
    sug.add_argument("--top", type=int, default=5, help="claims listed per sentence")
    sug.add_argument("--lexical", action="store_true", help="leave the embedding model out even when installed")
    reports.add_parser("claims", parents=[common], help="every claim on one line, for grep")
    args = parser.parse_args(argv)
    try:
        if args.report == "coverage":
            analysis = build_analysis(args.root / "sources", args.root / "docs" / "topics")
        else:  # verdicts and anchored passages are all these need: no figures compared, no mentions sought
            corpus = load_corpus(args.root / "sources", args.root / "docs" / "topics")
            analysis = analyse(corpus, anchor_corpus(corpus))
    except ConcordanceError as e:
        return print_errors(e, args.root)
    if args.report == "claims":
        return claims_report(analysis)
    if args.report == "suggest":
        return suggest_report(analysis, args)
    sys.stdout.write(report_text(analysis))
    low = [sid for sid, c in coverage(analysis).items() if c.share < args.min]
    if low:
        print(f"below {args.min:.0%}: {', '.join(low)}", file=sys.stderr)
        return 1
    return 0


def claims_report(analysis: Analysis) -> int:
    """One tab-separated line a claim: id, topic, verdict, the sources that speak, statement."""
    for claim in analysis.corpus.claims:
        speakers = ",".join(sorted({p.source for p in claim.positions})) or "-"
        statement = " ".join(claim.statement.split())
        sys.stdout.write(f"{claim.id}\t{claim.topic}\t{analysis.verdict(claim)}\t{speakers}\t{statement}\n")
    return 0


def suggest_report(analysis: Analysis, args: argparse.Namespace) -> int:
    from .suggest import EMBEDDING_SHARE, Embedder, Weights, suggest, yaml_block

    if args.source not in analysis.corpus.sources:
        known = ", ".join(sorted(analysis.corpus.sources)) or "none"
        print(f"error: no source '{args.source}' in sources/ (known: {known}). Pass SOURCE=<id>, the file name "
              f"without .md.", file=sys.stderr)
        return 2
    embedder = None if args.lexical or not Embedder.available() else Embedder()
    found = suggest(analysis, args.source, top=args.top, embedder=embedder,
                    weights=Weights(embedding=EMBEDDING_SHARE if embedder else 0.0))
    if args.format == "json":
        doc = {"source": args.source, "sentences": [
            {"start": s.sentence.start, "end": s.sentence.end, "text": s.sentence.text,
             "claims": [{"claim": c.claim.id, "topic": c.claim.topic, "score": c.score, "stance": c.stance}
                        for c in s.claims]} for s in found]}
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    topics = analysis.corpus.topics
    out = [f"{args.source}: {len(found)} sentence{'s' if len(found) != 1 else ''} no claim quotes yet"
           + ("" if embedder else " (lexical ranking only: the embedding extra is not installed)"), ""]
    flagged = [(n, s.contradiction) for n, s in enumerate(found, 1) if s.contradiction is not None]
    if flagged:
        out.append("Likely contradictions (a figure or a negation unlike a likely claim's; read each):")
        out.extend(f"  sentence {n} against {c.claim.id}: {c.cue}" for n, c in flagged)
        out.append("")
    for n, s in enumerate(found, 1):
        out.append(f"{n}. [{s.sentence.start}-{s.sentence.end}] {s.sentence.text}")
        if not s.claims:
            out.append("     no claim shares its words: a new claim, or nothing to cite")
        for c in s.claims:
            out.append(f"     {c.score:.2f}  {c.stance:<11} {c.claim.topic}#{c.claim.id}: {c.claim.statement}")
            out.append(f"                       cue: {c.cue}")
        if s.claims:
            best = s.claims[0]
            path = Path(topics[best.claim.topic].path)
            try:
                path = path.resolve().relative_to(args.root.resolve())
            except ValueError:
                pass
            out.append(f"   to cite it on '{best.claim.id}', paste under its positions in {path.as_posix()}:")
            out.append(yaml_block(args.source, s.sentence.text, best.stance).rstrip("\n"))
        out.append("")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `make claims | head`: the reader has all it wanted
        sys.stderr.close()
        sys.exit(0)
