"""pytest plugin for mutation runs: registers Hypothesis' ``mutation`` profile (few examples).

Loaded with ``-p mutation_profile`` before tests/conftest.py, which then loads the profile
named by HYPOTHESIS_PROFILE. A mutant runs the tests that reach the mutated function
hundreds of times over, so each property test tries 15 examples instead of 60.
"""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "mutation",
    max_examples=15,
    deadline=None,
    derandomize=True,  # the same examples for every mutant: a verdict does not depend on luck
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
