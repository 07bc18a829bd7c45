"""Benchmarks for `make bench`; not part of the deployed site (see bench/run.py)."""
