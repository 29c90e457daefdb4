"""Large data validated in parts by the Rust engine: the same findings as in one run.

The gate cuts data of 250k triples or more; here the part size is made small so that a few
thousand generated triples are cut into several parts, and the findings are compared with those
of the same data validated whole.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from tools import generate_observations

from cytokine_rdf.io.graph import load
from cytokine_rdf.validation import partition
from cytokine_rdf.validation.gate import validate
from cytokine_rdf.validation.partition import Parts, UnplacedError, parts
from cytokine_rdf.validation.shacl import packaged_shapes
from cytokine_rdf.validation.shacl_engine import DataInput, check_shapes

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"
EX = "https://example.org/"
SH = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/> .\n"


def _generate(path: Path, seed: int) -> None:
    generate_observations(path, 4000, seed=seed, defect_rate=0.05)


def _plain(finding: Any) -> tuple[Any, ...]:
    """A finding as a tuple; a nested shape's blank node label is the parser's (new each read)."""
    exact = finding.exact
    if exact is not None and exact.shape.startswith("_:"):
        finding = dataclasses.replace(finding, exact=dataclasses.replace(exact, shape="_:"))
    return dataclasses.astuple(finding)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("seed", "shapes", "cut"),
    [
        (1, "packaged", True),
        (3, "heldout.shapes.ttl", False),  # sh:inversePath
        (2027, "heldout-2027/simple.shapes.ttl", True),
        (2027, "heldout-2027/complex.shapes.ttl", False),  # sh:inversePath
    ],
)
def test_findings_in_parts_equal_those_of_one_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int, shapes: str, cut: bool
) -> None:
    data = tmp_path / "obs.ttl"
    _generate(data, seed)
    files = packaged_shapes("data") if shapes == "packaged" else [BENCHMARKS / shapes]
    whole = validate([data], shapes=files, reasoner=None, qc=False)
    assert "engine_parts" not in whole.extra  # 4,000 triples: one run
    monkeypatch.setattr(partition, "PART_TRIPLES", 500)
    few = validate([data], shapes=files, reasoner=None, qc=False)
    assert "engine_parts" not in few.extra  # fewer results than PROBE_RESULTS: one run
    monkeypatch.setattr(partition, "PROBE_RESULTS", 10)
    split = validate([data], shapes=files, reasoner=None, qc=False)
    assert (split.extra.get("engine_parts", 0) >= 4) == cut, split.extra
    assert whole.findings, "the generated data has defects"
    expected = [_plain(f) for f in whole.findings]
    assert [_plain(f) for f in split.findings] == expected
    assert [_plain(f) for f in few.findings] == expected


def test_a_node_of_the_background_is_reported_once_not_once_per_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ontology's classes are focus nodes in every part (through the ontology's own triples,
    which every part has): their results count once, as in one run."""
    data = tmp_path / "d.ttl"
    data.write_text(
        "@prefix ex: <https://example.org/> .\n"
        + "".join(f"ex:n{i} a ex:Thing ; ex:p {i} .\n" for i in range(40)),
        encoding="utf-8",
    )
    shapes_file = tmp_path / "s.ttl"
    shapes_file.write_bytes(
        _shapes_text("sh:targetClass owl:Class ; sh:property [ sh:path ex:none ; sh:minCount 1 ]")
    )
    shapes, onto, source = (
        load([shapes_file], include_ontology=False),
        load(),
        DataInput.file([data]),
    )
    assert source is not None
    whole = check_shapes(source, shapes, background=onto)
    monkeypatch.setattr(partition, "PART_TRIPLES", 10)
    monkeypatch.setattr(partition, "PROBE_RESULTS", 10)
    split = check_shapes(source, shapes, background=onto)
    assert split.extra["engine_parts"] == 8
    assert len(whole.findings) > 100  # the ontology's classes
    assert [_plain(f) for f in split.findings] == [_plain(f) for f in whole.findings]


def _shapes_text(target: str) -> bytes:
    return (
        SH + f"@prefix owl: <http://www.w3.org/2002/07/owl#> .\nex:S a sh:NodeShape ; {target} .\n"
    ).encode()


