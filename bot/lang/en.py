"""English words the engine must know to read a question: the words people ask with, titles,
order words, and the word forms that Porter stemming cannot join (irregular verbs, word
families, everyday synonyms).

Plain data and small functions, no dependency: this module is on the `chronobot ask` path.
simplemma was tried for the base forms and left out: its English table takes ~130 ms to load
and still reads "shook" and "left" as themselves; the irregular forms below are a closed list.
"""

from __future__ import annotations

import functools
import re

# Words people ask with, and imperatives and fillers that name the request rather than the
# topic. They never become search terms, so they can never exclude or reorder entries: "what
# did X propose" must list everything by X, proposal or not.
QUESTION_WORDS = frozenset(
    """
    what whats who whom whose which when where why how did do does done doing is are was were
    be been being has have had will would could should can may might shall must the a an of
    in on at to for from by with about as into onto over under than then there here this that
    these those it its his her hers their theirs them they he she him we us our you your i me
    my mine and or nor not no yes if so any all some every each other others anything
    something everything nothing ever also just only very much many more most tell show list
    give find get know let please pls plz ok okay hi hello hey thanks thank entry entries event
    events happen happened happens year years date dates time times say says said saying
    propose proposes proposed proposing proposal proposals offer offers offered offering
    suggest suggests suggested suggesting call calls called calling mention mentions mentioned
    mentioning speak speaks spoke talk talks talked write wrote written writes ask asks asked
    after before since until till between during
    explain explains describe describes summarize summarise summary remind reminder looking
    look searching search seek seeking need needs want wanted info information details detail
    display fetch quick brief briefly overview recap anybody anyone someone somebody
    idea ideas remark remarks statement statements piece pieces news stuff thing things story
    stories quote quotes comment comments word words bit mentioned article articles report
    reports coverage
    go goes going went gone come comes came coming make makes made making get gets got take
    takes took taken put puts happen said really actually exactly again still
    compare check verify outline review highlight identify clarify define elaborate discuss
    analyze analyse research investigate track trace lookup recall remember wondering wonder
    curious interested learn read see view browse brief overview timeline everything about
    because though regarding concerning re without whatever happening happenin up btw lol
    omg pls plz hmm um one ones
    wanna gonna gotta gimme lemme asap yo basically literally kinda sorta anyway anyways uh
    umm hm k kk alright yeah yep yup idk tbh imo fyi rn well oh ah hey
    whos whens wheres hows whys thats theres heres dont didnt doesnt isnt wasnt werent arent
    cant couldnt wont wouldnt shouldnt im ive youre theyre hes shes lets
    often frequently count counting involved vs versus around circa approximately roughly
    chronology create generate now whole entire overall like haha
    """.split()
)

# How people shorten words when they type on a phone -> the word they mean. Read before
# anything else (bot.lang.expand_typing), so "b4 2012" is a date and "abt" a word people ask
# with. Whole words only; one-letter ones only in lowercase ("u", but not "U.S.").
SHORTHANDS = {
    "abt": "about", "bout": "about", "abut": "about", "wat": "what", "wht": "what",
    "wut": "what", "wot": "what", "wats": "whats", "whn": "when", "wen": "when",
    "whr": "where", "hw": "how", "y": "why", "u": "you", "ur": "your", "r": "are",
    "n": "and", "&": "and", "b4": "before", "bfr": "before", "aftr": "after",
    "b/w": "between", "btwn": "between", "betw": "between",
    "w/": "with", "w/o": "without", "yr": "year", "yrs": "years", "thx": "thanks",
    "ty": "thanks", "tnx": "thanks", "bc": "because", "cuz": "because", "coz": "because",
    "smth": "something", "sth": "something", "anythin": "anything", "govt": "government",
    "gov't": "government", "intl": "international", "natl": "national", "dept": "department",
    "prez": "president", "mtg": "meeting", "ppl": "people", "msg": "message", "abt.": "about",
}  # fmt: skip

# Words after which a two-digit number is a year: "in 09", "from 2000 to 05", "since 93".
YEAR_PREPOSITIONS = (
    "in", "since", "before", "after", "from", "until", "till", "during", "by", "thru",
    "through", "to", "and", "between", "of", "circa", "around",
)  # fmt: skip

