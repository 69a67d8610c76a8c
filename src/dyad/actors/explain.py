"""What the knowledge base says about a name, and why: the text of ``dyad kb show``."""

from __future__ import annotations

from datetime import date

from dyad.actors.codes import compose
from dyad.actors.kb import Entry, KnowledgeBase, Person, Role, normalize

_TABLES = {
    "person": "people.yaml", "org": "organizations.yaml", "org_generic": "organizations.yaml",
    "country": "countries.tsv", "demonym": "countries.tsv", "capital": "countries.tsv",
    "seat": "countries.tsv", "agent": "agents.tsv", "title": "agents.tsv",
    "place": "places.tsv",
}  # fmt: skip


def _origin(kb: KnowledgeBase, table: str, key: str, kind: str) -> str:
    return kb.origins.get((table, key)) or _TABLES.get(kind, "?")


def _span(r: Role) -> str:
    start = r.start.isoformat() if r.start else "?"
    end = r.end.isoformat() if r.end else "now"
    return f"{start} to {end}"


def _where(r: Role) -> str:
    return r.org or r.country or "?"


def _person(kb: KnowledgeBase, p: Person, day: date | None, phrase: str) -> list[str]:
    src = _origin(kb, "person", p.name, "person")
    how = "name" if normalize(phrase) == normalize(p.name) else "alias"
    out = [f"{p.name}: person ({src}, matched by {how} '{phrase}')"]
    r = p.role_on(day)
    when = day.isoformat() if day else "today"
    if r is None:
        out.append(f"  on {when}: no office recorded")
    else:
        covered = r.holds_on(day)
        code = r.code or compose(r.country or ("IGO" + r.org if r.org else ""), (),
                                 [r.sector or ""])
        note = "" if covered else " (no listed office covers this date; the resolver " \
            "falls back to this one)"
        out.append(f"  on {when}: {r.office}, {_where(r)}, sector {r.sector or '-'}, "
                   f"code {code or '-'} [{_span(r)}]{note}")
    for role in p.roles:
        mark = "*" if role is r else " "
        out.append(f"  {mark} {role.office}, {_where(role)} [{_span(role)}]")
    return out


def _entry(kb: KnowledgeBase, e: Entry, day: date | None, seen: set[str]) -> list[str]:
    if e.kind == "person":
        if e.ref in seen:
            return []
        seen.add(e.ref)
        return _person(kb, kb.people[e.ref], day, e.phrase)
    if e.kind == "org":
        o = kb.orgs[e.ref]
        code = o.code or "IGO" + o.acronym
        src = _origin(kb, "org", e.ref, "org")
        return [f"{e.phrase}: organization {o.acronym} = {o.name} ({src}; kind {o.kind}, "
                f"code {code})"]
    if e.kind == "org_generic":
        target = "any organization" if e.ref == "*" else e.ref
        return [f"{e.phrase}: generic reference to {target} ({_TABLES[e.kind]}): it stands "
                "for the last such organization named before it in the article"]
    if e.kind in ("country", "demonym", "capital", "seat"):
        c = kb.countries[e.ref]
        src = _origin(kb, "country", c.iso3, e.kind)
        what = {"country": "name of", "demonym": "adjective/demonym of",
                "capital": "capital of", "seat": "seat of government of"}[e.kind]
        line = f"{e.phrase}: {what} {c.name} ({c.iso3}, status {c.status}; {src})"
        if e.kind in ("capital", "seat"):
            line += (f"; as the subject or object of a verb it stands for the government "
                     f"({c.iso3}GOV); after 'in', 'at', 'visiting' it is a place")
        return [line]
    if e.kind in ("agent", "title"):
        a = kb.agents.get(normalize(e.ref))
        if a is None:
            return []
        part = a.code or a.sector
        form = f"{part}~ (before the actor's code)" if a.prefix else f"~{part}"
        what = "title introducing a person" if a.type == "title" else "agent noun"
        role = f", role {a.role}" if a.role else ""
        return [f"{e.phrase}: {what}, sector {a.sector}{role}, code part {form} "
                f"({_origin(kb, 'agent', normalize(e.ref), e.kind)})"]
    if e.kind == "place":
        pl = kb.places[e.ref]
        where = ""
        if pl.lat is not None and pl.lon is not None:
            where = f" at {pl.lat:.3f}, {pl.lon:.3f}"
        return [f"{e.phrase}: place {pl.name}, {pl.feature} in {pl.country or '?'}{where} "
                f"({_TABLES['place']})"]
    if e.kind == "dictionary":
        d = kb.dict_actors[e.ref]
        on_day = d.code_on(day)
        when = day.isoformat() if day else "undated"
        out = [f"{e.phrase}: dictionary actor '{d.phrase}' ({kb.origins.get(('dictionary', e.ref))}"
               f", from {d.source}); code on {when}: {on_day or 'none'}"]
        if d.code:
            out.append(f"    default code {d.code}")
        for dc in d.dated:
            start = dc.start.isoformat() if dc.start else "..."
            end = dc.end.isoformat() if dc.end else "..."
            out.append(f"    {dc.code} from {start} until {end}")
        return out
    return []


def explain(kb: KnowledgeBase, name: str, day: date | None = None) -> list[str]:
    """Lines saying what ``name`` can stand for on ``day``; empty when it is unknown.

    Exact phrases first; failing that, people whose name or alias ends with the word
    given ("Aliyev"), as a later mention in an article would resolve.
    """
    seen: set[str] = set()
    out: list[str] = []
    entries = kb.lookup(name)
    if not entries:
        from dyad.actors.match import _stem_entries

        entries = _stem_entries(kb.stem_index(), normalize(name)) or []
    for e in entries:
        out.extend(_entry(kb, e, day, seen))
    if not out:
        key = normalize(name)
        for p in kb.people.values():
            if any(normalize(n).endswith(" " + key) for n in (p.name, *p.aliases)):
                out.extend(_person(kb, p, day, name))
    return out
