import { AppShell } from "@/components/app-shell/app-shell";
import { requireOperator } from "@/lib/server/auth/guards";

// Every page below also checks its own permission: layouts are not re-run on client navigation.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const operator = await requireOperator();
  return <AppShell operator={operator}>{children}</AppShell>;
}
