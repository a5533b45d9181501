"""Command-line face of the reading room: ``kitepkana serve`` (see app/web/)."""

from __future__ import annotations

import argparse
import sys


def add_commands(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("serve", parents=[common], help="share the library read-only with browsers on this network "
                       "(the reading room), and its feed with other Kitepkana PCs")
    p.add_argument("--port", type=int, default=None, help="the port to listen on (default: from settings, 8080)")
    p.add_argument("--bind", metavar="ADDR", default="0.0.0.0",
                   help="the address to listen on (default: every network of this PC; 127.0.0.1: this PC only)")
    p.add_argument("--no-announce", action="store_true", help="do not tell other Kitepkana PCs on the network "
                   "about this one (they find sharing PCs by multicast DNS, as 'PCs nearby')")


def cmd_serve(args: argparse.Namespace, open_library, print_json) -> int:
    from app.settings import Settings
    from app.web.server import ReadingRoom

    with open_library(args) as lib:
        settings = Settings(lib.paths)
        port = args.port if args.port is not None else settings.get("share_port")
        if not 0 <= port <= 65535:
            raise SystemExit(f"{port} is not a port number (1-65535)")
        lib.ensure_index()
        room = ReadingRoom(lib, host=args.bind, port=port, access_code=settings.get("share_access_code"),
                           announce=not args.no_announce)

        def ready() -> None:
            print(f"The reading room is open (Ctrl+C stops it). Visitors type one of: {', '.join(room.urls())}",
                  file=sys.stderr, flush=True)
            if room.access_code:
                print("It asks for the access code set in Settings.", file=sys.stderr, flush=True)

        try:
            room.serve_forever(ready=ready)
        except KeyboardInterrupt:
            print("Stopped.", file=sys.stderr)
    return 0


COMMANDS = {"serve": cmd_serve}
