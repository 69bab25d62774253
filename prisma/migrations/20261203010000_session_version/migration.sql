-- A password change or reset ends the operator's other sessions (SPEC §7): each session carries the
-- value it was signed in at, and the guards refuse one that no longer matches the row.
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
