import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/not-built-yet";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/server/auth/guards";

export const metadata: Metadata = { title: "API keys" };

export default async function SettingsApiKeysPage() {
  await requirePermission("apiKeys.admin");
  return (
    <>
      <PageHeader title="API keys" description="Keys the casino platform uses to push events and read credits." />
      <NotBuiltYet area="API keys" issue={3} />
    </>
  );
}
