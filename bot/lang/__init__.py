"""What each language contributes to reading questions: its words (bot/lang/en.py) and its
date grammar (bot/lang/en_dates.py). A new language is a new pair of modules here."""