# Titles and honorifics: never an unknown person, and next to a name they are not topics.
TITLES = frozenset(
    """
    mr mrs ms miss mx madam madame sir lady lord dr doctor prof professor president presidents
    vice prime minister ministers secretary senator sen general gen colonel col admiral adm
    commander cmdr captain capt lieutenant lt major maj sergeant sgt ambassador envoy
    chancellor premier governor gov mayor king queen prince princess pope cardinal deputy
    foreign defense defence director chairman chairwoman chair chief head astronaut cosmonaut
    taikonaut rep representative congressman congresswoman speaker judge justice comrade
    marshal officer spokesman spokeswoman spokesperson former late then pm fm
    sec secy pres amb dep vp dir
    """.split()
)
# Titles as people shorten them -> the words a description writes ("Sec. Jones" is the one
# described as a Secretary).
TITLE_ABBREVIATIONS = {
    "sec": "secretary", "secy": "secretary", "pres": "president", "sen": "senator",
    "gen": "general", "gov": "governor", "amb": "ambassador", "dep": "deputy",
    "col": "colonel", "adm": "admiral", "cmdr": "commander", "capt": "captain",
    "lt": "lieutenant", "maj": "major", "sgt": "sergeant", "rep": "representative",
    "dir": "director", "prof": "professor", "dr": "doctor", "pm": "prime minister",
    "fm": "foreign minister", "vp": "vice president",
}  # fmt: skip
# Honorifics that say the person is a woman or a man: "Mrs. Smith" chooses among the Smiths.
FEMININE_TITLES = frozenset("mrs ms miss madam madame lady queen princess congresswoman".split())
MASCULINE_TITLES = frozenset("mr sir lord king prince congressman".split())

# A month or season without a year ("rogozin feb", "lavrov in summer"): that part of every
# year. Month names that are also words ("may", "march") and seasons ("Prague Spring",
# "nuclear winter") only after a word that makes them a time: "in May", "last summer".
RECURRING_MONTHS = frozenset(
    """
    jan january feb february apr april jun june jul july aug august sep sept september oct
    october nov november dec december
    """.split()
)
RECURRING_AFTER_LEAD = {
    "may": (5, 5), "march": (3, 3), "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11),
    "fall": (9, 11), "winter": (12, 14),
}  # fmt: skip
RECURRING_LEADS = ("in", "during", "last", "this", "every", "each", "in the", "during the")

# Asking words that name a thing when a number follows: "Article 5", "Resolution 1441".
NUMBERED_NOUNS = frozenset("article articles section chapter clause paragraph resolution".split())

# Words after a surname that are part of the name: "Smith Jr.", "Henry VIII".
# Words before a name that leave the person out: "moon landings but not Armstrong", "not Ada".
EXCLUSION_CUES = (
    "not", "but not", "and not", "without", "except", "except for", "excluding", "other than",
    "apart from", "minus", "leaving out", "no",
)  # fmt: skip
NAME_SUFFIXES = frozenset("jr jnr junior sr snr senior ii iii iv".split())

# Order words: the newest or the oldest entries first.
NEWEST_WORDS = frozenset("latest last newest recent recently lately".split())
OLDEST_WORDS = frozenset("first earliest oldest initially originally initial".split())
# "most recent" is two words; "recent" alone is enough to mean it.

