import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { PageHeader } from "@/components/page-header";
import { SummaryList } from "@/components/summary-list";
import { Card, CardContent } from "@/components/ui/card";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { formatDateTime, formatUsd } from "@/lib/client/format";
import { can } from "@/lib/domain/auth/permissions";
import { fromSeconds } from "@/lib/schemas/promo-codes";
import { requirePermission } from "@/lib/server/auth/guards";
import { listGamesForPicker } from "@/lib/server/games/queries";
import { getPromoCode, listAffiliateCodesForPicker, listPromoClaims, type TPromoDetail } from "@/lib/server/promo-codes/queries";

import { ClaimsTable } from "../_components/claims-table";
import { EligibilityCheck } from "../_components/eligibility-check";
import { promoFormValues } from "../_components/form-values";
import { PromoForm } from "../_components/promo-form";
import { PromoHeaderActions } from "../_components/promo-header-actions";
import { PromoStatusBadge } from "../_components/promo-status-badge";
import { WhitelistEditor } from "../_components/whitelist-editor";
import { isUuid } from "@/lib/schemas/ids";

export const metadata: Metadata = { title: "Promo code" };

export default async function PromoPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ tab?: string }> }) {
  const operator = await requirePermission("promos.read");
  const { id } = await params;
  const { tab } = await searchParams;
  if (!isUuid(id)) notFound();
  const promo = await getPromoCode(id);
  if (!promo) notFound();
  const canWrite = can(operator.role, "promos.write") && promo.isActive;
  const [claims, games, codes] = await Promise.all([listPromoClaims(id), listGamesForPicker(), listAffiliateCodesForPicker()]);

  return (
    <>
      <PageHeader
        title={promo.code}
        description={promo.title}
        actions={can(operator.role, "promos.write") && <PromoHeaderActions id={promo.id} code={promo.code} isActive={promo.isActive} />}
      />
      <div className="mb-4 flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
        <PromoStatusBadge status={promo.status} />
        <span>{promo.type === "DEPOSIT" ? "Deposit bonus" : "Instant credit"}</span>
        <span>· created {formatDateTime(promo.createdAt)}</span>
        <span>· {claims.length} claims</span>
      </div>
      <Tabs defaultValue={tab ?? "settings"}>
        <TabsList className="h-auto max-w-full flex-wrap justify-start">
          <TabsTrigger value="settings">Settings</TabsTrigger>
          <TabsTrigger value="whitelist">Game whitelist</TabsTrigger>
          <TabsTrigger value="claims">Claims ({claims.length})</TabsTrigger>
          <TabsTrigger value="eligibility">Eligibility check</TabsTrigger>
        </TabsList>
        <TabsContent value="settings" className="pt-2">
          {canWrite ? (
            <PromoForm
              mode="edit"
              promoId={promo.id}
              initial={promoFormValues(promo)}
              affiliateCodes={codes.map((c) => ({ id: c.id, owner: c.owner.username }))}
              whitelist={promo.whitelist}
            />
          ) : (
            <PromoSummary promo={promo} />
          )}
        </TabsContent>
        <TabsContent value="whitelist" className="pt-2">
          <Card>
            <CardContent>
              <WhitelistEditor promoCodeId={promo.id} initial={promo.whitelist} games={games} readOnly={!canWrite} />
            </CardContent>
          </Card>
        </TabsContent>
        <TabsContent value="claims" className="pt-2">
          <Card className="py-0">
            <ClaimsTable claims={claims} canCancel={can(operator.role, "claims.cancel")} />
          </Card>
        </TabsContent>
        <TabsContent value="eligibility" className="pt-2">
          <Card>
            <CardContent>
              <EligibilityCheck promoCodeId={promo.id} />
            </CardContent>
          </Card>
        </TabsContent>
      </Tabs>
    </>
  );
}

function PromoSummary({ promo }: { promo: TPromoDetail }) {
  const time = fromSeconds(promo.timeSecondsToComplete);
  const items: [string, string][] = [
    ["Code", promo.code],
    ["Type", promo.type === "DEPOSIT" ? "Deposit bonus" : "Instant credit"],
    [promo.type === "DEPOSIT" ? "Minimum deposit" : "Amount", `${promo.amount} ${promo.currencyId}`],
    ...(promo.type === "DEPOSIT"
      ? ([
          ["Match", `${promo.bonusMultiplier}× up to ${promo.maxBonusUsdAmount ? formatUsd(promo.maxBonusUsdAmount) : "no cap"}`],
          ["Wager", `${promo.wagerMultiplierToComplete}× (deposit + bonus)`],
          ["Time to complete", `${time.timeToComplete} ${time.timeUnit}`],
        ] as [string, string][])
      : []),
    ["Expires", promo.expiresAt ? formatDateTime(promo.expiresAt) : "never"],
    ["Claims left", promo.claimsLeft === null ? "unlimited" : String(promo.claimsLeft)],
    ["Minimum KYC", promo.minKYCLevelToClaim],
    ["Minimum wagered", formatUsd(promo.minTotalWagerUsdToClaim)],
    ["Exclusive to", promo.affiliateCodeId ?? "—"],
    ["Visibility", `${promo.isPublic ? "public" : "private"}${promo.isHidden ? ", hidden" : ""}`],
  ];
  return (
    <Card>
      <CardContent>
        <SummaryList items={items} testId="promo-summary" />
      </CardContent>
    </Card>
  );
}
