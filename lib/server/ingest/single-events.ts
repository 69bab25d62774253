import "server-only";

import type { TBetEvent, TBetRollbackEvent, TDepositEvent } from "@/lib/schemas/api/events";
import { ingestBetRollbacks } from "@/lib/server/ingest/bet-rollbacks";
import { ingestBets } from "@/lib/server/ingest/bets";
import { ingestDeposits } from "@/lib/server/ingest/deposits";
import { groupCommit } from "@/lib/server/ingest/group-commit";

// The events endpoints' ingests: a request with one event joins its process's current group (group
// commit), a batch goes through as it is. One gatherer per kind: a group is one batch of one kind.
export const ingestBetRequest = groupCommit<TBetEvent>((parsed) => ingestBets(parsed));
export const ingestDepositRequest = groupCommit<TDepositEvent>((parsed) => ingestDeposits(parsed));
export const ingestBetRollbackRequest = groupCommit<TBetRollbackEvent>((parsed) => ingestBetRollbacks(parsed));
