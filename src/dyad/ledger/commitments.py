"""Commitments from one coded article: agreements (AGREE events and "agreed that X will
..."), pledges, concessions, court orders that oblige a party, and named agreements the
text refers to (linked to the registry).

>>> from dyad.pipeline import code
>>> r = code("Serbia and Kosovo agreed to withdraw troops from the border.", published="2023-05-02")
>>> [(c.provision, sorted(c.keys())) for c in find_commitments(r)]
[('withdrawal', ['SRB', 'XKX'])]
"""

from __future__ import annotations

import re

from dyad.ledger.provisions import Provisions, load_provisions
from dyad.ledger.records import Commitment, Evidence, day_time
from dyad.ledger.registry import Agreement, Registry, load_registry
from dyad.ledger.text import (
    Sentence,
    clause_after,
    key_actor,
    keys_of,
    sentences,
    short_id,
    unique_actors,
)
from dyad.records import Actor, ArticleResult, Event, TimeValue

_PROMISE_EVENTS = {"AGREE"}
_SIGNING = {"057"}  # "signed a peace agreement": CAMEO's sign formal agreement
_CONCEDE_EVENTS = {"CONCEDE", "RETREAT", "COOPERATE", "AID"}
_MUTUAL = re.compile(r"\b(?:each other|one another|both|mutual\w*|jointly|together)\b", re.I)
_SKIP_MODALITY = {"hypothetical"}


def _registry_parties(entry: Agreement, found: list[Actor]) -> tuple[list[Actor], list[Actor]]:
    """Parties and obligated parties of a linked commitment: the article's actors for
    them where it names them, else actors made from the registry keys."""
    by_key = {a.key(): a for a in found if a.key() and a.kind in ("state", "organization")
              and not a.role}
    parties = [by_key.get(k) or key_actor(k) for k in entry.parties] or unique_actors(found)
    bound = [by_key.get(k) or key_actor(k) for k in entry.bound] or parties
    return parties, bound


def _linked(entry: Agreement, article_id: str, ev: Evidence, content: str,
            actors: list[Actor], subject: list[Actor], prov: Provisions,
            text_date: TimeValue | None) -> Commitment:
    parties, bound = _registry_parties(entry, actors)
    if subject and keys_of(subject) <= set(entry.parties):
        bound = unique_actors(subject)
    text_provs = prov.classify_all(content) if content else []
    provisions = list(dict.fromkeys(text_provs + entry.provisions)) or ["other"]
    when = text_date if text_date and (text_date.value or "")[:10] == entry.date else \
        day_time(entry.date, anchor="registry")
    return Commitment(id=entry.id, name=entry.name, parties=parties, obligated=bound,
                      provision=provisions[0], content=content or entry.content, date=when,
                      evidence=ev, agreement=entry.id, provisions=provisions)


def _event_date(e: Event) -> TimeValue | None:
    return e.date if e.date_source == "text" else None


