"""The reading room: this library served read-only to browsers on the local network (``kitepkana serve``, the
desktop's "Share on this network"), and its feed to other Kitepkana PCs (``/feed/``). No Qt here.

``ReadingRoom(library, port=8080).start()`` … ``.stop()``; see ``app/web/server.py``.
"""
