"use client";

import { CheckCircle2, XCircle } from "lucide-react";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { fieldError } from "@/lib/client/action-result";

import { checkEligibilityAction } from "../actions";

type TResult = { player: { id: number; username: string }; checks: { rule: string; passed: boolean; detail: string }[]; result: string };

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
            {result.player.username} (#{result.player.id}): {result.result === "CLAIMABLE" ? "can claim" : `would get ${result.result}`}
          </p>
          <ol className="grid gap-1 text-sm">
            {result.checks.map((c) => (
              <li key={c.rule} className="flex items-start gap-2">
                {c.passed ? <CheckCircle2 className="mt-0.5 size-4 text-emerald-600" /> : <XCircle className="mt-0.5 size-4 text-destructive" />}
                <span>
                  <span className="font-mono text-xs">{c.rule}</span> — {c.detail}
                </span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
