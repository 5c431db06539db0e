"""The one write path of filings, above cases, merchants and assessments.

A complaint from the API, a page, the command line or the demo is a `cases.schemas.Filing`
that `flows` files as a batch (of one, or of whatever the API's `writer` gathered): `intake`
works out its rows, numbers them and writes cases, identifiers, first events, the first
assessment and the merchant links in one statement per table (`common.bulk`). The same flows
take the ladder's steps and sweep the clocks; every row derived from a case (its queue key,
its merchant facts and cached figures) is written by an explicit call there, never by a
session hook.
"""
