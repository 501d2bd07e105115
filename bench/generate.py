"""Synthetic chronologies and question mixes for the benchmarks, deterministic from a seed.

The corpus imitates a real chronology at scale: about one person per ten events, a fifth of
them sharing a surname, first names with other romanizations and a Cyrillic alias; dates over a
century at mixed precision with some intervals and seasons; entries of 20-80 words drawn from a
Zipf-distributed vocabulary; cites, places, tags and the odd editorial note. Everything comes
from one `random.Random(seed)`, so a (size, seed) pair always yields the same bytes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import json
import os
import random
import re
from dataclasses import asdict, dataclass
from pathlib import Path

DEFAULT_SEED = 20130216
QUESTION_COUNT = 500
# Bumped whenever the generator's output changes, so cached files of an older version are
# never mistaken for the current ones.
GENERATOR_VERSION = 1
OUT_DIR = Path(__file__).resolve().parent / "out"

FIRST_YEAR, LAST_YEAR = 1920, 2019

# English function words open the vocabulary: in real text they are the most frequent ranks,
# and an engine must cope with questions full of them.
FUNCTION_WORDS = (
    "the of and to in a that for on with as was by said it at from he his is be an had not "
    "which this but were would they their have its also has been who after more about between "
    "will against over new first than when during could two other into up all there such "
    "proposed offered called met signed stressed warned announced suggested agreed"
).split()

# Question words and fillers the floor query leaves out, as any sensible search would.
STOP_WORDS = frozenset(
    FUNCTION_WORDS
    + "what did does do say says tell me about who whom when where how why is are s".split()
    + "since until before after from propose proposals statements".split()
)

MONTHS_AP = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
SEASONS = {"Spring": (3, 5), "Summer": (6, 8), "Fall": (9, 11), "Winter": (12, 2)}

_SURNAME_ONSETS = (
    "b v g d zh z k l m n p r s t f kh ts ch sh br gr kr pr tr st sm dr vl sv"
).split()
_SURNAME_VOWELS = "a o e i u".split()
_SURNAME_SUFFIXES = "ov ev in yn sky enko yan adze ovich uk ikh".split()
_FIRST_ENDINGS = "i ei a ia ya an ir im or ii slav".split()
# Other romanizations of the same Russian first name: Dmitri/Dmitry, Sergei/Sergey, ...
_ROMANIZATIONS = (
    (re.compile(r"ei$"), "ey"),
    (re.compile(r"ii$"), "iy"),
    (re.compile(r"(?<=[^aeiou])i$"), "y"),
    (re.compile(r"ia$"), "iya"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"yu"), "iu"),
    (re.compile(r"ya$"), "ia"),
)
_WORD_ONSETS = "pl cr st tr br gr fl m n d s t v c p r l h w sp sc ch th b g".split()
_WORD_VOWELS = "a e i o u ea ou ai".split()
_WORD_CODAS = ("n", "r", "l", "st", "nd", "rt", "m", "ck", "sh", "")
_WORD_SUFFIXES = ("tion", "ment", "ing", "ed", "al", "ity", "ous", "er", "ive", "ance", "", "", "")
# Unknown people for no-answer questions are built from a different, Germanic-looking stock so
# they resemble nobody in the registry.
_FOREIGN_ONSETS = "Schw Kr Br Wald Hof Ehr Gott Lind Stein Falk".split()
_FOREIGN_SUFFIXES = "mann bach berg stein hauser feld".split()

_CYRILLIC_DIGRAPHS = (
    ("shch", "щ"),
    ("sky", "ский"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("yu", "ю"),
    ("ya", "я"),
    ("yo", "ё"),
    ("ye", "е"),
    ("iy", "ий"),
    ("ey", "ей"),
    ("ei", "ей"),
    ("ii", "ий"),
)
_CYRILLIC_LETTERS = dict(
    zip(
        "abvgdezijklmnoprstufhcxwyq",
        "а б в г д е з и дж к л м н о п р с т у ф х к кс в ы к".split(),
        strict=True,
    )
)


@dataclass(frozen=True, slots=True)
class GenPerson:
    id: str
    name: str
    surname: str
    aliases: tuple[str, ...]
    description: str | None
    first_year: int  # the years the person is active in, for their events' dates
    last_year: int


@dataclass(frozen=True, slots=True)
class GenEvent:
    id: str
    date: str
    date_text: str | None
    start: dt.date
    end: dt.date
    people: tuple[str, ...]
    text: str
    cites: tuple[str, ...]
    places: tuple[str, ...]
    tags: tuple[str, ...]
    note: str | None


@dataclass(frozen=True, slots=True)
class GenChronology:
    size: int
    seed: int
    people: tuple[GenPerson, ...]
    events: tuple[GenEvent, ...]  # in chronological order
    vocabulary: tuple[str, ...]  # by rank, most frequent first


@dataclass(frozen=True, slots=True)
class Question:
    kind: str  # person+year, person, date-range, topic, typo, cyrillic, no-answer
    text: str
    floor_words: tuple[str, ...]  # the words the bare FTS5 floor query searches for


@dataclass(frozen=True, slots=True)
class Corpus:
    size: int
    seed: int
    yaml_path: Path
    questions_path: Path  # the questions as JSON, for child processes
    questions: tuple[Question, ...]


def to_cyrillic(latin: str) -> str:
    """Transliterate a generated Latin-script name to Russian Cyrillic, word by word."""
    words = []
    for word in latin.split():
        lower, out, i = word.lower(), [], 0
        while i < len(lower):
            for digraph, cyrillic in _CYRILLIC_DIGRAPHS:
                if lower.startswith(digraph, i):
                    out.append(cyrillic)
                    i += len(digraph)
                    break
            else:
                # A final "y" after a vowel is the short i (й), elsewhere the hard ы.
                if lower[i] == "y" and i == len(lower) - 1 and i and lower[i - 1] in "aeiou":
                    out.append("й")
                else:
                    out.append(_CYRILLIC_LETTERS.get(lower[i], lower[i]))
                i += 1
        text = "".join(out)
        words.append(text[:1].upper() + text[1:])
    return " ".join(words)


def slugify(text: str) -> str:
    """Lower-case ASCII slug ([a-z0-9-]) of a generated Latin string."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def zipf_cum_weights(count: int, exponent: float) -> list[float]:
    """Cumulative weights of ranks 1..count under Zipf's law, for `random.choices`."""
    return list(itertools.accumulate(1.0 / rank**exponent for rank in range(1, count + 1)))


