import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/not-built-yet";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/server/auth/guards";

export const metadata: Metadata = { title: "Currency rates" };

export default async function SettingsRatesPage() {
  await requirePermission("rates.admin");
  return (
    <>
      <PageHeader title="Currency rates" description="USD rates with their history." />
      <NotBuiltYet area="Currency rates" issue={7} />
    </>
  );
}
