"""WSGI entry point: ``gunicorn --pythonpath site config.wsgi``."""

import os
import sys
from pathlib import Path

# The project root holds the apps (home, stories, consultations); make sure it is importable
# whatever directory the server was started from.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()
