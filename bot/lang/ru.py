"""Russian words the engine must know to read a question: the words people ask with, titles,
order words, and a light stemmer that lets a Russian word meet the chronology's glossary in
any grammatical case ("астероидная угроза" -> "астероид", "угроз").

Plain data and small functions, no dependency. simplemma's Russian table was tried and left
out: it takes ~1.4 s to load, far beyond a question's budget, and the glossary needs only a
stem to compare, which the endings below give.
"""

from __future__ import annotations

import re

# The asking words, in Cyrillic and as people type them in Latin letters ("chto predlagal
# rogozin v 2013"); never a topic.
QUESTION_WORDS = frozenset(
    """
    что чем чём чего кто кого кому кем ком когда где куда откуда как какой какая какое какие
    каких каким какую почему зачем ли же бы не ни да нет и а но или либо то это этот эта эти
    этого этой этих тот та те того той тех он она оно они его её ее их ему ей им ими нему ней
    них нем нём меня мне мной мы нас нам вы вас вам ты тебя тебе я о об обо в во на с со по
    за из изо к ко у от до для про при над под перед между через без после около также тоже
    ещё еще уже только даже очень все всё всех весь вся был была было были быть есть будет
    говорил говорила говорили говорит говорят сказал сказала сказали сказано заявил заявила
    заявили заявлял заявление заявления предлагал предлагала предлагали предложил предложила
    предложили предлагает предложение предложения предложений упоминал упоминала упоминается
    упоминания упоминание писал писала написал написала писали сообщил сообщила сообщали
    расскажи расскажите покажи покажите найди найдите найти объясни объясните опиши опишите
    напомни напомните кратко вкратце пожалуйста пжл плз хочу хотел хотела нужно нужна нужен
    интересует ищу ищем информация информацию инфо сведения что-нибудь что-то кто-нибудь
    событие события событий запись записи записей год году года годах годы лет время раз
    случилось произошло происходило было делал делала сделал сделала идея идею идеи
    высказывание слова новости новость статья статье статьи статью статей
    самый самое самая самые самого самой самых
    спасибо кстати сейчас может вообще просто ну вот слушай скажи подскажи подскажите
    такой такая такое такие там тут здесь типа короче чего-нибудь что-либо
    ок окей ладно ага блин плиз пжлст срочно хочется узнать знать глянуть покажь
    сколько скольких часто участвовал участвовали участвовала против примерно приблизительно
    хронология хронологию хронологии времени сделай сделайте
    каком какого какому какими которые который которая которое котором которой которого которых
    которым чей чья чьё чье чьи разве неужели
    chto cho shto kto kogda gde kak pochemu zachem skolko kakoi kakoy kakaya kakie takoi
    takoy takaya takie eto etot eti vo na ob iz ot dlya pri posle goda godu godah
    byl byla bylo byli predlagal predlagala predlagali predlozhil predlozhila skazal skazala
    govoril govorila zayavil zayavila pisal napisal upominal pokazhi rasskazhi naidi
    pozhaluista pozhalujsta pzhl spasibo privet
    """.split()
)

# How people shorten Russian words when they type on a phone -> the word they mean (see
# bot.lang.en.SHORTHANDS).
SHORTHANDS = {
    "чё": "что", "чо": "что", "шо": "что", "че": "что", "пж": "пожалуйста",
    "пжлст": "пожалуйста", "плиз": "пожалуйста", "спс": "спасибо", "щас": "сейчас",
    "инфа": "информация", "инфу": "информацию", "кста": "кстати", "мб": "может",
}  # fmt: skip

# Words after which a two-digit number is a year: "в 93-м", "с 09 по 12", "до 05".
YEAR_PREPOSITIONS = ("в", "во", "с", "со", "до", "после", "по", "между", "и", "к")

TITLES = frozenset(
    """
    президент президента президентом президенту премьер премьера премьер-министр
    премьер-министра министр министра министром министру госсекретарь госсекретаря
    вице-президент вице-президента вице-премьер вице-премьера генерал генерала господин
    госпожа г-н г-жа глава главы директор директора замминистра посол посла секретарь
    секретаря сенатор сенатора канцлер канцлера космонавт космонавта астронавт астронавта
    бывший бывшего экс
    """.split()
)
FEMININE_TITLES = frozenset("госпожа г-жа".split())
MASCULINE_TITLES = frozenset("господин г-н".split())

NEWEST_WORDS = frozenset(
    """
    последний последняя последнее последние последнего последней последних новейший
    новейшее новейшие недавно недавний недавнее недавние свежий свежее свежие свежая
    свежего свежих
    """.split()
)
OLDEST_WORDS = frozenset(
    """
    первый первая первое первые первого первой первых ранний ранняя раннее ранние
    раннего ранней ранних впервые изначально сначала
    """.split()
)

# See bot.lang.en.PICTURE_WORDS.
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

# See bot.lang.en: a request for the next page, greetings and thanks. Written with "е".
# See bot.lang.en.RECURRING_MONTHS: "летом", "зимой" without a year (a month after "в", as
# in "в феврале", is read by bot.lang.recurring).
RECURRING_SEASONS = {"весной": (3, 5), "летом": (6, 8), "осенью": (9, 11), "зимой": (12, 14)}

