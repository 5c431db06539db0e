"""The substantive provisions the engine applies, one module per instrument (and version).

Importing this package registers them all. Procedural provisions (complaints, limitation,
criminal thresholds) are declared by the procedure modules themselves.
"""

from . import (
    abuse,
    ad,
    cc,
    claw,
    crpl,
    crpl2009,
    crplir,
    ecl,
    fdd2013,
    fdp,
    fpm1996,
    fsi,
    fsl,
    fsl2009,
    oc,
    pql,
    pun,
    ret7,
    spcl,
)

__all__ = [
    "abuse",
    "ad",
    "cc",
    "claw",
    "crpl",
    "crpl2009",
    "crplir",
    "ecl",
    "fdd2013",
    "fdp",
    "fpm1996",
    "fsi",
    "fsl",
    "fsl2009",
    "oc",
    "pql",
    "pun",
    "ret7",
    "spcl",
]
