"""The analyst's web UI: ``create_app(db)`` serves a store read-only (``dyad serve``)."""

from dyad.web.app import create_app

__all__ = ["create_app"]
