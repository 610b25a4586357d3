"""Benchmarks: they print their figures; the test suite never asserts on time."""
