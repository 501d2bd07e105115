"""Timeline pictures: what they show, that labels never overlap, histogram mode, Cyrillic, the
`chronobot timeline` command, and that answering alone never imports Pillow."""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import subprocess
import sys
import textwrap
from itertools import combinations
from pathlib import Path

import pytest
from PIL import Image

from bench.generate import ensure_corpus
from bot.cli import main
from bot.dates import DateSpan
from bot.engine import Engine
from bot.index import ensure_index
from bot.lang import question_words
from bot.timeline import collect_timeline, draw_timeline, render_timeline
from bot.timeline.axis import PLOT_LEFT, PLOT_RIGHT, WIDTH, ticks
from bot.timeline.collect import (
    MARK_LIMIT,
    _histogram_from_index,
    _paged_rows,
    timeline_of_entries,
    timeline_of_rows,
)
from bot.timeline.draw import font, measure
from bot.timeline.labels import LABEL_ROWS
from bot.timeline.layout import SHADE, SHADE_STRIPE, lay_out
from bot.timeline.shapes import Layout
from bot.words import words_for

ROOT = Path(__file__).resolve().parent.parent
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def assert_valid_png(png: bytes, layout: Layout) -> None:
    assert png.startswith(PNG_MAGIC)
    image = Image.open(io.BytesIO(png))
    image.verify()  # the whole file decodes
    assert image.size == (layout.width, layout.height) == (WIDTH, layout.height)
    # Telegram's photo limits: sides add up to at most 10,000, ratio at most 20.
    assert layout.width + layout.height <= 10_000 and layout.width / layout.height <= 20


def assert_labels_never_overlap(layout: Layout) -> None:
    """No two label boxes intersect, no leader line crosses another label, all inside."""
    for label in layout.labels:
        x0, y0, x1, y1 = label.box
        assert 0 <= x0 < x1 <= layout.width and 0 <= y0 < y1 <= layout.height, label
        assert x0 <= label.leader_x <= x1 and label.leader_y1 > y1
    for first, second in combinations(layout.labels, 2):
        a, b = first.box, second.box
        apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
        assert apart, (first.text, second.text)
        for one, other in ((first, second), (second, first)):
            ox0, oy0, ox1, oy1 = other.box
            crosses = ox0 <= one.leader_x <= ox1 and one.box[3] < oy1 and one.leader_y1 > oy0
            assert not crosses, (one.text, other.text)


def test_bundled_chronology_draws_every_entry_in_person_lanes(real_engine: Engine) -> None:
    timeline, picture = render_timeline(real_engine, "")
    assert timeline.total == 22 and len(timeline.marks) == 22 and not timeline.is_histogram
    assert picture is not None
    assert_valid_png(picture.png, picture.layout)
    assert 400 <= picture.height <= 1200
    names = [lane.name for lane in timeline.lanes]
    assert names[0] == "Vladimir Putin" and names[-1] == "Others"
    assert len(names) == 9  # eight people, then everyone else
    assert_labels_never_overlap(picture.layout)
    shown = len(picture.layout.labels) + picture.layout.dropped_labels
    assert shown == 22 and len(picture.layout.labels) >= 10
    texts = [text.text for text in picture.layout.texts]
    assert "The whole chronology" in texts
    assert any(
        "22 entries" in t and "Putin's Russia Offers Cooperation in Space" in t for t in texts
    )
    assert any("left out where crowded" in t for t in texts)


def test_a_person_gets_the_first_lane_and_every_mark(real_engine: Engine) -> None:
    timeline, picture = render_timeline(real_engine, "Rogozin")
    assert timeline.total == 3 and timeline.lanes[0].name == "Dmitri Rogozin"
    assert all(mark.lanes[0] == 0 for mark in timeline.marks)
    assert picture is not None
    assert_valid_png(picture.png, picture.layout)
    assert_labels_never_overlap(picture.layout)
    assert any("Feb. 21, 2013" in label.text for label in picture.layout.labels)


