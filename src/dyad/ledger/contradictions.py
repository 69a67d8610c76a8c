"""Contradictions: acts said to go against a commitment (alleged) and acts of a kind a
commitment's provision rules out, by a party it binds, after it was made (inferred).

Alleged ones come from one sentence: a speaker, an allegation cue ("contradicts", "in
violation of", or a demand that an agreement be implemented next to an act it rules
out, or words that name the act as one it rules out: "territorial claims"), the
commitment (named, or a generic "the ceasefire"/"earlier agreements") and the act (an
event, or a phrase such as "Aliyev's latest speech"). Inferred ones compare events
with the rules in data/provisions.yaml and work across any number of articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from dyad.ledger.provisions import Provisions, Rule, load_provisions
from dyad.ledger.records import Act, Commitment, Contradiction, Evidence, day_of, day_time
from dyad.ledger.registry import Registry, load_registry
from dyad.ledger.text import Sentence, key_actor, keys_of, sentences, short_id, unique_actors
from dyad.records import Actor, ArticleResult, Event, TimeValue

_SPEAKING = {"ACCUSE", "REQUEST", "REJECT", "PROTEST", "THREATEN", "CONSULT", "SUPPORT"}
_ACT_EVENTS = {"ASSAULT", "COERCE", "THREATEN", "MOBILIZE", "SANCTION"}
_OK_MODALITY = {"asserted", "reported", "historical"}
_GENERIC = re.compile(r"\b(?:agreements?|commitments?|ceasefire|cease-fire|truce|deal|accords?|"
                      r"statements?|declarations?|obligations|promises?|pledges?|order|ruling|"
                      r"armistice|court|tribunal)\b", re.I)
_NEG_BEFORE = re.compile(r"\b(?:not|never|no|nor|n't)\s+(?:\w+\s+){0,2}$", re.I)
_POSSESSIVE_GAP = re.compile(r"^(?:'s|\u2019s|')?\s*(?:[\w-]+\s+){0,3}$")
_BY_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,4}?by\s+$")


@dataclass
class Candidate:
    """An act found in an allegation sentence."""

    by: list[Actor]
    act: Act
    kind: str | None
    date: TimeValue | None
    exact: bool = False


def _act_date(e: Event | None, s: Sentence, published: str | None,
              near: tuple[int, int] | None = None) -> TimeValue | None:
    """The act's date: its event's, else a time expression right by the act's words,
    else the publication date (an undated act is taken as current)."""
    if e is not None and e.date is not None:
        return e.date
    if near is not None:
        for t in s.times:
            if t.begin and near[0] - 40 <= t.start <= near[1] + 40:
                return t
    return published_time(published)


def published_time(published: str | None) -> TimeValue | None:
    """The publication date as a TimeValue (anchor 'published'), or None."""
    try:
        return day_time(published[:10], anchor="published") if published else None
    except ValueError:
        return None


def _find_act(s: Sentence, result: ArticleResult, prov: Provisions,
              skip: list[tuple[int, int]]) -> Candidate | None:
    """The act an allegation sentence is about: an act noun with its author, tied to the
    event it names elsewhere in the article, or else an act event of the sentence."""
    aid = result.article.id
    published = result.article.published
    best = None
    for kind, rx in prov.act_nouns.items():
        for m in rx.finditer(s.text):
            pos = s.start + m.start()
            if any(a <= pos < b for a, b in skip):
                continue
            if best is None or pos < best[0]:
                best = (pos, s.start + m.end(), kind, m.group(0))
    if best is not None:
        pos, end, kind, noun = best
        author: Actor | None = None
        exact = False
        for a in reversed(s.actors):  # possessive or nearby author before the noun
            if a.end <= pos and a.key() and _POSSESSIVE_GAP.match(
                    result.article.text[a.end:pos].replace("\u2019", "'")):
                author, exact = a, True
                break
        if author is None:
            after = [a for a in s.actors if a.start >= end and a.key()
                     and _BY_AFTER.match(result.article.text[end:a.start])]
            author = after[0] if after else None
        if author is None:
            before = [a for a in s.actors if a.end <= pos and a.key()]
            author = before[-1] if before else None
        stem = noun.lower()[:5]
        ref = next((e for e in result.events if e.event in _ACT_EVENTS
                    and e.trigger.text.lower().startswith(stem)
                    and (author is None or author.key() in keys_of(e.source))), None)
        if author is not None:
            start = author.start if exact else _np_start(result.article.text, pos)
            if ref is not None:
                act = Act(ref.trigger.text, ref.trigger.start, ref.trigger.end, aid,
                          event_id=ref.id)
            else:
                act = Act(result.article.text[start:end], start, end, aid)
            return Candidate([author], act, kind,
                             _act_date(ref, s, published, None if ref else (pos, end)), exact)
    for e in s.events:
        if e.event in _ACT_EVENTS and keys_of(e.source) and not e.negated:
            return Candidate(unique_actors(e.source),
                             Act(e.trigger.text, e.trigger.start, e.trigger.end, aid,
                                 event_id=e.id),
                             prov.act_kind(e.trigger.text) or "attack",
                             _act_date(e, s, published), True)
    return None


def _means(s: Sentence, result: ArticleResult) -> Candidate | None:
    """The act named as the means of a breach: "by refusing to recognise the plates",
    "accused Venezuela of defying the court by holding elections"."""
    text = result.article.text
    for e in s.events:
        if keys_of(e.source) and not e.negated and \
                re.search(r"\bby\s+$", text[max(0, e.trigger.start - 6):e.trigger.start]):
            return Candidate(unique_actors(e.source),
                             Act(e.trigger.text, e.trigger.start, e.trigger.end,
                                 result.article.id, event_id=e.id),
                             None, _act_date(e, s, result.article.published), True)
    m = _BY_GERUND.search(s.text)
    if m is None:
        return None
    before = s.start + m.start()
    # whoever the sentence says does the breaking: the doer of the act before "by", or
    # the one accused of it
    doers = [e.source for e in s.events if e.trigger.end <= before and keys_of(e.source)
             and e.event != "ACCUSE"]
    doers += [e.target for e in s.events if e.event == "ACCUSE" and keys_of(e.target)]
    if not doers:
        return None
    a, b = s.start + m.start(1), s.start + m.end(1)
    return Candidate(unique_actors(doers[0]), Act(text[a:b], a, b, result.article.id), None,
                     _act_date(None, s, result.article.published, (a, b)), False)


_BY_GERUND = re.compile(r"\bby\s+(\w+ing\b[^,.;]{0,80})")


_NP_WORD = re.compile(r"([a-z][\w-]*)\s+$")
_NOT_NP = {"during", "in", "at", "of", "by", "for", "with", "on", "to", "and", "that", "was",
           "is", "were", "are", "said", "says", "after", "before", "over", "against"}


def _np_start(text: str, pos: int) -> int:
    """Start of the noun phrase ending in the noun at ``pos``: up to three determiners
    and modifiers before it ("a recent speech")."""
    start = pos
    for _ in range(3):
        m = _NP_WORD.search(text, max(0, start - 30), start)
        if not m or m.end() != start or m.group(1).lower() in _NOT_NP:
            break
        start = m.start()
    return start


def _speaker(s: Sentence, result: ArticleResult, cue_at: int, act_keys: set[str]) -> list[Actor]:
    """Who makes the allegation: the quote's speaker, else the source of a speech event
    in the sentence, else an actor named before the cue; never the act's author."""
    for q in result.quotes:
        if q.start <= cue_at < q.end and q.speaker is not None and q.speaker.key() \
                and q.speaker.key() not in act_keys:
            return [q.speaker]
    for e in s.events:
        if e.event in _SPEAKING:
            src = [a for a in e.source if a.key() and a.key() not in act_keys]
            if src:
                return unique_actors(src)
    before = [a for a in s.actors if a.start < cue_at and a.key() and a.key() not in act_keys]
    return unique_actors(before[:1])


