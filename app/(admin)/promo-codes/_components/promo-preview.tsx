"use client";

import Decimal from "decimal.js";
import { useState } from "react";
import { useWatch, type Control } from "react-hook-form";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { formatUsd } from "@/lib/client/format";
import { activationTerms } from "@/lib/domain/promos/rollover";
import { isDecimalText } from "@/lib/schemas/money";
import { toSeconds, type TPromoCodeInput } from "@/lib/schemas/promo-codes";

const isNum = (v: string | undefined): v is string => isDecimalText(v);

function duration(seconds: number) {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} day${seconds === 86_400 ? "" : "s"}`;
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? "" : "s"}`;
  return `${Math.round(seconds / 60)} minutes`;
}

/** What a sample deposit would cost and require, from the form as it stands (same maths as activation). */
export function PromoPreview({
  control,
  whitelist,
}: {
  control: Control<TPromoCodeInput>;
  whitelist: { gameName: string; wagerMultiplier: string; enabled: boolean; maxBetAmount: string }[];
}) {
  const v = useWatch({ control });
  const [sample, setSample] = useState("100");

  if (v.type === "INSTANT") {
    return (
      <Card className="h-fit lg:sticky lg:top-20" data-testid="promo-preview">
        <CardHeader>
          <CardTitle>Preview</CardTitle>
          <CardDescription>Each claim credits {isNum(v.amount) ? `${v.amount} ${v.currencyId}` : "—"} to cash at once.</CardDescription>
        </CardHeader>
        <CardContent className="text-sm text-muted-foreground">
          {v.claimsLeft && isNum(v.amount) ? `At most ${v.claimsLeft} claims: ${new Decimal(v.amount!).mul(v.claimsLeft).toFixed()} ${v.currencyId} in all.` : "Unlimited claims."}
        </CardContent>
      </Card>
    );
  }

  const seconds = toSeconds(v.timeToComplete, v.timeUnit ?? "days");
  const valid = isNum(sample) && isNum(v.bonusMultiplier) && isNum(v.wagerMultiplierToComplete) && (!v.maxBonusUsdAmount || isNum(v.maxBonusUsdAmount));
  const terms = valid
    ? activationTerms(
        {
          bonusMultiplier: v.bonusMultiplier!,
          maxBonusUsdAmount: v.maxBonusUsdAmount || null,
          wagerMultiplierToComplete: v.wagerMultiplierToComplete!,
          timeSecondsToComplete: seconds ?? 0,
        },
        { usdAmount: sample, createdAt: new Date(0) },
      )
    : null;
  const games = whitelist.filter((w) => w.enabled);

  return (
    <Card className="h-fit lg:sticky lg:top-20" data-testid="promo-preview">
      <CardHeader>
        <CardTitle>Preview</CardTitle>
        <CardDescription>What one deposit would cost and require.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        <div className="grid gap-1.5">
          <Label htmlFor="sample-deposit">Sample deposit (USD)</Label>
          <Input id="sample-deposit" inputMode="decimal" value={sample} onChange={(e) => setSample(e.target.value)} />
        </div>
        {terms ? (
          <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1.5">
            <dt className="text-muted-foreground">Bonus granted</dt>
            <dd className="text-right font-medium" data-testid="preview-bonus">{formatUsd(terms.bonusUsdAmount)}</dd>
            <dt className="text-muted-foreground">Turnover to complete</dt>
            <dd className="text-right font-medium" data-testid="preview-turnover">{formatUsd(terms.wagerUsdAmountToComplete)}</dd>
            <dt className="text-muted-foreground">Expires</dt>
            <dd className="text-right">{seconds ? `${duration(seconds)} after the deposit` : "—"}</dd>
          </dl>
        ) : (
          <p className="text-muted-foreground">Fill in the match and wager multipliers to see the numbers.</p>
        )}
        {terms && (
          <div className="grid gap-1.5 border-t pt-3">
            <p className="font-medium">Real bets needed per game</p>
            {games.length === 0 ? (
              <p className="text-muted-foreground">No whitelist: every game counts at weight 1 ({formatUsd(terms.wagerUsdAmountToComplete)}).</p>
            ) : (
              <ul className="grid gap-1">
                {games.map((g) => (
                  <li key={g.gameName} className="flex justify-between gap-2">
                    <span className="truncate">
                      {g.gameName} <span className="text-muted-foreground">×{g.wagerMultiplier}</span>
                    </span>
                    <span>{new Decimal(g.wagerMultiplier).gt(0) ? formatUsd(new Decimal(terms.wagerUsdAmountToComplete).div(g.wagerMultiplier)) : "never"}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </CardContent>
    </Card>
  );
}
