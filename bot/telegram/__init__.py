"""The Telegram bot: turns updates into engine calls and `Answer`s into messages.

`app.py` is the one wiring point; each surface has its own module (commands, private chats,
groups, inline mode, buttons, admin); `views.py` builds what a message shows, `keyboards.py`
its buttons, `delivery.py` sends it; the plumbing is `state.py` (engine, limits, the memories
of `memories.py`), `ordering.py` (each chat's updates in order, one retry) and `errors.py`
(the error handler, logs that never show the token). Nothing here searches, parses dates or
matches names: that is the engine's job (`bot.engine`), and answers are worded by
`bot.render`.
"""
