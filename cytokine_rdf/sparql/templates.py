"""Packaged SPARQL templates: ``queries/*.rq`` files with a grlc ``#+`` YAML header.

Parameters follow the grlc/BASIL variable convention, so every file is valid SPARQL as written and
a grlc server can serve the folder unchanged:

``?_name`` required string, ``?__name`` optional, ``?_name_iri`` an entity, ``?_name_integer``,
``?_name_decimal``; a parameter listed with ``enum:`` in the ``params`` header takes one of those values.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from cytokine_rdf.errors import ParameterError, QueryError
from cytokine_rdf.io.resources import iter_resources, read_text_file
from cytokine_rdf.sparql.text import mask, query_form
from cytokine_rdf.terms import Term
from cytokine_rdf.vocab import XSD

if TYPE_CHECKING:
    from cytokine_rdf.sparql.resolve import Resolver

__all__ = [
    "Parameter",
    "Template",
    "bind_parameters",
    "load_templates",
    "parse_template",
]

TYPES = ("iri", "string", "integer", "decimal", "enum")
_VAR = re.compile(r"[?$](__?)([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*)")
_HEADER = re.compile(r"^#\+ ?(.*)$")


@dataclass(frozen=True)
class Parameter:
    """One template parameter, derived from a ``?_name_type`` variable and the ``params`` header."""

    name: str
    variable: str
    type: str
    required: bool
    default: str | None = None
    description: str = ""
    choices: tuple[str, ...] = ()
    # IRIs/CURIEs (``class:`` in the header, one or a list): resolved entities must be one of these
    # classes or below one
    within: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The JSON form used by ``query list -f json``."""
        out: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "required": self.required,
            "default": self.default,
            "description": self.description,
        }
        if self.choices:
            out["choices"] = list(self.choices)
        if self.within:
            out["class"] = self.within[0] if len(self.within) == 1 else list(self.within)
        out["variable"] = self.variable
        return out


