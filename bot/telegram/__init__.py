"""The Telegram bot: turns updates into engine calls and `Answer`s into messages.

`app.py` is the one wiring point; each surface has its own module (private chat, groups,
inline mode, buttons). Nothing here searches, parses dates or matches names: that is the
engine's job (`bot.engine`), and answers are worded by `bot.render`.
"""
