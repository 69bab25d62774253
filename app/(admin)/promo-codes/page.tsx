import { TicketPercent } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { BudgetBar } from "@/components/budget-bar";
import { DataTable } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { HiddenFields } from "@/components/filter-bar";
import { ListPage } from "@/components/list-page";
import { SortLink } from "@/components/list-pager";
import { RelativeTime } from "@/components/relative-time";
import { StatusFilter } from "@/components/status-badge";
import { Badge } from "@/components/ui/badge";
import { NativeSelect } from "@/components/ui/native-select";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime, formatUsd } from "@/lib/client/format";
import { BUDGET_NEARLY_SPENT_RATIO } from "@/lib/domain/promos/budget";
import { CURRENCY_IDS } from "@/lib/schemas/money";
import { ZPromoListQuery } from "@/lib/schemas/promo-codes";
import { jurisdictionName } from "@/lib/schemas/targeting";
import { listJurisdictionRules } from "@/lib/server/jurisdictions/queries";
import { listPromoCodes } from "@/lib/server/promo-codes/queries";

import { requireReader } from "../_lib/access";
import { PROMO_STATUSES, PromoStatusBadge } from "./_components/promo-status-badge";

export const metadata: Metadata = { title: "Promo codes" };

const NEARLY_SPENT = Number(BUDGET_NEARLY_SPENT_RATIO);

export default async function PromoCodesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const { canWrite } = await requireReader("promos");
  const q = ZPromoListQuery.parse(await searchParams);
  // One clock for the statuses and the "starts in …" beside them.
  const now = new Date();
  const [{ rows, total, pageSize }, jurisdictions] = await Promise.all([listPromoCodes(q, now), listJurisdictionRules()]);

  const sort = (column: "code" | "claims" | "expires", label: string) => <SortLink path="/promo-codes" query={q} column={column} label={label} />;

  return (
    <ListPage
      title="Promo codes"
      description="Instant credits and deposit bonuses with wager rollover."
      path="/promo-codes"
      create={canWrite && "New promo"}
      search={{ value: q.q, placeholder: "Search code or title" }}
      filters={
        <>
          <NativeSelect name="type" defaultValue={q.type ?? ""} aria-label="Type">
            <option value="">All types</option>
            <option value="INSTANT">Instant</option>
            <option value="DEPOSIT">Deposit</option>
          </NativeSelect>
          <StatusFilter value={q.status} labels={PROMO_STATUSES} />
          <NativeSelect name="currency" defaultValue={q.currency ?? ""} aria-label="Currency">
            <option value="">All currencies</option>
            {CURRENCY_IDS.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </NativeSelect>
          <NativeSelect name="visibility" defaultValue={q.visibility ?? ""} aria-label="Visibility">
            <option value="">Any visibility</option>
            <option value="public">Public, listed</option>
            <option value="hidden">Hidden</option>
            <option value="private">Private</option>
          </NativeSelect>
          <NativeSelect name="exclusive" defaultValue={q.exclusive ?? ""} aria-label="Affiliate-exclusive">
            <option value="">Exclusive or not</option>
            <option value="yes">Affiliate-exclusive</option>
            <option value="no">Not exclusive</option>
          </NativeSelect>
          <NativeSelect name="budget" defaultValue={q.budget ?? ""} aria-label="Budget">
            <option value="">Any budget</option>
            <option value="nearly-spent">Budget nearly spent</option>
          </NativeSelect>
          <NativeSelect name="jurisdiction" defaultValue={q.jurisdiction ?? ""} aria-label="Passes jurisdiction">
            <option value="">Any jurisdiction</option>
            {jurisdictions.map((j) => (
              <option key={j.code} value={j.code}>
                Passes {j.code} ({jurisdictionName(j.code)})
              </option>
            ))}
          </NativeSelect>
          <HiddenFields values={{ sort: q.sort, dir: q.dir }} />
        </>
      }
      empty={
        rows.length === 0 && (
          <EmptyState
            icon={TicketPercent}
            title="No promo matches these filters"
            hint={`Change the filters${canWrite ? " or create a promo" : ""}.`}
          />
        )
      }
      pager={{ total, page: q.page, pageSize, noun: ["promo", "promos"], query: q }}
    >
      <DataTable
        columns={[sort("code", "Code"), "Type", "Amount / match", sort("claims", "Claims used / left"), "Budget", sort("expires", "Expires"), "Status", "Completion"]}
      >
        {rows.map((p) => (
        <TableRow key={p.id} data-testid={`promo-row-${p.code}`}>
          <TableCell>
            <Link href={`/promo-codes/${p.id}`} className="font-mono font-medium hover:underline">
              {p.code}
            </Link>
            <span className="block max-w-44 truncate text-xs text-muted-foreground" title={p.title}>
              {p.title}
            </span>
          </TableCell>
          {/* Type and expiry wrap so every column fits 1280 px; narrower, the table scrolls. */}
          <TableCell className="min-w-24 whitespace-normal">
            <div className="flex flex-wrap gap-1">
              <Badge variant="outline">{p.type === "DEPOSIT" ? "Deposit" : "Instant"}</Badge>
              {p.isHidden && <Badge variant="muted">Hidden</Badge>}
              {p.affiliateCodeId && <Badge variant="secondary">{p.affiliateCodeId}</Badge>}
            </div>
          </TableCell>
          {/* Wraps ("100% up to" / "$500.00") when the budget column needs the room. */}
          <TableCell className="min-w-28 whitespace-normal">
            {p.type === "DEPOSIT"
              ? `${p.matchPercent}${p.maxBonusUsd ? ` up to ${formatUsd(p.maxBonusUsd)}` : ""}`
              : `${p.amount} ${p.currencyId}`}
          </TableCell>
          <TableCell>
            {p.claimsUsed} / {p.claimsLeft ?? "∞"}
          </TableCell>
          {/* The figures wrap under the bar so the table still fits 1280 px. */}
          <TableCell className="min-w-28 whitespace-normal">
            {p.budget ? (
              <BudgetBar usedUsd={p.budget.grantedUsd} budgetUsd={p.budget.budgetUsd} ratio={p.budget.usedRatio} warnAt={NEARLY_SPENT} />
            ) : (
              <span className="text-muted-foreground">—</span>
            )}
          </TableCell>
          <TableCell className="min-w-28 whitespace-normal">{p.expiresAt ? formatDateTime(p.expiresAt) : <span className="text-muted-foreground">never</span>}</TableCell>
          <TableCell className="min-w-24 whitespace-normal">
            <PromoStatusBadge status={p.status} />
            {p.status === "scheduled" && p.startsAt && (
              <RelativeTime at={p.startsAt} now={now} prefix="starts" className="block text-xs text-muted-foreground" />
            )}
          </TableCell>
          <TableCell>{p.completionRate === null ? "—" : `${Math.round(p.completionRate * 100)}%`}</TableCell>
        </TableRow>
        ))}
      </DataTable>
    </ListPage>
  );
}
