"""The OpenAPI 3.0 document served at /api/openapi.json (schemathesis tests the app against it)."""
from __future__ import annotations

from ..kinds import KINDS as MEANINGS

KINDS = [str(kind) for kind in MEANINGS]
NULLABLE_STRING = {"type": "string", "nullable": True}
DATE_OR_TIME = {
    "type": "string", "nullable": True,
    "description": "YYYY-MM-DD for all-day items (end inclusive), YYYY-MM-DDTHH:MM:SS+08:00 for timed; "
                   "null when open-ended (or, for a deadline, when the window start is not stated)",
}
ALARMS = ["15m", "30m", "1h", "2h", "12h", "1d", "2d", "3d", "1w"]


def _error(description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _json(description: str, ref: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


def _query(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


Q = _query("q", {"type": "string", "maxLength": 100}, "text in the title, place or description")
ALARM = _query("alarm", {"type": "string", "enum": ALARMS},
               "add a reminder this long before each item (any of 1w, 2d, 3h, 30m, 1d12h… up to 4 weeks)")
ICS = {"description": "the feed", "content": {"text/calendar": {"schema": {"type": "string"}}},
       "headers": {"ETag": {"schema": {"type": "string"}}, "Last-Modified": {"schema": {"type": "string"}}}}
NOT_MODIFIED = {"description": "unchanged since If-None-Match / If-Modified-Since"}

EVENT = {
    "type": "object",
    "required": ["uid", "kind", "title", "start", "end", "all_day", "location", "description", "confidence",
                 "source", "sequence", "status", "notice_id", "created", "last_modified", "links"],
    "properties": {
        "uid": {"type": "string"},
        "kind": {"type": "string", "enum": KINDS},
        "title": {"type": "string"},
        "start": DATE_OR_TIME,
        "end": DATE_OR_TIME,
        "all_day": {"type": "boolean"},
        "location": NULLABLE_STRING,
        "description": {"type": "string"},
        "confidence": {"type": "number"},
        "source": {
            "type": "object", "required": ["notice", "url", "text", "start", "end"],
            "description": "where the item was read: the notice's identity, its public address (null when it "
                           "came from a file), the sentence and its offsets in the notice's text",
            "properties": {"notice": {"type": "string"}, "url": NULLABLE_STRING, "text": {"type": "string"},
                           "start": {"type": "integer"}, "end": {"type": "integer"}},
        },
        "sequence": {"type": "integer", "minimum": 0},
        "status": {"type": "string", "enum": ["confirmed", "cancelled"]},
        "notice_id": {"type": "string"},
        "created": {"type": "string", "format": "date-time"},
        "last_modified": {"type": "string", "format": "date-time"},
        "links": {
            "type": "object", "required": ["self", "ics", "page", "notice"],
            "properties": {name: {"type": "string"} for name in ("self", "ics", "page", "notice")},
        },
    },
}


def openapi_document(server: str) -> dict:
    return {
        "openapi": "3.0.3",
        "info": {"title": "calendar-service", "version": "1",
                 "description": "Events read from public notices, as JSON and as subscribable iCalendar feeds."},
        "servers": [{"url": server.rstrip("/") or "/"}],
        "paths": {
            "/api/events": {"get": {
                "summary": "List events",
                "parameters": [
                    _query("kind", {"type": "string", "enum": KINDS}, "only this kind"),
                    Q,
                    _query("from", {"type": "string", "format": "date"},
                           "overlapping this day or later; without it, what is current today (as on the home "
                           "page: ending today or later, or open-ended and confirmed lately)"),
                    _query("to", {"type": "string", "format": "date"}, "overlapping this day or earlier"),
                    _query("status", {"type": "string", "enum": ["confirmed", "cancelled"]}, "only this status"),
                    _query("limit", {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}, "page size"),
                    _query("offset", {"type": "integer", "minimum": 0, "maximum": 1_000_000_000, "default": 0},
                           "events to skip"),
                ],
                "responses": {"200": _json("a page of events in date order", "EventPage"),
                              "400": _error("a malformed parameter")},
            }},
            "/api/events/{uid}": {"get": {
                "summary": "One event",
                "parameters": [{"name": "uid", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": _json("the event", "Event"), "404": _error("no such event")},
            }},
            "/api/notices/{id}": {"get": {
                "summary": "One notice with its events",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"},
                                "description": "the notice's identity (its path relative to the ingest root)"}],
                "responses": {"200": _json("the notice", "Notice"), "404": _error("no such notice")},
            }},
            "/calendar.ics": {"get": {
                "summary": "Feed of everything current (ongoing, upcoming, recently ended)",
                "parameters": [Q, ALARM],
                "responses": {"200": ICS, "304": NOT_MODIFIED, "400": _error("a malformed parameter")},
            }},
            "/calendars/{kind}.ics": {"get": {
                "summary": "Feed of one kind",
                "parameters": [{"name": "kind", "in": "path", "required": True,
                                "schema": {"type": "string", "enum": KINDS}}, Q, ALARM],
                "responses": {"200": ICS, "304": NOT_MODIFIED, "400": _error("a malformed parameter"),
                              "404": _error("no such kind")},
            }},
            "/events/{uid}.ics": {"get": {
                "summary": "One event as iCalendar",
                "parameters": [{"name": "uid", "in": "path", "required": True, "schema": {"type": "string"}},
                               ALARM],
                "responses": {"200": ICS, "304": NOT_MODIFIED, "400": _error("a malformed parameter"),
                              "404": _error("no such event")},
            }},
        },
        "components": {"schemas": {
            "Error": {
                "type": "object", "required": ["status", "error", "message"],
                "properties": {"status": {"type": "integer"}, "error": {"type": "string"},
                               "message": {"type": "string"}},
            },
            "Event": EVENT,
            "EventPage": {
                "type": "object", "required": ["events", "total", "limit", "offset", "next"],
                "properties": {
                    "events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}},
                    "total": {"type": "integer", "minimum": 0},
                    "limit": {"type": "integer"},
                    "offset": {"type": "integer"},
                    "next": {"type": "string", "nullable": True, "description": "URL of the next page"},
                },
            },
            "Notice": {
                "type": "object",
                "required": ["id", "source", "published", "status", "ingested_at", "updated_at", "text", "events"],
                "properties": {
                    "id": {"type": "string"},
                    "source": {**NULLABLE_STRING, "description": "the notice's public address (null when it came "
                                                                 "from a file: no path of the server is shown)"},
                    "published": {"type": "string", "format": "date"},
                    "status": {"type": "string", "enum": ["active", "withdrawn"]},
                    "ingested_at": {"type": "string", "format": "date-time"},
                    "updated_at": {"type": "string", "format": "date-time"},
                    "text": {"type": "string"},
                    "events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}},
                },
            },
        }},
    }