def _from_event(e: Event, s: Sentence, result: ArticleResult, reg: Registry,
                prov: Provisions, keys: set[str]) -> list[Commitment]:
    """An AGREE, pledge, concession or court-order event as commitments."""
    aid = result.article.id
    off = e.trigger.start - s.start
    content, _, subject_words = clause_after(s.text, off)
    if not content and e.cameo in _SIGNING:
        # "signed a peace agreement on Friday, ...": what was signed
        after = s.text[off + len(e.trigger.text):]
        content = re.split(r"[,;:]\s|\.\s|\.$", after, maxsplit=1)[0].strip()[:160]
    source = [a for a in e.source if a.key()]
    target = [a for a in e.target if a.key()]
    court = {a.org for a in source if a.org in prov.courts}
    if court and e.event in ("COERCE", "REQUEST", "SANCTION"):
        parties = obligated = unique_actors(target)
        ids = reg.rulings(s.text, court, keys_of(target) | keys, s.times)
        name_default = f"{'/'.join(sorted(court))} order"
    elif e.event in _PROMISE_EVENTS or e.cameo in _SIGNING or (
            e.event in _CONCEDE_EVENTS and e.modality == "future"):
        parties = unique_actors(source + target)
        subj: list[Actor] = []
        if subject_words.strip():
            lo = s.start + s.text.find(subject_words, off)
            subj = [a for a in s.actors if lo <= a.start < lo + len(subject_words)]
        if subj and keys_of(subj):
            obligated = unique_actors(subj)
            parties = unique_actors(parties + subj)
        elif source and target and not _MUTUAL.search(content) and \
                e.event not in _PROMISE_EVENTS and e.cameo not in _SIGNING:
            obligated = unique_actors(source)
        else:
            obligated = parties
        begin = e.date.begin if e.date and e.date_source == "text" else None
        end = e.date.end_date if e.date and e.date_source == "text" else (
            result.article.published or None)
        ids = reg.at_places(s.text, keys_of(parties), begin, end)
        ids += [i for m in reg.mentions(s.text, keys, result.article.published, [])
                for i in m.ids if i not in ids]
        day = e.date.value if e.date and e.date_source == "text" else None
        if not ids and content and day and len(day) == 10:
            ids = reg.on_day(keys_of(parties), day, prov.classify_all(content))
        name_default = ("agreement" if e.event in _PROMISE_EVENTS or e.cameo in _SIGNING
                        else "concession")
    else:
        return []
    if not content and not ids:
        return []  # a bare mention ("earlier agreements"): a reference, not a new promise
    ev = Evidence(s.text.strip(), s.start + (len(s.text) - len(s.text.lstrip())),
                  s.start + len(s.text.rstrip()), aid)
    out = []
    subj_actors = obligated if subject_words else []
    for i in ids:
        entry = reg.get(i)
        if entry:
            out.append(_linked(entry, aid, ev, content, parties + obligated, subj_actors, prov,
                               _event_date(e)))
    if not out and content and parties:
        provs = prov.classify_all(content) or ["other"]
        out.append(Commitment(id=short_id(aid, "c", e.trigger.start), name=name_default,
                              parties=parties, obligated=obligated or parties,
                              provision=provs[0], content=content, date=e.date, evidence=ev,
                              agreement=None, provisions=provs))
    return out


def _pledges(s: Sentence, result: ArticleResult, prov: Provisions,
             taken: set[int]) -> list[Commitment]:
    """Pledges the event coder gave no AGREE for ("committed to protect civilians")."""
    out = []
    for m in prov.pledge.finditer(s.text):
        pos = s.start + m.start()
        if any(abs(pos - t) < 12 for t in taken):
            continue
        if re.search(r"\b(?:not|never|refused|declined)\s+(?:\w+\s+)?$", s.text[:m.start()]):
            continue
        subj = [a for a in s.actors if a.start < pos and a.key()]
        if not subj:
            continue
        content, _, _ = clause_after(s.text, m.start())
        if not content:
            continue
        provs = prov.classify_all(content) or ["other"]
        aid = result.article.id
        date = next((t for t in s.times if t.begin), None)
        out.append(Commitment(id=short_id(aid, "c", pos), name="pledge",
                              parties=unique_actors(subj), obligated=unique_actors(subj),
                              provision=provs[0], content=content, date=date,
                              evidence=Evidence(s.text.strip(), s.start, s.end, aid),
                              agreement=None, provisions=provs))
        taken.add(pos)
    return out


def find_commitments(result: ArticleResult, reg: Registry | None = None,
                     prov: Provisions | None = None) -> list[Commitment]:
    """Every commitment the article states or names, one per agreement (linked ones
    keep the registry id as their id), in text order."""
    reg = reg or load_registry()
    prov = prov or load_provisions()
    keys = keys_of(result.actors)
    found: dict[str, Commitment] = {}
    taken: set[int] = set()
    sents = sentences(result)
    for s in sents:
        for e in s.events:
            if e.negated or e.modality in _SKIP_MODALITY:
                continue
            for c in _from_event(e, s, result, reg, prov, keys):
                taken.add(e.trigger.start)
                found.setdefault(c.id, c)
        for c in _pledges(s, result, prov, taken):
            found.setdefault(c.id, c)
    # named agreements the text refers to without stating them
    for s in sents:
        for m in reg.mentions(s.text, keys, result.article.published, s.times, s.start):
            for i in m.ids:
                entry = reg.get(i)
                if entry is None or i in found:
                    continue
                ev = Evidence(m.text, s.start + m.start, s.start + m.end, result.article.id)
                found[i] = _linked(entry, result.article.id, ev, "", s.actors, [], prov, None)
        for i in reg.rulings(s.text, {a.org for a in s.actors if a.org in prov.courts},
                             keys, s.times):
            entry = reg.get(i)
            if entry and i not in found:
                ev = Evidence(s.text.strip(), s.start, s.end, result.article.id)
                found[i] = _linked(entry, result.article.id, ev, "", s.actors, [], prov, None)
    return sorted(found.values(), key=lambda c: c.evidence.start)
