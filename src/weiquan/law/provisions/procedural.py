"""The other instruments of procedure and sanctions, each declared once; their articles are
declared by the modules that apply them (deadlines, admissibility, path, exposure).

Dates are those the instruments took effect; `verification` says how far the project could
check the text (see ../shared/law/README.md).
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

AP = Instrument("AP", date(2019, 7, 1), verification="secondary")
ARB = Instrument("ARB", date(1995, 9, 1))
CA = Instrument("CA", date(1990, 1, 1), verification="secondary")
CL = Instrument("CL", date(1997, 10, 1))
CPL = Instrument("CPL", date(2024, 1, 1))
# The SPC Interpretation on applying the Civil Procedure Law, as amended in 2022.
CPLI = Instrument("CPLI", date(2022, 4, 10))
FSC_2001 = Instrument("FSC-2001", date(2001, 4, 10), verification="unverified")
ICP = Instrument("ICP", date(2018, 9, 7))
# Measures on the Payment of Litigation Fees (State Council Order No. 481).
LFM = Instrument("LFM", date(2007, 4, 1))
IPC_2004 = Instrument("IPC-2004", date(2004, 12, 22), date(2025, 4, 25))
# The 2025 interpretation on IP crimes takes over from the 2004 one on this day.
IPC_2025_FROM = date(2025, 4, 26)
IPC_2025 = Instrument("IPC-2025", IPC_2025_FROM, verification="unverified")
MED = Instrument("MED", date(2011, 1, 1))
PFS_2010 = Instrument("PFS-2010", date(2010, 5, 7), verification="secondary")
TM = Instrument("TM", date(2019, 11, 1))

# Declared here, beside their instruments, because both the path and the court cite them.
ICP_2 = ICP(
    "ICP-2",
    "2",
    None,
    "北京、广州、杭州互联网法院集中管辖本市辖区内应由基层法院受理的网络购物合同纠纷、网购产品责任纠纷等第一审案件。",
    "The Beijing, Guangzhou and Hangzhou internet courts hear, for their city, first-instance "
    "online shopping contract and online-bought product liability cases that belong to a basic "
    "court.",
)
CPL_24 = CPL(
    "CPL-24",
    "24",
    None,
    "因合同纠纷提起的诉讼，由被告住所地或者合同履行地人民法院管辖。",
    "Contract suits go to the court of the defendant's domicile or of the place of performance.",
)
