"""Small shared utilities: nnd's exceptions (:mod:`~nnd.util.errors`), the checks that turn what a
user passes in into values nnd can use (:mod:`~nnd.util.checks`), and safe file writing
(:mod:`~nnd.util.files`)."""
