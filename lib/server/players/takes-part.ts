import "server-only";

/**
 * "The player takes part at `at`": not bonus-blocked, not opted out, and not inside a pause at that
 * moment (no pause, a pause that ended by then, or one that began after it). SPEC §2 responsible play:
 * such a player never enters a board or a challenge (judged at the bet's time) and receives no
 * marketing webhook (judged when the event is written). `u` is the alias of the User row; `at` an SQL
 * expression. Plain ORs on the columns (a COALESCE form made the planner misjudge the board path).
 */
export function playerTakesPartText(u: string, at: string): string {
  return `NOT ${u}."bonusBlocked" AND NOT ${u}."bonusOptOut"
  AND (${u}."bonusBlockedUntil" IS NULL OR ${u}."bonusBlockedUntil" <= ${at} OR ${u}."bonusBlockedFrom" > ${at})`;
}
