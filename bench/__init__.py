"""Benchmarks (not tests): corpora of growing size, ingest and build timings, a plain-MkDocs reference.

Run with `make bench` or `python -m bench.run --help`. Everything it writes goes under bench/out/.
"""
