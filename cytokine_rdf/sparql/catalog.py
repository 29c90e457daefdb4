"""The template catalogue as sparql-examples RDF (SIB ``sh:SPARQLExecutable`` resources).

Each template becomes ``<base><name>`` typed ``sh:SPARQLExecutable`` plus the form-specific class,
with the query text (header comments removed) in ``sh:select`` / ``sh:construct`` / ``sh:ask`` /
``spex:describe``, the summary and description in ``rdfs:comment``, tags in ``schema:keywords``,
the endpoint in ``schema:target``, ``spex:federatesWith`` for every ``SERVICE`` IRI, and the
shared prefix declarations in ``sh:prefixes`` (``sh:declare``). Output is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable

from cytokine_rdf.errors import QueryError
from cytokine_rdf.io.serialize import serialize_triples
from cytokine_rdf.sparql.templates import Template
from cytokine_rdf.sparql.text import prefix_declarations, service_iris
from cytokine_rdf.terms import Term
from cytokine_rdf.vocab import (
    BASE,
    RDF_TYPE,
    RDFS_COMMENT,
    RDFS_LABEL,
    SCHEMA,
    SH,
    SPEX,
    XSD_ANY_URI,
)

__all__ = ["DEFAULT_TARGET", "EXAMPLES_BASE", "catalog_triples", "serialize_catalog"]

EXAMPLES_BASE = BASE + ".well-known/sparql-examples/"
DEFAULT_TARGET = BASE + "sparql"

_FORM_CLASS = {
    "SELECT": (SH + "SPARQLSelectExecutable", SH + "select"),
    "CONSTRUCT": (SH + "SPARQLConstructExecutable", SH + "construct"),
    "ASK": (SH + "SPARQLAskExecutable", SH + "ask"),
    "DESCRIBE": (SPEX + "DescribeQuery", SPEX + "describe"),
}

Triple = tuple[Term, Term, Term]


def _body(template: Template) -> str:
    """The query text without the ``#+`` header lines (the metadata is in RDF now)."""
    lines = template.text.splitlines()
    while lines and (lines[0].startswith("#+") or not lines[0].strip()):
        lines.pop(0)
    return "\n".join(lines).strip() + "\n"


def catalog_triples(templates: Iterable[Template], *, target: str = DEFAULT_TARGET) -> list[Triple]:
    """The catalogue of ``templates`` as triples (sorted, blank nodes only for prefix declarations)."""
    iri, lit = Term.iri, Term.literal
    try:
        iri(target)
    except ValueError:
        raise QueryError(
            f"--target {target!r} is not an absolute IRI", hint="e.g. https://example.org/sparql"
        ) from None
    a = iri(RDF_TYPE)
    prefixes = Term("bnode", "sparql_examples_prefixes")
    declared: dict[str, str] = {}
    out: list[Triple] = []
    for template in templates:
        node = iri(EXAMPLES_BASE + template.name)
        kind, text_property = _FORM_CLASS[template.form]
        body = _body(template)
        comment = template.summary + (f"\n\n{template.description}" if template.description else "")
        out += [
            (node, a, iri(SH + "SPARQLExecutable")),
            (node, a, iri(kind)),
            (node, iri(RDFS_LABEL), lit(template.name)),
            (node, iri(RDFS_COMMENT), lit(comment, lang="en")),
            (node, iri(text_property), lit(body)),
            (node, iri(SH + "prefixes"), prefixes),
            (node, iri(SCHEMA + "target"), iri(target)),
        ]
        out += [(node, iri(SCHEMA + "keywords"), lit(tag)) for tag in template.tags]
        for service in sorted(service_iris(template.text)):
            out.append((node, iri(SPEX + "federatesWith"), iri(service)))
        for prefix, namespace in prefix_declarations(_body(template)):
            declared.setdefault(prefix, namespace)
    for index, (prefix, namespace) in enumerate(sorted(declared.items())):
        decl = Term("bnode", f"prefix{index}")
        out += [
            (prefixes, iri(SH + "declare"), decl),
            (decl, iri(SH + "prefix"), lit(prefix)),
            (decl, iri(SH + "namespace"), lit(namespace, XSD_ANY_URI)),
        ]
    return sorted(set(out))


def serialize_catalog(
    templates: Iterable[Template], fmt: str = "ttl", *, target: str = DEFAULT_TARGET
) -> str:
    """The catalogue serialised deterministically as ``fmt`` (ttl, nt or jsonld)."""

    return serialize_triples(catalog_triples(templates, target=target), fmt)