# See bot.lang.en: one entry of the last answer by its place ("вторая", "покажи третью").
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
HELP_REQUESTS = frozenset(  # see bot.lang.en
    " ".join(phrase.split())
    for phrase in """
    помощь; помоги; помогите; справка; как пользоваться; как это работает; что ты умеешь;
    что умеешь; что ты можешь; что можно спросить; что спрашивать; кто ты; что ты такое;
    что это; что это за бот; как спрашивать; инструкция; команды; меню
    """.split(";")
    if phrase.strip()
)
ABOUT_REQUESTS = frozenset(  # see bot.lang.en
    " ".join(phrase.split())
    for phrase in """
    сколько записей; сколько событий; сколько всего записей; сколько всего событий;
    сколько записей всего; сколько событий всего; какой период; за какой период;
    какие годы; за какие годы; какие даты; с какого года; о чем хронология;
    о чем эта хронология; что за хронология; о чем это
    """.split(";")
    if phrase.strip()
)
PRESS_REQUESTS = frozenset(  # see bot.lang.en
    " ".join(phrase.split())
    for phrase in """
    какие источники; какие газеты; какие издания; какие сми; список источников;
    список газет; все источники; источники цитируются; какие источники цитируются;
    на какие источники ссылаются
    """.split(";")
    if phrase.strip()
)
PEOPLE_REQUESTS = frozenset(  # see bot.lang.en
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

# Endings of nouns and adjectives in every case, longest first: the stem is what is left.
# Follow-up questions (bot.conversation), as in bot.lang.en: how a question continues the
# previous one ("а в 2011?", "а что насчёт Хоппер") and how it points back at it. Written
# with "е" for "ё": cues are compared after folding "ё" into "е".
FOLLOW_UP_STARTS = (
    "а", "и", "но", "тогда", "также", "тоже", "только", "а что насчет", "что насчет",
    "а как насчет", "как насчет", "а что с", "а как же", "ну а", "а теперь", "еще",
)  # fmt: skip
NAME_SUFFIXES = frozenset("младший старший мл ст".split())  # see bot.lang.en
FOLLOW_UP_LEADS = (
    "ок", "окей", "ладно", "хорошо", "ясно", "понятно", "спасибо", "так", "ну", "ага", "да",
    "интересно",
)  # fmt: skip
FOLLOW_UP_LAST_WORDS = {"before": ("до",), "after": ("после",)}  # see bot.lang.en
FOLLOW_UP_REFERENCES = {
    "before": ("до этого", "до того", "перед этим", "раньше", "ранее", "прежде"),
    "after": ("после этого", "после того", "позже", "потом", "затем", "с тех пор"),
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

_ENDINGS = tuple(
    sorted(
        """
        иями ями ами ией ией ого его ому ему ыми ими ая яя ое ее ые ие ый ий ой ей ую юю ых их ым
        им ом ем ах ях ов ев ам ям ия ие ию ии ью ья ье а я о е ы и у ю ь й
        """.split(),
        key=len,
        reverse=True,
    )
)
_MIN_STEM = 3
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def is_cyrillic(word: str) -> bool:
    return bool(_CYRILLIC.search(word))


_CYRILLIC_WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)*", re.IGNORECASE)


def stems_of_text(text: str) -> str:
    """The stems of the Russian words of `text`, space-separated, for the index: an entry
    written "в космосе" is then also found by "космос", "полёт" by "полет"."""
    if text.isascii() or not _CYRILLIC.search(text):  # isascii: the common case, at once
        return ""
    words = _CYRILLIC_WORD.findall(text.lower())
    return " ".join(dict.fromkeys(stem(word) for word in words if len(word) > _MIN_STEM))


def stem(word: str) -> str:
    """The word without its case ending: "угрозы" -> "угроз", "астероидная" -> "астероидн"."""
    lowered = word.lower().replace("ё", "е")
    for ending in _ENDINGS:
        if lowered.endswith(ending) and len(lowered) - len(ending) >= _MIN_STEM:
            return lowered[: -len(ending)]
    return lowered


# Derivational tails of adjectives made from nouns ("астероид-н-ая", "ракет-н-ый",
# "космичес-к-ий"): a glossary term "астероид" also covers them.
_ADJECTIVE_TAILS = ("ическ", "инск", "ийск", "ичн", "ск", "н")


# Verb endings, after a reflexive "-ся"/"-сь": the past ("встречал-ся"), the infinitive
# ("встречать-ся") and the present ("встречает-ся"); what is left is the noun's stem
# ("встреча" -> "встреч"), under which the glossary files the word.
_REFLEXIVE = ("ся", "сь")
_VERB_ENDINGS = ("ла", "ло", "ли", "л", "ть", "ет", "ют", "ут", "ит", "ат", "ят")


def glossary_keys(word: str) -> list[str]:
    """The stems under which a Russian word may be found in a glossary, most exact first."""
    base = stem(word)
    keys = [base]
    for tail in _ADJECTIVE_TAILS:
        if base.endswith(tail) and len(base) - len(tail) >= _MIN_STEM + 1:
            keys.append(base[: -len(tail)])
    keys.extend(key for key in _verb_keys(word.lower().replace("ё", "е")) if key not in keys)
    return keys


def _verb_keys(word: str) -> list[str]:
    """The noun stems a verb form may share: "встречался" -> "встреч"."""
    for reflexive in _REFLEXIVE:
        if word.endswith(reflexive):
            word = word[: -len(reflexive)]
            break
    for ending in _VERB_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM + 1:
            return [stem(word[: -len(ending)])]
    return []
