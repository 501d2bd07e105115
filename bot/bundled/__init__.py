"""The chronology bundled with chronobot (events.yaml), read through importlib.resources."""