@dataclass(frozen=True)
class Template:
    """A SPARQL template file and its metadata."""

    name: str
    path: Path
    text: str
    summary: str
    description: str = ""
    tags: tuple[str, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    example: Mapping[str, str] = field(default_factory=dict)
    header: Mapping[str, Any] = field(default_factory=dict)

    @property
    def form(self) -> str:
        """SELECT, CONSTRUCT, ASK or DESCRIBE."""

        return query_form(self.text)

    def parameter(self, name: str) -> Parameter:
        """Return the parameter called ``name`` or raise ParameterError listing the valid names."""
        for p in self.parameters:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise ParameterError(
            f"template {self.name!r} has no parameter {name!r}", hint=f"its parameters: {known}"
        )

    def example_args(self) -> list[str]:
        """CLI arguments of a working example, e.g. ``["-p", "gene=IL7R"]``."""
        args: list[str] = []
        for key, value in self.example.items():
            args += ["-p", f"{key}={value}"]
        return args


def _variable_parts(var: str) -> tuple[str, str, bool]:
    """``_gene_iri`` -> (gene, iri, required); ``__depth_integer`` -> (depth, integer, optional)."""
    required = not var.startswith("__")
    stem = var.lstrip("_")
    for suffix in ("iri", "integer", "decimal"):
        if stem.endswith("_" + suffix):
            return stem[: -len(suffix) - 1], suffix, required
    return stem, "string", required


MAX_HEADER_BYTES = 64 * 1024
MAX_HEADER_NESTING = 16


def read_header(text: str) -> dict[str, Any]:
    """Parse the leading ``#+`` lines as YAML (grlc decorators)."""

    lines = []
    for line in text.splitlines():
        match = _HEADER.match(line)
        if match:
            lines.append(match.group(1))
        elif line.strip() and not line.startswith("#"):
            break
    if not lines:
        return {}
    source = "\n".join(lines)
    # PyYAML's pure-Python scanner is quadratic on deep nesting; real headers are a few KB, flat
    if len(source) > MAX_HEADER_BYTES:
        raise ValueError(f"the #+ header is longer than {MAX_HEADER_BYTES:,} characters")
    depth = deepest = 0
    for char in source:
        depth += (char in "[{") - (char in "]}")
        deepest = max(deepest, depth)
    if deepest > MAX_HEADER_NESTING:
        raise ValueError(
            f"the #+ header nests [ ] or {{ }} {deepest} deep (at most {MAX_HEADER_NESTING})"
        )
    # anchors and aliases can expand exponentially ("billion laughs"); headers never need them
    if any(isinstance(t, yaml.AnchorToken | yaml.AliasToken) for t in yaml.scan(source)):
        raise ValueError("YAML anchors and aliases (&name, *name) are not allowed in #+ headers")
    loaded = yaml.safe_load(source)
    if not isinstance(loaded, dict):
        raise TypeError("the #+ header is not a YAML mapping")
    return loaded


def parse_template(path: Path, text: str | None = None) -> Template:
    """Read one ``.rq`` file into a Template (QueryError if its header is broken)."""

    body = read_text_file(path, "SPARQL template") if text is None else text
    try:
        header = read_header(body)
        _check_header_types(header)
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        raise QueryError(f"{path}: bad #+ header: {' '.join(str(exc).split())}") from exc
    specs = header.get("params") or {}
    defaults = _defaults(header.get("defaults"))
    params: dict[str, Parameter] = {}
    for prefix, stem in _VAR.findall(mask(body)):
        name, kind, required = _variable_parts(prefix + stem)
        if name in params:
            continue
        spec = specs.get(name) or {}
        choices = tuple(str(c) for c in spec.get("enum", ()) or ())
        default = defaults.get(name, spec.get("default"))
        params[name] = Parameter(
            name=name,
            variable=prefix + stem,
            type="enum" if choices else kind,
            required=required and default is None,
            default=None if default is None else str(default),
            description=str(spec.get("description", "")),
            choices=choices,
            within=_classes(spec.get("class")),
        )
    example = {str(k): str(v) for k, v in (header.get("example") or {}).items()}
    tags = header.get("tags") or ()
    return Template(
        name=path.stem,
        path=path,
        text=body,
        summary=str(header.get("summary", "")).strip(),
        description=str(header.get("description", "")).strip(),
        tags=tuple(str(t) for t in tags),
        parameters=tuple(params.values()),
        example=example,
        header=header,
    )


def _check_header_types(header: dict[str, Any]) -> None:
    """The shapes the fields must have (grlc's), so that a wrong one is named, not a crash."""

    def expect(value: Any, kinds: type | tuple[type, ...], what: str) -> None:
        if value is not None and not isinstance(value, kinds):
            raise TypeError(f"{what} must be {_KIND_NAMES[kinds]}, not {type(value).__name__}")

    expect(header.get("params"), Mapping, "params")
    for name, spec in (header.get("params") or {}).items():
        expect(spec, Mapping, f"params.{name}")
        expect((spec or {}).get("enum"), list, f"params.{name}.enum")
    expect(header.get("example"), Mapping, "example")
    expect(header.get("tags"), list, "tags")
    expect(header.get("defaults"), (list, Mapping), "defaults")


_KIND_NAMES: dict[Any, str] = {
    Mapping: "a mapping (name: value)",
    list: "a list",
    (list, Mapping): "a list or a mapping",
}


def _classes(raw: Any) -> tuple[str, ...]:
    """``class: CYTO:0000001`` or ``class: [CYTO:0000001, CYTO:0000004]`` -> a tuple of CURIEs."""
    if raw is None:
        return ()
    return tuple(str(c) for c in raw) if isinstance(raw, list) else (str(raw),)


def _defaults(raw: Any) -> dict[str, Any]:
    """grlc writes defaults as a list of one-key mappings; accept a plain mapping too."""
    if isinstance(raw, Mapping):
        return dict(raw)
    out: dict[str, Any] = {}
    for item in raw or ():
        if isinstance(item, Mapping):
            out.update(item)
    return out


def load_templates(extra_dirs: Iterable[str | Path] = ()) -> dict[str, Template]:
    """Packaged templates plus those in ``extra_dirs`` (a user's folder wins on a name clash)."""
    paths = list(iter_resources("queries", ".rq", recursive=False))
    for folder in extra_dirs:
        directory = Path(folder)
        if not directory.is_dir():
            raise QueryError(
                f"{directory}: not a folder of .rq templates", hint="give --queries DIR"
            )
        inside = directory.resolve()
        for path in sorted(directory.glob("*.rq")):
            # a link to ~/.netrc in someone else's folder must not be sent to an endpoint
            if not path.resolve().is_relative_to(inside):
                raise QueryError(
                    f"{path}: links to {path.resolve()}, outside {directory}",
                    hint="templates are read only from inside the --queries folder; copy it there",
                )
            paths.append(path)
    templates: dict[str, Template] = {}
    for path in paths:
        template = parse_template(path)
        templates[template.name] = template
    return dict(sorted(templates.items()))


def bind_parameters(
    template: Template, given: Mapping[str, str], resolver: Resolver | None = None
) -> dict[str, Term]:
    """Type-check and convert user values to RDF terms, keyed by SPARQL variable name."""
    for name in given:
        template.parameter(name)
    bound: dict[str, Term] = {}
    for param in template.parameters:
        raw = given.get(param.name, param.default)
        if raw is None:
            if param.required:
                raise ParameterError(
                    f"template {template.name!r} needs parameter {param.name!r} ({param.type})",
                    hint=f"add -p {param.name}=VALUE",
                )
            continue
        bound[param.variable] = _convert(template, param, raw, resolver)
    return bound


def _convert(template: Template, param: Parameter, raw: str, resolver: Resolver | None) -> Term:
    where = f"parameter {param.name!r} of {template.name!r}"
    if param.type == "enum":
        # case is forgiven (aspect=bp means BP); anything else names the closest choices
        chosen = next((c for c in param.choices if c.casefold() == raw.strip().casefold()), None)
        if chosen is None:
            lowered = {c.casefold(): c for c in param.choices}
            close = difflib.get_close_matches(
                raw.strip().casefold(), list(lowered), n=3, cutoff=0.5
            )
            hint = f"did you mean {' or '.join(lowered[c] for c in close)}?" if close else None
            raise ParameterError(
                f"{where}: {raw!r} is not one of {', '.join(param.choices)}", hint=hint
            )
        return Term.literal(chosen)
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?\d{1,18}", raw.strip()):
            raise ParameterError(f"{where}: {raw!r} is not an integer")
        return Term.literal(str(int(raw)), XSD + "integer")
    if param.type == "decimal":
        # xsd:decimal lexical form only (no exponent, NaN or infinity), at most 40 characters
        text = raw.strip()
        if len(text) > 40 or not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
            raise ParameterError(
                f"{where}: {raw!r} is not a decimal number", hint="e.g. 0.5 or -12.25"
            )
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ParameterError(f"{where}: {raw!r} is not a decimal number") from None
        return Term.literal(format(value, "f"), XSD + "decimal")
    if param.type == "iri":
        if resolver is None:
            try:
                return Term.iri(raw)
            except ValueError:
                raise ParameterError(f"{where}: {raw!r} is not an IRI") from None
        if not param.within:
            return resolver.resolve(raw, what=where)
        return resolver.resolve(
            raw,
            within=param.within,
            what=where,
            hint=lambda: _what_to_pass(template, param, raw, resolver),
        )
    return Term.literal(raw)


def _what_to_pass(template: Template, param: Parameter, raw: str, resolver: Resolver) -> str:
    """Say what ``param`` takes and, when the value fits another parameter, to pass it there."""
    what = param.description.split(";")[0]
    hint = f"-p {param.name}= takes {what[:1].lower()}{what[1:]}"
    try:
        found = resolver.candidates(raw)
    except ParameterError:
        return hint
    for other in template.parameters:
        if other is param or not other.within:
            continue
        if any(resolver.within(c.iri, other.within) for c in found[:5]):
            return f"{hint}; {raw!r} goes in -p {other.name}={raw}"
    return hint
