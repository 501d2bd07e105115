"""`python -m bench`: which runs replace the committed results."""

from __future__ import annotations

import pytest

from bench.__main__ import parse_args, writes_results


@pytest.mark.parametrize(
    ("argv", "writes"),
    [
        ([], True),  # the full run is the one RESULTS.md reports
        (["--json"], True),
        (["--no-write"], False),
        (["--quick"], False),
        (["--quick", "--json"], False),
        (["--sizes", "1000"], False),
        (["--quick", "--write"], True),
        (["--sizes", "1000", "--write"], True),
    ],
)
def test_only_the_full_run_or_write_replaces_results(argv: list[str], writes: bool) -> None:
    assert writes_results(parse_args(argv)) is writes


def test_write_and_no_write_exclude_each_other() -> None:
    with pytest.raises(SystemExit):
        parse_args(["--write", "--no-write"])
