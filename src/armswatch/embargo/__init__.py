"""UN arms embargo checks: the curated embargo data and the assessment of claims against it.

    from armswatch.embargo import assess, assess_case, assess_transfer, load_registry

    assessment = assess(claim, published=document.published)
    for finding in assessment.flagged:          # embargoes the claim may breach
        print(finding.embargo_id, finding.summary)
    assessment.to_dict()                        # plain JSON-ready data for the API and exports
"""

from __future__ import annotations

from armswatch.embargo.assess import (
    VERDICTS,
    Assessment,
    CaseAssessment,
    CaseEmbargo,
    EmbargoFinding,
    ProvisionFinding,
    StoredClaimLike,
    assess,
    assess_case,
    assess_stored_case,
    assess_transfer,
)
from armswatch.embargo.dates import ClaimWhen, claim_when, parse_partial_date
from armswatch.embargo.registry import (
    Embargo,
    EmbargoDataError,
    Exemption,
    Provision,
    Registry,
    Resolution,
    default_registry,
    load_registry,
    schema,
    validate_data,
)

__all__ = [
    "VERDICTS", "Assessment", "CaseAssessment", "CaseEmbargo", "ClaimWhen", "Embargo", "EmbargoDataError",
    "EmbargoFinding", "Exemption", "Provision", "ProvisionFinding", "Registry", "Resolution",
    "StoredClaimLike", "assess", "assess_case", "assess_stored_case", "assess_transfer", "claim_when",
    "default_registry",
    "load_registry", "parse_partial_date", "schema", "validate_data",
]
