"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { cn } from "@/lib/utils";

import * as NAV_ICONS from "./nav-icons";
import type { TNavGroup } from "./nav-items";

// The most specific item wins, so /leaderboards/schedules doesn't also light up /leaderboards.
function activeHref(pathname: string, groups: TNavGroup[]): string | undefined {
  const hrefs = groups.flatMap((g) => g.items.map((i) => i.href));
  return hrefs
    .filter((h) => (h === "/" ? pathname === "/" : pathname === h || pathname.startsWith(`${h}/`)))
    .sort((a, b) => b.length - a.length)[0];
}

export function SidebarNav({ groups, onNavigate }: { groups: TNavGroup[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  const active = activeHref(pathname, groups);
  return (
    <nav aria-label="Main" className="flex flex-col gap-5 px-3 py-4">
      {groups.map((group) => (
        <div key={group.label} className="flex flex-col gap-1">
          <p className="px-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">{group.label}</p>
          {group.items.map((item) => {
            const Icon = NAV_ICONS[item.icon];
            const isActive = item.href === active;
            return (
              <Link
                key={item.href}
                href={item.href}
                onClick={onNavigate}
                aria-current={isActive ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-sidebar-foreground/80 transition-colors hover:bg-sidebar-accent hover:text-sidebar-accent-foreground",
                  isActive && "bg-sidebar-accent font-medium text-sidebar-accent-foreground",
                )}
              >
                <Icon className="size-4" />
                {item.label}
              </Link>
            );
          })}
        </div>
      ))}
    </nav>
  );
}
