"""SAMR Measures for Handling Complaints and Reports (市场监督管理投诉举报处理暂行办法), and their
2026 successor; declared once here, their articles by the procedure modules that apply them.

The interim Measures (SAMR Order No. 20) governed from 2020-01-01 to 2026-04-14; the standing
Measures from 2026-04-15 (their detailed text is known only from secondary sources). Articles
on reports (举报) are cited under RPT, so that the two procedures read apart.
"""

from __future__ import annotations

from datetime import date

from ._declare import Instrument

CMP = Instrument("CMP", date(2020, 1, 1), date(2026, 4, 14))
CMP_2026 = Instrument("CMP-2026", date(2026, 4, 15), verification="secondary")
RPT = Instrument("RPT", date(2020, 1, 1), date(2026, 4, 14))
