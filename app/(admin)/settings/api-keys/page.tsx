import type { Metadata } from "next";

import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/server/auth/guards";
import { listApiKeys } from "@/lib/server/api-keys/queries";

import { ApiKeysTable } from "./_components/api-keys-table";
import { CreateApiKeyDialog } from "./_components/create-api-key-dialog";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  await requirePermission("apiKeys.admin");
  const keys = await listApiKeys();
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys the casino platform uses to push events and read the credits feed. A key is shown once, when it is created."
        actions={<CreateApiKeyDialog />}
      />
      <ApiKeysTable keys={keys} />
    </>
  );
}
