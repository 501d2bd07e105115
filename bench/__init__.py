"""Benchmarks of chronobot at scale: `python -m bench` (see bench/RESULTS.md for the numbers)."""
