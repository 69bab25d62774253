import { Link2 } from "lucide-react";
import type { Metadata } from "next";

import { EmptyState } from "@/components/empty-state";
import { ListPager, listHref } from "@/components/list-pager";
import { FilterBar } from "@/components/filter-bar";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatCount, formatUsd } from "@/lib/client/format";
import { env } from "@/lib/env";
import { ZAffiliateCodeListQuery } from "@/lib/schemas/affiliates";
import { listAffiliateCodes } from "@/lib/server/affiliates/codes";
import { requirePermission } from "@/lib/server/auth/guards";

import { EditCodeDialog, NewCodeDialog, StreamerToggle } from "./_components/code-dialogs";

export const metadata: Metadata = { title: "Affiliate codes" };

export default async function AffiliateCodesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requirePermission("affiliateCodes.write");
  const q = ZAffiliateCodeListQuery.parse(await searchParams);
  const { rows, total, pageSize } = await listAffiliateCodes(q);
  const globalRate = env().AFFILIATE_COMMISSION_RATE;

  return (
    <>
      <PageHeader
        title="Affiliate codes"
        description="Referral codes, their owners and commission terms. Mark an owner as a streamer to see them in the streamer report."
        actions={<NewCodeDialog globalRate={globalRate} />}
      />
      <FilterBar resetHref="/affiliates/codes" label="Search codes">
        <Input name="q" defaultValue={q.q} placeholder="Code, owner or owner id" className="w-64" />
      </FilterBar>
      {rows.length === 0 ? (
        <EmptyState icon={Link2} title={q.q ? "No code matches" : "No affiliate codes yet"} hint="Create one for an affiliate or streamer." />
      ) : (
        <Card className="py-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Code</TableHead>
                <TableHead>Owner</TableHead>
                <TableHead className="text-right">Rate</TableHead>
                <TableHead title="Do bets inside an active deposit bonus earn commission?">Bonus play</TableHead>
                <TableHead className="text-right">Referrals</TableHead>
                <TableHead className="text-right">Wagered</TableHead>
                <TableHead />
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((c) => (
                <TableRow key={c.id} data-testid={`code-row-${c.id}`}>
                  <TableCell className="font-mono font-medium">{c.id}</TableCell>
                  <TableCell>
                    <span className="block">
                      {c.owner} <span className="text-xs text-muted-foreground">#{c.ownerId}</span>
                    </span>
                    <StreamerToggle ownerId={c.ownerId} owner={c.owner} isStreamer={c.isStreamer} />
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {c.commissionRate === null ? (
                      <span className="text-muted-foreground">{globalRate} (global)</span>
                    ) : (
                      Number(c.commissionRate).toString()
                    )}
                  </TableCell>
                  <TableCell>{c.allowCommissionBonus ? <Badge variant="outline">Counts</Badge> : <Badge variant="muted">Excluded</Badge>}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatCount(c.referrals)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatUsd(c.wageredUsd)}</TableCell>
                  <TableCell className="text-right">
                    <EditCodeDialog
                      globalRate={globalRate}
                      code={{ id: c.id, commissionRate: c.commissionRate === null ? "" : Number(c.commissionRate).toString(), allowCommissionBonus: c.allowCommissionBonus }}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      <ListPager total={total} page={q.page} pageSize={pageSize} noun={["code", "codes"]} hrefFor={(page) => listHref("/affiliates/codes", { ...q, page })} />
    </>
  );
}
