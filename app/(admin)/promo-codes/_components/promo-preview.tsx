"use client";

import Decimal from "decimal.js";
import { useState } from "react";
import { useWatch, type Control } from "react-hook-form";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { formatCount, formatUsd } from "@/lib/client/format";
import { budgetLeft, grantsCovered } from "@/lib/domain/promos/budget";
import { activationTerms } from "@/lib/domain/promos/rollover";
import { isDecimalText } from "@/lib/schemas/money";
import { toSeconds, type TPromoCodeInput } from "@/lib/schemas/promo-codes";

const isNum = (v: string | undefined): v is string => isDecimalText(v);

function duration(seconds: number) {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} day${seconds === 86_400 ? "" : "s"}`;
  if (seconds % 3600 === 0) return `${seconds / 3600} hour${seconds === 3600 ? "" : "s"}`;
  return `${Math.round(seconds / 60)} minutes`;
}

// An INSTANT credit in one of these is its own USD figure, near enough to count grants by; in any
// other currency it depends on the rate at the claim, so no count is shown.
const USD_LIKE = new Set(["USD", "USDT", "USDC"]);

/** What is left of the budget (less what an edited promo already granted) and how many grants of the most one can take it covers. */
function BudgetLine({ v, grantedUsdAmount }: { v: Partial<TPromoCodeInput>; grantedUsdAmount: string }) {
  if (!v.budgetUsdAmount) return <p className="text-muted-foreground" data-testid="preview-budget">No budget: grants are limited by claims only.</p>;
  if (!isNum(v.budgetUsdAmount)) return null;
  const left = budgetLeft({ budgetUsdAmount: v.budgetUsdAmount, grantedUsdAmount })!;
  const maxGrant =
    v.type === "DEPOSIT"
      ? isNum(v.maxBonusUsdAmount) ? v.maxBonusUsdAmount : null
      : isNum(v.amount) && USD_LIKE.has(v.currencyId ?? "") ? v.amount : null;
  const covers = grantsCovered(left, maxGrant);
  const noun = v.type === "DEPOSIT" ? ["maximum bonus", "maximum bonuses"] : ["credit", "credits"];
  return (
    <p data-testid="preview-budget">
      Budget <span className="font-medium">{formatUsd(left)}</span> left of {formatUsd(v.budgetUsdAmount)}
      {covers !== null && (
        <span className="block text-muted-foreground" data-testid="preview-budget-covers">
          covers {formatCount(covers)} more {noun[covers === 1 ? 0 : 1]}
        </span>
      )}
      {v.type === "DEPOSIT" && !v.maxBonusUsdAmount && (
        <span className="block text-muted-foreground">Bonuses are uncapped: the last one is cut to what is left.</span>
      )}
    </p>
  );
}

/** What a sample deposit would cost and require, from the form as it stands (same maths as activation). */
export function PromoPreview({
  control,
  whitelist,
  grantedUsdAmount,
}: {
  control: Control<TPromoCodeInput>;
  whitelist: { gameName: string; wagerMultiplier: string; enabled: boolean; maxBetAmount: string }[];
  grantedUsdAmount: string;
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
        <CardContent className="grid gap-3 text-sm">
          <p className="text-muted-foreground">
            {v.claimsLeft && isNum(v.amount) ? `At most ${v.claimsLeft} claims: ${new Decimal(v.amount!).mul(v.claimsLeft).toFixed()} ${v.currencyId} in all.` : "Unlimited claims."}
          </p>
          <BudgetLine v={v} grantedUsdAmount={grantedUsdAmount} />
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
          wageringBasis: v.wageringBasis,
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
          <p className="text-xs text-muted-foreground" data-testid="preview-basis">
            Turnover = {v.wagerMultiplierToComplete}× {v.wageringBasis === "BONUS" ? "the bonus" : "(deposit + bonus)"}.
          </p>
        )}
        <div className="border-t pt-3">
          <BudgetLine v={v} grantedUsdAmount={grantedUsdAmount} />
        </div>
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
