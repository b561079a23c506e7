"""Stop `make test` early, with the fix, when Debian's chromium is missing."""

import os
import shutil
import sys

CHROMIUM = os.environ.get("SODSONG_CHROMIUM", "/usr/bin/chromium")

if os.environ.get("SODSONG_SKIP_BROWSER") == "1":
    print("browser tests skipped (SODSONG_SKIP_BROWSER=1)")
elif not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
    print(
        "The browser tests drive Debian's chromium, which is not installed.\n"
        "  Install it:   sudo apt-get install chromium\n"
        "  or skip them: SODSONG_SKIP_BROWSER=1 make test",
        file=sys.stderr,
    )
    sys.exit(1)
