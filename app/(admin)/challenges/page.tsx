import type { Metadata } from "next";

import { NotBuiltYet } from "@/components/not-built-yet";
import { PageHeader } from "@/components/page-header";
import { requirePermission } from "@/lib/server/auth/guards";

export const metadata: Metadata = { title: "Challenges" };

export default async function ChallengesPage() {
  await requirePermission("challenges.read");
  return (
    <>
      <PageHeader title="Challenges" description="Hit-multiplier challenges and their winners." />
      <NotBuiltYet area="Challenges" issue={5} />
    </>
  );
}
