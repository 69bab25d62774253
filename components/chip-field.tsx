import { X } from "lucide-react";

import { cn } from "@/lib/utils";

// What the chip fields (CountryMultiSelect, TagInput) share: the props FormControl hands them, the
// list of chosen values with a remove button each, and the text box's look.

export type TChipFieldProps = {
  value: string[];
  onChange: (next: string[]) => void;
  onBlur?: () => void;
  name?: string;
  id?: string;
  ref?: React.Ref<HTMLInputElement>;
  placeholder?: string;
  /** The field's label, naming the chip list and the options for a screen reader. */
  label?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
};

/** The chosen values as chips, each with its own remove button (nothing when none is chosen). */
export function ChipList({
  value,
  onChange,
  label,
  removeLabel,
  className,
  children,
}: Pick<TChipFieldProps, "value" | "onChange"> & {
  /** Names the list for a screen reader ("Countries: chosen"). */
  label: string;
  removeLabel: (item: string) => string;
  className?: string;
  children: (item: string) => React.ReactNode;
}) {
  if (value.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label={label}>
      {value.map((item) => (
        <li key={item} className={cn("inline-flex items-center gap-1 rounded-md bg-secondary py-0.5 pr-0.5 pl-2 text-xs font-medium", className)}>
          {children(item)}
          <button
            type="button"
            className="rounded p-0.5 hover:bg-background focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
            aria-label={removeLabel(item)}
            onClick={() => onChange(value.filter((v) => v !== item))}
          >
            <X className="size-3" aria-hidden />
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The chip fields' text box, styled like components/ui/input. */
export const CHIP_INPUT_CLASS = cn(
  "flex h-9 w-full min-w-0 rounded-md border border-input bg-transparent px-3 py-1 text-base shadow-xs outline-none placeholder:text-muted-foreground md:text-sm dark:bg-input/30",
  "focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 aria-invalid:border-destructive",
);
