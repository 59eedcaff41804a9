"""Where documents come from: files (txt, html, json, jsonl), web archives, feeds and URLs.

Every reader yields `Document`s, or `InputError`s as values for inputs it could not read, so a batch
goes on past bad input and the caller counts the reasons.
"""

from armswatch.sources.files import iter_documents, iter_input_files, iter_items
from armswatch.sources.skipped import Skipped

__all__ = ["Skipped", "iter_documents", "iter_input_files", "iter_items"]
