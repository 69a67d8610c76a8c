"""Composite CAMEO-style codes from an imported dictionary: actor code plus agent codes.

A dictionary gives actors whole codes ("ARN", "HGWGOVMED", dated ones for people)
and agent nouns code parts: "~GOV" goes after the actor's code ("ARN" + "~MIL" ->
"ARNMIL"), "NGO~" before it ("NGO~" + "ARN" -> "NGOARN").
With no dictionary, a code is the country (or IGO plus the organization) followed
by the sector.
"""

from __future__ import annotations

from collections.abc import Iterable

from dyad.actors.kb import Agent, Entry, KnowledgeBase
from dyad.actors.match import Match


def compose(base: str | None, prefixes: Iterable[str] = (), suffixes: Iterable[str] = ()) -> str:
    """Prefix codes, then the base code, then each suffix the code does not already end with."""
    code = "".join(p for p in prefixes if p and not (base or "").startswith(p)) + (base or "")
    for suf in suffixes:
        if suf and not code.endswith(suf):
            code += suf
    return code


def code_of(country: str | None, org: str | None, sector: str | None,
            kb_code: str | None = None) -> str:
    """An actor's code: the knowledge base's own, else country or IGO+org, then sector."""
    if kb_code:
        return kb_code
    stem = country or ("IGO" + org if org else "")
    return stem + (sector or "") if stem else (sector or "")


def coded_agent(kb: KnowledgeBase, a: Agent) -> Agent:
    """The agent, or the longest coded phrase ending it, when only some are coded:
    a dictionary's "prime minister" inside "deputy prime minister"."""
    if a.code or not kb.dict_actors:
        return a
    words = a.phrase.lower().split()
    for n in range(1, len(words)):
        inner = kb.agents.get(" ".join(words[n:]))
        if inner is not None and inner.code:
            return inner
    return a


def agent_of(kb: KnowledgeBase, e: Entry) -> Agent | None:
    return kb.agents.get(e.ref.lower()) or kb.agents.get(e.ref)


def dict_code(kb: KnowledgeBase, aff: dict[str, str | None], mods: list[Match],
              agent: Agent | None) -> str | None:
    """The composite code when an imported dictionary is involved, else None.

    Only agents that carry a dictionary code add to it, so that the result stays
    in the dictionary's own code system ("Caras Galadhon's mayor" stays "ELF").
    """
    agents = [coded_agent(kb, a) for m in mods
              if (e := m.of_kind("agent", "title")) is not None
              and (a := agent_of(kb, e)) is not None]
    if agent is not None:
        agents.append(coded_agent(kb, agent))
    agents = [a for a in agents if a.code]
    if not aff.get("code") and not agents:
        return None
    base = aff.get("code") or code_of(aff["country"], aff["org"], None, None)
    return compose(base, [a.code or "" for a in agents if a.prefix],
                   [a.code or "" for a in agents if not a.prefix]) or None
