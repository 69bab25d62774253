import type { Metadata } from "next";

import { ListPager, pageParam } from "@/components/list-pager";
import { PageHeader, PageMeta } from "@/components/page-header";
import { PageTab, PageTabs } from "@/components/page-tabs";
import { RelativeTime } from "@/components/relative-time";
import { SummaryList } from "@/components/summary-list";
import { Card, CardContent } from "@/components/ui/card";
import { formatDateTime, formatUsd } from "@/lib/client/format";
import { can } from "@/lib/domain/auth/permissions";
import { fromSeconds } from "@/lib/schemas/promo-codes";
import { requirePermission } from "@/lib/server/auth/guards";
import { listGamesForPicker } from "@/lib/server/games/queries";
import { listPromoGrants } from "@/lib/server/grants/queries";
import { listJurisdictionRules } from "@/lib/server/jurisdictions/queries";
import { getPromoCode, listAffiliateCodesForPicker, listPromoClaims, type TPromoDetail } from "@/lib/server/promo-codes/queries";
import { usdRateMap } from "@/lib/server/rates/queries";

import { rowByUuidOr404 } from "../../_lib/route-row";
import { ClaimsTable } from "../_components/claims-table";
import { EligibilityCheck } from "../_components/eligibility-check";
import { GrantsTable } from "../_components/grants-table";
import { promoFormValues } from "../_components/form-values";
import { PromoForm } from "../_components/promo-form";
import { PromoHeaderActions } from "../_components/promo-header-actions";
import { PromoStatusBadge } from "../_components/promo-status-badge";
import { WhitelistEditor } from "../_components/whitelist-editor";

export const metadata: Metadata = { title: "Promo code" };

const DEPOSIT_RULE_WORDS = { ANY: "any player", FIRST_DEPOSIT: "first deposit only", RELOAD: "reload (has deposited before)" } as const;

export default async function PromoPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ tab?: string; page?: string }>;
}) {
  const operator = await requirePermission("promos.read");
  const { tab, page } = await searchParams;
  const now = new Date();
  const promo = await rowByUuidOr404(params, (id) => getPromoCode(id, now));
  const canWrite = can(operator.role, "promos.write") && promo.isActive;
  const [claims, grants, games, codes, jurisdictions, usdRates] = await Promise.all([
    // The claims and grants tabs page with one `?page=`: the grants tab's when it is open, else the claims tab's.
    listPromoClaims(promo.id, { page: tab === "grants" ? 1 : pageParam(page) }),
    listPromoGrants(promo.id, { page: tab === "grants" ? pageParam(page) : 1, now }),
    listGamesForPicker(),
    listAffiliateCodesForPicker(),
    canWrite ? listJurisdictionRules() : [],
    canWrite ? usdRateMap(now) : {},
  ]);

  return (
    <>
      <PageHeader
        title={promo.code}
        description={promo.title}
        actions={can(operator.role, "promos.write") && <PromoHeaderActions id={promo.id} code={promo.code} isActive={promo.isActive} />}
      />
      <PageMeta>
        <PromoStatusBadge status={promo.status} />
        {promo.status === "scheduled" && promo.startsAt && <RelativeTime at={promo.startsAt} now={now} prefix="starts" />}
        <span>{promo.type === "DEPOSIT" ? "Deposit bonus" : "Instant credit"}</span>
        <span>· created {formatDateTime(promo.createdAt)}</span>
        <span>· {claims.total} claims</span>
      </PageMeta>
      <PageTabs
        tab={tab}
        fallback="settings"
        tabs={[
          ["settings", "Settings"],
          ["whitelist", "Game whitelist"],
          ["claims", `Claims (${claims.total})`],
          ["grants", `Grants (${grants.total})`],
          ["eligibility", "Eligibility check"],
        ]}
      >
        <PageTab value="settings">
          {canWrite ? (
            <PromoForm
              id={promo.id}
              initial={promoFormValues(promo)}
              affiliateCodes={codes.map((c) => ({ id: c.id, owner: c.owner.username }))}
              whitelist={promo.whitelist}
              grantedUsdAmount={promo.grantedUsdAmount}
              jurisdictions={jurisdictions}
              usdRates={usdRates}
            />
          ) : (
            <PromoSummary promo={promo} />
          )}
        </PageTab>
        <PageTab value="whitelist">
          <Card>
            <CardContent>
              <WhitelistEditor promoCodeId={promo.id} initial={promo.whitelist} games={games} readOnly={!canWrite} />
            </CardContent>
          </Card>
        </PageTab>
        <PageTab value="claims">
          <Card className="py-0">
            <ClaimsTable claims={claims.rows} canCancel={can(operator.role, "claims.cancel")} />
          </Card>
          <ListPager
            total={claims.total}
            page={claims.page}
            pageSize={claims.pageSize}
            noun={["claim", "claims"]}
            path={`/promo-codes/${promo.id}`}
            query={{ tab: "claims" }}
          />
        </PageTab>
        <PageTab value="grants">
          <Card className="py-0">
            <GrantsTable grants={grants.rows} />
          </Card>
          <ListPager
            total={grants.total}
            page={grants.page}
            pageSize={grants.pageSize}
            noun={["grant", "grants"]}
            path={`/promo-codes/${promo.id}`}
            query={{ tab: "grants" }}
          />
        </PageTab>
        <PageTab value="eligibility">
          <Card>
            <CardContent>
              <EligibilityCheck promoCodeId={promo.id} />
            </CardContent>
          </Card>
        </PageTab>
      </PageTabs>
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
          ["Wager", `${promo.wagerMultiplierToComplete}× ${promo.wageringBasis === "BONUS" ? "the bonus" : "(deposit + bonus)"}`],
          ["Time to complete", `${time.timeToComplete} ${time.timeUnit}`],
          ["On a withdrawal", promo.withdrawalPolicy === "KEEP" ? "the bonus is kept" : "the bonus is forfeited"],
        ] as [string, string][])
      : []),
    ["Starts", promo.startsAt ? formatDateTime(promo.startsAt) : "at once"],
    ["Expires", promo.expiresAt ? formatDateTime(promo.expiresAt) : "never"],
    ["Claims left", promo.claimsLeft === null ? "unlimited" : String(promo.claimsLeft)],
    ["Minimum KYC", promo.minKYCLevelToClaim],
    ["Minimum wagered", formatUsd(promo.minTotalWagerUsdToClaim)],
    ["Exclusive to", promo.affiliateCodeId ?? "—"],
    ["Visibility", `${promo.isPublic ? "public" : "private"}${promo.isHidden ? ", hidden" : ""}`],
    ["Budget", promo.budgetUsdAmount === null ? "none" : `${formatUsd(promo.grantedUsdAmount)} granted of ${formatUsd(promo.budgetUsdAmount)}`],
    ["Deposit rule", DEPOSIT_RULE_WORDS[promo.depositRule]],
    ["Countries", promo.countries.join(", ") || "every country"],
    ["Excluded countries", promo.excludedCountries.join(", ") || "—"],
    ["Required tags", promo.requiredTags.join(", ") || "—"],
    ["Excluded tags", promo.excludedTags.join(", ") || "—"],
  ];
  return (
    <Card>
      <CardContent>
        <SummaryList items={items} testId="promo-summary" />
      </CardContent>
    </Card>
  );
}
