"""The floor any Python repository tool pays: list the files with git, index them by basename.

python benchmarks/floor.py REPO
"""

import subprocess
import sys
from collections import defaultdict

out = subprocess.run(
    ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    cwd=sys.argv[1],
    capture_output=True,
    check=True,
).stdout
by_name: defaultdict[str, list[str]] = defaultdict(list)
for path in out.decode("utf-8", "surrogateescape").split("\0"):
    if path:
        by_name[path.rpartition("/")[2]].append(path)
print(len(by_name))