def test_asked_period_is_shaded_and_entries_lie_in_it(real_engine: Engine) -> None:
    timeline, picture = render_timeline(real_engine, "between 2008 and 2009")
    assert timeline.asked == (DateSpan(dt.date(2008, 1, 1), dt.date(2009, 12, 31)),)
    assert picture is not None
    assert_valid_png(picture.png, picture.layout)
    shades = [r for r in picture.layout.background if r.color in (SHADE, SHADE_STRIPE)]
    ((x0, x1),) = {(r.x0, r.x1) for r in shades}  # one band, from the top lane to the axis
    assert PLOT_LEFT <= x0 < x1 <= PLOT_RIGHT
    assert sum(r.y1 - r.y0 for r in shades) == max(r.y1 for r in shades) - min(r.y0 for r in shades)
    for dot in picture.layout.dots:
        if dot.x > PLOT_LEFT:  # entry marks, not the lane keys in the gutter
            assert x0 <= dot.x <= x1
    assert any(text.text == "asked: 2008–2009" for text in picture.layout.texts)


def test_several_asked_periods_are_each_shaded(real_engine: Engine) -> None:
    timeline, picture = render_timeline(real_engine, "Putin in 2001 and 2007")
    assert len(timeline.asked) == 2
    assert picture is not None
    shades = [r for r in picture.layout.background if r.color in (SHADE, SHADE_STRIPE)]
    assert len({(r.x0, r.x1) for r in shades}) == 2
    assert any(t.text == "asked: 2001, 2007" for t in picture.layout.texts)


def test_a_russian_reader_gets_the_picture_in_russian(real_engine: Engine) -> None:
    russian = words_for("ru")
    _, picture = render_timeline(real_engine, "", russian)
    assert picture is not None
    texts = [text.text.replace("\u202f", " ") for text in picture.layout.texts]
    assert texts[0] == "Вся хронология"
    assert texts[1].startswith("22 записи · 21 человек · 1993–2013 гг.")
    assert "Остальные" in texts and any(t.startswith("Точки — записи с датой") for t in texts)
    assert any("февраля 2013" in label.text for label in picture.layout.labels)
    _, month_picture = render_timeline(real_engine, "Rogozin 2013", russian)
    assert month_picture is not None
    ticks_shown = {text.text for text in month_picture.layout.texts}
    assert {"фев", "мар", "дек"} <= ticks_shown and "Feb" not in ticks_shown
    assert any(t.replace("\u202f", " ") == "запрошено: 2013 г." for t in ticks_shown)


def test_relaxed_answer_says_so_in_the_picture(real_engine: Engine) -> None:
    timeline, picture = render_timeline(real_engine, "Rogozin 2012")
    assert timeline.notice and "nearest" in timeline.notice
    assert picture is not None
    assert any(text.text == timeline.notice for text in picture.layout.texts)


def test_nothing_matched_draws_nothing(real_engine: Engine) -> None:
    timeline, picture = render_timeline(real_engine, "Merkel")
    assert timeline.total == 0 and picture is None
    with pytest.raises(ValueError):
        lay_out(timeline, measure)


def test_crowded_labels_are_stacked_or_left_out_never_overlapping(real_engine: Engine) -> None:
    answer = real_engine.ask("", limit=50)
    one = answer.results[0]
    rng = random.Random(4)
    crowd = []
    for i in range(400):  # 400 entries of one person within five years
        day = one.span.start.replace(year=2000 + rng.randrange(5), month=rng.randrange(1, 13))
        crowd.append(
            type(one)(
                **{**_fields(one), "id": f"e{i}", "span": DateSpan(day, day), "date": str(day)}
            )
        )
    timeline = timeline_of_entries(answer, crowd)
    picture = draw_timeline(timeline)
    layout = picture.layout
    assert_labels_never_overlap(layout)
    assert layout.dropped_labels > 300 and len(layout.labels) + layout.dropped_labels == 400
    rows = {label.box[1] for label in layout.labels}
    assert 1 < len(rows) <= LABEL_ROWS * len(timeline.lanes)


def _fields(entry) -> dict:
    return entry._asdict()


def test_year_ticks_fit_the_span() -> None:
    from bot.timeline.axis import Axis

    def years(first: int, last: int) -> list[str]:
        start = dt.date(first, 1, 1).toordinal()
        end = dt.date(last + 1, 1, 1).toordinal()
        return [label for _, label, _ in ticks(Axis(start, end))]

    assert years(1993, 2013)[:3] == ["1994", "1996", "1998"]
    assert years(1920, 2019)[:3] == ["1920", "1930", "1940"]
    assert years(2013, 2013) == [
        "2013", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "2014"
    ]  # fmt: skip


# -- histogram mode ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """A generated chronology with more entries than are drawn one by one (built once)."""
    out = tmp_path_factory.mktemp("timeline-corpus")
    corpus = ensure_corpus(3 * MARK_LIMIT, seed=5, out_dir=out)
    engine = Engine.open(ensure_index(corpus.yaml_path, out / "index.sqlite"))
    yield engine
    engine.close()


