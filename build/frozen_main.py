"""Entry point of the frozen app: both executables (``kitepkana``, windowed on Windows, and ``kitepkana-cli``,
a console program) run this, which is ``kitepkana``'s command line — no command starts the desktop app."""

import sys

if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # Whoosh's parallel indexing starts worker processes (spawned on Windows)
    from app.cli import main

    sys.exit(main())
