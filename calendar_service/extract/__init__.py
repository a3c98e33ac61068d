"""Pure extraction: notice text + publication date in, ExtractedEvent values out.

No database, no Flask, no network and no clock: the reference date is an argument.
"""
from .events import ExtractedEvent, Kind, SourceRef
from .document import UnreadableDocument, read_document
from .pipeline import extract, infer_published

__all__ = [
    "ExtractedEvent",
    "Kind",
    "SourceRef",
    "UnreadableDocument",
    "extract",
    "infer_published",
    "read_document",
]
