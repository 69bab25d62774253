import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/not-built-yet";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/server/auth/guards";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage() {
  await requirePermission("audit.read");
  return (
    <>
      <PageHeader title="Audit log" description="Every back-office write: who, what, when, before and after." />
      <NotBuiltYet area="Audit log" issue={7} />
    </>
  );
}