def _implicit(cand: Candidate, s: Sentence, m: re.Match[str], result: ArticleResult,
              prov: Provisions) -> Commitment:
    """A commitment the sentence presupposes ("in violation of the ceasefire") when the
    article names no agreement: between the act's author and its target."""
    aid = result.article.id
    ev_event = next((e for e in result.events if e.id == cand.act.event_id), None)
    others = [a for a in (ev_event.target if ev_event else []) if a.key()]
    parties = unique_actors(cand.by + others)
    provision = prov.classify(m.group(0)) if prov.classify(m.group(0)) != "other" else "ceasefire"
    return Commitment(id=short_id(aid, "c", s.start + m.start()), name=m.group(0),
                      parties=parties, obligated=parties, provision=provision,
                      content=m.group(0),
                      date=None, evidence=Evidence(m.group(0), s.start + m.start(),
                                                   s.start + m.end(), aid),
                      agreement=None, provisions=[provision])


def alleged(result: ArticleResult, commitments: list[Commitment],
            reg: Registry | None = None, prov: Provisions | None = None) -> list[Contradiction]:
    """Contradictions the article reports someone as saying; adds to ``commitments`` the
    ones an allegation presupposes. One record per (commitment, author, kind of act)."""
    reg = reg or load_registry()
    prov = prov or load_provisions()
    aid = result.article.id
    keys = keys_of(result.actors)
    out: dict[tuple[str, str, str], Contradiction] = {}
    exact: set[tuple[str, str, str]] = set()
    for s in sentences(result):
        text = s.text.replace("\u2019", "'")
        explicit = prov.explicit.search(text)
        if explicit and _NEG_BEFORE.search(text[:explicit.start()]):
            explicit = None
        impl = prov.implementation.search(text)
        chars = {p.name: m for p in prov.by_name.values()
                 if p.alleged_cues is not None and (m := p.alleged_cues.search(text))}
        if not (explicit or impl or chars) or prov.denial.search(text):
            continue
        named = reg.mentions(text, keys, result.article.published, s.times, s.start)
        ruled = reg.rulings(text, {a.org for a in s.actors if a.org in prov.courts}, keys, s.times)
        skip = [(s.start + m.start, s.start + m.end) for m in named]
        # "violating the agreement by refusing to ...": the means named is the act
        cand = (_means(s, result) if explicit else None) or _find_act(s, result, prov, skip)
        if cand is None:
            continue
        by_keys = keys_of(cand.by)
        targets: list[tuple[Commitment, str]] = []
        ids = [i for m in named for i in m.ids] + ruled
        if explicit:
            if ids:
                targets = [(c, "named") for c in commitments if c.id in ids]
            elif (g := _GENERIC.search(text[explicit.end():])):
                want = prov.classify(g.group(0))
                pool = [c for c in commitments if by_keys & c.keys("parties")
                        and (want == "other" or want in c.provisions)]
                if not pool and want != "other":
                    gm = re.search(re.escape(g.group(0)), s.text[explicit.end():])
                    if gm:
                        imp = _implicit(cand, s, _shift(gm, explicit.end(), s.text), result, prov)
                        commitments.append(imp)
                        pool = [imp]
                targets = [(c, "generic") for c in pool]
        elif impl and ids:
            targets = [(c, "implementation") for c in commitments if c.id in ids]
        if not targets and chars:
            spans = [(s.start + m.start(), s.start + m.end()) for m in chars.values()]
            if cand.act.start >= s.start and any(a <= cand.act.end - 1 and cand.act.start < b
                                                 for a, b in spans):
                continue  # the cue names the act itself ("the aggression by X"), no allegation
            targets = [(c, "characterised") for c in commitments
                       if set(chars) & set(c.provisions)]
        cue_at = s.start + (explicit or impl or next(iter(chars.values()))).start()
        who = _speaker(s, result, cue_at, by_keys)
        for c, how in targets:
            if not by_keys & c.keys():
                continue  # only a party the commitment binds can break it
            if how != "named" and not any(prov.breakable(cand.kind, p) for p in c.provisions):
                continue
            key = (c.id, ",".join(sorted(by_keys)), cand.kind or cand.act.event_id or "")
            x = out.get(key)
            if x is None:
                if cand.exact:
                    exact.add(key)
                out[key] = Contradiction(
                    id=short_id(aid, "x", cand.act.start) + "-" + c.id[:24], commitment_id=c.id,
                    by=cand.by, act=cand.act, date=cand.date, basis="alleged",
                    alleged_by=list(who), commitment=c.name,
                    explanation=f"{_names(who) or 'the article'} says the act goes against "
                                f"{c.name} ({how})",
                    allegation=Evidence(s.text.strip(), s.start, s.end, aid))
            else:
                if cand.exact and key not in exact and cand.act.event_id is None:
                    x.act, x.date = cand.act, cand.date  # "Aliyev's speech" over "a speech"
                    exact.add(key)
                for a in who:
                    if a.key() not in keys_of(x.alleged_by):
                        x.alleged_by.append(a)
                x.explanation = f"{_names(x.alleged_by)} say the act goes against {c.name}"
    return list(out.values())


