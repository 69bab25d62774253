import type { Metadata } from "next";

import { PageHeader } from "@/components/page-header";
import { PROMO_DEFAULTS, type TPromoCodeInput } from "@/lib/schemas/promo-codes";
import { requirePermission } from "@/lib/server/auth/guards";
import { listJurisdictionRules } from "@/lib/server/jurisdictions/queries";
import { getPromoCode, listAffiliateCodesForPicker } from "@/lib/server/promo-codes/queries";
import { usdRateMap } from "@/lib/server/rates/queries";

import { promoFormValues } from "../_components/form-values";
import { PromoForm } from "../_components/promo-form";
import { isUuid } from "@/lib/schemas/ids";

export const metadata: Metadata = { title: "New promo" };

// ?clone=<id> opens the form prefilled from another promo; nothing is saved until it is submitted.
export default async function NewPromoPage({ searchParams }: { searchParams: Promise<{ clone?: string }> }) {
  await requirePermission("promos.write");
  const { clone } = await searchParams;
  const source = isUuid(clone) ? await getPromoCode(clone) : null;
  const [codes, jurisdictions, usdRates] = await Promise.all([listAffiliateCodesForPicker(), listJurisdictionRules(), usdRateMap()]);
  const initial: TPromoCodeInput = source
    ? promoFormValues(source, { asClone: true })
    : PROMO_DEFAULTS.DEPOSIT;
  return (
    <>
      <PageHeader
        title={source ? `Clone ${source.code}` : "New promo"}
        description={source ? "A copy of the promo's terms: choose a new code. Its whitelist is not copied." : "A deposit bonus or an instant credit."}
      />
      <PromoForm
        initial={initial}
        affiliateCodes={codes.map((c) => ({ id: c.id, owner: c.owner.username }))}
        whitelist={[]}
        jurisdictions={jurisdictions}
        usdRates={usdRates}
      />
    </>
  );
}
