"""A bare Django project for the load test's ceiling (`make loadtest`): Django's default middleware only.

Served beside the app by its own gunicorn, under the same gunicorn settings, in the same run, on its own database
of the same kind and tuning (tests/load/run.py). Its two views are the least a real page does: read one row and
render a one-line template; take a CSRF-checked POST, read one row and insert one. The app's pages are reported as
a share of these, so what our middleware, sessions and templates cost shows in the figures.
"""
