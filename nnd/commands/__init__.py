"""Subcommands of the ``nnd`` command line (see :mod:`nnd.cli`)."""
