import * as React from "react";

import { cn } from "@/lib/utils";

// A styled native <select>: works in plain GET forms (filters in the URL) and on phones. max-w-full:
// a long option (an operator's email) must not make it wider than its column.
function NativeSelect({ className, ...props }: React.ComponentProps<"select">) {
  return (
    <select
      data-slot="native-select"
      className={cn(
        "h-9 max-w-full min-w-0 rounded-md border border-input bg-transparent px-3 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:opacity-50 aria-invalid:border-destructive dark:bg-input/30",
        className,
      )}
      {...props}
    />
  );
}

export { NativeSelect };
