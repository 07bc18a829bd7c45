#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if not os.environ.get("DJANGO_SECRET_KEY") and "DJANGO_DEBUG" not in os.environ:
        # With no production settings in the environment, manage.py is a developer's tool.
        # Served processes (config/wsgi.py, config/asgi.py) never fall back: they refuse to start.
        os.environ["DJANGO_DEBUG"] = "1"
        sys.stderr.write("manage.py: DJANGO_SECRET_KEY is not set, so running with DJANGO_DEBUG=1 (development).\n")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
