"""The local library database: typed models, engine set-up and migrations."""

# The newest revision of the migration scripts (app/db/migrations/versions), recorded here so that a start on an
# up-to-date database compares the revision it records with this, without reading the scripts, SQLAlchemy or
# Alembic (issue 15: the one-shot ``kitepkana search`` and the app's start). A new migration changes it too;
# tests/app/test_open_path.py checks it against the scripts as Alembic reads them.
HEAD_REVISION = "0004"
# SQLite's default limit of parameters per statement, as Python's own SQLite on Windows has it (Debian's
# allows 250,000): every platform gets the Windows limit, so a statement too big for Windows fails here too.
MAX_VARIABLES = 32766
