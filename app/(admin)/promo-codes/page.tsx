import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/not-built-yet";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/server/auth/guards";

export const metadata: Metadata = { title: "Promo codes" };

export default async function PromoCodesPage() {
  await requirePermission("promos.read");
  return (
    <>
      <PageHeader title="Promo codes" description="Promo codes and deposit bonuses with their game whitelists and claims." />
      <NotBuiltYet area="Promo codes" issue={4} />
    </>
  );
}
