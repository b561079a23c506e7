"""WSGI entry point (`sodsong serve` runs it under gunicorn).

The LINE webhook is answered before Django's middleware (`sodsong.watch.line.fast`): it needs
none of it, and it is the one URL that must take hundreds of requests a second.
"""

import os
from typing import Any

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sodsong.settings")
django_application = get_wsgi_application()

from sodsong.watch.line.fast import webhook_first  # noqa: E402  (needs Django set up, above)

application: Any = webhook_first(django_application)
