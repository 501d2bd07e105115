"""Russian phrases of conversation, the twin of bot.lang.en_talk (see there): follow-ups, the
requests that are no questions, and the words that ask for a picture.

Written with "е" for "ё": cues and requests are compared after folding "ё" into "е".
"""

# Follow-up questions (bot.conversation), as in bot.lang.en_talk: how a question continues the
# previous one ("а в 2011?", "а что насчёт Хоппер") and how it points back at it. Written
# with "е" for "ё": cues are compared after folding "ё" into "е".
FOLLOW_UP_STARTS = (
    "а", "и", "но", "тогда", "также", "тоже", "только", "а что насчет", "что насчет",
    "а как насчет", "как насчет", "а что с", "а как же", "ну а", "а теперь", "еще",
)  # fmt: skip
FOLLOW_UP_LEADS = (
    "ок", "окей", "ладно", "хорошо", "ясно", "понятно", "спасибо", "так", "ну", "ага", "да",
    "интересно",
)  # fmt: skip
FOLLOW_UP_LAST_WORDS = {"before": ("до",), "after": ("после",)}  # see bot.lang.en_talk
FOLLOW_UP_REFERENCES = {
    "before": (
        "до этого", "до того", "перед этим", "раньше", "ранее", "прежде", "а раньше",
        "что было раньше", "более ранние", "старше",
    ),
    "after": (
        "после этого", "после того", "позже", "потом", "затем", "с тех пор", "а позже",
        "что было потом", "что было дальше", "более поздние", "новее",
    ),
    "next_year": ("через год", "год спустя", "в следующем году", "на следующий год", "годом позже"),
    "previous_year": ("годом раньше", "за год до этого", "в предыдущем году", "годом ранее"),
    "same_period": ("в тот же год", "в том же году", "тот же год", "в том году", "тогда же"),
    "same_people": (
        "он", "она", "они", "его", "ее", "их", "ему", "ей", "им", "него", "нее", "них", "ним",
    ),
    "other_people": ("кто еще", "кто-то еще", "кто-нибудь еще", "другие", "остальные"),
    "other_topics": ("что еще", "что-то еще", "что-нибудь еще", "еще что"),
    "same_topic": ("оно", "его", "ее", "её", "это", "этого", "там", "туда", "они", "их"),
    "same_answer": (
        "эти", "этих", "те", "тех", "из них", "источник", "источники", "источника",
        "ссылка", "ссылку", "ссылки", "подробнее", "подробности", "детали", "откуда это",
    ),
}  # fmt: skip

