"""Settings for the test run: a fresh data directory, file-backed test databases."""

import os
import tempfile

os.environ["SODSONG_DATA_DIR"] = tempfile.mkdtemp(prefix="sodsong-test-")
os.environ.setdefault("LINE_CHANNEL_SECRET", "test-channel-secret")
os.environ.setdefault("LINE_CHANNEL_ACCESS_TOKEN", "test-channel-token")
os.environ.setdefault("SODSONG_LINE_WORKER", "off")  # tests that need the LINE inbox thread start one

from sodsong.settings import *  # noqa: F403
from sodsong.settings import DATA_DIR, DATABASES

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: servers started by tests (gunicorn subprocesses) must see the same data.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
