"""Names in running text: who a passage mentions, by titles and capitalised words.

Generic rules, no list of names: a title ("Prime Minister", "Secretary of State") followed by
capitalised words names a person; two to four capitalised words elsewhere do too when none of
them is an ordinary word of the same text (a word the text also writes in lowercase, so
"Grand Canal" is not a person when the text speaks of "the old canal"), and they do not
follow an article ("the Netherlands"). A capitalised word alone is kept as a possible surname;
people.py decides whom it names.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

# Titles written before a name, lowercase; a plural ("Presidents") also counts.
TITLES = tuple(
    tuple(title.split())
    for title in (
        "president", "vice president", "president-elect", "prime minister",
        "deputy prime minister", "first deputy prime minister", "minister", "foreign minister",
        "defense minister", "defence minister", "finance minister", "interior minister",
        "deputy minister", "secretary", "secretary of state", "secretary of defense",
        "secretary-general", "secretary general", "general secretary", "undersecretary",
        "under secretary", "assistant secretary", "deputy secretary", "chancellor", "premier",
        "ambassador", "envoy", "special envoy", "director", "deputy director", "director general",
        "administrator", "chairman", "chairwoman", "chair", "governor", "senator", "sen.",
        "representative", "rep.", "congressman", "congresswoman", "mayor", "king", "queen",
        "prince", "princess", "emperor", "empress", "pope", "general", "gen.", "admiral",
        "adm.", "colonel", "col.", "lieutenant", "lt.", "captain", "capt.", "commander",
        "marshal", "major", "maj.", "sergeant", "sgt.", "dr.", "doctor", "professor", "prof.",
        "mr.", "mrs.", "ms.", "sir", "dame", "lord", "lady", "judge", "justice",
        "chief justice", "speaker", "spokesman", "spokeswoman", "spokesperson", "commissioner",
        "patriarch", "archbishop", "bishop", "cardinal", "rabbi", "imam", "sheikh", "president",
        "astronaut", "cosmonaut", "attorney general", "ceo", "chief executive", "founder",
        "editor", "leader", "chief designer", "head",
    )
)  # fmt: skip
# Lowercase words inside names: "Wernher von Braun", "Charles de Gaulle".
PARTICLES = frozenset("von van de da del della der den di du le la bin ibn al el ben dos".split())
# Capitalised words that are never a person's name even when the text never writes them
# in lowercase: calendar words.
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday spring summer autumn fall winter christmas easter eve".split()
)
# Endings of English nouns that are no one's surname ("Commissions", "Agreement").
_NOUN_ENDINGS = (
    "tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity", "ities", "ance", "ence",
    "ship", "ism", "ology",
)  # fmt: skip
_MODIFIER_NOISE = re.compile(r"^(?:then|former|ex|late|incoming|outgoing)[-\s]+", re.IGNORECASE)

_POSSESSIVE = re.compile(r"['’]s?$")
_PARTICLE_GAP = re.compile(rf"\s+(?:(?:{'|'.join(sorted(PARTICLES))})\s+){{1,2}}")
_ARTICLE_BEFORE = re.compile(r"(?:^|\W)(?:the|an?)\s+$")


@functools.cache
def _capitalised_word() -> re.Pattern[str]:
    """A word that starts with a capital ("DeWitt", "O’Brien’s", "U.S.-Ruritania", "Q.").

    Only capitalised words can be names or titles, and lowercase words matter only as what
    stands between them, so the text is scanned for these alone (five times fewer tokens).
    """
    upper: list[str] = []
    for code in range(0x10000):
        char = chr(code)
        if char.isupper() or char.istitle():
            upper.append(re.escape(char))
    letters = r"[^\W\d_]"
    return re.compile(rf"(?<![\w'’.\-])[{''.join(upper)}]{letters}*(?:['’.\-]+{letters}+)*\.?")


@functools.cache
def _title_pattern() -> re.Pattern[str]:
    """Any title of TITLES (longest first), a plural allowed, at a word's end."""
    spelled = sorted((r"\s+".join(map(re.escape, title)) for title in TITLES), key=len)
    return re.compile(rf"(?:{'|'.join(reversed(spelled))})s?(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A person named in a text: the name's words, and the title before it if any."""

    words: tuple[str, ...]  # "Jane", "Q.", "Public"
    start: int
    title: str | None = None  # "Ruritanian Treasury Secretary"

    @property
    def full(self) -> bool:
        return sum(1 for word in self.words if is_name_word(word)) >= 2


@dataclass(slots=True)
class _Token:
    text: str  # possessive dropped
    start: int
    kind: str  # "name" | "initial" | "other"
    joined: bool  # only spaces (or name particles) between this token and the previous one
    particles: tuple[str, ...] = ()  # lowercase name particles before it ("von")
    final: bool = False  # a full stop ends the sentence here: no name runs past it


def is_name_word(word: str) -> bool:
    return len(word) > 1 and not word.endswith(".")


def _kind(word: str) -> str:
    if len(word) == 2 and word[1] == ".":
        return "initial"
    if any(c.islower() for c in word) and "." not in word:
        return "name"
    return "other"


def _tokens(text: str, skip: Sequence[tuple[int, int]]) -> list[_Token]:
    tokens: list[_Token] = []
    previous_end = 0
    titles = _title_pattern()
    for match in _capitalised_word().finditer(text):
        start = match.start()
        if skip and any(a <= start < b for a, b in skip):
            continue
        word = match.group()
        if word[-1] in "'’s" and ("'" in word or "’" in word):
            word = _POSSESSIVE.sub("", word)
        final = False
        # "Smith." at a sentence's end is a name; "Dr." and "Gen." are titles.
        if (
            word.endswith(".")
            and len(word) > 3
            and "." not in word[:-1]
            and not titles.fullmatch(word)
        ):
            word, final = word[:-1], True
        gap = text[previous_end:start]
        particles: tuple[str, ...] = ()
        joined = bool(tokens) and (not gap or gap.isspace())
        if tokens and not joined and _PARTICLE_GAP.fullmatch(gap):
            joined, particles = True, tuple(gap.split())
        tokens.append(_Token(word, start, _kind(word), joined, particles, final))
        previous_end = match.end()
    return tokens


def _plausible(word: str, common: set[str]) -> bool:
    lowered = word.lower()
    return (
        lowered not in common and lowered not in _CALENDAR and not lowered.endswith(_NOUN_ENDINGS)
    )


def _name_after(tokens: list[_Token], index: int, titles: list[int]) -> list[_Token]:
    """The name tokens starting at `index` (names, initials, inner particles; at most 4),
    ending before a title ("Then-Ruritanian" stops at "President")."""
    name: list[_Token] = []
    while index < len(tokens) and len(name) < 4:
        token = tokens[index]
        if (name and (not token.joined or titles[index])) or token.kind == "other":
            break
        if not name and token.kind != "name":
            break
        name.append(token)
        index += 1
        if token.final:
            break
    while name and name[-1].kind != "name":
        name.pop()
    return name


def _words(name: list[_Token]) -> tuple[str, ...]:
    words: list[str] = []
    for position, token in enumerate(name):
        if position:
            words.extend(token.particles)
        words.append(token.text)
    return tuple(words)


def find_mentions(
    text: str, common: set[str], skip: Sequence[tuple[int, int]] = ()
) -> list[Mention]:
    """The people `text` names, in order; `common` holds the draft's lowercase words and
    `skip` character ranges that are not about people (titles of publications)."""
    tokens = _tokens(text, skip)
    pattern = _title_pattern()
    titles = [(m.end() if (m := pattern.match(text, t.start)) else 0) for t in tokens]
    mentions: list[Mention] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if titles[index]:
            after = index + 1
            while after < len(tokens) and tokens[after].start < titles[index]:
                after += 1
            gap = text[titles[index] : tokens[after].start] if after < len(tokens) else ""
            name = _name_after(tokens, after, titles) if gap and gap.isspace() else []
            if name and all(_plausible(t.text, common) for t in name if t.kind == "name"):
                title = _title_phrase(text, tokens, index, titles[index])
                mentions.append(Mention(_words(name), name[0].start, title))
                index = after + len(name)
            else:
                index = after
            continue
        if token.kind != "name":
            index += 1
            continue
        name = _name_after(tokens, index, titles)
        before = text[max(0, token.start - 5) : token.start]
        after_article = bool(_ARTICLE_BEFORE.search(before))
        names = [t for t in name if t.kind == "name"]
        if len(names) >= 2 and not after_article and all(_plausible(t.text, common) for t in names):
            mentions.append(Mention(_words(name), token.start))
            index += len(name)
            continue
        # Capitalised words that are no full name: each may be a surname the draft knows (see
        # People); the run is skipped whole, so its tail ("Lunar Roving Vehicle") is no name.
        for single in name or [token]:
            if single.kind == "name":
                mentions.append(Mention((single.text,), single.start))
        index += max(1, len(name))
    return mentions


def _title_phrase(text: str, tokens: list[_Token], title_start: int, title_end: int) -> str:
    """The title with the capitalised words before it ("Ruritanian Treasury Secretary")."""
    first = title_start
    while (
        first > 0
        and title_start - first < 3
        and tokens[first].joined
        and not tokens[first].particles
    ):
        first -= 1
    phrase = " ".join(text[tokens[first].start : title_end].split())
    if phrase.endswith("s") and _title_pattern().search(phrase[:-1] + " "):
        phrase = phrase[:-1]  # "Presidents X and Y": each is a President
    return _MODIFIER_NOISE.sub("", phrase)
