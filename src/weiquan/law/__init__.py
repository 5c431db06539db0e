"""The law engine: the facts of a dispute in, an assessment under PRC consumer law out.

It depends on nothing else in weiquan. Entry points: `engine.assess` (Python), `cli.assess`
(`weiquan assess`), `views.router` (`POST /api/assessments`). Nothing is imported here, so that
`weiquan.law.money` stays cheap to import for the rest of the application.
"""
