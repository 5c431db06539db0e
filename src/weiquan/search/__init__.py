"""One search interface over text people wrote or that was read from their pictures: words cut
with jieba when the text is written, indexed with SQLite FTS5 or PostgreSQL full-text search."""
