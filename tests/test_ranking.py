"""Order, competition ranks and percentiles on known values (ranking.py)."""

from __future__ import annotations

from netscore_atlas.ranking import competition_ranks, percentile, rank_among, ranked


def test_ranked_best_first_ties_by_name_missing_last():
    rows = [{"name": "b", "top1": 70.0}, {"name": "a", "top1": 70.0}, {"name": "c", "top1": None}, {"name": "d", "top1": 80.0}]
    assert [r["name"] for r in ranked(rows, "top1")] == ["d", "a", "b", "c"]
    # MACs: lower is better
    rows = [{"name": "x", "macs_g": 2.0}, {"name": "y", "macs_g": 0.5}]
    assert [r["name"] for r in ranked(rows, "macs_g")] == ["y", "x"]


def test_rank_among_counts_only_strictly_better_others():
    # 70 among 80, 70, 60: one better -> rank 2 (the tie with 70 shares it)
    assert rank_among(70.0, [80.0, 70.0, 60.0], "higher") == 2
    assert rank_among(0.5, [0.3, 0.5, 1.0], "lower") == 2
    assert rank_among(1.0, [], "higher") == 1


def test_percentile_runs_from_100_for_the_best_to_0_for_the_worst():
    # 100 (N - rank) / (N - 1): rank 2 of 5 -> 100 * 3 / 4 = 75
    assert percentile(1, 5) == 100.0 and percentile(5, 5) == 0.0 and percentile(2, 5) == 75.0
    assert percentile(1, 1) == 100.0
    assert percentile(None, 5) is None


def test_competition_ranks_of_a_ranked_list():
    rows = ranked([{"name": n, "top1": v} for n, v in (("a", 60.0), ("b", 70.0), ("c", 70.0), ("d", None), ("e", 50.0))], "top1")
    # b and c tie at 70: both 1, the next is 3 (two are ahead of it)
    assert competition_ranks(rows, "top1") == [1, 1, 3, 4, None]
