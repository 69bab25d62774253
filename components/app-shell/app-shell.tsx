import { Gauge } from "lucide-react";
import Link from "next/link";

import { can, ROLE_LABELS, type TOperatorRole } from "@/lib/domain/auth/permissions";

import { MobileNav } from "./mobile-nav";
import { NAV_GROUPS } from "./nav-items";
import { SidebarNav } from "./sidebar-nav";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

export function AppShell({
  operator,
  children,
}: {
  operator: { name: string; email: string; role: TOperatorRole };
  children: React.ReactNode;
}) {
  const groups = NAV_GROUPS.map((g) => ({ ...g, items: g.items.filter((i) => can(operator.role, i.permission)) })).filter(
    (g) => g.items.length > 0,
  );
  return (
    <div className="flex min-h-dvh">
      {/* The column carries the background (it stretches to the page's full height); the nav inside
          stays in view while a long page scrolls. */}
      <aside className="hidden w-60 shrink-0 border-r bg-sidebar md:block" data-testid="sidebar">
        <div className="sticky top-0 max-h-dvh overflow-y-auto">
          <Link href="/" className="flex items-center gap-2 px-5 pt-5 font-semibold">
            <Gauge className="size-5 text-primary" aria-hidden="true" /> Rollover
          </Link>
          <SidebarNav groups={groups} />
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b bg-background/95 px-3 backdrop-blur md:px-6">
          <MobileNav groups={groups} />
          <Link href="/" className="font-semibold md:hidden">
            Rollover
          </Link>
          <div className="ml-auto flex items-center gap-1">
            <ThemeToggle />
            <UserMenu name={operator.name} email={operator.email} roleLabel={ROLE_LABELS[operator.role]} />
          </div>
        </header>
        <main className="flex-1 p-4 md:p-6">{children}</main>
      </div>
    </div>
  );
}
