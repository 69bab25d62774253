import { Plus, TicketPercent } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { FilterBar } from "@/components/filter-bar";
import { ListPager, listHref, SortLink } from "@/components/list-pager";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime, formatUsd } from "@/lib/client/format";
import { can } from "@/lib/domain/auth/permissions";
import { CURRENCY_IDS } from "@/lib/schemas/money";
import { ZPromoListQuery } from "@/lib/schemas/promo-codes";
import { requirePermission } from "@/lib/server/auth/guards";
import { listPromoCodes } from "@/lib/server/promo-codes/queries";

import { PromoStatusBadge } from "./_components/promo-status-badge";

export const metadata: Metadata = { title: "Promo codes" };

export default async function PromoCodesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const operator = await requirePermission("promos.read");
  const q = ZPromoListQuery.parse(await searchParams);
  const { rows, total, pageSize } = await listPromoCodes(q);
  const canWrite = can(operator.role, "promos.write");

  return (
    <>
      <PageHeader
        title="Promo codes"
        description="Instant credits and deposit bonuses with wager rollover."
        actions={
          canWrite && (
            <Button asChild>
              <Link href="/promo-codes/new">
                <Plus /> New promo
              </Link>
            </Button>
          )
        }
      />
      <FilterBar resetHref="/promo-codes">
        <Input name="q" defaultValue={q.q} placeholder="Search code or title" className="col-span-2 sm:w-56" />
        <NativeSelect name="type" defaultValue={q.type ?? ""} aria-label="Type">
          <option value="">All types</option>
          <option value="INSTANT">Instant</option>
          <option value="DEPOSIT">Deposit</option>
        </NativeSelect>
        <NativeSelect name="status" defaultValue={q.status ?? ""} aria-label="Status">
          <option value="">Any status</option>
          <option value="active">Active</option>
          <option value="expired">Expired</option>
          <option value="exhausted">Exhausted</option>
          <option value="inactive">Inactive</option>
        </NativeSelect>
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
        <input type="hidden" name="sort" value={q.sort} />
        <input type="hidden" name="dir" value={q.dir} />
      </FilterBar>

      {rows.length === 0 ? (
        <Card className="border-dashed">
          <CardContent className="flex flex-col items-center gap-2 py-10 text-center">
            <TicketPercent className="size-8 text-muted-foreground" />
            <p className="font-medium">No promo matches these filters</p>
            <p className="text-sm text-muted-foreground">Change the filters{canWrite ? " or create a promo" : ""}.</p>
          </CardContent>
        </Card>
      ) : (
        <Card className="py-0">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead><SortLink path="/promo-codes" query={q} column="code" label="Code" /></TableHead>
                <TableHead>Type</TableHead>
                <TableHead>Amount / match</TableHead>
                <TableHead><SortLink path="/promo-codes" query={q} column="claims" label="Claims used / left" /></TableHead>
                <TableHead><SortLink path="/promo-codes" query={q} column="expires" label="Expires" /></TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Completion</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
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
                  <TableCell>
                    {p.type === "DEPOSIT"
                      ? `${p.matchPercent}${p.maxBonusUsd ? ` up to ${formatUsd(p.maxBonusUsd)}` : ""}`
                      : `${p.amount} ${p.currencyId}`}
                  </TableCell>
                  <TableCell>
                    {p.claimsUsed} / {p.claimsLeft ?? "∞"}
                  </TableCell>
                  <TableCell className="min-w-28 whitespace-normal">{p.expiresAt ? formatDateTime(p.expiresAt) : <span className="text-muted-foreground">never</span>}</TableCell>
                  <TableCell>
                    <PromoStatusBadge status={p.status} />
                  </TableCell>
                  <TableCell>{p.completionRate === null ? "—" : `${Math.round(p.completionRate * 100)}%`}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      <ListPager total={total} page={q.page} pageSize={pageSize} noun={["promo", "promos"]} hrefFor={(page) => listHref("/promo-codes", { ...q, page })} />
    </>
  );
}
