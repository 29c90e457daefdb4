"""Issue 29: what a real user hit (GO-CAM models of any IRI scheme, messages, labels, names)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tools import one_worker

from cytokine_rdf.cli import main

MODELS = Path(__file__).parent / "data" / "gocam" / "models"
REACTOME = MODELS / "fgfr4-R-HSA-5654719.ttl"
REACTOME_MODEL = "http://model.geneontology.org/R-HSA-5654719"
OBO = "http://purl.obolibrary.org/obo/"


def run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == code, result.output
    return result.stdout


def table(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# --- 1. GO-CAM models recognised by what they are, whatever their IRI scheme -------------------
def test_diagram_of_a_reactome_converted_model() -> None:
    out = run("diagram", REACTOME_MODEL, "-i", str(REACTOME))
    assert out.count(":::activity") >= 4


def test_gocam_activities_name_the_model_of_a_reactome_converted_model() -> None:
    rows = table(run("query", "run", "gocam-activities", "-i", str(REACTOME), "-f", "csv"))
    assert len(rows) > 3
    assert {r["model"] for r in rows} == {REACTOME_MODEL}
    assert {r["model_title"] for r in rows} == {"Reactome::SHC-mediated cascade:FGFR4"}


NOCTUA = (
    MODELS.parent
    / "minerva"
    / "should_pass"
    / "Test000-Correct_and_complete_ActivityUnit_model.ttl"
)


def test_gocam_activities_name_each_model_of_several(tmp_path: Path) -> None:
    """Each activity's model: the Noctua one whose IRI starts the activity's, else the one model
    that starts none; with two such models, none is guessed."""
    rows = table(
        run("query", "run", "gocam-activities", "-i", str(REACTOME), "-i", str(NOCTUA), "-f", "csv")
    )
    by_model = {r["activity"]: r["model"] for r in rows}
    assert {m for a, m in by_model.items() if "R-HSA" in a} == {REACTOME_MODEL}
    noctua = {m for a, m in by_model.items() if "R-HSA" not in a}
    assert len(noctua) == 1 and all(
        a.startswith(next(iter(noctua)) + "/") for a in by_model if "R-HSA" not in a
    )
    twin = tmp_path / "twin.ttl"
    twin.write_text(
        REACTOME.read_text(encoding="utf-8").replace(
            REACTOME_MODEL + ">", REACTOME_MODEL + "-twin>"
        ),
        encoding="utf-8",
    )
    rows = table(
        run("query", "run", "gocam-activities", "-i", str(REACTOME), "-i", str(twin), "-f", "csv")
    )
    assert rows and {(r["model"], r["model_title"]) for r in rows} == {("", "")}


@pytest.mark.slow
def test_gocam_activities_of_every_test_model_in_one_call() -> None:
    """57 models at once in seconds (was 500 s on 65: the model's filter ran a NOT EXISTS for
    every activity and model)."""
    import time

    files = sorted((MODELS.parent).rglob("*.ttl"))
    args = [arg for f in files for arg in ("-i", str(f))]
    started = time.process_time()
    rows = table(run("query", "run", "gocam-activities", *args, "-f", "csv"))
    assert time.process_time() - started < 30
    assert {r["model"] for r in rows} >= {REACTOME_MODEL}
    assert len({r["model"] for r in rows if r["model"]}) > 20


# --- 2. GO-CAM findings name the node where the model fails first ------------------------------
DC_CONTRIBUTOR = "http://purl.org/dc/elements/1.1/contributor"


@pytest.mark.slow
def test_gocam_finding_names_the_node_that_fails_first(
    il7_model_file: Path, tmp_path: Path
) -> None:
    import rdflib

    graph = rdflib.Graph().parse(il7_model_file)
    # a gene product inside a complex that enables an activity: two hops from the activity
    has_part, enabled_by = (rdflib.URIRef(OBO + t) for t in ("BFO_0000051", "RO_0002333"))
    # the IL-7 receptor's IL7R chain (UniProt P16871), picked by what it is, not by graph order
    il7r = rdflib.URIRef("http://identifiers.org/uniprot/P16871")
    _complex, part = next(
        (c, p)
        for a, c in graph.subject_objects(enabled_by)
        for p in graph.objects(c, has_part)
        if (p, rdflib.RDF.type, il7r) in graph
    )
    graph.remove((part, rdflib.URIRef(DC_CONTRIBUTOR), None))
    broken = tmp_path / "broken.ttl"
    graph.serialize(broken, format="turtle")
    out = run("validate", "-i", str(broken), "--shapes", "gocam", "-f", "json", code=1)
    errors = [f for f in json.loads(out)["findings"] if f["severity"] == "error"]
    assert [e["focus"] for e in errors] == [str(part)]  # the cause, not the activity or complex
    assert errors[0]["path"] == DC_CONTRIBUTOR
    assert "which is why" in errors[0]["message"]


@pytest.mark.slow
def test_gocam_findings_of_a_reactome_model_carry_path_and_value() -> None:
    out = run("validate", "-i", str(REACTOME), "--shapes", "gocam", "-f", "json", code=1)
    errors = [f for f in json.loads(out)["findings"] if f["severity"] == "error"]
    assert errors and all(e["path"] for e in errors)
    assert any(e["value"] for e in errors)
    # the missing contributor on the location node, not "cytosol is not an AnatomicalEntity"
    assert not any(
        "is not an AnatomicalEntity" in e["message"].split("which is why")[0] for e in errors
    )


# --- 3. GO, RO, ECO and CL labels shipped offline ----------------------------------------------
def test_offline_labels_cover_go_ro_eco_cl() -> None:
    from cytokine_rdf.io.labels import offline_label

    assert offline_label(OBO + "RO_0002213") == "positively regulates"
    assert offline_label(OBO + "GO_0004917") == "interleukin-7 receptor activity"
    assert offline_label(OBO + "ECO_0000313") == "imported information used in automatic assertion"
    assert offline_label(OBO + "CL_0000084") == "T cell"
    assert offline_label("http://example.org/GO_0004917") == ""


@pytest.mark.slow
def test_gocam_tables_and_diagrams_of_users_models_print_labels(tmp_path: Path) -> None:
    model = tmp_path / "edge.ttl"
    model.write_text(
        "@prefix obo: <http://purl.obolibrary.org/obo/> .\n"
        "<http://example.org/a> a obo:GO_0004917 ; obo:RO_0002213 <http://example.org/b> .\n"
        "<http://example.org/b> a obo:GO_0006955 .\n",
        encoding="utf-8",
    )
    rows = table(run("query", "run", "gocam-causal-edges", "-i", str(model), "-f", "csv"))
    assert [r["relation_label"] for r in rows] == ["positively regulates"]
    rows = table(run("query", "run", "gocam-activities", "-i", str(REACTOME), "-f", "csv"))
    assert all(r["function_label"] for r in rows)  # GO:0005085 has no label in the file
    out = run("diagram", REACTOME_MODEL, "-i", str(REACTOME))
    assert "guanyl-nucleotide exchange factor activity" in out


def test_a_users_label_is_kept(tmp_path: Path) -> None:
    model = tmp_path / "own.ttl"
    model.write_text(
        '<http://purl.obolibrary.org/obo/GO_0005085> <http://www.w3.org/2000/01/rdf-schema#label> "mine" .\n',
        encoding="utf-8",
    )
    out = run(
        "sparql", "SELECT ?l WHERE { GO:0005085 rdfs:label ?l }", "-i", str(model), "-f", "csv"
    )
    assert "mine" in out and "guanyl-nucleotide" not in out


# --- 4. Validation gaps a CI user trusts -------------------------------------------------------
GAPS = """\
@prefix CYTO: <https://w3id.org/cytokine-rdf/CYTO_> .
@prefix obo: <http://purl.obolibrary.org/obo/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

