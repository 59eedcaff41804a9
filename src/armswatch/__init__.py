"""armswatch: extract, store and check claims of military transfers between states from the news."""

from armswatch.model import CATEGORIES, STATUSES, Claim, Document

__version__ = "0.1.0"

__all__ = ["CATEGORIES", "STATUSES", "Claim", "Document", "__version__"]
