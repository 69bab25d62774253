-- Rate-limit counters are written by nearly every API request (one upsert per request, outside any
-- business transaction). They are worth nothing after a crash — a window lasts a second or a minute —
-- so they skip the WAL: a transaction that writes only them commits without waiting for a disk flush,
-- and they cost no replication traffic. After a crash PostgreSQL empties the table: every counter
-- restarts at zero, which only ever lets a client make its limit's worth of calls once more.
ALTER TABLE "RateLimitCounter" SET UNLOGGED;
