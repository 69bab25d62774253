import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/not-built-yet";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/server/auth/guards";

export const metadata: Metadata = { title: "Operators" };

export default async function SettingsOperatorsPage() {
  await requirePermission("operators.admin");
  return (
    <>
      <PageHeader title="Operators" description="Back-office accounts and their roles." />
      <NotBuiltYet area="Operators" issue={7} />
    </>
  );
}
