import { Coins } from "lucide-react";
import type { Metadata } from "next";

import { DateRangeFields } from "@/components/date-range-form";
import { EmptyState } from "@/components/empty-state";
import { FilterField } from "@/components/filter-bar";
import { KpiCard } from "@/components/kpi-card";
import { LedgerTable } from "@/components/ledger-table";
import { ListPage } from "@/components/list-page";
import { pageParam } from "@/components/list-pager";
import { NativeSelect } from "@/components/ui/native-select";
import { formatCount, formatUsd } from "@/lib/client/format";
import { LEDGER_KIND_LABELS } from "@/lib/client/labels";
import { ZDayRangeQuery } from "@/lib/schemas/reports";
import { requirePermission } from "@/lib/server/auth/guards";
import { COST_KINDS, CREDIT_KINDS, listCredits } from "@/lib/server/ledger/queries";
import { reportRange } from "@/lib/server/report-range";

export const metadata: Metadata = { title: "Credits" };

// Every credit Rollover granted (the ledger), by kind and business day. "cost" selects the kinds
// that make up bonus cost — the dashboard's card links here.
export default async function CreditsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requirePermission("players.read");
  const sp = await searchParams;
  const kind = (CREDIT_KINDS as readonly string[]).includes(sp.kind) ? sp.kind : sp.kind === "cost" ? "cost" : "";
  const kinds = kind === "cost" ? COST_KINDS : kind ? [kind] : CREDIT_KINDS;
  const range = await reportRange(ZDayRangeQuery.parse(sp));
  const page = pageParam(sp.page);
  const credits = await listCredits({ kinds, from: range.from, to: range.to, page });

  return (
    <ListPage
      title="Credits"
      description="Everything Rollover credited to players, from the ledger. USD at credit time."
      path="/credits"
      filters={
        <>
          <FilterField id="c-kind" label="Kind">
            <NativeSelect id="c-kind" name="kind" defaultValue={kind}>
              <option value="">Every kind</option>
              <option value="cost">Bonus cost (instant, released, rewards, prizes)</option>
              {CREDIT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {LEDGER_KIND_LABELS[k]}
                </option>
              ))}
            </NativeSelect>
          </FilterField>
          <DateRangeFields idPrefix="c" from={range.from} to={range.to} />
        </>
      }
      before={
        <div className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
          <KpiCard
            label="Total"
            value={formatUsd(credits.totalUsd)}
            hint={`${formatCount(credits.total)} credits`}
            testId="credits-total"
          />
          {credits.totals.map((t) => (
            <KpiCard
              key={t.kind}
              label={LEDGER_KIND_LABELS[t.kind] ?? t.kind}
              value={formatUsd(t.usd)}
              hint={`${formatCount(t.count)} credits`}
            />
          ))}
        </div>
      }
      empty={credits.rows.length === 0 && <EmptyState icon={Coins} title="No credits in this range" />}
      pager={{
        total: credits.total,
        page,
        pageSize: credits.pageSize,
        noun: ["credit", "credits"],
        query: { kind, from: range.from, to: range.to },
      }}
    >
      <LedgerTable rows={credits.rows} showPlayer />
    </ListPage>
  );
}