# Given names that say a woman, for the honorifics above when a description does not: the
# most common ones in English-speaking and Russian-speaking countries. A name ending in "a"
# is read as a woman's unless listed in MASCULINE_NAMES_IN_A (Nikita, Ilya, Luca).
FEMININE_NAMES = frozenset(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
    margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah
    stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda
    pamela nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth
    maria heather diane virginia julie joyce victoria olivia kelly christina lauren joan
    evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa
    kathryn sara janice jean alice madison doris abigail julia judy grace denise amber
    marilyn beverly danielle theresa sophia marie diana brittany natalie isabella charlotte
    rose alexis kayla hillary hilary madeleine peggy sally kathy valentina
    svetlana yelena elena irina olga tatiana tatyana natalia natalya ekaterina yekaterina
    galina lyudmila ludmila nadezhda lyubov marina larisa anastasia nina vera zoya raisa
    valeria oksana yulia julia angela ursula theresa indira golda benazir margaret eileen
    kathryn sunita christa judith shannon tracy peggy mae sally jill karen susan ellen
    nicole samantha tiffany kalpana anousheh helen roberta wendy cady stephanie jessica
    jasmine kate claire sophie chloe lucy jane
    """.split()
)
MASCULINE_NAMES_IN_A = frozenset("nikita ilya sasha misha kostya luca andrea joshua ezra".split())

# Irregular forms -> base form, so "shook" finds "shake" and "met" finds "meeting". Each line
# is "base: forms". Regular forms are Porter's job.
_IRREGULAR = """
arise: arose arisen; awake: awoke awoken; be: was were been; bear: bore borne born;
beat: beaten; become: became; begin: began begun; bend: bent; bet: bet; bid: bade bidden;
bind: bound; bite: bit bitten; bleed: bled; blow: blew blown; break: broke broken;
breed: bred; bring: brought; build: built; burn: burnt; burst: burst; buy: bought;
catch: caught; choose: chose chosen; cling: clung; come: came; cost: cost; creep: crept;
deal: dealt; dig: dug; do: did done; draw: drew drawn; dream: dreamt; drink: drank drunk;
drive: drove driven; eat: ate eaten; fall: fell fallen; feed: fed; feel: felt; fight: fought;
find: found; flee: fled; fly: flew flown; forbid: forbade forbidden; forget: forgot forgotten;
forgive: forgave forgiven; freeze: froze frozen; get: got gotten; give: gave given;
go: went gone; grind: ground; grow: grew grown; hang: hung; have: had has; hear: heard;
hide: hid hidden; hit: hit; hold: held; hurt: hurt; keep: kept; kneel: knelt; know: knew known;
lay: laid; lead: led; lean: leant; leap: leapt; learn: learnt; leave: left; lend: lent;
let: let; lie: lay lain; light: lit; lose: lost; make: made; mean: meant; meet: met;
pay: paid; prove: proven; put: put; quit: quit; read: read; ride: rode ridden; ring: rang rung;
rise: rose risen; run: ran; say: said; see: saw seen; seek: sought; sell: sold; send: sent;
set: set; shake: shook shaken; shed: shed; shine: shone; shoot: shot; show: shown;
shrink: shrank shrunk; shut: shut; sing: sang sung; sink: sank sunk; sit: sat; sleep: slept;
slide: slid; speak: spoke spoken; speed: sped; spend: spent; spin: spun; split: split;
spread: spread; spring: sprang sprung; stand: stood; steal: stole stolen; stick: stuck;
sting: stung; stride: strode; strike: struck stricken; strive: strove striven;
swear: swore sworn; sweep: swept; swim: swam swum; swing: swung; take: took taken;
teach: taught; tear: tore torn; tell: told; think: thought; throw: threw thrown;
thrust: thrust; tread: trod trodden; undergo: underwent undergone; understand: understood;
undertake: undertook undertaken; uphold: upheld; upset: upset; wake: woke woken;
wear: wore worn; weave: wove woven; weep: wept; win: won; wind: wound; withdraw: withdrew
withdrawn; withhold: withheld; withstand: withstood; write: wrote written;
overthrow: overthrew overthrown; overtake: overtook overtaken; foresee: foresaw foreseen;
man: men; woman: women; child: children; person: people; mouse: mice; foot: feet;
tooth: teeth; goose: geese; crisis: crises; thesis: theses; analysis: analyses;
criterion: criteria; phenomenon: phenomena; medium: media; datum: data
"""


@functools.cache
def _irregular_bases() -> dict[str, str]:
    bases: dict[str, str] = {}
    for item in _IRREGULAR.split(";"):
        base, _, forms = item.partition(":")
        for form in forms.split():
            # A form shared by two verbs ("lay", "found") keeps its first reading.
            bases.setdefault(form, base.strip())
    return bases


def base_form(word: str) -> str | None:
    """The base form of an irregular word ("shook" -> "shake"), or None for a regular one."""
    return _irregular_bases().get(word.lower())


# Everyday words that name the same act in a chronology, in groups: asking with one finds
# entries written with another. Kept small and unambiguous; a chronology adds its own terms
# in the data's `synonyms:` list.
_SYNONYM_GROUPS = (
    ("leave", "withdraw", "withdrawal", "exit", "quit", "pull out"),
    ("handshake", "shake hands"),
    ("meet", "meeting", "summit", "talks", "negotiations"),
    ("agreement", "accord", "pact", "treaty"),
    ("sign", "signing", "signed"),
    ("killed", "died", "death", "die", "dies", "dead"),
    ("launch", "liftoff", "lift-off"),
    ("spacewalk", "space walk"),
    ("attack", "strike"),
    ("war", "conflict"),
    ("begin", "start"),
    ("end", "finish", "stop", "stopped"),
    ("retire", "retired", "retirement", "decommission", "decommissioned"),
    ("human", "man", "men", "humans"),
    ("manned", "crewed"),
    ("explode", "explosion", "blew up", "broke apart"),
    ("accident", "disaster", "crash", "tragedy", "catastrophe"),
    ("resign", "resignation", "step down", "stepped down"),
    ("elect", "elected", "election"),
    ("invade", "invasion"),
    ("saint", "st"),
    ("mount", "mt"),
    ("usa", "us", "united states", "u.s.", "u.s.a.", "america", "american", "americans"),
    ("ussr", "soviet union", "u.s.s.r.", "soviet", "soviets"),
    ("uk", "united kingdom", "britain", "u.k.", "british"),
    # A nationality finds its country ("first Chinese astronaut": "China's first …").
    ("china", "chinese"),
    ("japan", "japanese"),
    ("germany", "german", "germans"),
    ("france", "french"),
    ("india", "indian"),
    ("eu", "european union"),
    ("un", "united nations", "u.n."),
    ("response", "respond", "responded", "reply", "replied", "reaction", "react"),
    ("cooperation", "cooperate", "collaboration", "collaborate", "partnership"),
    ("arrest", "arrested", "detained"),
)


# Abbreviations of countries that are also words people ask with ("us"): the country only in
# capitals or after "the" (bot.question).
COUNTRY_ABBREVIATIONS = frozenset({"us"})


@functools.cache
def _synonym_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, tuple[str, ...]] = {}
    for group in _SYNONYM_GROUPS:
        for word in group:
            index[word] = group
    return index


def synonyms(word: str) -> tuple[str, ...]:
    """Words and phrases of the same meaning as `word` (itself excluded), or ()."""
    group = _synonym_index().get(word.lower(), ())
    return tuple(other for other in group if other != word.lower())


# Derivational endings, longest first: "meteorite" -> "meteor", "withdrawal" -> "withdraw".
# Only tried for a word the chronology does not use, and kept only when the shorter word is
# one it does use.
_FAMILY_ENDINGS = ("ation", "ition", "ment", "ness", "ship", "ites", "ite", "ism", "ist", "al")
_MIN_FAMILY_STEM = 4


def family_stems(word: str) -> list[str]:
    """Shorter words of the same family as `word`, most likely first."""
    stems = []
    for ending in _FAMILY_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_FAMILY_STEM:
            stems.append(word[: -len(ending)])
    return stems


_WORD = re.compile(r"[^\W\d_]+")
_ASCII_NON_LETTERS = {code: " " for code in range(128) if not "a" <= chr(code) <= "z"}


def base_forms_of_text(text: str) -> str:
    """The base forms of the irregular words of `text`, space-separated, for the index: an
    entry saying "shook hands" is then also found by "shake"."""
    bases = _irregular_bases()
    # This runs for every entry of a build: plain ASCII text (the common case) is cut into
    # the same words as [a-z]+ finds by one translate (every other character to a space),
    # and the lookups run in C (map, fromkeys).
    lowered = text.lower()
    if lowered.isascii():
        words = lowered.translate(_ASCII_NON_LETTERS).split()
    else:
        words = _WORD.findall(lowered)
    found: dict[str | None, None] = dict.fromkeys(map(bases.get, words))  # first use, once each
    found.pop(None, None)  # the regular words
    return " ".join(base for base in found if base)


_WOMAN_WORDS = frozenset(
    """
    woman women female she her herself wife widow mother daughter sister actress
    chairwoman congresswoman spokeswoman businesswoman first-lady queen princess
    """.split()
)


def describes_a_woman(description: str) -> bool:
    """True when a person's description says she is a woman ("first woman in space")."""
    return any(word in _WOMAN_WORDS for word in re.findall(r"[a-z\-]+", description.lower()))


def is_feminine_name(given_name: str) -> bool:
    """True when a given name reads as a woman's (see FEMININE_NAMES)."""
    name = given_name.lower()
    if name in FEMININE_NAMES:
        return True
    return name.endswith("a") and name not in MASCULINE_NAMES_IN_A and len(name) > 2


# British and American spellings of the same word: ending pairs, tried only for a word the
# chronology does not use ("defence" finds "defense", "program" finds "programme").
_SPELLING_PAIRS = (
    ("ence", "ense"), ("ences", "enses"), ("our", "or"), ("ours", "ors"), ("oured", "ored"),
    ("ouring", "oring"), ("ise", "ize"), ("ised", "ized"), ("ises", "izes"),
    ("ising", "izing"), ("isation", "ization"), ("isations", "izations"), ("yse", "yze"),
    ("ysed", "yzed"), ("tre", "ter"), ("tres", "ters"), ("ogue", "og"), ("ogues", "ogs"),
    ("amme", "am"), ("ammes", "ams"), ("lled", "led"), ("lling", "ling"), ("ller", "ler"),
)  # fmt: skip
_MIN_VARIANT_STEM = 3


def spelling_variants(word: str) -> list[str]:
    """The other side's spellings of `word` (British <-> American), most likely first."""
    variants = []
    for british, american in _SPELLING_PAIRS:
        for ending, other in ((british, american), (american, british)):
            if word.endswith(ending) and len(word) - len(ending) >= _MIN_VARIANT_STEM:
                variants.append(word[: -len(ending)] + other)
    return list(dict.fromkeys(variants))
