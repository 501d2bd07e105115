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
    хронология хронологию хронологии времени сделай сделайте годам годами даты датам дат
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

# See bot.lang.en.RECURRING_MONTHS: "летом", "зимой" without a year (a month after "в", as
# in "в феврале", is read by bot.lang.recurring).
RECURRING_SEASONS = {"весной": (3, 5), "летом": (6, 8), "осенью": (9, 11), "зимой": (12, 14)}

NAME_SUFFIXES = frozenset("младший старший мл ст".split())  # see bot.lang.en
EXCLUSION_CUES = ("не", "но не", "а не", "кроме", "без", "за исключением", "исключая")  # see en

# Endings of nouns and adjectives in every case, longest first: the stem is what is left.

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