CYTO:0009001 a owl:Class ; rdfs:label "interleukin-9" ; obo:IAO_0000115 "The cytokine IL-9." ;
    rdfs:subClassOf CYTO:0000033 ;
    skos:exactMatch <http://purl.uniprot.org/uniprot/P15248> .

CYTO:0009002 a owl:NamedIndividual, CYTO:0000024 ; rdfs:label "IL7 involved in IL-7 signalling" ;
    CYTO:0000101 CYTO:0000200 ;
    CYTO:0000102 CYTO:0000999 ;
    CYTO:0000103 obo:GO_0038111 ;
    dcterms:source <https://pubmed.ncbi.nlm.nih.gov/12792903> ;
    CYTO:0000104 obo:ECO_9999999 .
"""


def _findings(*args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["validate", *args, "--no-reason", "-f", "json"])
    assert result.exit_code in (0, 1), result.output
    return list(json.loads(result.stdout)["findings"])


@pytest.mark.slow
def test_names_that_do_not_exist_fail_validation_with_file_and_line(tmp_path: Path) -> None:
    data = tmp_path / "gaps.ttl"
    data.write_text(GAPS, encoding="utf-8")
    for shapes in ((), ("--shapes", "ontology")):
        found = {(f["check"], f["value"]): f for f in _findings("-i", str(data), *shapes)}
        parent = found["undeclared_parent", "https://w3id.org/cytokine-rdf/CYTO_0000033"]
        assert parent["severity"] == "error" and parent["line"] == 9
        relation = found["undeclared_claim_relation", "https://w3id.org/cytokine-rdf/CYTO_0000999"]
        assert relation["severity"] == "error" and relation["line"] == 14
        eco = found["unknown_term", "http://purl.obolibrary.org/obo/ECO_9999999"]
        assert eco["severity"] == "error" and eco["line"] == 17 and eco["file"] == str(data)
        outside = found["gene_product_outside_hierarchy", "http://purl.uniprot.org/uniprot/P15248"]
        assert outside["severity"] == "warn"


def test_junit_failures_name_file_and_line(tmp_path: Path) -> None:
    data = tmp_path / "gaps.ttl"
    data.write_text(GAPS, encoding="utf-8")
    out = run("validate", "-i", str(data), "--no-reason", "-f", "junit", code=1)
    assert f'name="unknown_term" file="{data}" line="17"' in out
    assert f"at {data}:17" in out


@pytest.mark.slow
def test_real_terms_and_packaged_classes_are_not_reported(tmp_path: Path) -> None:
    data = tmp_path / "fine.ttl"
    data.write_text(
        GAPS.replace("CYTO:0000033", "CYTO:0000002")
        .replace("CYTO:0000999", "obo:RO_0002331")
        .replace("ECO_9999999", "ECO_0000304")
        + 'CYTO:0000200 rdfs:comment "in our panel" .\nCYTO:0000201 a owl:Class .\n',
        encoding="utf-8",
    )
    found = _findings("-i", str(data), "--shapes", "ontology")
    assert not [f for f in found if f["source"] == "names"], found
    packaged = (
        "https://w3id.org/cytokine-rdf/CYTO_0000200",
        "https://w3id.org/cytokine-rdf/CYTO_0000201",
    )
    assert not [f for f in found if f["focus"] in packaged], found


# --- 5. to_pandas() types numbers, booleans and dates -------------------------------------------
def test_to_pandas_types_numbers_booleans_and_dates() -> None:
    from cytokine_rdf.sparql.run import run_sparql

    result = run_sparql(
        "SELECT ?gene (COUNT(?claim) AS ?claims) ?ok ?when ?level WHERE {"
        " ?claim CYTO:0000101 ?gene . BIND(true AS ?ok)"
        ' BIND("2020-10-01"^^xsd:date AS ?when) BIND(1.5 AS ?level) } GROUP BY ?gene ?ok ?when ?level'
    )
    frame = result.to_pandas()
    assert str(frame["claims"].dtype) == "Int64"
    assert str(frame["ok"].dtype) == "boolean"
    assert str(frame["level"].dtype) == "Float64"
    assert str(frame["when"].dtype).startswith("datetime64")
    assert frame["gene"].dtype == object
    pivot = frame.pivot_table(index="gene", values="claims", aggfunc="sum", fill_value=0)
    assert int(pivot["claims"].sum()) == int(frame["claims"].sum()) > 0


# --- 6. Names: candidates for unknown names, enums forgive case --------------------------------
def _error(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 2, result.output
    return result.output


@pytest.mark.slow
def test_lookup_of_an_unknown_name_offers_candidates() -> None:
    out = _error("lookup", "interleukin-7 receptor")
    assert "did you mean" in out and "CYTO:0000201" in out and "CYTO:0000300" in out
    out = _error("lookup", "STAT5")
    assert "CYTO:0000209" in out and "CYTO:0000210" in out  # STAT5A and STAT5B
    assert "CYTO:0000200" in _error("lookup", "interleukn 7")  # a typo


def test_candidates_for_a_parameter_are_of_the_kind_it_takes() -> None:
    out = _error("query", "run", "cytokines-via-stat", "-p", "stat=STAT5")
    assert "CYTO:0000209" in out and "CYTO:0000210" in out
    assert "transcription factor activity in IL-7 signalling" not in out  # steps are no STATs


@pytest.mark.slow
def test_enum_values_forgive_case_and_offer_the_closest() -> None:
    lower = run("query", "run", "go-annotations", "-p", "gene=IL7R", "-p", "aspect=bp", "-f", "csv")
    upper = run("query", "run", "go-annotations", "-p", "gene=IL7R", "-p", "aspect=BP", "-f", "csv")
    assert lower == upper and len(lower.splitlines()) > 1
    assert "did you mean BP?" in _error(
        "query", "run", "go-annotations", "-p", "gene=IL7R", "-p", "aspect=pb"
    )


# --- 7. The first screen ------------------------------------------------------------------------
def test_a_table_at_120_columns_keeps_ids_whole_and_drops_empty_columns() -> None:
    from cytokine_rdf.sparql.run import run_template
    from cytokine_rdf.sparql.writers import render

    result = run_template("pathway-members", {"pathway": "IL7"})
    empty = [v for i, v in enumerate(result.variables) if all(r[i] is None for r in result.rows)]
    text = render(result, "table", width=120)
    lines = text.splitlines()
    assert all(len(line) <= 120 for line in lines)
    assert lines[0].split()[0] == "pathway"
    assert not set(empty) & set(lines[0].split())  # README's first query: no always-empty column
    assert "CYTO:0000350" in lines[2] and "CYTO:0000400" in lines[2] and "GO:0005125" in lines[2]
    assert "…" in text  # labels gave way instead


def test_no_progress_bar_for_a_sub_second_load() -> None:
    from cytokine_rdf.io.progress import Progress

    out = io.StringIO()
    with Progress("load", total=10, unit="B", stream=out, force=None) as bar:
        bar.active = True  # as on a terminal
        bar.advance(10)
    assert out.getvalue() == ""
    forced = io.StringIO()
    with Progress("load", total=10, unit="B", stream=forced, force=True) as bar:
        bar.advance(10)
    assert "load [" in forced.getvalue()


README = Path(__file__).resolve().parent.parent / "README.md"
_SCOPE = {
    # signalling pathways (a pathway's negative regulation has steps too, but is no pathway)
    "pathways": "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p rdfs:subClassOf+ CYTO:0000011"
    " FILTER NOT EXISTS { ?p owl:deprecated true } }",
    "gene products": "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { ?g rdfs:subClassOf+ CYTO:0000001 ;"
    " skos:exactMatch ?u . FILTER(STRSTARTS(STR(?u), 'http://purl.uniprot.org/uniprot/'))"
    " FILTER NOT EXISTS { ?g owl:deprecated true } }",
    "claims": "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a/rdfs:subClassOf* CYTO:0000024 }",
    "of them about tumours": "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE"
    " { ?c a/rdfs:subClassOf* CYTO:0000027 }",
    "tumour classes": "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t rdfs:subClassOf+ CYTO:0000021 ."
    " FILTER(STRSTARTS(STR(?t), STR(CYTO:))) FILTER NOT EXISTS { ?t owl:deprecated true } }",
}


@pytest.mark.slow
def test_readme_states_the_scope_in_numbers_that_are_true() -> None:
    import re

    from cytokine_rdf.sparql.run import run_sparql

    first_screen = "\n".join(README.read_text(encoding="utf-8").splitlines()[:25])
    said = " ".join(first_screen.split("**Scope today:**", 1)[1].split("\n\n", 1)[0].split())
    for what, query in _SCOPE.items():
        (row,) = run_sparql(query).rows
        count = row[0].value if row[0] is not None else "0"
        pattern = rf"\b(\d+) (\([^)]*\) )?{re.escape(what.split()[0])}"
        found = re.search(pattern, said)
        assert found, f"the README's scope line does not say how many {what}"
        assert found.group(1) == count, (
            f"README says {found.group(1)} {what}, the ontology has {count}"
        )


def test_readme_links_security_and_triple_stores_pages() -> None:
    text = README.read_text(encoding="utf-8")
    assert "## Security" not in text and "digest credentials" not in text
    for page in ("docs/security.md", "docs/triple-stores.md"):
        assert f"]({page})" in text
        assert (README.parent / page).is_file()


# --- 8. A SERVICE that cannot be reached: a plain one-line error ------------------------------
def test_unreachable_service_is_a_plain_one_line_error() -> None:
    import subprocess
    import sys

    query = "SELECT * WHERE { SERVICE <http://service.invalid/sparql> { ?s ?p ?o } }"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cytokine_rdf",
            "sparql",
            query,
            "--allow-service",
            "service.invalid",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "unsendable" not in done.stderr and "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "service.invalid" in lines[0], done.stderr


def test_service_hint_names_the_host_to_allow() -> None:
    out = _error("query", "run", "uniprot-federated", "-p", "gene=IL7R")
    assert "--allow-service sparql.uniprot.org" in out and "full IRI is needed" not in out


# --- 11. Small things ---------------------------------------------------------------------------
def test_select_star_columns_in_query_order() -> None:
    out = run("sparql", "SELECT * WHERE { ?z rdfs:label ?a } LIMIT 1", "-f", "csv")
    assert out.splitlines()[0] == "z,a"


def test_query_show_prints_its_header_once() -> None:
    out = run("query", "show", "gene-xrefs")
    assert out.count("UniProt, NCBI Gene and HGNC identifiers of gene products") == 1
    assert "#+" not in out and "PREFIX CYTO:" in out


def test_the_tour_uses_only_files_a_pip_user_has() -> None:
    tour = (README.parent / "docs" / "tour.md").read_text(encoding="utf-8")
    commands = [line for line in tour.splitlines() if line.startswith("$ cytokine-rdf ")]
    assert commands
    for command in commands:
        assert "tests/" not in command and "ontology/" not in command, command


def test_ontology_readme_links_stay_inside_the_checkout() -> None:
    import re

    page = README.parent / "ontology" / "README.md"
    text = page.read_text(encoding="utf-8")
    assert "shared/" not in text
    for target in re.findall(r"\]\(([^)#:]+)\)", text):
        assert (page.parent / target).resolve().is_relative_to(README.parent), target
        assert (page.parent / target).exists(), target


# --- 9. Diagrams people can read ----------------------------------------------------------------
def test_diagram_activities_show_enabler_symbol_and_function_once() -> None:
    out = run("diagram", "IL7")
    # symbol, then function (then where, when the model says)
    assert '"2. IL7R:IL2RG<br/>interleukin-7 receptor activity' in out
    assert '"3. JAK1<br/>' in out and "tyrosine-protein kinase JAK1" not in out
    assert "(cytokine activity)" not in out  # no label repeated in brackets
    assert '|"enabled by"|' not in out  # the enabler is inside its activity


def test_gocam_model_enablers_print_as_symbols(il7_model_file: Path) -> None:
    out = run(
        "diagram", "https://w3id.org/cytokine-rdf/gocam/CYTO_0000350", "-i", str(il7_model_file)
    )
    assert '"JAK1<br/>' in out and '"IL2RG:IL7R<br/>' in out
    assert "UniProtKB:" not in out and "identifiers.org" not in out


@pytest.mark.slow
def test_causal_edges_are_styled_by_sign() -> None:
    dot = run("diagram", "IL7", "-f", "dot")
    negative = [line for line in dot.splitlines() if "directly negatively regulates" in line]
    positive = [
        line for line in dot.splitlines() if 'tooltip="directly positively regulates"' in line
    ]
    assert negative and all("arrowhead=tee" in line and "#b91c1c" in line for line in negative)
    assert positive and all("arrowhead=normal" in line and "#15803d" in line for line in positive)
    mermaid = run("diagram", "IL7")
    assert '--x|"directly negatively regulates"|' in mermaid and "linkStyle" in mermaid


@pytest.mark.slow
def test_pathway_svg_fits_a_page() -> None:
    import re
    import shutil

    import pytest

    if shutil.which("dot") is None:
        pytest.skip("Graphviz dot is not installed")
    for name in ("IL7", "IL21"):
        svg = run("diagram", name, "-f", "svg")
        width = float(re.search(r'<svg width="([\d.]+)pt"', svg).group(1))  # type: ignore[union-attr]
        assert width <= 900, (name, width)  # IL-7 was 3,932 pt


# --- 10. The site -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site_pages(packaged_site: Path) -> dict[str, str]:
    """The pages of the packaged site (conftest: built once per session), by relative path."""
    return {
        path.relative_to(packaged_site).as_posix(): path.read_text(encoding="utf-8")
        for path in packaged_site.rglob("*")
        if path.is_file()
    }


@pytest.mark.slow
@one_worker("site")
def test_site_class_counts_agree(site_pages: dict[str, str]) -> None:
    import re

    home = re.search(
        r'classes.html">Classes</a> <span class="count">(\d+)', site_pages["index.html"]
    )
    page = re.search(r"<p>(\d+) classes.</p>", site_pages["classes.html"])
    assert home and page and home.group(1) == page.group(1)


@pytest.mark.slow
@one_worker("site")
def test_site_tree_keeps_mondo_leaves_with_our_tumours(site_pages: dict[str, str]) -> None:
    tree = site_pages["classes.html"].split("<h2>Hierarchy</h2>", 1)[1].split("<h2>A to Z", 1)[0]
    roots = tree.split('<ul class="tree">', 1)[1]
    top = [chunk for chunk in roots.split("<li>")[1:] if "MONDO:0008315" in chunk]
    assert top, "MONDO:0008315 is in the tree"
    assert "≡" in top[0] and "CYTO:0000501" in top[0]  # beside CYTO prostate cancer
    assert "class/CYTO_0000407.html" not in tree  # obsolete classes are not roots


@pytest.mark.slow
@one_worker("site")
def test_site_claims_tables_show_eco_labels(site_pages: dict[str, str]) -> None:
    page = site_pages["tumour/CYTO_0000513.html"]
    claims = page.split('id="claims"', 1)[1]
    assert ">experimental evidence used in manual assertion</a>" in claims


@pytest.mark.slow
@one_worker("site")
def test_site_per_term_download(site_pages: dict[str, str]) -> None:
    import json as jsonlib

    import rdflib

    page = site_pages["class/CYTO_0000201.html"]
    assert 'href="CYTO_0000201.ttl" download' in page and 'href="CYTO_0000201.jsonld"' in page
    graph = rdflib.Graph().parse(data=site_pages["class/CYTO_0000201.ttl"], format="turtle")
    il7r = rdflib.URIRef("https://w3id.org/cytokine-rdf/CYTO_0000201")
    assert (il7r, rdflib.RDFS.label, None) in graph
    assert any(graph.subjects(None, il7r))  # what points to it (claims) is there too
    assert jsonlib.loads(site_pages["class/CYTO_0000201.jsonld"])


@pytest.mark.slow
@one_worker("site")
def test_site_search_ranks_entities_first_and_finds_dois(
    site_pages: dict[str, str], tmp_path: Path
) -> None:
    import shutil
    import subprocess

    binary = shutil.which("chromium")
    if binary is None:
        pytest.skip("chromium is not installed")
    for name, text in site_pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")

    def results(query: str) -> str:
        done = subprocess.run(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=3000",
             f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
             (tmp_path / "search.html").as_uri() + "?q=" + query],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        return done.stdout.split('id="search-page-results"', 1)[1].split("</ol>", 1)[0]

    found = results("stat5")
    first_publication = found.index("individual/CYTO_0002011.html")
    assert found.index("class/CYTO_0000209.html") < first_publication  # STAT5A
    assert found.index("class/CYTO_0000210.html") < first_publication  # STAT5B
    assert "claim/CYTO_0001210.html" in results("10.1016/j.ejca.2003.10.016")


# --- trying it as a new user: what hurt next ----------------------------------------------------
def test_a_query_with_no_rows_says_so(tmp_path: Path) -> None:
    # a gene product of the user's own, with no tumour claim: the answer is empty whatever the
    # packaged claims say
    data = tmp_path / "gene.ttl"
    data.write_text(
        "@prefix CYTO: <https://w3id.org/cytokine-rdf/CYTO_> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<http://example.org/MYGENE> a <http://www.w3.org/2002/07/owl#Class> ; rdfs:label "MYGENE" ;'
        " rdfs:subClassOf CYTO:0000001 .\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main,
        ["query", "run", "tumour-associations", "-p", "gene=MYGENE", "-i", str(data)],
    )
    assert result.exit_code == 0, result.output
    assert "0 rows: nothing matches gene=MYGENE" in result.stderr


def test_gene_in_models_labels_the_process(il7_model_file: Path) -> None:
    rows = table(
        run(
            "query",
            "run",
            "gene-in-models",
            "-p",
            "gene=JAK1",
            "-i",
            str(il7_model_file),
            "-f",
            "csv",
        )
    )
    assert rows and all(r["process_label"] for r in rows if r["process_type"])


def test_gocam_activities_label_processes_and_locations() -> None:
    rows = table(run("query", "run", "gocam-activities", "-i", str(REACTOME), "-f", "csv"))
    located = [r for r in rows if r["location_type"]]
    assert located and all(r["location_label"] == "plasma membrane" for r in located)


def test_diagram_of_an_unknown_name_names_the_models_loaded() -> None:
    out = _error("diagram", "R-HSA-5654719", "-i", str(REACTOME))
    assert f"GO-CAM models loaded: Reactome::SHC-mediated cascade:FGFR4 <{REACTOME_MODEL}>" in out
