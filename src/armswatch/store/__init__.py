"""The evidence base: documents, claims (never overwritten), cases and analysts' decisions.

SQLite (default, a file in the user's data directory) or PostgreSQL, through SQLAlchemy Core, with
Alembic migrations shipped in `migrations/` and applied when a store is opened.
"""

from armswatch.store.filters import CaseFilter, ClaimFilter
from armswatch.store.store import BatchOutcome, Store, StoredDocument, open_store

__all__ = ["BatchOutcome", "CaseFilter", "ClaimFilter", "Store", "StoredDocument", "open_store"]
