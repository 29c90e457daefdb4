"""Term conversions and the strict N-Triples serialisation that remote binding relies on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cytokine_rdf.terms import Term, compact


@given(st.text())
def test_any_text_round_trips_through_n3_as_one_literal(text: str) -> None:
    import pyoxigraph as ox

    term = Term.literal(text)
    parsed = list(
        ox.parse(f"<http://e/s> <http://e/p> {term.n3()} .".encode(), ox.RdfFormat.N_TRIPLES)
    )
    assert len(parsed) == 1
    assert parsed[0].object.value == text


@pytest.mark.parametrize(
    "bad", ["no scheme", "http://e/a b", "http://e/<x>", 'http://e/"', "http://e/{}", ""]
)
def test_iri_constructor_refuses_text_that_could_break_out(bad: str) -> None:
    with pytest.raises(ValueError, match="not an absolute IRI"):
        Term.iri(bad)


def test_conversions_agree() -> None:
    for term in (
        Term.iri("http://purl.obolibrary.org/obo/GO_0038111"),
        Term.literal("x", lang="en"),
        Term.literal("1.5", "http://www.w3.org/2001/XMLSchema#decimal"),
        Term.literal("plain"),
    ):
        assert Term.from_oxigraph(term.to_oxigraph()) == term
        assert Term.from_rdflib(term.to_rdflib()) == term
        assert Term.from_json(term.to_json()) == term


def test_compact_uses_the_longest_known_namespace() -> None:
    assert compact("http://purl.obolibrary.org/obo/GO_0038111") == "GO:0038111"
    assert compact("https://w3id.org/cytokine-rdf/CYTO_0000201") == "CYTO:0000201"
    assert compact("http://example.org/x") == "http://example.org/x"


def test_terms_sort_with_and_without_language_or_datatype() -> None:
    """Found by hypothesis: a plain and a language-tagged empty literal could not be sorted."""
    plain, tagged = Term.literal(""), Term.literal("", lang="en")
    typed = Term.literal("", "http://www.w3.org/2001/XMLSchema#token")
    assert sorted([tagged, typed, plain]) == [plain, tagged, typed]
