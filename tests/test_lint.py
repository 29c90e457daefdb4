"""``query check``: each kind of template problem is found; the packaged templates pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cytokine_rdf.cli.main import main
from cytokine_rdf.sparql.lint import check_files
from cytokine_rdf.sparql.text import declared_prefixes, mask, project_variables, used_prefixes

GOOD = """#+ summary: Labels of a class's subclasses
#+ tags: [test]
#+ example:
#+   parent: gene product
#+ params:
#+   parent: {description: the parent class}
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?child ?label WHERE {
  ?child rdfs:subClassOf ?_parent_iri .
  OPTIONAL { ?child rdfs:label ?label }
}
ORDER BY ?child ?label
"""

BAD = {
    "no-summary": (
        GOOD.replace("#+ summary: Labels of a class's subclasses\n", ""),
        "no '#+ summary:'",
    ),
    "no-example": (
        GOOD.replace("#+ example:\n#+   parent: gene product\n", ""),
        "no '#+ example:'",
    ),
    "typo-key": (GOOD.replace("#+ tags:", "#+ keywords:"), "unknown header key 'keywords'"),
    "unused-param": (
        GOOD.replace("#+ params:\n", "#+ params:\n#+   other: {description: x}\n"),
        "'other' is declared",
    ),
    "prefix": (
        GOOD.replace("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n", ""),
        "prefix 'rdfs:' is used",
    ),
    "no-order": (GOOD.replace("ORDER BY ?child ?label\n", ""), "SELECT without ORDER BY"),
    "partial-order": (
        GOOD.replace("ORDER BY ?child ?label", "ORDER BY ?child"),
        "leaves out projected column(s) ?label",
    ),
    "star": (GOOD.replace("SELECT ?child ?label", "SELECT *"), "SELECT * has no fixed columns"),
    "syntax": (
        GOOD.replace(
            "?child rdfs:subClassOf ?_parent_iri .", "?child rdfs:subClassOf ?_parent_iri . }}"
        ),
        "parse",
    ),
    "bad-yaml": ("#+ summary: [unclosed\n" + GOOD, "bad #+ header"),
    "enum-default": (
        GOOD.replace(
            "#+ params:\n",
            "#+ defaults:\n#+   - kind: c\n#+ params:\n#+   kind: {description: k, enum: [a, b]}\n",
        ).replace("OPTIONAL {", 'FILTER(STR(?__kind) != "") OPTIONAL {'),
        "default 'c' is not one of a, b",
    ),
}


def test_good_template_passes(tmp_path: Path) -> None:
    (tmp_path / "good.rq").write_text(GOOD, encoding="utf-8")
    assert check_files([tmp_path / "good.rq"]) == []


@pytest.mark.parametrize("case", sorted(BAD))
def test_each_problem_is_found(tmp_path: Path, case: str) -> None:
    text, expected = BAD[case]
    path = tmp_path / f"{case}.rq"
    path.write_text(text, encoding="utf-8")
    findings = check_files([path])
    assert any(expected in str(f) for f in findings), findings


@pytest.mark.slow
def test_packaged_templates_pass() -> None:
    result = CliRunner().invoke(main, ["query", "check"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


@pytest.mark.slow
def test_cli_exit_1_on_findings(tmp_path: Path) -> None:
    (tmp_path / "bad.rq").write_text(BAD["no-order"][0], encoding="utf-8")
    result = CliRunner().invoke(main, ["query", "check", str(tmp_path / "bad.rq")])
    assert result.exit_code == 1
    assert "ORDER BY" in result.stdout
    folder = CliRunner().invoke(main, ["query", "check", "--queries", str(tmp_path)])
    assert folder.exit_code == 1


def test_mask_keeps_positions() -> None:
    text = 'SELECT ?a # ?b\nWHERE { ?a <http://x#?c> "?d" }'
    masked = mask(text)
    assert (
        len(masked) == len(text)
        and "?b" not in masked
        and "?c" not in masked
        and "?d" not in masked
    )
    assert masked.count("\n") == 1


def test_prefix_helpers() -> None:
    text = 'PREFIX a: <http://a/>\nSELECT ?x WHERE { ?x a:p b:q ; <http://z#c:d> "e:f" } # g:h'
    assert declared_prefixes(text) == {"a"}
    assert used_prefixes(text) == {"a", "b"}


def test_project_variables() -> None:
    text, added = project_variables(
        "SELECT DISTINCT ?a WHERE { ?a ?p ?_x } GROUP BY ?a", ["_x", "a"]
    )
    assert added == ["_x"]
    assert text == "SELECT DISTINCT ?_x ?a WHERE { ?a ?p ?_x } GROUP BY ?_x ?a"
    assert project_variables("SELECT * WHERE { ?a ?p ?_x }", ["_x"]) == (
        "SELECT * WHERE { ?a ?p ?_x }",
        [],
    )
    assert (
        project_variables("CONSTRUCT { ?a ?p ?o } WHERE { { SELECT ?a WHERE {} } }", ["o"])[1] == []
    )


def test_query_form_ignores_comments_strings_and_iris() -> None:
    from cytokine_rdf.sparql.text import query_form

    assert (
        query_form(
            "PREFIX ex: <http://e/> # ASK nothing\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        )
        == "CONSTRUCT"
    )
    assert query_form('SELECT ?x WHERE { ?x ?p "ASK" }') == "SELECT"
    assert query_form("PREFIX ask: <http://e/ASK#>\nDESCRIBE <http://e/x>") == "DESCRIBE"
