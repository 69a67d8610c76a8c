"""The event store: coded articles in SQLite (WAL), written idempotently, read by the
web UI and the exports."""

from dyad.store.filters import EventFilter
from dyad.store.schema import connect, latest_version, migrate, schema_version
from dyad.store.writer import Store

__all__ = ["EventFilter", "Store", "connect", "latest_version", "migrate", "schema_version"]