def _parts(data: str, shapes: str = "sh:targetClass ex:Obs", background: str = "") -> Parts | None:
    prefixes = "@prefix ex: <https://example.org/> .\n"
    quads = lambda: ox.parse(input=(prefixes + data).encode(), format=ox.RdfFormat.TURTLE)  # noqa: E731
    store = ox.Store()
    if background:
        store.extend(ox.parse(input=(prefixes + background).encode(), format=ox.RdfFormat.TURTLE))
    shape_quads = list(ox.parse(input=_shapes_text(shapes), format=ox.RdfFormat.TURTLE))
    return parts(quads, sum(1 for _ in quads()), shape_quads, store, size=4)


OBSERVATIONS = "".join(
    f"ex:obs{i} a ex:Obs ; ex:sample ex:s{i} ; ex:evidence ex:ECO1 .\n"
    f"ex:s{i} a ex:Sample ; ex:label 'S{i}' .\n"
    for i in range(8)
)


def test_a_part_holds_whole_components_and_shared_values_do_not_join_them() -> None:
    split = _parts(OBSERVATIONS)
    assert split is not None and len(split.documents) == 10
    for i in range(8):  # an observation and its sample (which has triples): one part
        assert split.owner(f"<{EX}obs{i}>") == split.owner(f"<{EX}s{i}>")
        part = split.documents[split.owner(f"<{EX}obs{i}>")]
        assert f"<{EX}s{i}> <{EX}label>" in part
    # the evidence code has no triples of its own: it does not tie every observation together
    assert len({split.owner(f"<{EX}obs{i}>") for i in range(8)}) > 1
    assert split.owner(f"<{EX}ECO1>") == 0  # the same in every part
    assert sum(d.count(" .\n") for d in split.documents) == 40
    with pytest.raises(UnplacedError):
        split.owner(f"<{EX}nowhere>")


@pytest.mark.parametrize(
    ("data", "shapes", "background"),
    [
        (OBSERVATIONS + "ex:obs0 ex:note [ ex:p 1 ] .\n", "sh:targetClass ex:Obs", ""),
        (OBSERVATIONS, "sh:targetClass ex:Obs ; sh:property [ sh:path [ sh:inversePath ex:p ] ]", ""),
        (OBSERVATIONS, "sh:targetNode ex:obs1", ""),
        (OBSERVATIONS, "sh:targetObjectsOf ex:label", ""),  # literal focus nodes
        (OBSERVATIONS + "ex:ECO1 ex:label 'e' .\n", "sh:targetClass ex:Obs", ""),  # one component
        (OBSERVATIONS, "sh:targetClass ex:Obs", "ex:Other ex:seeAlso ex:s3 ."),  # ex:s3 is theirs
        (OBSERVATIONS.split(".\n", 2)[0] + ".\n", "sh:targetClass ex:Obs", ""),  # too small
    ],
    ids=["blank-node", "inverse-path", "target-node", "literal-focus", "one-component",
         "background-node", "small"],
)  # fmt: skip
def test_data_that_parts_could_change_is_validated_whole(
    data: str, shapes: str, background: str
) -> None:
    assert _parts(data, shapes, background) is None


def test_focus_objects_join_their_subjects() -> None:
    """An object of a sh:targetObjectsOf predicate is a focus node: in one part, with every
    subject that points at it, even when it has no triples of its own."""
    data = OBSERVATIONS + "ex:obs1 ex:site ex:lung .\nex:obs6 ex:site ex:lung .\n"
    split = _parts(data, "sh:targetObjectsOf ex:site")
    assert split is not None
    assert split.owner(f"<{EX}obs1>") == split.owner(f"<{EX}obs6>") == split.owner(f"<{EX}lung>")


def test_a_focus_node_no_part_owns_sends_the_data_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never a guess: parts that cannot place a focus node are dropped, the data validated whole."""
    from cytokine_rdf.validation import shacl_engine

    data = tmp_path / "obs.ttl"
    _generate(data, 5)
    files = [BENCHMARKS / "heldout-2027" / "simple.shapes.ttl"]
    whole = validate([data], shapes=files, reasoner=None, qc=False)
    monkeypatch.setattr(partition, "PART_TRIPLES", 500)
    monkeypatch.setattr(partition, "PROBE_RESULTS", 10)

    def forgetful(*args: Any, **kwargs: Any) -> Parts | None:
        made = parts(*args, **kwargs)
        assert made is not None
        return Parts(made.documents, {}, made.background)

    monkeypatch.setattr(shacl_engine, "parts", forgetful)
    split = validate([data], shapes=files, reasoner=None, qc=False)
    assert split.extra["engine_parts"] >= 4
    assert [_plain(f) for f in split.findings] == [_plain(f) for f in whole.findings]
