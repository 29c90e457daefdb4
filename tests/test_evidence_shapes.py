"""Evidence rules in shapes/ontology.shapes.ttl, on users' claims: experimental ECO codes (any
descendant of ECO:0000006 in the packaged ECO import) cite a paper (an error without one) and
should cite it by PMID (a warning for a DOI only, which GO also accepts), Reactome backs only a
traceable author statement, a curator inference names its "with", and a UniProt entry or wiki
page is never a source. The per-shape fixtures are in tests/data/shapes/claim-evidence/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cytokine_rdf.cli.main import main

USER = Path(__file__).parent / "data" / "evidence" / "user-claims.ttl"
LAB = "https://example.org/lab/"


@pytest.mark.slow
def test_users_claims_fail_validate_on_each_rule() -> None:
    result = CliRunner().invoke(
        main, ["validate", "-i", str(USER), "--shapes", "ontology", "--no-reason", "-f", "json"]
    )
    assert result.exit_code == 1, result.stdout + result.stderr
    findings: dict[str, set[str]] = {}
    severities: dict[str, str] = {}
    for finding in json.loads(result.stdout)["findings"]:
        findings.setdefault(finding["focus"].removeprefix(LAB), set()).add(finding["check"])
        severities[finding["check"]] = finding["severity"]
    assert severities["ClaimExperimentalPubMedShape"] == "warn"
    assert severities["ClaimExperimentalSourceShape"] == "error"
    assert findings == {
        "imp-doi": {"ClaimExperimentalPubMedShape"},
        "imp-notebook": {"ClaimExperimentalSourceShape"},
        "tas-uniprot": {"ClaimSourceNotDatabaseShape"},
        "tas-wiki": {"ClaimSourceNotDatabaseShape"},
        "ic-bare": {"ClaimInferenceWithShape"},
        "iep-reactome": {"ClaimReactomeEvidenceShape"},
        # a register paper described by author and title only is citable, with a warning
        "imp-register": {"ClaimExperimentalPubMedShape"},
        # a wiki page is never a paper, however it is described
        "imp-wiki": {"ClaimExperimentalSourceShape", "ClaimSourceNotDatabaseShape"},
    }