# See bot.lang.en_talk: one entry of the last answer by its place ("вторая", "покажи третью").
SELECTION_LEADS = (
    "расскажи подробнее про", "расскажи про", "подробнее про", "а что", "покажи", "открой",
    "а", "и", "только",
)  # fmt: skip
SELECTION_ORDINALS = {
    **{form: 2 for form in "второй вторая второе вторую 2-й 2-я 2-е 2-ю".split()},
    **{form: 3 for form in "третий третья третье третью 3-й 3-я 3-е 3-ю".split()},
    **{form: 4 for form in "четвертый четвертая четвертое четвертую 4-й 4-я 4-е 4-ю".split()},
    **{form: 5 for form in "пятый пятая пятое пятую 5-й 5-я 5-е 5-ю".split()},
}
SELECTION_NOUNS = ("запись", "записи", "событие", "пункт")
SELECTION_NUMBERED = ("номер", "запись", "пункт")
# A request for the next page, and the other requests (help, people, …) as in
# bot.lang.en_talk. Written with "е".
MORE_REQUESTS = frozenset(
    " ".join(phrase.split())
    for phrase in """
    еще; дальше; далее; продолжай; продолжи; продолжайте; покажи еще; покажите еще;
    еще записи; следующие; следующая страница; остальные; покажи остальные; а еще; еще есть;
    что еще есть; больше; покажи больше; давай еще; давай дальше
    """.split(";")
    if phrase.strip()
)
GREETINGS = frozenset(
    " ".join(phrase.split())
    for phrase in """
    привет; здравствуйте; здравствуй; добрый день; доброе утро; добрый вечер; хай
    """.split(";")
    if phrase.strip()
)
HELP_REQUESTS = frozenset(  # see bot.lang.en_talk
    " ".join(phrase.split())
    for phrase in """
    помощь; помоги; помогите; справка; как пользоваться; как это работает; что ты умеешь;
    что умеешь; что ты можешь; что можно спросить; что спрашивать; кто ты; что ты такое;
    что это; что это за бот; как спрашивать; инструкция; команды; меню
    """.split(";")
    if phrase.strip()
)
ABOUT_REQUESTS = frozenset(  # see bot.lang.en_talk
    " ".join(phrase.split())
    for phrase in """
    сколько записей; сколько событий; сколько всего записей; сколько всего событий;
    сколько записей всего; сколько событий всего; какой период; за какой период;
    какие годы; за какие годы; какие даты; с какого года; о чем хронология;
    о чем эта хронология; что за хронология; о чем это
    """.split(";")
    if phrase.strip()
)
PRESS_REQUESTS = frozenset(  # see bot.lang.en_talk
    " ".join(phrase.split())
    for phrase in """
    какие источники; какие газеты; какие издания; какие сми; список источников;
    список газет; все источники; источники цитируются; какие источники цитируются;
    на какие источники ссылаются
    """.split(";")
    if phrase.strip()
)
PEOPLE_REQUESTS = frozenset(  # see bot.lang.en_talk
    " ".join(phrase.split())
    for phrase in """
    люди; список людей; все люди; какие люди; кто упоминается; кто там есть; кто есть;
    кто в хронологии; персоны; список персон; все персоны; имена; список имен;
    о ком можно спросить
    """.split(";")
    if phrase.strip()
)
THANKS = frozenset(
    " ".join(phrase.split())
    for phrase in """
    спасибо; спасибо большое; большое спасибо; благодарю; спс; ок; окей; понятно; ясно;
    хорошо; отлично; супер; класс; ок спасибо; понятно спасибо; круто; ок понятно;
    спасибо за помощь; благодарствую; норм; ладно
    """.split(";")
    if phrase.strip()
)

# See bot.lang.en_talk.PICTURE_WORDS.
PICTURE_WORDS = frozenset(
    "таймлайн таймлайне таймлайном шкала шкале шкалу график графике графиком диаграмма "
    "диаграмму диаграммой картинка картинку картинкой картинке изображение визуализация "
    "визуализацию".split()
)
PICTURE_IMPERATIVES = frozenset(
    "нарисуй нарисуйте изобрази изобразите визуализируй визуализируйте "
    # after "можешь", "можете": "можешь нарисовать Гагарина?"
    "нарисовать изобразить визуализировать".split()
)
# Words that may come before such an imperative: "можешь нарисовать" is not one, but
# "пожалуйста, нарисуй" and "а нарисуй" are.
POLITE_WORDS = frozenset("пожалуйста плиз пжл можешь можете а ну и".split())

# See bot.lang.en_talk.IDENTITY_QUESTIONS: "кто такой Гагарин?", "а кто он?".
IDENTITY_QUESTIONS = (
    "кто такой", "кто такая", "кто такие", "кто это", "кто был", "кто была", "кто были",
    "кто он", "кто она", "кто они", "а кто", "кто же",
)  # fmt: skip

# See bot.lang.en_talk.NEWS_REQUESTS.
NEWS_REQUESTS = frozenset(
    " ".join(phrase.split())
    for phrase in """
    что нового; что новенького; есть что нового; есть что-нибудь новое; новости; что новое;
    какие новости; что там нового
    """.split(";")
    if phrase.strip()
)
