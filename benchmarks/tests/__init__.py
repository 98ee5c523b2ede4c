"""Tests of the benchmark lab: ``python -m pytest benchmarks`` from the repository root.

They are not part of nnd's test suite in tests/ (which CI also runs against an installed
wheel, where benchmarks/ does not exist); the lab's modules' examples run with them.
"""
