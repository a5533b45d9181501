"""The harvester: turns a web site (the LSG portal, or any typical CMS site) into an authoring folder.

``kitepkana harvest URL --out FOLDER`` and ``kitepkana portal-update`` (app/cli_harvest.py) drive it.
Modules: :mod:`.urls` (normalising addresses), :mod:`.fetch` (polite HTTP with robots.txt, retries and
conditional GETs from :mod:`.cache`), :mod:`.discover` (sitemaps, feeds, links), :mod:`.extract` (the main
text of a page), :mod:`.recipe` (site recipes, RECIPES.md), :mod:`.media` (files and videos), :mod:`.writer`
(the authoring folder and the run-to-run state), :mod:`.run` (one harvest), :mod:`.portal` (harvest → publish).

Its heavy dependencies (trafilatura, yt-dlp, cssselect) are the optional extra ``portal`` and are imported
lazily: the desktop app never imports this package.
"""
