"""The W3C SHACL test suite, every core and SPARQL-based test, through `validate`.

Each test's data and shapes go through the gate (fast path, pySHACL for the shapes it leaves);
the Turtle report is parsed back and compared with the expected report on (focus, path, value,
component, shape, severity), blank nodes matching blank nodes.
"""

from __future__ import annotations

import pytest
import rdflib
from click.testing import CliRunner
from w3c_suite import SH, Case, cases, report_keys

from cytokine_rdf.cli.main import main
from cytokine_rdf.errors import CytokineRdfError
from cytokine_rdf.io.graph import verbatim_literals
from cytokine_rdf.validation.gate import validate
from cytokine_rdf.validation.report import render_report

CASES = cases()
# Tests that no engine here runs: pySHACL does not implement $shapesGraph (nor does the fast
# path); validate must fail with exit 2 naming the construct, never answer.
UNSUPPORTED = {"sparql/pre-binding/shapesGraph-001": "shapesGraph"}


def test_the_whole_suite_is_here() -> None:
    core = [c for c in CASES if c.name.startswith("core/")]
    sparql = [c for c in CASES if c.name.startswith("sparql/")]
    assert (len(core), len(sparql)) == (98, 22)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_w3c_case(case: Case) -> None:
    if case.expected is None or case.name in UNSUPPORTED:
        with pytest.raises(CytokineRdfError, match=UNSUPPORTED.get(case.name)):
            validate([case.data], shapes=[case.shapes], qc=False, reasoner=None)
        return
    report = validate([case.data], shapes=[case.shapes], qc=False, reasoner=None)
    with verbatim_literals():
        graph = rdflib.Graph().parse(data=render_report(report, "turtle"), format="turtle")
    (root,) = graph.subjects(rdflib.RDF.type, SH.ValidationReport)
    assert graph.value(root, SH.conforms) == rdflib.Literal(not case.expected)
    assert report_keys(graph, root) == case.expected


@pytest.mark.slow
def test_unsupported_construct_is_exit_2_naming_it() -> None:
    case = next(c for c in CASES if c.name in UNSUPPORTED)
    result = CliRunner().invoke(
        main, ["validate", "-i", str(case.data), "--shapes", str(case.shapes), "--no-reason"]
    )
    assert result.exit_code == 2
    assert "shapesGraph" in result.stderr and "Traceback" not in result.stderr
