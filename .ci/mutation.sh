#!/usr/bin/env bash
# Mutation testing of the math files (mutmut 3), one file at a time; not part of .ci/run (it
# takes tens of minutes). Prints per file: mutants, killed, survived, equivalent, not reachable
# here, score.
#   bash .ci/mutation.sh                      every file
#   bash .ci/mutation.sh nnd/backprop.py      one file
#   MUTATION_CHILDREN=2 bash .ci/mutation.sh  two workers (default 1)
# Needs mutmut 3 in the environment: pip install 'mutmut==3.*'
set -euo pipefail
cd "$(dirname "$0")/.."
exec python .ci/mutation.py "$@"
