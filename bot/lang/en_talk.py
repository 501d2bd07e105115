"""English phrases of conversation: how a follow-up continues the last question, what points
back at it, and the messages that are requests rather than questions (the next page, one entry
of it, help, the people, the chronology itself, its press, greetings, thanks, a picture).

Plain data, read by bot.lang (requests) and bot.conversation (follow-ups); bot.lang.ru_talk
has the Russian twin of every table.
"""

# Follow-up questions (bot.conversation). A question starting with one of these continues the
# previous one: it keeps every part of it (people, period, words, order) that it does not name.
FOLLOW_UP_STARTS = (
    "and", "what about", "how about", "what of", "also", "only", "but", "then", "now",
    "same for", "same question for", "and what about", "and how about", "ok and", "okay and",
    "just", "any in", "any from", "any for", "any during", "anything in", "anything from",
    "which of those", "which of these", "which of them", "which ones", "of those", "of these",
    "among those", "among these", "among them", "any of those", "any of them",
)  # fmt: skip
# Words said before a follow-up starts, which do not change it: "ok what about 2009?",
# "thanks, and in 2011?".
FOLLOW_UP_LEADS = (
    "ok", "okay", "k", "kk", "hmm", "hm", "so", "well", "alright", "right", "cool", "great",
    "nice", "thanks", "thank you", "thx", "ty", "oh", "ah", "yes", "yeah", "yep", "got it",
    "i see", "interesting",
)  # fmt: skip
# The same, as the question's last word only (after it, "before 2005" would be a date):
# "and before?", "what about after?".
FOLLOW_UP_LAST_WORDS = {"before": ("before", "prior"), "after": ("after", "afterward")}
# Words that point back at the previous question, by what they refer to: the period before or
# after the entries shown, the same period, the same people, other people, other topics.
FOLLOW_UP_REFERENCES = {
    "before": (
        "before that", "before then", "before this", "earlier", "prior to that", "older",
        "older ones", "older entries", "earlier ones", "anything older", "anything earlier",
    ),
    "after": (
        "after that", "after then", "after this", "since then", "later", "afterwards",
        "what happened next", "what came next", "happened next", "then what", "and then",
        "newer", "newer ones", "newer entries", "later ones", "anything newer", "anything later",
    ),
    # One year on from (or back from) the period asked or shown: "and the year after?".
    "next_year": (
        "the year after", "a year later", "the next year", "the following year", "year after",
        "one year later",
    ),
    "previous_year": (
        "the year before", "a year earlier", "the previous year", "the year prior",
        "year before", "one year earlier",
    ),
    "same_period": (
        "that year", "the same year", "same year", "that month", "the same month",
        "same month", "that time", "the same time", "same period", "that period",
    ),
    "same_people": ("him", "her", "them", "he", "she", "they", "his", "their", "hers"),
    # What was asked about, when the question adds words of its own: "what caused it?".
    "same_topic": ("it", "its", "they", "them", "there", "that thing"),
    "other_people": (
        "who else", "anyone else", "anybody else", "someone else", "somebody else",
        "other people", "others",
    ),
    "other_topics": ("anything else", "what else", "something else", "other topics"),
    # The answer just given: its entries again ("source?", "those ones", "more details").
    "same_answer": (
        "those", "these", "those ones", "these ones", "that one", "this one", "source",
        "sources", "citation", "citations", "reference", "references", "details",
        "more details", "proof", "link", "links",
    ),
}  # fmt: skip

