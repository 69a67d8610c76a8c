"""The Parquet schemas of a shard: events (one row per event) and articles."""

from __future__ import annotations

import pyarrow as pa

EVENT_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("article_id", pa.string()), ("shard", pa.string()),
    ("sentence", pa.int32()), ("sentence_text", pa.string()), ("event", pa.string()),
    ("cameo", pa.string()), ("mode", pa.string()), ("context", pa.list_(pa.string())),
    ("quad", pa.int8()), ("negated", pa.bool_()), ("modality", pa.string()),
    ("source_codes", pa.list_(pa.string())), ("target_codes", pa.list_(pa.string())),
    ("source_json", pa.string()), ("target_json", pa.string()),
    ("date_value", pa.string()), ("date_begin", pa.string()), ("date_end", pa.string()),
    ("date_source", pa.string()), ("location_name", pa.string()),
    ("location_country", pa.string()), ("location_lat", pa.float64()),
    ("location_lon", pa.float64()), ("trigger_text", pa.string()),
    ("trigger_start", pa.int32()), ("trigger_end", pa.int32()), ("quote_id", pa.string()),
    ("confidence", pa.float32()),
])

ARTICLE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("shard", pa.string()), ("position", pa.int32()),
    ("url", pa.string()), ("title", pa.string()), ("published", pa.string()),
    ("source", pa.string()), ("language", pa.string()), ("n_events", pa.int32()),
    ("n_actors", pa.int32()), ("n_quotes", pa.int32()), ("result_json", pa.string()),
])
