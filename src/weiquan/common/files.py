"""Files and folders that hold people's data: the server's own user alone may read them.

The database file, evidence blobs and staged uploads carry names, phones, ID numbers, chats and
photos; a default umask (022) made them readable by every user of the machine. The modes are
set where weiquan makes each file or folder, not by a process-wide umask, so that what other
code writes (logs, exports a person asked for) keeps its usual mode.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
READ_ONLY_FILE = 0o400  # an evidence blob: written once, never changed


def private_dir(path: Path, *, tighten: bool = False) -> Path:
    """path as a folder, and any missing parents, made for the owner alone.

    A folder that exists keeps its mode, unless tighten (the data directory, weiquan's own):
    then anything wider than 0700 is narrowed.
    """
    missing = []
    folder = path
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        try:
            made.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:  # another process made it meanwhile: theirs is ours too
            continue
        os.chmod(made, PRIVATE_DIR)  # mkdir's mode passes through the umask
    if tighten and not missing:
        narrow(path, PRIVATE_DIR)
    return path


def private_file(path: Path) -> Path:
    """path as a file for the owner alone: made empty (0600) if missing, else narrowed."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:
        narrow(path, PRIVATE_FILE)
    return path


def narrow(path: Path, mode: int) -> None:
    """Take from path's mode whatever mode does not allow (a file not ours is only noted)."""
    try:
        current = stat.S_IMODE(path.stat().st_mode)
        if current & ~mode:
            os.chmod(path, current & mode)
    except FileNotFoundError:
        pass
    except PermissionError:
        log.warning("%s: not ours, so its mode stays wider than %o", path, mode)