# A message that only asks to go on with the last answer: its next page (bot.conversation).
MORE_REQUESTS = frozenset(
    " ".join(phrase.split())
    for phrase in """
    more; more please; please more; tell me more; show more; show me more; more entries;
    more results; next; next page; next one; next ones; go on; continue; keep going; and more;
    any more; anymore; the rest; show the rest; show me the rest; rest; what else is there;
    more of that; more of those; even more; some more; see more
    """.split(";")
    if phrase.strip()
)
# One entry of the last answer by its place: "the second one", "#3", "tell me about the 2nd".
# ("the first one", "the last one" are orders: bot.conversation.) The words around the place:
SELECTION_LEADS = (
    "tell me more about", "tell me about", "more about", "what about", "show me", "show",
    "open", "expand", "details of", "details on", "and", "ok", "okay", "just", "only",
)  # fmt: skip
SELECTION_ORDINALS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7,
    "8th": 8, "9th": 9, "10th": 10,
}  # fmt: skip
SELECTION_NOUNS = ("one", "entry", "item", "result", "event")
SELECTION_NUMBERED = ("number", "no", "entry", "item", "result")  # "number 3", "entry 3"
# Messages that ask what the bot is and does: answered with how to ask.
HELP_REQUESTS = frozenset(
    " ".join(phrase.split())
    for phrase in """
    help; help me; helpp; i need help; how does this work; how does it work; how do i use this;
    how do i use you; how to use; how to use this; how to use it; what can you do;
    what do you do; what can i ask; what can i ask you; what should i ask; who are you;
    what are you; what is this; whats this; what is this bot; instructions; usage; commands;
    how do i ask; how does this bot work; menu
    """.split(";")
    if phrase.strip()
)
# Messages that ask who is in the chronology: answered with the people in the most entries.
PEOPLE_REQUESTS = frozenset(
    " ".join(phrase.split())
    for phrase in """
    people; list people; list all people; all people; list of people; people list;
    show people; show all people; show me the people; which people; who is in it;
    whos in it; who is in this chronology; who is in the chronology; who is mentioned;
    who is mentioned here; who are the people; everyone; list everyone; list names;
    list all names; all names; names; persons; list persons; who can i ask about;
    who can i ask about
    """.split(";")
    if phrase.strip()
)
# Messages that ask what the chronology holds as a whole: how many entries, which years.
ABOUT_REQUESTS = frozenset(
    " ".join(phrase.split())
    for phrase in """
    how many entries; how many events; how many entries are there; how many events are there;
    how many entries do you have; how many events do you have; how many entries in total;
    how many in total; how big is it; how big is the chronology; how large is it;
    what period; what period does it cover; what years; what years does it cover;
    which years; which years does it cover; what time period; what time span; time span;
    date range; what dates; what dates does it cover; how far back; how far back does it go;
    what does it cover; what does the chronology cover; what is this chronology about;
    what is the chronology about; what is it about; whats it about; about the chronology;
    about this chronology; stats
    """.split(";")
    if phrase.strip()
)
# Messages that ask which papers and outlets the entries cite. Not one word ("press", "media"
# may be a topic), nor "source?": after an answer, that asks for its sources (bot.conversation).
PRESS_REQUESTS = frozenset(
    " ".join(phrase.split())
    for phrase in """
    which newspapers; what newspapers; which papers; what papers; which press; what press;
    press sources; which sources; what sources; what are the sources; what are your sources;
    list sources; list all sources; list of sources; list the sources; sources cited;
    cited sources; which media; what media; which outlets; what outlets;
    which publications; what publications; which newspapers are cited;
    which sources are cited; what sources are cited; what is cited; all sources
    """.split(";")
    if phrase.strip()
)
# Messages that are only talk, answered in kind rather than with the whole chronology.
GREETINGS = frozenset(
    " ".join(phrase.split())
    for phrase in """
    hi; hello; hey; hi there; hello there; hey there; good morning; good afternoon;
    good evening; greetings; yo; hiya; howdy; start
    """.split(";")
    if phrase.strip()
)
THANKS = frozenset(
    " ".join(phrase.split())
    for phrase in """
    thanks; thank you; thanks a lot; thank you very much; many thanks; cheers; great; cool;
    nice; ok; okay; ok thanks; okay thanks; got it; perfect; awesome; great thanks;
    thanks so much; ty; thx; thnx; much appreciated; appreciated; ok cool; cool thanks;
    ok great; ok nice; k; kk; sounds good; nice one; got it thanks; understood; alright;
    all right; i see; ok i see; great stuff; thanks for the help; thanks for your help
    """.split(";")
    if phrase.strip()
)

# Words that ask to see the answer as a picture ("timeline of Lovelace", "chart 1840-1850"); the
# first-word ones only as an imperative ("draw Turing", not "a draw").
PICTURE_WORDS = frozenset(
    "timeline timelines time-line chart graph diagram visualize visualise visualization "
    "visualisation picture pic image infographic graphic".split()
)
PICTURE_IMPERATIVES = frozenset("draw sketch chart graph".split())
# Words that may come before such an imperative: "can u draw Turing", "please draw ...".
POLITE_WORDS = frozenset(
    "please pls plz can could would will you u ya just now ok okay and".split()
)

# Questions that ask who someone is ("who is Lovelace?", after an answer "who's he?"): the answer
# also says who the named people are (their descriptions).
IDENTITY_QUESTIONS = (
    "who is", "who was", "who are", "who were", "whos", "who's", "who is this", "tell me who",
    "who exactly is", "who the hell is",
)  # fmt: skip

# Messages that ask what is new: the newest entries ("latest"), not the word "new".
NEWS_REQUESTS = frozenset(
    " ".join(phrase.split())
    for phrase in """
    whats new; what's new; what is new; anything new; any news; whats the news; what's the news;
    news; new stuff; whats new lately; what's new lately; anything new lately; any updates;
    updates; whats happening lately
    """.split(";")
    if phrase.strip()
)
