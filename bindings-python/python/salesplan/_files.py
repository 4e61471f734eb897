"""Writing files so that a failure leaves the old file as it was: the text
goes to a temporary file in the same folder, flushed to disk, which is then
renamed over the old one (a rename within a file system is one step)."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from typing import Union


def replace_text(path: Union[str, "os.PathLike[str]"], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` whole or not at all."""
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    fd, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        if os.path.exists(target):
            shutil.copymode(target, temporary)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