def _unique_words(make, count: int, taken: set[str]) -> list[str]:
    """`count` distinct results of `make()` that are not in `taken` (which is updated)."""
    words: list[str] = []
    while len(words) < count:
        word = make()
        if word not in taken:
            taken.add(word)
            words.append(word)
    return words


def _make_vocabulary(rng: random.Random, size: int, taken: set[str]) -> list[str]:
    """Function words first, then English-looking invented words, `size` in all."""

    def word() -> str:
        syllables = rng.choice((1, 1, 2, 2, 2, 3))
        stem = "".join(
            rng.choice(_WORD_ONSETS) + rng.choice(_WORD_VOWELS) + rng.choice(_WORD_CODAS)
            for _ in range(syllables)
        )
        text = stem + rng.choice(_WORD_SUFFIXES)
        return text if len(text) >= 3 else text + "er"

    taken.update(FUNCTION_WORDS)
    return FUNCTION_WORDS + _unique_words(word, size - len(FUNCTION_WORDS), taken)


def _make_surname(rng: random.Random) -> str:
    stem = "".join(
        rng.choice(_SURNAME_ONSETS) + rng.choice(_SURNAME_VOWELS)
        for _ in range(rng.choice((1, 2, 2)))
    )
    return (stem + rng.choice(_SURNAME_SUFFIXES)).capitalize()


def _make_first_name(rng: random.Random) -> str:
    stem = rng.choice(_SURNAME_ONSETS) + rng.choice(_SURNAME_VOWELS) + rng.choice("kmnrstv")
    return (stem + rng.choice(_FIRST_ENDINGS)).capitalize()


def other_romanization(first_name: str) -> str | None:
    """Another common Latin spelling of a Russian first name (Dmitri -> Dmitry), if any."""
    lower = first_name.lower()
    for pattern, replacement in _ROMANIZATIONS:
        if pattern.search(lower):
            return pattern.sub(replacement, lower, count=1).capitalize()
    return None


