"use client";

import { CheckCircle2, XCircle } from "lucide-react";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { fieldError } from "@/lib/client/action-result";
import { INELIGIBLE_REASON_LABELS } from "@/lib/client/labels";
import type { TIneligibleReason } from "@/lib/domain/promos/claim-rules";

import { checkEligibilityAction } from "../actions";

type TCheck = { rule: string; reason?: TIneligibleReason; passed: boolean; detail: string };
type TResult = { player: { id: number; username: string }; checks: TCheck[]; result: string; reason: TIneligibleReason | null };

// NOT_ELIGIBLE is checked once per reason (blocked, affiliate, deposits, country, tags): each row
// names its reason, and the rule and reason together tell the rows apart.
const reasonWords = (reason: TIneligibleReason | null | undefined) => (reason ? INELIGIBLE_REASON_LABELS[reason] : null);

/** Which claim condition passes or fails for a player, in the claim API's order — without claiming. */
export function EligibilityCheck({ promoCodeId }: { promoCodeId: string }) {
  const [playerId, setPlayerId] = useState("");
  const [result, setResult] = useState<TResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="grid gap-4">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={async (e) => {
          e.preventDefault();
          const res = await checkEligibilityAction({ promoCodeId, playerId: playerId as unknown as number });
          const message = fieldError(res, "playerId") ?? res?.serverError;
          if (message || !res?.data) {
            setResult(null);
            return setError(message ?? "Check failed");
          }
          setError(null);
          setResult(res.data);
        }}
      >
        <div className="grid gap-1.5">
          <Label htmlFor="eligibility-player">Player id</Label>
          <Input id="eligibility-player" className="w-40" inputMode="numeric" value={playerId} onChange={(e) => setPlayerId(e.target.value)} aria-invalid={!!error} />
        </div>
        <Button type="submit" variant="secondary">
          Check
        </Button>
      </form>
      {error && <p className="text-sm text-destructive" role="alert">{error}</p>}
      {result && (
        <div className="grid gap-2" data-testid="eligibility-result">
          <p className="font-medium">
            {result.player.username} (#{result.player.id}):{" "}
            {result.result === "CLAIMABLE"
              ? "can claim"
              : `would get ${result.result}${reasonWords(result.reason) ? ` — ${reasonWords(result.reason)}` : ""}`}
          </p>
          <ol className="grid gap-1 text-sm">
            {result.checks.map((c) => (
              <li key={`${c.rule}:${c.reason ?? ""}`} className="flex items-start gap-2" data-testid={`check-${c.reason ?? c.rule}`}>
                {c.passed ? (
                  <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-emerald-600" aria-label="passes" />
                ) : (
                  <XCircle className="mt-0.5 size-4 shrink-0 text-destructive" aria-label="fails" />
                )}
                <span className="min-w-0 break-words">
                  {c.reason ? (
                    <>
                      {c.passed ? "Eligible" : "Not eligible"} — {reasonWords(c.reason)}: {c.detail}
                    </>
                  ) : (
                    <>
                      <span className="font-mono text-xs">{c.rule}</span> — {c.detail}
                    </>
                  )}
                </span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
