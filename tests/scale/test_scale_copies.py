"""Syndicated copies: three copies of one page (other ids, URLs, dates and boilerplate) give exactly the
counts of one copy, in one process, in worker processes and through a store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.build import build
from kg.export.graphml import build_actor_network

# our own story: one dated visit, talks the text does not date, a phone call
STORY = ("Kenyan President William Ruto held talks with Tanzanian President Samia Suluhu Hassan in Arusha. "
         "The two leaders discussed a new railway line, customs posts along their shared border and the price "
         "of electricity from a dam on the Rufiji river.\n"
         "Ruto later spoke by phone with Ugandan President Yoweri Museveni about the same railway.\n"
         "On Monday, Ethiopian Prime Minister Abiy Ahmed visited Nairobi, where he met Ruto at State House.")
BOILERPLATE = ("Home | World | Africa | Business", "Sign up for our morning newsletter and never miss a story.",
               "Related: Coffee prices climb for a third week", "Comments are closed for this article.")


def page(i: int) -> dict[str, str]:
    """Copy ``i``: its own id, URL, publication day (same week) and boilerplate around the same story."""
    head, tail = BOILERPLATE[i % 4], BOILERPLATE[(i + 1) % 4]
    return {"id": f"copy-{i}", "url": f"https://news{i}.example.org/africa/{1000 + i}", "published": f"2024-05-{14 + i:02d}",
            "text": f"{head}\n{STORY}\n{tail}"}


def counts(events: list) -> tuple[object, ...]:
    network = build_actor_network(events, include_unheld=True)
    nodes = sorted((n.key, n.events, n.held) for n in network.nodes)
    edges = sorted((e.source, e.target, e.events, e.held, tuple(sorted(e.statuses.items()))) for e in network.edges)
    return len(events), sorted(e.status for e in events), nodes, edges


@pytest.fixture(scope="module")
def feeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("copies")
    one, three = folder / "one.jsonl", folder / "three.jsonl"
    one.write_text(json.dumps(page(0)) + "\n", encoding="utf-8")
    three.write_text("".join(json.dumps(page(i)) + "\n" for i in range(3)), encoding="utf-8")
    return one, three


@pytest.fixture(scope="module")
def one_copy(feeds: tuple[Path, Path], nlp, tmp_path_factory: pytest.TempPathFactory) -> tuple[object, ...]:
    result = build([feeds[0]], tmp_path_factory.mktemp("one"), nlp=nlp, on_skip=lambda s: None)
    assert len(result.events) >= 3 and any(e.kind == "phone_call" for e in result.events)
    assert any(e.begin is not None and e.begin.inferred for e in result.events)  # an undated report is there
    return counts(result.events)


@pytest.mark.parametrize("mode", ["one process", "worker processes", "store"])
def test_three_copies_count_as_one(mode: str, feeds: tuple[Path, Path], one_copy: tuple[object, ...], nlp,
                                   tmp_path: Path) -> None:
    kwargs: dict[str, object] = {"workers": 2, "batch": 1} if mode == "worker processes" else {}
    if mode == "store":  # the copies arrive in two builds: the first one's text is gone by the second
        build([feeds[0]], None, nlp=nlp, on_skip=lambda s: None, store=tmp_path / "store")
        kwargs["store"] = tmp_path / "store"
    result = build([feeds[1]], tmp_path / "out", nlp=nlp, on_skip=lambda s: None, **kwargs)  # type: ignore[arg-type]
    assert counts(result.events) == one_copy
    assert all(len({m.article_id for m in e.mentions}) == 3 for e in result.events)  # every copy is a mention
    graphml = (tmp_path / "out" / "graph.graphml").read_text(encoding="utf-8")
    assert '<data key="e_weight">3.0</data>' not in graphml
