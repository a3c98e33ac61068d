"""Pure extraction: notice text + publication date in, ExtractedEvent values out.

No database, no Flask, no network and no clock: the reference date is an argument.
"""
from .document import TooLong, UnreadableDocument, read_document
from .events import Category, ExtractedEvent, Kind, SourceRef
from .pipeline import extract
from .published import PublishedGuess, infer_published

__all__ = [
    "Category",
    "ExtractedEvent",
    "Kind",
    "PublishedGuess",
    "SourceRef",
    "TooLong",
    "UnreadableDocument",
    "extract",
    "infer_published",
    "read_document",
]