def _make_people(rng: random.Random, count: int, places: list[str]) -> list[GenPerson]:
    """`count` people; about a fifth share a surname with someone else."""
    taken: set[str] = set()
    first_names = _unique_words(lambda: _make_first_name(rng), max(30, count // 25), set())
    surnames: list[str] = []
    ids: set[str] = set()
    roles = ("minister of", "envoy to", "governor of", "adviser on", "spokesman for", "mayor of")
    people = []
    for _ in range(count):
        # Each reuse makes two people share a name, so 10% reuse gives ~20% sharing.
        if surnames and rng.random() < 0.1:
            surname = rng.choice(surnames)
        else:
            surname = _unique_words(lambda: _make_surname(rng), 1, taken)[0]
            surnames.append(surname)
        first = rng.choice(first_names)
        name = f"{first} {surname}"
        person_id = slugify(name)
        for n in itertools.count(2):
            if person_id not in ids:
                break
            person_id = f"{slugify(name)}-{n}"
        ids.add(person_id)
        aliases = []
        if (other := other_romanization(first)) is not None:
            aliases.append(f"{other} {surname}")
        if rng.random() < 0.9:
            aliases.append(to_cyrillic(name))
        centre = rng.randint(FIRST_YEAR, LAST_YEAR)
        half = rng.randint(3, 20)
        first_year, last_year = max(FIRST_YEAR, centre - half), min(LAST_YEAR, centre + half)
        description = None
        if rng.random() < 0.6:
            role = rng.choice(roles)
            description = f"{role.capitalize()} {rng.choice(places)} ({first_year}-{last_year})"
        people.append(
            GenPerson(person_id, name, surname, tuple(aliases), description, first_year, last_year)
        )
    return people


def _random_day(rng: random.Random, year: int) -> dt.date:
    month = rng.randint(1, 12)
    return dt.date(year, month, rng.randint(1, calendar.monthrange(year, month)[1]))


def _ap_day(day: dt.date) -> str:
    return f"{MONTHS_AP[day.month - 1]} {day.day}, {day.year}"


def _make_date(rng: random.Random, year: int) -> tuple[str, str | None, dt.date, dt.date]:
    """A date value at mixed precision: (value, date_text or None, first day, last day)."""
    roll = rng.random()
    if roll < 0.05:  # an interval: a season, a few days, or a few years
        kind = rng.random()
        if kind < 0.4:
            season, (first_month, last_month) = rng.choice(list(SEASONS.items()))
            end_year = year + 1 if first_month > last_month else year
            if end_year > LAST_YEAR:
                season, first_month, last_month, end_year = "Fall", 9, 11, year
            value = f"{year}-{first_month:02d}/{end_year}-{last_month:02d}"
            start = dt.date(year, first_month, 1)
            end = dt.date(end_year, last_month, calendar.monthrange(end_year, last_month)[1])
            return value, f"{season} of {year}", start, end
        if kind < 0.75:
            start = _random_day(rng, year)
            end = min(start + dt.timedelta(days=rng.randint(1, 5)), dt.date(LAST_YEAR, 12, 31))
            value = f"{start.isoformat()}/{end.isoformat()}"
            text = f"{MONTHS_AP[start.month - 1]} {start.day}-{end.day}, {year}"
            same_month = start.month == end.month
            return value, text if same_month else None, start, end
        end_year = min(LAST_YEAR, year + rng.randint(1, 3))
        start, end = dt.date(year, 1, 1), dt.date(end_year, 12, 31)
        return f"{year}/{end_year}", f"{year}-{end_year}", start, end
    if roll < 0.15:  # a year
        return str(year), None, dt.date(year, 1, 1), dt.date(year, 12, 31)
    day = _random_day(rng, year)
    if roll < 0.40:  # a month
        last = calendar.monthrange(year, day.month)[1]
        text = f"{calendar.month_name[day.month]} {year}" if rng.random() < 0.3 else None
        start, end = dt.date(year, day.month, 1), dt.date(year, day.month, last)
        return f"{year}-{day.month:02d}", text, start, end
    text = _ap_day(day) if rng.random() < 0.3 else None
    return day.isoformat(), text, day, day


class _Generator:
    """Holds the random stream and the pools one chronology is drawn from."""

    def __init__(self, size: int, seed: int):
        self.size = size
        self.seed = seed
        self.rng = rng = random.Random(seed)
        taken: set[str] = set()
        self.vocabulary = _make_vocabulary(rng, 3000, taken)
        self.word_weights = zipf_cum_weights(len(self.vocabulary), 1.0)
        self.places = [
            (rng.choice(_WORD_ONSETS) + rng.choice(_WORD_VOWELS) + suffix).capitalize()
            for suffix in (
                rng.choice(("grad", "sk", "burg", "ville", "ford", "ia", "ovo")) for _ in range(400)
            )
        ]
        outlets = ("Herald", "Times", "Gazette", "Review", "Daily", "Courier", "Izvestia")
        self.outlets = [
            f"The {rng.choice(self.vocabulary[200:1500]).capitalize()} {rng.choice(outlets)}"
            for _ in range(150)
        ]
        self.tags = sorted(
            {
                " ".join(rng.sample(self.vocabulary[100:1200], rng.choice((1, 1, 2))))
                for _ in range(120)
            }
        )
        self.people = _make_people(rng, max(10, size // 10), self.places)
        # Neighbours in career time appear together in events.
        self.by_career = sorted(range(len(self.people)), key=lambda i: self.people[i].first_year)
        self.career_rank = {person: rank for rank, person in enumerate(self.by_career)}
        ranks = list(range(len(self.people)))
        rng.shuffle(ranks)
        self.popularity = ranks  # popularity rank -> person index
        self.person_weights = zipf_cum_weights(len(self.people), 0.9)

    def words(self, count: int) -> list[str]:
        return self.rng.choices(self.vocabulary, cum_weights=self.word_weights, k=count)

    def event_people(self) -> list[GenPerson]:
        """0-3 people for one event: one chosen by popularity, the rest career neighbours."""
        rng = self.rng
        if rng.random() < 0.15:
            return []
        primary = self.popularity[
            rng.choices(range(len(self.people)), cum_weights=self.person_weights)[0]
        ]
        chosen = [primary]
        for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
            rank = self.career_rank[primary] + rng.randint(-15, 15)
            neighbour = self.by_career[min(max(rank, 0), len(self.people) - 1)]
            if neighbour not in chosen:
                chosen.append(neighbour)
        return [self.people[i] for i in chosen]

    def text(self, people: list[GenPerson]) -> str:
        """20-80 words; the primary person is usually named, as chronology entries do."""
        rng = self.rng
        words = self.words(rng.randint(20, 80))
        for person in people[:2]:
            if rng.random() < 0.7:
                mention = person.surname if rng.random() < 0.6 else person.name
                if rng.random() < 0.15:
                    mention += "'s"
                words.insert(rng.randrange(len(words)), mention)
        if len(words) > 12 and rng.random() < 0.5:
            words[rng.randrange(3, len(words) - 3)] += ","
        sentence = " ".join(words)
        return sentence[:1].upper() + sentence[1:] + "."

    def event(self) -> GenEvent:
        rng = self.rng
        people = self.event_people()
        if people:
            year = rng.randint(people[0].first_year, people[0].last_year)
        else:
            year = rng.randint(FIRST_YEAR, LAST_YEAR)
        value, date_text, start, end = _make_date(rng, year)
        cites = ()
        if rng.random() < 0.6:
            cites = tuple(
                f"{rng.choice(self.outlets)}, "
                f"{_ap_day(end + dt.timedelta(days=rng.randint(0, 30)))}"
                for _ in range(rng.choice((1, 1, 2)))
            )
        places = tuple(rng.sample(self.places, rng.choice((1, 1, 2)))) if rng.random() < 0.4 else ()
        tags = tuple(rng.sample(self.tags, rng.choice((1, 2, 3)))) if rng.random() < 0.5 else ()
        note = None
        if rng.random() < 0.02:
            note = " ".join(self.words(rng.randint(8, 20))).capitalize() + "."
        slug = slugify(people[0].surname) if people else "event"
        return GenEvent(
            id=f"{slug}-{start.isoformat()}",
            date=value,
            date_text=date_text,
            start=start,
            end=end,
            people=tuple(person.id for person in people),
            text=self.text(people),
            cites=cites,
            places=places,
            tags=tags,
            note=note,
        )

    def chronology(self) -> GenChronology:
        events = sorted(
            (self.event() for _ in range(self.size)), key=lambda event: (event.start, event.end)
        )
        # Ids follow the data's convention (slug + date) and are made unique in file order.
        seen: dict[str, int] = {}
        unique = []
        for event in events:
            count = seen[event.id] = seen.get(event.id, 0) + 1
            if count > 1:
                event = _replace_id(event, f"{event.id}-{count}")
            unique.append(event)
        return GenChronology(
            self.size, self.seed, tuple(self.people), tuple(unique), tuple(self.vocabulary)
        )


def _replace_id(event: GenEvent, new_id: str) -> GenEvent:
    fields = asdict(event)
    fields["id"] = new_id
    return GenEvent(**fields)


def generate_chronology(size: int, seed: int = DEFAULT_SEED) -> GenChronology:
    """A chronology of `size` events, the same for the same (size, seed)."""
    return _Generator(size, seed).chronology()


def _quote(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar, and json.dumps escapes in C.
    return json.dumps(text, ensure_ascii=False)


def _flow_list(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(_quote(item) for item in items) + "]"


def chronology_yaml(chronology: GenChronology) -> str:
    """The chronology in the project's YAML format, written by hand: yaml.dump is far slower."""
    lines = [
        "chronology:",
        f"  title: {_quote(f'Synthetic chronology of {chronology.size} events')}",
        f"  publisher: {_quote(f'chronobot benchmark generator, seed {chronology.seed}')}",
        "people:",
    ]
    for person in chronology.people:
        lines.append(f"  {person.id}:")
        lines.append(f"    name: {_quote(person.name)}")
        if person.aliases:
            lines.append(f"    aliases: {_flow_list(person.aliases)}")
        if person.description:
            lines.append(f"    description: {_quote(person.description)}")
    lines.append("events:")
    for event in chronology.events:
        lines.append(f"  - id: {event.id}")
        lines.append(f"    date: {_quote(event.date)}")
        if event.date_text:
            lines.append(f"    date_text: {_quote(event.date_text)}")
        if event.people:
            lines.append(f"    people: [{', '.join(event.people)}]")
        lines.append(f"    text: {_quote(event.text)}")
        for key in ("cites", "places", "tags"):
            if values := getattr(event, key):
                lines.append(f"    {key}: {_flow_list(values)}")
        if event.note:
            lines.append(f"    note: {_quote(event.note)}")
    return "\n".join(lines) + "\n"


# --- questions -------------------------------------------------------------------------------

QUESTION_MIX = {  # kind -> share of the 500
    "person+year": 0.20,
    "person": 0.15,
    "date-range": 0.15,
    "topic": 0.20,
    "typo": 0.10,
    "cyrillic": 0.10,
    "no-answer": 0.10,
}


def floor_words(question: str) -> tuple[str, ...]:
    """The question's words minus stop words: what the bare FTS5 floor searches for."""
    words = re.findall(r"\w+", question.lower())
    return tuple(dict.fromkeys(word for word in words if word not in STOP_WORDS))


def _typo(rng: random.Random, word: str) -> str:
    """One edit (substitute, delete, transpose or insert) after the first letter."""
    i = rng.randrange(1, len(word) - 1)
    letters = "aeioukvnrst"
    match rng.choice(("substitute", "delete", "transpose", "insert")):
        case "substitute":
            return word[:i] + rng.choice([c for c in letters if c != word[i]]) + word[i + 1 :]
        case "delete":
            return word[:i] + word[i + 1 :]
        case "transpose":
            return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        case _:
            return word[:i] + rng.choice(letters) + word[i:]


class _QuestionMaker:
    def __init__(self, chronology: GenChronology, rng: random.Random):
        self.rng = rng
        self.chronology = chronology
        self.people = {person.id: person for person in chronology.people}
        self.with_people = [event for event in chronology.events if event.people]
        self.surnames = {person.surname.lower() for person in chronology.people}
        # Topic words: below the function words, above the long tail, like real topics.
        self.topic_words = set(chronology.vocabulary[len(FUNCTION_WORDS) : 1500])

    def person_and_year(self) -> tuple[GenPerson, int]:
        event = self.rng.choice(self.with_people)
        return self.people[self.rng.choice(event.people)], event.start.year

    def name_of(self, person: GenPerson) -> str:
        return person.surname if self.rng.random() < 0.7 else person.name

    def ask(self, kind: str) -> str:
        rng = self.rng
        match kind:
            case "person+year":
                person, year = self.person_and_year()
                template = rng.choice(
                    (
                        "what did {n} say in {y}",
                        "{n} {y}",
                        "{n} in {y}",
                        "what did {n} propose in {y}?",
                        "{n}'s statements in {y}",
                    )
                )
                return template.format(n=self.name_of(person), y=year)
            case "person":
                person, _ = self.person_and_year()
                template = rng.choice(
                    ("{s}", "who is {n}", "what did {s} say", "{s}'s proposals", "about {n}")
                )
                return template.format(s=person.surname, n=person.name)
            case "date-range":
                return self.date_question()
            case "topic":
                event = rng.choice(self.chronology.events)
                words = [w for w in re.findall(r"\w+", event.text) if w in self.topic_words]
                words = list(dict.fromkeys(words)) or [rng.choice(sorted(self.topic_words))]
                picked = " ".join(rng.sample(words, min(len(words), rng.choice((1, 2, 2, 3)))))
                if rng.random() < 0.3:
                    return f"{picked} {event.start.year}"
                return rng.choice(("{w}", "what about {w}", "who said {w}", "{w}?")).format(
                    w=picked
                )
            case "typo":
                people = [p for p in self.chronology.people if len(p.surname) >= 5]
                for _ in range(100):
                    typo = _typo(rng, rng.choice(people).surname)
                    if typo.lower() not in self.surnames:
                        break
                _, year = self.person_and_year()
                return typo if rng.random() < 0.5 else f"{typo} {year}"
            case "cyrillic":
                person, year = self.person_and_year()
                cyrillic = to_cyrillic(person.surname)
                return cyrillic if rng.random() < 0.4 else f"{cyrillic} {year}"
            case _:
                return self.no_answer_question()

    def date_question(self) -> str:
        rng = self.rng
        day = rng.choice(self.chronology.events).start
        year = day.year
        templates = (
            lambda: f"between {year} and {year + rng.randint(1, 3)}",
            lambda: f"{year}-{year + rng.randint(1, 3)}",
            lambda: f"from {year} to {year + rng.randint(1, 3)}",
            lambda: f"before {year}",
            lambda: f"after {year}",
            lambda: f"since {year}",
            lambda: f"until {year}",
            lambda: f"the {year // 10 * 10}s",
            lambda: f"{rng.choice(list(SEASONS)).lower()} {year}",
            lambda: f"{calendar.month_name[day.month]} {year}",
            lambda: f"{calendar.month_abbr[day.month]} {day.day} {year}",
            lambda: day.isoformat(),
            lambda: f"in {year}",
        )
        return rng.choice(templates)()

    def no_answer_question(self) -> str:
        rng = self.rng
        unknown = rng.choice(_FOREIGN_ONSETS) + rng.choice("aeiou") + rng.choice(_FOREIGN_SUFFIXES)
        person, _ = self.person_and_year()
        outside = rng.choice((rng.randint(1700, FIRST_YEAR - 50), rng.randint(2100, 2300)))
        nonsense = "".join(rng.choice("qxzjv") + rng.choice("aeiouy") for _ in range(4))
        return rng.choice(
            (
                f"what did {unknown} say",
                f"{unknown} {rng.randint(FIRST_YEAR, LAST_YEAR)}",
                f"between {outside} and {outside + 5}",
                f"{person.surname} in {outside}",
                f"{nonsense}",
                f"{nonsense} {unknown}",
            )
        )


def generate_questions(
    chronology: GenChronology, count: int = QUESTION_COUNT, seed: int = DEFAULT_SEED
) -> list[Question]:
    """A fixed mix of `count` questions about `chronology`, shuffled, the same for the same seed."""
    rng = random.Random(f"{seed}-questions-{chronology.size}")
    maker = _QuestionMaker(chronology, rng)
    kinds = [kind for kind, share in QUESTION_MIX.items() for _ in range(round(share * count))]
    kinds = (kinds + ["topic"] * count)[:count]
    rng.shuffle(kinds)
    return [Question(kind, text, floor_words(text)) for kind in kinds for text in [maker.ask(kind)]]


# --- cached files ----------------------------------------------------------------------------


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def ensure_corpus(size: int, seed: int = DEFAULT_SEED, out_dir: Path = OUT_DIR) -> Corpus:
    """The YAML file and questions for (size, seed), generated once and cached in `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"chronology-{size}-s{seed}-v{GENERATOR_VERSION}"
    yaml_path = out_dir / f"{stem}.yaml"
    questions_path = out_dir / f"{stem}.questions.json"
    if not (yaml_path.exists() and questions_path.exists()):
        chronology = generate_chronology(size, seed)
        questions = generate_questions(chronology, seed=seed)
        _write_atomically(yaml_path, chronology_yaml(chronology))
        rows = [asdict(question) for question in questions]
        _write_atomically(questions_path, json.dumps(rows, ensure_ascii=False, indent=0))
    rows = json.loads(questions_path.read_text(encoding="utf-8"))
    questions = tuple(Question(row["kind"], row["text"], tuple(row["floor_words"])) for row in rows)
    return Corpus(size, seed, yaml_path, questions_path, questions)


__all__ = [
    "DEFAULT_SEED",
    "OUT_DIR",
    "Corpus",
    "GenChronology",
    "GenEvent",
    "GenPerson",
    "Question",
    "chronology_yaml",
    "ensure_corpus",
    "floor_words",
    "generate_chronology",
    "generate_questions",
    "to_cyrillic",
]
