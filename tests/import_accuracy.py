"""How close a drafted chronology is to a hand-made one: entries and person links."""

from __future__ import annotations

from dataclasses import dataclass

from bot.data import Chronology, Person


@dataclass(frozen=True)
class Accuracy:
    entries: int  # in the hand-made chronology
    same: int  # drafted with the same date and text
    precision: float  # of the drafted person links
    recall: float  # of the hand-made person links

    @property
    def share(self) -> float:
        return self.same / self.entries

    def __str__(self) -> str:
        return (
            f"entries with the same date and text: {self.same}/{self.entries}"
            f" ({self.share:.1%}); person links: precision {self.precision:.2f},"
            f" recall {self.recall:.2f}"
        )


def _spellings(person: Person) -> set[str]:
    return {name.lower() for name in (person.name, *person.aliases)}


def _same_person(drafted: Person, known: Person) -> bool:
    """By a shared spelling, or the same surname with a compatible (or no) given name."""
    if _spellings(drafted) & _spellings(known):
        return True
    words, known_words = drafted.name.lower().split(), known.name.lower().split()
    if words[-1] != known_words[-1]:
        return False
    return len(words) == 1 or words[0][0] == known_words[0][0]


def compare(expected: Chronology, drafted: Chronology) -> Accuracy:
    """Entries pair up by date and text; links are compared over the paired entries, and
    every link of an unpaired hand-made entry counts as missed."""
    by_key = {(e.date, " ".join(e.text.split())): e for e in drafted.events}
    pairs = []
    for event in expected.events:
        match = by_key.get((event.date, " ".join(event.text.split())))
        if match is not None:
            pairs.append((event, match))
    person_map: dict[str, str | None] = {}
    for drafted_person in drafted.people.values():
        same = [p.id for p in expected.people.values() if _same_person(drafted_person, p)]
        person_map[drafted_person.id] = same[0] if len(same) == 1 else None
    expected_links = {(e.id, p) for e in expected.events for p in e.people}
    drafted_links = {(e.id, person_map[p]) for e, d in pairs for p in d.people}
    right = len(expected_links & drafted_links)
    return Accuracy(
        entries=len(expected.events),
        same=len(pairs),
        precision=right / len(drafted_links) if drafted_links else 0.0,
        recall=right / len(expected_links) if expected_links else 1.0,
    )
