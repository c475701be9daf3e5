"""proa-policy: the Pro-A accord of the temporary-work branch (22 January 2021, as extended) as code.

    >>> from proa_policy import load_policies
    >>> policies = load_policies()          # the shipped policy set, compiled once
    >>> decision = policies.evaluate(dossier)
    >>> decision.verdict, decision.to_dict()["violations"]
"""

from proa_policy.engine.decision import Decision, Finding, RuleResult
from proa_policy.engine.policyset import PolicySet, load_policies
from proa_policy.errors import DocumentError, DossierIssue, PolicyError, ProaError

__version__ = "0.1.0"
__all__ = [
    "Decision", "DocumentError", "DossierIssue", "Finding", "PolicyError", "PolicySet", "ProaError",
    "RuleResult", "load_policies",
]
