"""`make bench` is a measurement, not a test; this only checks its pieces load and the baseline is what it claims."""

import pytest

from bench.run import parse_args, percentile


@pytest.mark.urls("bench.urls")
def test_baseline_view_is_a_fixed_10_kb_page(client):
    response = client.get("/bench/baseline/")

    assert response.status_code == 200
    assert len(response.content) == 10240


def test_baseline_is_not_in_the_production_urlconf(client, db):
    assert client.get("/bench/baseline/").status_code == 404


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]

    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile([3.0], 99) == 3.0
    assert percentile([], 50) == 0.0


def test_defaults_keep_a_run_short():
    args = parse_args([])

    assert (args.requests, args.rounds, args.concurrency, args.workers) == (500, 5, 4, 2)
