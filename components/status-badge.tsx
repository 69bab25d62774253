import type { VariantProps } from "class-variance-authority";

import { Badge, type badgeVariants } from "@/components/ui/badge";
import { NativeSelect } from "@/components/ui/native-select";

export type TStatusLabels<S extends string> = Record<
  S,
  { label: string; variant: VariantProps<typeof badgeVariants>["variant"] }
>;

/**
 * A status's badge from one table of labels and colours; the same table gives a list filter its
 * status filter (`StatusFilter`), so a status reads the same in both places.
 */
export function statusBadge<S extends string>(labels: TStatusLabels<S>) {
  return function StatusBadge({ status }: { status: S }) {
    const v = labels[status];
    return <Badge variant={v.variant}>{v.label}</Badge>;
  };
}

/** A list's status filter (`?status=`): "Any status", then the table's statuses in its order. */
export function StatusFilter<S extends string>({ value, labels }: { value: S | undefined; labels: TStatusLabels<S> }) {
  return (
    <NativeSelect name="status" defaultValue={value ?? ""} aria-label="Status">
      <option value="">Any status</option>
      {(Object.entries(labels) as [S, TStatusLabels<S>[S]][]).map(([status, { label }]) => (
        <option key={status} value={status}>
          {label}
        </option>
      ))}
    </NativeSelect>
  );
}
