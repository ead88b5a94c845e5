"""poa: draft a reviewer-ready Amazon Plan of Action, offline."""

__version__ = "0.1.0"
