import { Link2 } from "lucide-react";
import type { Metadata } from "next";

import { DataTable, NumCell, right } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { ListPage } from "@/components/list-page";
import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatCount, formatUsd } from "@/lib/client/format";
import { env } from "@/lib/env";
import { ZAffiliateCodeListQuery } from "@/lib/schemas/affiliates";
import { listAffiliateCodes } from "@/lib/server/affiliates/codes";
import { requirePermission } from "@/lib/server/auth/guards";

import { EditCodeDialog, NewCodeDialog, StreamerToggle } from "./_components/code-dialogs";

export const metadata: Metadata = { title: "Affiliate codes" };

const COLUMNS = [
  "Code",
  "Owner",
  right("Rate"),
  { label: "Bonus play", title: "Do bets inside an active deposit bonus earn commission?" },
  right("Referrals"),
  right("Wagered"),
  null,
];

export default async function AffiliateCodesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requirePermission("affiliateCodes.write");
  const q = ZAffiliateCodeListQuery.parse(await searchParams);
  const { rows, total, pageSize } = await listAffiliateCodes(q);
  const globalRate = env().AFFILIATE_COMMISSION_RATE;

  return (
    <ListPage
      title="Affiliate codes"
      description="Referral codes, their owners and commission terms. Mark an owner as a streamer to see them in the streamer report."
      actions={<NewCodeDialog globalRate={globalRate} />}
      path="/affiliates/codes"
      filters={<Input name="q" defaultValue={q.q} placeholder="Code, owner or owner id" className="w-64" />}
      filterLabel="Search codes"
      empty={
        rows.length === 0 && (
          <EmptyState icon={Link2} title={q.q ? "No code matches" : "No affiliate codes yet"} hint="Create one for an affiliate or streamer." />
        )
      }
      pager={{ total, page: q.page, pageSize, noun: ["code", "codes"], query: q }}
    >
      <DataTable columns={COLUMNS}>
        {rows.map((c) => {
          const rate = c.commissionRate === null ? null : Number(c.commissionRate).toString();
          return (
            <TableRow key={c.id} data-testid={`code-row-${c.id}`}>
              <TableCell className="font-mono font-medium">{c.id}</TableCell>
              <TableCell>
                <span className="block">
                  {c.owner} <span className="text-xs text-muted-foreground">#{c.ownerId}</span>
                </span>
                <StreamerToggle ownerId={c.ownerId} owner={c.owner} isStreamer={c.isStreamer} />
              </TableCell>
              <NumCell>
                {rate ?? <span className="text-muted-foreground">{globalRate} (global)</span>}
              </NumCell>
              <TableCell>{c.allowCommissionBonus ? <Badge variant="outline">Counts</Badge> : <Badge variant="muted">Excluded</Badge>}</TableCell>
              <NumCell>{formatCount(c.referrals)}</NumCell>
              <NumCell>{formatUsd(c.wageredUsd)}</NumCell>
              <TableCell className="text-right">
                <EditCodeDialog globalRate={globalRate} code={{ id: c.id, commissionRate: rate ?? "", allowCommissionBonus: c.allowCommissionBonus }} />
              </TableCell>
            </TableRow>
          );
        })}
      </DataTable>
    </ListPage>
  );
}
