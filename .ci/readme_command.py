"""Print the command after ``<!-- ci:NAME -->`` in README.md, so CI runs exactly what users read."""

import re
import sys
from pathlib import Path

name = sys.argv[1]
text = Path(__file__).resolve().parent.parent.joinpath("README.md").read_text(encoding="utf-8")
match = re.search(rf"<!-- ci:{re.escape(name)} -->\s*```sh\n(.*?)```", text, flags=re.S)
if not match:
    sys.exit(f"README.md has no command marked <!-- ci:{name} -->")
print(match.group(1).strip())
