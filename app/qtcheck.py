"""When Qt cannot load: one plain paragraph instead of a traceback.

PySide6's wheels carry Qt itself but not the system libraries Qt links against (GLib, OpenGL/EGL, xkbcommon,
fontconfig…). On a bare Linux machine ``import PySide6.QtWidgets`` then fails with an ImportError naming the
first library the dynamic loader could not find (``libglib-2.0.so.0: cannot open shared object file``) or
could not use (``…: file too short``). :func:`qt_missing_message` turns that error into words a librarian (or
whoever set the PC up) can act on: which library, and the exact ``apt-get install`` line. Missing libraries
are found one at a time, so the line names every package Qt needs (README.md, .ci/run), the missing one first.

No Qt here: this runs exactly when Qt is what failed.
"""

from __future__ import annotations

import re

# Debian/Ubuntu packages Qt needs on a bare machine (the same list as README.md and .ci/run's QT_DEBS)
QT_PACKAGES = ("libglib2.0-0", "libgl1", "libegl1", "libxkbcommon0", "libfreetype6", "libfontconfig1",
               "libdbus-1-3", "libpulse0", "libxrandr2")
# what a real window on X11 needs as well
X11_PACKAGES = ("libxkbcommon-x11-0", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0")

# shared library (soname without its version) -> the Debian/Ubuntu package that has it
_PACKAGES = {
    "libglib-2.0": "libglib2.0-0", "libgthread-2.0": "libglib2.0-0", "libgobject-2.0": "libglib2.0-0",
    "libGL": "libgl1", "libGLX": "libglx0", "libGLdispatch": "libglvnd0", "libOpenGL": "libopengl0",
    "libEGL": "libegl1", "libxkbcommon": "libxkbcommon0", "libxkbcommon-x11": "libxkbcommon-x11-0",
    "libfreetype": "libfreetype6", "libfontconfig": "libfontconfig1", "libdbus-1": "libdbus-1-3",
    "libpulse": "libpulse0", "libpulse-mainloop-glib": "libpulse-mainloop-glib0", "libXrandr": "libxrandr2",
    "libX11": "libx11-6", "libX11-xcb": "libx11-xcb1", "libxcb": "libxcb1", "libxcb-cursor": "libxcb-cursor0",
    "libxcb-icccm": "libxcb-icccm4", "libxcb-keysyms": "libxcb-keysyms1", "libxcb-shape": "libxcb-shape0",
    "libgssapi_krb5": "libgssapi-krb5-2", "libpng16": "libpng16-16", "libexpat": "libexpat1",
    "libz": "zlib1g", "libzstd": "libzstd1", "libpcre2-8": "libpcre2-8-0",
}
_LIBRARY = re.compile(r"(lib[A-Za-z0-9_+.-]*?\.so(?:\.[0-9]+)*)\b")


def missing_library(error: BaseException) -> str | None:
    """The shared library an ImportError of Qt names (``libEGL.so.1``), or None when it names none."""
    found = _LIBRARY.findall(str(error))
    # the library the loader failed on is named last ("/path/QtGui.abi3.so: libEGL.so.1: cannot open…")
    found = [name for name in found if not name.startswith(("libQt6", "libpyside6", "libshiboken6"))]
    return found[-1] if found else None


def package_for(library: str) -> str | None:
    """``libEGL.so.1`` -> ``libegl1``: the Debian/Ubuntu package that installs it, when known."""
    return _PACKAGES.get(library.split(".so", 1)[0])


def qt_missing_message(error: BaseException) -> str | None:
    """The paragraph to print when importing Qt failed for want of a system library; None when the error
    is something else (then the traceback is the honest answer)."""
    library = missing_library(error)
    if library is None:
        return None
    package = package_for(library)
    packages = ([package] if package else []) + [p for p in QT_PACKAGES if p != package]
    which = (f"(package {package})" if package else
             f"(find its package with: apt-file search {library.split('.so', 1)[0]}.so)")
    return (f"Kitepkana cannot open its window: the Qt library it is built on needs the system library {library} "
            f"{which}, which is missing or damaged on this computer. Install it, with the other libraries Qt needs, "
            f"and start kitepkana again:\n\n    sudo apt-get install {' '.join(packages)}\n\nFor a window on an "
            f"X11 desktop add: {' '.join(X11_PACKAGES)}. On other Linux systems install the package that has "
            f"{library}. The commands (kitepkana --help) work without it.")
