"""Stub, being written."""


class UnreadableDocument(ValueError):
    pass


def read_document(data: bytes, name: str = "") -> str:
    return data.decode("utf-8-sig")