def _shift(m: re.Match[str], by: int, text: str) -> re.Match[str]:
    found = re.compile(re.escape(m.group(0))).search(text, by + m.start())
    assert found is not None
    return found


def _names(actors: list[Actor]) -> str:
    return ", ".join(a.key() or a.text for a in actors)


@dataclass
class ActRecord:
    """An event with what inference needs to know about its article."""

    event: Event
    article_id: str
    published: str | None


def _after(act_day: str | None, c: Commitment) -> bool:
    cday = c.day()
    return bool(act_day and cday and act_day > cday)


def _target_ok(rule: Rule, e: Event, c: Commitment, covers: set[str], by: set[str]) -> bool:
    if rule.target == "any":
        return True
    other = (c.keys("parties") | covers) - by
    return bool(keys_of(e.target) & other)


def infer(commitments: Iterable[Commitment], acts: Iterable[ActRecord],
          reg: Registry | None = None, prov: Provisions | None = None) -> list[Contradiction]:
    """Acts by a party a commitment binds, of a kind its provisions rule out, dated
    after the commitment (and before it ended, when the registry says it did)."""
    reg = reg or load_registry()
    prov = prov or load_provisions()
    by_type: dict[tuple[str, str], list[ActRecord]] = {}  # (event type, source key)
    for a in acts:
        e = a.event
        if e.negated or e.modality not in _OK_MODALITY:
            continue
        for k in keys_of(e.source):
            by_type.setdefault((e.event, k), []).append(a)
    out: list[Contradiction] = []
    for c in commitments:
        if c.day() is None:
            continue
        bound = c.keys()
        entry = reg.get(c.agreement)
        covers = set(entry.covers) if entry else set()
        ended = entry.ended if entry else None
        seen: set[str] = set()
        for p in c.provisions:
            spec = prov.by_name.get(p)
            for rule in spec.rules if spec else []:
                for etype, k in ((t, k) for t in rule.events for k in sorted(bound)):
                    for a in by_type.get((etype, k), []):
                        e = a.event
                        by = keys_of(e.source) & bound
                        if not by or e.id in seen:
                            continue
                        if rule.triggers is not None and not rule.triggers.search(e.trigger.text):
                            continue
                        if not _target_ok(rule, e, c, covers, by):
                            continue
                        if spec is not None and spec.excuses is not None and \
                                spec.excuses.search(e.text):
                            continue
                        act_day = day_of(e.date) or (a.published or "")[:10] or None
                        if not _after(act_day, c) or (ended and act_day and act_day >= ended):
                            continue
                        seen.add(e.id)
                        by_actors = [x for x in e.source if x.key() in by]
                        out.append(Contradiction(
                            id=f"{e.id}-{c.id[:24]}", commitment_id=c.id,
                            by=unique_actors(by_actors), basis="inferred",
                            act=Act(e.trigger.text, e.trigger.start, e.trigger.end,
                                    a.article_id, event_id=e.id),
                            date=e.date or published_time(a.published),
                            commitment=c.name,
                            explanation=f"{_names(by_actors)} {e.event} ({e.trigger.text}) on "
                                        f"{act_day}, after {c.name} ({c.day()}, {p}): {rule.note}"))
    return out