def _questions(engine: Engine) -> dict[str, str]:
    """Questions of every kind whose answers exceed a lowered mark limit of 50."""
    people = sorted(engine.people(), key=lambda p: -p.entry_count)
    busiest, second = people[0], people[1]
    # The most common long word that is a topic (not "between", which people ask with).
    terms = next(
        term
        for (term,) in engine.connection.execute(
            "SELECT term FROM events_vocab WHERE length(term) > 6 ORDER BY doc DESC"
        )
        if term not in question_words()
    )
    typo = terms[:3] + terms[4:]  # one letter dropped: corrected to the word
    return {
        "whole": "",
        "decade": "the 1990s",
        "range": "between 1950 and 1990",
        "person": busiest.name,
        "topic": terms,
        "either": f"{busiest.name} and {second.name}",  # never together: any of them
        "corrected": typo,
    }


@pytest.mark.parametrize(
    "kind", ["whole", "decade", "range", "person", "topic", "either", "corrected"]
)
def test_histogram_counts_from_sql_match_counting_every_entry(
    big_engine: Engine, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The SQL path counts exactly what paging through the whole answer counts."""
    monkeypatch.setattr("bot.timeline.collect.MARK_LIMIT", 50)
    question = _questions(big_engine)[kind]
    answer = big_engine.ask(question, limit=50)
    assert answer.total > 50, (question, answer.total)
    assert answer.relaxed == (kind == "either")
    by_paging = timeline_of_rows(answer, *_paged_rows(big_engine, answer))
    from_sql = _histogram_from_index(big_engine, answer)
    if kind == "corrected":  # the typo is read as the word: the same selection
        assert [n.kind for n in answer.notices] == ["spelling"]
    assert from_sql is not None and from_sql.is_histogram
    assert from_sql == by_paging


def test_whole_generated_chronology_is_a_histogram_picture(big_engine: Engine) -> None:
    timeline, picture = render_timeline(big_engine, "")
    assert timeline.is_histogram and timeline.total == 3 * MARK_LIMIT and not timeline.marks
    assert len(timeline.lanes) == 9 and timeline.lanes[-1].name == "Others"
    # Every entry is in exactly the lanes of the kept people it names, or in "Others".
    assert sum(lane.count for lane in timeline.lanes) >= timeline.total
    assert picture is not None and not picture.layout.labels
    assert_valid_png(picture.png, picture.layout)
    assert len(picture.layout.bars) > 100


def test_one_hundred_thousand_entries_draw_as_a_histogram() -> None:
    """100,000 entries over a century, straight from rows (the index path is benchmarked)."""
    rng = random.Random(100)
    first = dt.date(1920, 1, 1).toordinal()
    people = [f"p{i}" for i in range(10_000)]
    rows = []
    for _ in range(100_000):
        start = first + rng.randrange(36_500)
        end = start + (rng.randrange(900) if rng.random() < 0.05 else 0)
        rows.append((start, end, tuple(rng.sample(people, rng.randrange(4)))))
    answer = _answer_of(total=100_000)
    timeline = timeline_of_rows(answer, rows, {p: p.upper() for p in people})
    assert timeline.is_histogram and timeline.people_count == 10_000
    years = [dt.date.fromordinal(day).year for day in timeline.counts[-1]]
    assert timeline.unit == "year" and min(years) == 1920 and max(years) >= 2019
    # Every one of 100,000 entries (some spanning years) is counted in some lane.
    assert sum(sum(lane.values()) for lane in timeline.counts) >= 100_000
    picture = draw_timeline(timeline)
    assert_valid_png(picture.png, picture.layout)
    assert picture.layout.height < 1000
    assert any("busiest:" in text.text for text in picture.layout.texts)


def test_a_short_span_of_many_entries_is_counted_per_month() -> None:
    first = dt.date(2013, 1, 1).toordinal()
    rows = [(first + day % 365, first + day % 365, ("a",)) for day in range(3000)]
    rows.append((first + 20, first + 80, ("a",)))  # January to March: in each of them
    timeline = timeline_of_rows(_answer_of(total=3001), rows, {"a": "Ada"})
    assert timeline.unit == "month"
    (months,) = timeline.counts
    assert len(months) == 12 and sum(months.values()) == 3000 + 3
    layout = draw_timeline(timeline).layout
    assert len(layout.bars) == 12
    assert any(text.text.startswith("busiest: ") and "2013" in text.text for text in layout.texts)
    assert any("Entries per month" in text.text for text in layout.texts)


def _answer_of(total: int):
    from bot.answer import Answer, Interpretation, Source

    return Answer("", Interpretation(), (), total, source=Source("A test chronology"))


# -- Cyrillic ---------------------------------------------------------------------------------

CYRILLIC = """\
chronology:
  title: "Хроника космического сотрудничества"
people:
  rogozin:
    name: Дмитрий Рогозин
  medvedev:
    name: Дмитрий Медведев
events:
  - id: one
    date: 2011-10
    people: [rogozin]
    text: Рогозин предложил стратегическую оборону Земли.
    tags: [стратегическая оборона]
  - id: two
    date: 2013-02-16
    people: [rogozin, medvedev]
    text: После Челябинского метеорита Рогозин повторил предложение.
    tags: [астероиды]
  - id: three
    date: 2012-05/2012-09
    people: [medvedev]
    text: Медведев говорил о сотрудничестве в космосе.
"""


def test_cyrillic_names_and_labels_draw_as_letters(tmp_path: Path) -> None:
    data = tmp_path / "events.yaml"
    data.write_text(CYRILLIC, encoding="utf-8")
    engine = Engine.open(ensure_index(data, tmp_path / "index.sqlite"))
    try:
        timeline, picture = render_timeline(engine, "Рогозин")
    finally:
        engine.close()
    assert timeline.total == 2 and timeline.lanes[0].name == "Дмитрий Рогозин"
    assert picture is not None
    assert_valid_png(picture.png, picture.layout)
    texts = [text.text for text in picture.layout.texts]
    assert "Дмитрий Рогозин" in texts
    assert any("Хроника космического сотрудничества" in t for t in texts)
    assert any("астероиды" in label.text for label in picture.layout.labels)
    # The shipped font has the letters: none of them is drawn as the missing-glyph box.
    missing = bytes(font(14).getmask("\U000effff"))
    for letter in "ДмитрийРогзнЖЩЯё—–·…\u202f":
        assert bytes(font(14).getmask(letter)) != missing, letter


def test_an_interval_is_a_bar(tmp_path: Path) -> None:
    data = tmp_path / "events.yaml"
    data.write_text(CYRILLIC, encoding="utf-8")
    engine = Engine.open(ensure_index(data, tmp_path / "index.sqlite"))
    try:
        timeline = collect_timeline(engine, "Медведев")
    finally:
        engine.close()
    assert sum(mark.interval for mark in timeline.marks) == 1
    layout = draw_timeline(timeline).layout
    (bar,) = layout.bars
    assert bar.x1 - bar.x0 > 50  # five months on a two-year axis


# -- the command and the import boundary ------------------------------------------------------


def test_timeline_command_writes_a_png(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "rogozin.png"
    db = tmp_path / "index.sqlite"
    assert main(["timeline", "--db", str(db), "-o", str(out), "--", "Rogozin"]) == 0
    assert out.read_bytes().startswith(PNG_MAGIC)
    assert "3 entries" in capsys.readouterr().out
    russian = tmp_path / "ru.png"
    assert main(["timeline", "--db", str(db), "-o", str(russian), "--lang", "ru", "Rogozin"]) == 0
    assert russian.read_bytes() != out.read_bytes()
    capsys.readouterr()
    missing = tmp_path / "none.png"
    assert main(["timeline", "--db", str(db), "-o", str(missing), "Merkel"]) == 1
    assert not missing.exists()
    assert "nothing to draw" in capsys.readouterr().err


def test_answering_never_imports_pillow(tmp_path: Path) -> None:
    """`chronobot ask` and collecting a timeline stay free of Pillow; drawing loads it."""
    script = textwrap.dedent(
        """
        import sys
        from bot.cli import main
        main(["ask", "--db", sys.argv[1], "Rogozin"])
        import bot.timeline
        from bot.engine import Engine
        timeline = bot.timeline.collect_timeline(Engine.open(sys.argv[1]), "Rogozin")
        before = "PIL" in sys.modules
        bot.timeline.draw_timeline(timeline)
        print(before, "PIL" in sys.modules)
        """
    )
    env = {**os.environ, "CHRONOBOT_DATA": ""}
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "index.sqlite")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["False", "True"]
