"use client";

import * as React from "react";

import { cn } from "@/lib/utils";

/**
 * The table's horizontal scroll box. When the table is wider than the box it says so: a shadow on
 * the side with more columns (scrollbars are hidden on many systems), and it takes the keyboard
 * focus with a name, so arrow keys scroll it (axe: scrollable-region-focusable). It is focusable
 * until measured, so the server's HTML is never an unreachable scroll region.
 */
export function TableContainer({ className, children }: { className?: string; children: React.ReactNode }) {
  const ref = React.useRef<HTMLDivElement>(null);
  const [state, setState] = React.useState({ overflows: true, left: false, right: false });

  React.useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const overflows = el.scrollWidth > el.clientWidth + 1;
      const left = overflows && el.scrollLeft > 1;
      const right = overflows && el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
      setState((s) => (s.overflows === overflows && s.left === left && s.right === right ? s : { overflows, left, right }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    el.addEventListener("scroll", measure, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener("scroll", measure);
    };
  }, []);

  return (
    <div
      ref={ref}
      data-slot="table-container"
      data-overflows={state.overflows || undefined}
      tabIndex={state.overflows ? 0 : undefined}
      role={state.overflows ? "region" : undefined}
      aria-label={state.overflows ? "Table, scrolls sideways" : undefined}
      className={cn(
        "relative w-full overflow-x-auto rounded-[inherit] outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50",
        state.right && "shadow-[inset_-14px_0_10px_-10px_rgb(0_0_0/0.18)]",
        state.left && !state.right && "shadow-[inset_14px_0_10px_-10px_rgb(0_0_0/0.18)]",
        state.left && state.right && "shadow-[inset_-14px_0_10px_-10px_rgb(0_0_0/0.18),inset_14px_0_10px_-10px_rgb(0_0_0/0.18)]",
        className,
      )}
    >
      {children}
    </div>
  );
}
