"""Coded articles as plain data: dicts that cross process boundaries, and the rows
of the Parquet tables a shard writes (one row per event, one per article)."""

from __future__ import annotations

import json
from typing import Any

from dyad.records import Actor, Article, ArticleResult, Event, InputError, Place, Quote, TimeValue


def result_to_dict(item: ArticleResult | InputError) -> dict[str, Any]:
    """A coded article (``{"result": ...}``) or a failure (``{"error": ...}``) as plain data."""
    if isinstance(item, InputError):
        return {"error": item.to_dict()}
    return {"result": item.to_dict()}


def result_from_dict(data: dict[str, Any]) -> ArticleResult | InputError:
    """The inverse of ``result_to_dict``."""
    if "error" in data:
        e = data["error"]
        return InputError(input=e["input"], reason=e["reason"], code=e.get("code", "E000"))
    d = data["result"]
    return ArticleResult(
        article=Article.from_dict(d["article"]),
        actors=[Actor.from_dict(a) for a in d.get("actors") or []],
        places=[Place.from_dict(p) for p in d.get("places") or []],
        times=[TimeValue.from_dict(t) for t in d.get("times") or []],
        events=[Event.from_dict(e) for e in d.get("events") or []],
        quotes=[_quote(q) for q in d.get("quotes") or []],
        commitments=list(d.get("commitments") or []),
        contradictions=list(d.get("contradictions") or []),
        errors=[InputError(e["input"], e["reason"], e.get("code", "E000"))
                for e in d.get("errors") or []],
    )


def _quote(q: dict[str, Any]) -> Quote:
    return Quote(id=q["id"], text=q["text"], start=q["start"], end=q["end"], kind=q["kind"],
                 cue=q.get("cue"), speaker=Actor.from_dict(q["speaker"]) if q.get("speaker")
                 else None)


def _codes(actors: list[dict[str, Any]]) -> list[str]:
    return [str(a.get("code") or a.get("org") or a.get("country") or "") for a in actors]


def event_rows(result: dict[str, Any], shard: str) -> list[dict[str, Any]]:
    """One flat row per event of an article result dict (snake_case Parquet columns)."""
    rows = []
    for e in result["events"]:
        date = e.get("date") or {}
        loc = e.get("location") or {}
        trig = e.get("trigger") or {}
        rows.append({
            "event_id": e["id"], "article_id": e["article_id"], "shard": shard,
            "sentence": e["sentence"], "sentence_text": e["text"], "event": e["event"],
            "cameo": e["cameo"], "mode": e.get("mode"), "context": list(e.get("context") or []),
            "quad": e["quad"], "negated": bool(e["negated"]), "modality": e["modality"],
            "source_codes": _codes(e["source"]), "target_codes": _codes(e["target"]),
            "source_json": json.dumps(e["source"], ensure_ascii=False),
            "target_json": json.dumps(e["target"], ensure_ascii=False),
            "date_value": date.get("value"), "date_begin": date.get("begin"),
            "date_end": date.get("end_date"), "date_source": e["date_source"],
            "location_name": loc.get("name"), "location_country": loc.get("country"),
            "location_lat": loc.get("lat"), "location_lon": loc.get("lon"),
            "trigger_text": trig.get("text"), "trigger_start": trig.get("start"),
            "trigger_end": trig.get("end"), "quote_id": e.get("quote_id"),
            "confidence": float(e["confidence"]),
        })
    return rows


def article_row(result: dict[str, Any], shard: str, position: int) -> dict[str, Any]:
    """One row per coded article; ``result_json`` holds the whole ArticleResult."""
    a = result["article"]
    return {
        "article_id": a["id"], "shard": shard, "position": position, "url": a.get("url"),
        "title": a.get("title"), "published": a.get("published"), "source": a.get("source"),
        "language": a.get("language"), "n_events": len(result["events"]),
        "n_actors": len(result["actors"]), "n_quotes": len(result.get("quotes") or []),
        "result_json": json.dumps(result, ensure_ascii=False),
    }
