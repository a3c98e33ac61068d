"""Pure extraction: notice text + publication date in, ExtractedEvent values out.

No database, no Flask, no network and no clock: the reference date is an argument.
"""
from .events import ExtractedEvent, Kind, SourceRef

__all__ = ["ExtractedEvent", "Kind", "SourceRef"]
