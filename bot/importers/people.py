"""People across a draft: full names merged into persons, surnames resolved against them.

A capitalised word alone is a person only as the surname of one person named in full
somewhere in the draft (or in --people); spellings of one name merge ("Aleksandr",
"Aleksander"); ids are surnames, or full names when a surname is shared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.importers.draft import Draft, DraftPerson, slug
from bot.importers.mentions import Mention, find_mentions, is_name_word


def _key(word: str) -> str:
    return slug(word)


def _similar_given(one: str, other: str) -> bool:
    """Two spellings of one given name ("Aleksandr", "Aleksander"): a long common start."""
    one, other = _key(one), _key(other)
    common = 0
    for a, b in zip(one, other, strict=False):
        if a != b:
            break
        common += 1
    return one == other or common >= max(3, min(len(one), len(other)) - 1)


@dataclass
class People:
    """The draft's people: full names found anywhere, then surnames resolved against them."""

    persons: dict[str, DraftPerson] = field(default_factory=dict)  # id -> person
    _given: dict[str, str] = field(default_factory=dict)  # id -> given name ("" if unknown)
    _by_surname: dict[str, list[str]] = field(default_factory=dict)
    _existing: set[str] = field(default_factory=set)  # ids from --people: names stay as given

    def add_existing(
        self, person_id: str, name: str, aliases: tuple[str, ...], description: str | None
    ) -> None:
        """A person from --people: matched by name, alias or surname, keeping its id."""
        self.persons[person_id] = DraftPerson(person_id, name, list(aliases), description)
        self._existing.add(person_id)
        for spelling in (name, *aliases):
            words = [w for w in spelling.split() if is_name_word(w)]
            if len(words) >= 2:
                self._index(person_id, words[0], words[-1])
            elif len(words) == 1:
                self._index(person_id, "", words[0])

    def _index(self, person_id: str, given: str, surname: str) -> None:
        ids = self._by_surname.setdefault(_key(surname), [])
        if person_id not in ids:
            ids.append(person_id)
        self._given.setdefault(person_id, given)

    def learn(self, mention: Mention, single: bool = False) -> None:
        """Register the person a full-name mention names (merging spellings); `single`
        registers a one-word name as it is."""
        names = [w for w in mention.words if is_name_word(w)] or list(mention.words)
        given, surname = ("" if single else names[0]), names[-1]
        spelling = " ".join(mention.words)
        for person_id in self._by_surname.get(_key(surname), []):
            known = self._given.get(person_id, "")
            if known and _similar_given(known, given):
                person = self.persons[person_id]
                if spelling != person.name and spelling not in person.aliases:
                    if len(spelling) > len(person.name) and person_id not in self._existing:
                        person.aliases.append(person.name)
                        person.name = spelling
                    else:
                        person.aliases.append(spelling)
                if not person.description and mention.title:
                    person.description = mention.title
                return
        person_id = f"+{len(self.persons)}"  # temporary: "+" is in no slug
        self.persons[person_id] = DraftPerson(person_id, spelling, description=mention.title)
        self._index(person_id, given, surname)

    def learn_surname(self, mention: Mention) -> None:
        """A titled surname alone ("President Smith"): a person of its own if none is known."""
        if not self._by_surname.get(_key(mention.words[-1])):
            person_id = f"+{len(self.persons)}"  # temporary: "+" is in no slug
            person = DraftPerson(person_id, mention.words[-1], description=mention.title)
            person.checks.append(
                f"only the surname was found ({mention.title} {mention.words[-1]}): "
                "add the given name"
            )
            self.persons[person_id] = person
            self._index(person_id, "", mention.words[-1])

    def resolve(self, mention: Mention, already: list[str]) -> tuple[str | None, str | None]:
        """The person id a mention names, or None; and a check when it is ambiguous (a shared
        surname names the one of its people the entry already names in full)."""
        names = [w for w in mention.words if is_name_word(w)]
        candidates = self._by_surname.get(_key(names[-1]), [])
        if len(names) >= 2:
            for person_id in candidates:
                known = self._given.get(person_id, "")
                if not known or _similar_given(known, names[0]):
                    return person_id, None
            return None, None
        if len(candidates) == 1:
            return candidates[0], None
        if len(candidates) > 1:
            named = [c for c in candidates if c in already]
            if len(named) == 1:
                return named[0], None
            who = " or ".join(self.persons[c].name for c in candidates)
            return None, f"{names[-1]} may be {who}: add the person if so"
        return None, None

    def assign_ids(self) -> dict[str, str]:
        """Stable ids for new people: the surname's slug, or the full name's when the surname
        is shared; returns old (temporary) id -> final id."""
        taken = set(self._existing)
        renamed: dict[str, str] = {}
        for person_id, person in list(self.persons.items()):
            if person_id in self._existing:
                renamed[person_id] = person_id
                continue
            surname = person.name.split()[-1]
            shared = len(self._by_surname.get(_key(surname), [])) > 1
            base = slug(person.name if shared else surname) or "person"
            candidate, number = base, 2
            while candidate in taken:
                candidate, number = f"{base}-{number}", number + 1
            taken.add(candidate)
            renamed[person_id] = candidate
        self.persons = {renamed[pid]: p for pid, p in self.persons.items()}
        for person_id, person in self.persons.items():
            person.id = person_id
        return renamed