def claim_acts(result: ArticleResult, commitments: list[Commitment],
               prov: Provisions | None = None) -> list[Contradiction]:
    """Acts the event coder has no type for, found from provisions' act cues (a
    territorial claim): the author is a bound party named before the cue, the object
    another party named after it, and the act dated after the commitment."""
    prov = prov or load_provisions()
    aid = result.article.id
    out = []
    for s in sentences(result):
        if prov.denial.search(s.text):
            continue
        for c in commitments:
            for p in c.provisions:
                spec = prov.by_name.get(p)
                if spec is None or spec.act_cues is None:
                    continue
                m = spec.act_cues.search(s.text)
                if not m or _NEG_BEFORE.search(s.text[:m.start()]):
                    continue
                cue = s.start + m.start()
                author = [a for a in s.actors if a.start < cue and a.key() in c.keys()]  # noqa: SIM118
                if not author:
                    continue
                akeys = keys_of(author[:1])
                obj = [a for a in s.actors if a.start > cue and a.key()
                       and a.key() in c.keys("parties") - akeys]
                when = _act_date(None, s, result.article.published)
                if not obj or not _after(day_of(when), c):
                    continue
                out.append(Contradiction(
                    id=short_id(aid, "x", cue) + "-" + c.id[:24], commitment_id=c.id,
                    by=author[:1], basis="inferred",
                    act=Act(m.group(0), cue, s.start + m.end(), aid), date=when,
                    commitment=c.name,
                    explanation=f"{_names(author[:1])} {m.group(0)} {_names(obj[:1])} on "
                                f"{day_of(when)}, after {c.name} ({c.day()}, {p})"))
    return out


def registry_actor(key: str) -> Actor:
    """An Actor for a registry party key (re-exported for callers building records)."""
    return key_actor(key)
