"""Common Russian words in English, for asking a chronology written in English in Russian.

A chronology may bring its own glossary (`synonyms:`, read first); this one covers the
everyday words of history, politics, science and space that questions use, so that
"катастрофа Челленджера" or "первая женщина в космосе" find entries of any English
chronology. A translation is used only where the chronology writes it (bot.word_forms), so
a wrong sense of a word finds nothing rather than something else. Words are looked up by
their stem (bot.lang.ru.stem): every case of a noun or adjective finds its line.
"""

from __future__ import annotations

import functools

from bot.lang import ru

# One word per line: the Russian word in its dictionary form, then its English words.
_TABLE = """
авария: accident, crash
агентство: agency
администрация: administration
армия: army
астронавт: astronaut
атака: attack
атомный: nuclear, atomic
база: base
безопасность: security
бомба: bomb
взрыв: explosion, blast
визит: visit
власть: power, government
внешний: foreign
война: war
вооружение: arms, weapons
вооруженный: armed
восстание: uprising, revolt
встреча: meeting, met, summit
выборы: election, elections
выход: exit, withdrawal
высадка: landing
газ: gas
гибель: death, loss
голосование: vote
государство: state
граница: border
гражданский: civil, civilian
декларация: declaration
делегация: delegation
демократия: democracy
договор: treaty, agreement
доклад: report
заявление: statement
закон: law
запуск: launch
защита: defense, defence, protection
землетрясение: earthquake
земля: earth
избрание: election
изобретение: invention
инаугурация: inauguration
испытание: test
исследование: research, study
катастрофа: disaster, crash, accident
кампания: campaign
кандидат: candidate
капсула: capsule
конгресс: congress
конституция: constitution
конференция: conference
корабль: ship, spacecraft
космический: space
космонавт: cosmonaut
космос: space
кризис: crisis
миссия: mission
мир: peace, world
министерство: ministry
модуль: module
мощность: power
нападение: attack
наука: science
научный: scientific, science
независимость: independence
нефть: oil
оборона: defense, defence
обсерватория: observatory
отставка: resignation
оружие: weapons, arms
открытие: discovery, opening
открытый: open
орбита: orbit
партия: party
первый: first
переворот: coup
переговоры: talks, negotiations
перемирие: truce, ceasefire
планета: planet
победа: victory
полет: flight
посадка: landing
посол: ambassador
правительство: government
предложение: proposal, offer
президент: president
премия: prize, award
программа: program, programme
протест: protest
ракета: rocket, missile
реформа: reform
революция: revolution
речь: speech
санкции: sanctions
саммит: summit
сделка: deal
смерть: death
снаряд: projectile
солнце: sun
соглашение: agreement, accord
солдат: soldier
союз: union, alliance
спутник: satellite
станция: station
стыковка: docking
суд: court, trial
сотрудничество: cooperation, collaboration
телескоп: telescope
террорист: terrorist
теракт: attack, terrorist
торговля: trade
угроза: threat
тревога: alert, alarm
учения: exercises, drills
удар: strike, attack
отношения: relations
ответ: response, reply
предупреждение: warning
мирный: peaceful, peace
холодный: cold
убийство: assassination, murder, killing
указ: decree
ученый: scientist
флот: navy, fleet
экипаж: crew
экономика: economy
экономический: economic
экспедиция: expedition
энергия: energy
ядерный: nuclear
женщина: woman, women
мужчина: man, men
человек: man, human, person
луна: moon
марс: mars
венера: venus
комета: comet
астероид: asteroid
метеорит: meteorite
шаттл: shuttle
совместный: joint, jointly, common
опасность: danger, threat, hazard
щит: shield
инициатива: initiative, initiatives
проект: project
план: plan, plans
совет: council
советский: soviet, ussr
альянс: alliance
партнерство: partnership
поддержка: support
конфликт: conflict
разработка: development
технология: technology, technologies
лазер: laser, lasers
разоружение: disarmament
милитаризация: militarization, militarisation
министр: minister
премьер: premier, prime
интервью: interview
газета: newspaper, paper
статья: article
система: system, systems
противоракетный: antimissile, missile
противоспутниковый: antisatellite, asat
ссср: ussr, soviet
мкс: iss
оон: un, nations
рлс: radar
распад: collapse, breakup, dissolution
падение: fall, collapse
создание: creation, founding, founded, created
основание: founding, founded
подписание: signing, signed
объединение: unification, reunification
вторжение: invasion, invaded
аннексия: annexation, annexed
капитуляция: surrender
поражение: defeat
"""


@functools.cache
def _by_stem() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for line in _TABLE.strip().splitlines():
        word, english = line.split(":", 1)
        table[ru.stem(word.strip())] = tuple(w.strip() for w in english.split(","))
    return table


@functools.cache
def _by_english() -> dict[str, tuple[str, ...]]:
    reverse: dict[str, list[str]] = {}
    for line in _TABLE.strip().splitlines():
        word, english = line.split(":", 1)
        for meaning in english.split(","):
            reverse.setdefault(meaning.strip(), []).append(ru.stem(word.strip()))
    return {meaning: tuple(dict.fromkeys(stems)) for meaning, stems in reverse.items()}


def russian_stems(word: str) -> tuple[str, ...]:
    """The stems of the Russian words for an English `word` ("space" -> "космос"), for a
    chronology written in Russian; () for a word the table lacks."""
    return _by_english().get(word.lower(), ())


def translations(word: str) -> tuple[str, ...]:
    """The English words of a Russian `word` in any case ("катастрофы" -> disaster, ...),
    or () for a word the table lacks."""
    table = _by_stem()
    for key in ru.glossary_keys(word):
        if key in table:
            return table[key]
    return ()
