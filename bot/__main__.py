"""`python -m bot ...` is the same as the `chronobot` command."""

from bot.cli import main

raise SystemExit(main())
