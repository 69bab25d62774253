import { CheckCircle2, XCircle } from "lucide-react";
import Link from "next/link";

import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { INELIGIBLE_REASON_LABELS } from "@/lib/client/labels";
import type { TOpenPromoRow } from "@/lib/server/players/lookup";

/** Why not, in the eligibility check's words: the reason and its detail, or the claim error and its detail. */
function WhyNot({ failing }: { failing: NonNullable<TOpenPromoRow["failing"]> }) {
  const reason = failing.reason ? (INELIGIBLE_REASON_LABELS[failing.reason] ?? failing.reason) : null;
  return reason ? (
    <>
      Not eligible — {reason}: {failing.detail}
    </>
  ) : (
    <>
      <span className="font-mono text-xs">{failing.rule}</span> — {failing.detail}
    </>
  );
}

/** Each live promo and whether this player may claim it now (the claim rules, without claiming). */
export function OpenPromos({ rows, total, limit, linkPromos }: { rows: TOpenPromoRow[]; total: number; limit: number; linkPromos: boolean }) {
  return (
    <Card className="mb-6 gap-0 py-0" data-testid="open-promos">
      <CardHeader className="py-6">
        <CardTitle>
          <h2>Open promos for this player</h2>
        </CardTitle>
        <CardDescription>
          {total === 0
            ? "No promo is live."
            : total > limit
              ? `The ${limit} newest of ${total} live promos, judged by the claim rules for this player (the rest are left out).`
              : "Every live promo, judged by the claim rules for this player."}
        </CardDescription>
      </CardHeader>
      {rows.length > 0 && (
        // A list, not a table: on a phone each promo's verdict wraps under it instead of scrolling off.
        <ul className="divide-y border-t text-sm">
          {rows.map((p) => (
            <li key={p.id} className="grid gap-x-4 gap-y-1.5 px-6 py-3 sm:grid-cols-[16rem_minmax(0,1fr)]" data-testid={`open-promo-${p.code}`}>
              <div className="flex min-w-0 items-start gap-2">
                <div className="min-w-0">
                  {linkPromos ? (
                    <Link href={`/promo-codes/${p.id}?tab=eligibility`} className="font-mono font-medium hover:underline">
                      {p.code}
                    </Link>
                  ) : (
                    <span className="font-mono font-medium">{p.code}</span>
                  )}
                  <span className="block truncate text-xs text-muted-foreground" title={p.title}>
                    {p.title}
                  </span>
                </div>
                <Badge variant="outline" className="ml-auto">
                  {p.type === "DEPOSIT" ? "Deposit" : "Instant"}
                </Badge>
              </div>
              <span className="flex items-start gap-2" data-testid="open-promo-verdict">
                {p.claimable ? (
                  <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-emerald-600" aria-hidden />
                ) : (
                  <XCircle className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
                )}
                <span className="min-w-0 break-words">
                  {p.claimable ? (
                    "Can claim"
                  ) : (
                    <>
                      <span className="font-medium">Can&apos;t claim</span> — <WhyNot failing={p.failing!} />
                    </>
                  )}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
