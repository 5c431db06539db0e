"""The command line's root: every `weiquan` command, by name and help text."""

from __future__ import annotations

from typing import ClassVar

import typer

from weiquan.common import i18n
from weiquan.common.cli import LangOption, Lazy, LazyGroup

__all__ = ["app", "main"]


class Commands(LazyGroup):
    # Each lives in its own module, loaded only when it runs or its own --help is asked:
    # `weiquan --help` and `weiquan assess` start without the database, the document
    # renderer or the web framework. The help here is the one both listings show.
    lazy: ClassVar[dict[str, Lazy]] = {
        "worker": Lazy(
            "weiquan.worker:worker",
            "运行后台任务：发送通知、检查期限。 Run the background jobs: deliveries, clocks.",
        ),
        "assess": Lazy(
            "weiquan.law.cli:assess",
            "依据中国法律评估纠纷（输入事实 JSON，输出评估）。 Assess a dispute under PRC law.",
        ),
        "read": Lazy(
            "weiquan.reading.cli:read",
            "读取截图、转账记录和描述，提出事实与发现供确认。 Read screenshots and a story:"
            " proposed facts and findings.",
        ),
        "serve": Lazy(
            "weiquan.instance_cli:serve",
            "迁移数据库并启动网页和 API 服务。 Migrate the database, then serve the pages and the"
            " API.",
        ),
        "db": Lazy("weiquan.instance_cli:db_app", "数据库命令。 Database commands."),
        "demo": Lazy("weiquan.demo.cli:demo_app", "演示数据。 Demo data."),
        "cases": Lazy("weiquan.filing.cli:cases_app", "案件（投诉）。 Cases (complaints)."),
        "search": Lazy(
            "weiquan.filing.cli:search_app",
            "全文搜索索引。 The full-text search index.",
        ),
        "accounts": Lazy(
            "weiquan.accounts.cli:accounts_app",
            "账户、机构与令牌（管理员）。 Accounts, agencies, tokens (admin).",
        ),
        "webhooks": Lazy(
            "weiquan.notifications.cli:webhooks_app",
            "网络钩子与通知投递。 Webhook endpoints and the delivery outbox.",
        ),
        "evidence": Lazy(
            "weiquan.evidence.cli:evidence_app",
            "证据保管：哈希、保管日志、签名检查点、导出与校验。"
            " Evidence vault: hashes, custody log, signed checkpoints, export and verification.",
        ),
        "merchants": Lazy(
            "weiquan.merchants.cli:merchants_app",
            "商家档案：查询、信用、认定、名单、身份合并。 Merchant registry.",
        ),
        "report": Lazy(
            "weiquan.stats.report_cli:report",
            "机构季度投诉分析（PDF、DOCX）。 An agency's quarterly complaint analysis (PDF, DOCX).",
        ),
        "export": Lazy("weiquan.stats.report_cli:export_app", "开放数据导出。 Open data exports."),
        "stats": Lazy(
            "weiquan.stats.cli:stats_app",
            "机构统计：重新统计。 Agencies' statistics: count them again.",
        ),
        "documents": Lazy(
            "weiquan.documents.cli:documents_app",
            "文书：催告函、投诉书、举报信、起诉状、证据目录等（PDF、DOCX、纯文本）。"
            " Documents: demand letters, complaints, reports, civil complaints, evidence lists"
            " (PDF, DOCX, plain text).",
        ),
        "workbench": Lazy(
            "weiquan.workbench.cli:workbench_app",
            "机构工作台：重新计算投诉能否受理。 The agency workbench: admissibility kept current.",
        ),
    }


app = typer.Typer(
    cls=Commands,
    help="weiquan 维权：网络与社交电商消费者权益保护。"
    " Consumer rights defence for online and social commerce.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(lang: LangOption = None) -> None:
    # pydantic-settings loads when a command runs, not for --help, which never gets here.
    from weiquan.config import get_settings

    chosen = i18n.normalize(lang) or get_settings().default_language
    i18n.current_language.set(chosen)


def main() -> None:
    app()
