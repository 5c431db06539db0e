"""String enums shared by several domains, readable in the database and in JSON."""

from enum import StrEnum


class Actor(StrEnum):
    """Who did something recorded on a timeline (accounts arrive later)."""

    consumer = "consumer"
    system = "system"
    cli = "cli"
    demo = "demo"
