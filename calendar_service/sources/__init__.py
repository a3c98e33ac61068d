"""Following issuers' sites: list pages, RSS/Atom feeds and single pages polled on a timer, each
article read in whatever format it comes (HTML, PDF, .docx, images by OCR) and ingested as a
notice whose identity is its URL (DESIGN.md, "Sources").

``spec`` (what a source is, checked), ``fetch`` and ``politeness`` (HTTP, robots.txt, per-host
delay), ``listing`` (links of list pages and feeds), ``text``, ``html``, ``documents``, ``ocr``
and ``formats`` (bytes to notice text), ``poll`` (one source), ``poller`` (the pass over the due
sources, for the scheduler and the command line), ``timing`` (where the time goes). The rows are
the store's (``store.sources``, ``store.articles``). Nothing is imported here, so that the desk and
the command line load the heavy readers (trafilatura, pypdf) only when a poll runs.
"""