@dataclass(frozen=True)
class Passage:
    """Text of one entry to find people in, with ranges to skip (publication titles)."""

    text: str
    skip: tuple[tuple[int, int], ...] = ()


def link_people(
    entries: list[list[Passage]], common: set[str], known: People | None = None
) -> tuple[People, list[list[str]], list[list[str]]]:
    """Find the people of every entry: full names first (across the whole draft), then
    titled surnames, then every surname alone. Returns the people, each entry's person ids
    (in order of mention) and each entry's checks."""
    people = known or People()
    found = [
        [m for passage in passages for m in find_mentions(passage.text, common, passage.skip)]
        for passages in entries
    ]
    for mentions in found:
        for mention in mentions:
            if mention.full:
                people.learn(mention)
    for mentions in found:
        for mention in mentions:
            if not mention.full and mention.title:
                people.learn_surname(mention)
    links: list[list[str]] = []
    checks: list[list[str]] = []
    for mentions in found:
        ids: list[str] = []
        notes: list[str] = []
        for mention in mentions:
            person_id, check = people.resolve(mention, ids)
            if person_id and person_id not in ids:
                ids.append(person_id)
            if check and check not in notes:
                notes.append(check)
        links.append(ids)
        checks.append(notes)
    return people, links, checks


def link_names(
    entries: list[list[str]], known: People | None = None
) -> tuple[People, list[list[str]], list[list[str]]]:
    """People listed by name (a table's "people" cell): matched across the draft and
    --people like names found in text; a one-word name stays a person of its own."""
    people = known or People()
    found = [[Mention(tuple(name.split()), 0) for name in names] for names in entries]
    for mentions in found:
        for mention in mentions:
            if mention.full:
                people.learn(mention)
    for mentions in found:
        for mention in mentions:
            if not mention.full and not people.resolve(mention, [])[0]:
                people.learn(Mention(mention.words, 0, None), single=True)
    links = [
        list(dict.fromkeys(pid for m in mentions if (pid := people.resolve(m, [])[0])))
        for mentions in found
    ]
    return people, links, [[] for _ in entries]


def attach_people(draft: Draft, listed: list[list[str]] | None, known: People | None) -> None:
    """Give the draft's entries their people: the names each row lists (`listed`, one list per
    entry), or, when the input lists none, the people found in the entries' own text."""
    if listed is not None:
        people, links, checks = link_names(listed, known)
    else:
        passages = [[Passage(e.text), Passage(e.note or "")] for e in draft.entries]
        common = {w for e in draft.entries for w in re.findall(r"\b[a-z][a-z'’-]*", e.text)}
        people, links, checks = link_people(passages, common, known)
    renamed = people.assign_ids()
    draft.people = people.persons
    for entry, ids, notes in zip(draft.entries, links, checks, strict=True):
        entry.people, entry.checks = [renamed[i] for i in ids], entry.checks + notes
