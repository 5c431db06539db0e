"""The public rules on cells, without a database: under 5 hidden, and no hidden cell that a
published total lets one work out (complementary suppression)."""

from __future__ import annotations

from itertools import combinations

from weiquan.stats.public import OTHER, pooled, protect


def shown(cells: tuple) -> list[str]:  # type: ignore[type-arg]
    return [c.shown for c in cells]


def test_counts_under_five_show_as_less_than_five() -> None:
    assert shown(protect([("2026-10", 12), ("2026-11", 3), ("2026-12", 9)], None)) == [
        "12",
        "<5",
        "9",
    ]


def test_one_hidden_month_takes_the_smallest_shown_with_it() -> None:
    # 24 - 12 - 9 = 3 would give the hidden month away: 9 is hidden too.
    cells = protect([("2026-10", 12), ("2026-11", 3), ("2026-12", 9)], 24)
    assert shown(cells) == ["12", "<5", "—"]
    assert [c.count for c in cells] == [12, None, None]


def test_hidden_zero_months_give_nothing_away_and_stay_alone() -> None:
    cells = protect([("2026-10", 12), ("2026-11", 0), ("2026-12", 9)], 21)
    assert shown(cells) == ["12", "<5", "9"]


def test_no_small_cell_can_be_worked_out_from_the_total() -> None:
    # Every way of filling the hidden cells that agrees with what is shown leaves each small
    # cell with more than one possible value.
    rows = [("a", 30), ("b", 2), ("c", 7), ("d", 4), ("e", 11)]
    total = sum(n for _, n in rows)
    cells = protect(rows, total)
    hidden = [c for c in cells if c.count is None]
    remainder = total - sum(c.count or 0 for c in cells)
    assert any(not c.small for c in hidden)  # a cell of 5 or more is hidden with them
    for small in (c for c in hidden if c.small):
        possible = set()
        others = [c for c in hidden if c is not small]
        for value in range(5):
            rest = remainder - value
            bounds = [(0, 4) if c.small else (5, rest) for c in others]
            if sum(lo for lo, _ in bounds) <= rest <= sum(hi for _, hi in bounds):
                possible.add(value)
        assert len(possible) > 1, small.key


def test_channels_pool_the_small_ones_in_one_row() -> None:
    # figures publishes only codes with 5 or more; the rest (here 6) become one row.
    rows = pooled([("live_stream", 40), ("wechat_moments", 9)], 55)
    assert rows == [("live_stream", 40), ("wechat_moments", 9), (OTHER, 6)]
    assert shown(protect(rows, 55)) == ["40", "9", "6"]
    # A remainder under 5 is itself small, and takes the smallest published code with it.
    rows = pooled([("live_stream", 40), ("wechat_moments", 9)], 52)
    assert shown(protect(rows, 52)) == ["40", "—", "<5"]


def test_nothing_is_published_under_five_in_all() -> None:
    assert pooled([], None) == []
    assert all(c.count is None for c in protect([("2026-10", 3)], None))


def test_every_pair_of_suppressed_patterns_is_covered() -> None:
    # Two small months: their sum is hidden with a larger one, whichever two they are.
    for a, b in combinations(range(4), 2):
        counts = [10, 10, 10, 10]
        counts[a], counts[b] = 2, 3
        rows = [(f"m{i}", n) for i, n in enumerate(counts)]
        cells = protect(rows, sum(counts))
        assert sum(1 for c in cells if c.count is None) == 3
