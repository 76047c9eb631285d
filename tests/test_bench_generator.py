"""The benchmark's corpus generator writes the project's real formats: a small corpus builds with the real
hooks, and claims.json holds every generated source, topic, claim and quote. No timing is asserted."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from site_tools import build

from bench.generate import generate
from concordance.text import normalise


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):
    project = tmp_path_factory.mktemp("bench") / "project"
    manifest = generate(project, 5, seed=7)
    built = build(project, project / "site")
    assert built.ok, built.output
    data = json.loads((project / "site" / "claims.json").read_text(encoding="utf-8"))
    return project, manifest, data


def test_the_corpus_has_the_asked_size(generated) -> None:
    project, manifest, data = generated
    assert len(manifest.sources) == 5 and len(list((project / "sources").glob("*.md"))) == 5
    assert sorted(s["id"] for s in data["sources"]) == sorted(manifest.sources)
    assert sorted(t["id"] for t in data["topics"]) == sorted(manifest.topics)
    assert len(data["claims"]) == len(manifest.claims) == 50  # about ten claims per source


def test_every_generated_position_is_in_claims_json_and_its_quote_found(generated) -> None:
    _, manifest, data = generated
    claims = {c["id"]: c for c in data["claims"]}
    for claim_id, positions in manifest.claims.items():
        exported = claims[claim_id]["positions"]
        assert [(p["source"], p["stance"]) for p in exported] == [(s, st) for s, st, _ in positions]
        for p, (_, _, quote) in zip(exported, positions):
            # The quote may be typed with straight apostrophes and hyphens; it anchors to the article's words.
            assert normalise(p["quote"]) == normalise(quote)
            assert p["position"]["end"] - p["position"]["start"] == len(p["quote"])


def test_stances_and_positions_are_a_realistic_mix(generated) -> None:
    _, manifest, data = generated
    stances = Counter(st for positions in manifest.claims.values() for _, st, _ in positions)
    assert stances["supports"] > stances["contradicts"] > 0 and stances["qualifies"] > 0
    assert {len(p) for p in manifest.claims.values()} <= {1, 2, 3, 4}
    assert {c["verdict"] for c in data["claims"]} >= {"agreed", "disputed"}


def test_the_generator_is_deterministic(tmp_path: Path) -> None:
    a, b = generate(tmp_path / "a", 3, seed=3), generate(tmp_path / "b", 3, seed=3)
    assert a == b
    for folder in ("sources", "docs/topics"):
        names = sorted(p.name for p in (tmp_path / "a" / folder).glob("*.md"))
        assert names == sorted(p.name for p in (tmp_path / "b" / folder).glob("*.md"))
        for name in names:
            assert (tmp_path / "a" / folder / name).read_bytes() == (tmp_path / "b" / folder / name).read_bytes()
