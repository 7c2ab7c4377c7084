"""WSGI entry point for production servers: `maatwerk.wsgi:app`.

    gunicorn -c deploy/gunicorn.conf.py

The configuration comes from the environment (`MAATWERK_ENV`, `DATABASE_URL`, `SECRET_KEY`
…, see config.py); `deploy/gunicorn.conf.py` makes `production` the default. A production
configuration that is unsafe stops the server here, before it accepts a request.
"""

from __future__ import annotations

from maatwerk import create_app

app = create_app()
