"""Stub, being written."""
from datetime import date


def extract(text: str, published: date, *, file: str | None = None, notice_key: str | None = None):
    return []


def infer_published(text: str):
    return None
