#!/usr/bin/env python
"""Django's command-line utility for the PK Offer site.

The project configuration lives in the package ``config`` inside the source root ``site/``
(see "Project layout" in README.md for why ``site/`` is not itself a package).
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def main():
    sys.path.insert(0, str(ROOT / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
