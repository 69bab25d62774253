import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";

/** A column header: its label, or the label with the header cell's class and tooltip. */
export type TColumn = React.ReactNode | { label?: React.ReactNode; className?: string; title?: string };

const isColumnObject = (c: TColumn): c is { label?: React.ReactNode; className?: string; title?: string } =>
  typeof c === "object" && c !== null && !Array.isArray(c) && !("$$typeof" in c);

/** A right-aligned column (numbers, money). */
export const right = (label: React.ReactNode): TColumn => ({ label, className: "text-right" });

/**
 * The back office's table: a header row from `columns`, then the rows (children). Row cells stay
 * with each page; what every table repeats (head, body, the header cells) lives here.
 */
export function DataTable({
  columns,
  children,
  bodyTestId,
  ...props
}: { columns: TColumn[]; children: React.ReactNode; bodyTestId?: string } & Omit<
  React.ComponentProps<typeof Table>,
  "children"
>) {
  return (
    <Table {...props}>
      <TableHeader>
        <TableRow>
          {columns.map((c, i) =>
            isColumnObject(c) ? (
              <TableHead key={i} className={c.className} title={c.title}>
                {c.label}
              </TableHead>
            ) : (
              <TableHead key={i}>{c}</TableHead>
            ),
          )}
        </TableRow>
      </TableHeader>
      <TableBody data-testid={bodyTestId}>{children}</TableBody>
    </Table>
  );
}

/** The one row of a table with nothing to list, across all its columns. */
export function EmptyRow({
  colSpan,
  className = "py-6",
  children,
}: {
  colSpan: number;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <TableRow>
      <TableCell colSpan={colSpan} className={`${className} text-center text-muted-foreground`}>
        {children}
      </TableCell>
    </TableRow>
  );
}

/** A cell for a number or an amount: right-aligned, digits of equal width. */
export function NumCell({ className, ...props }: React.ComponentProps<typeof TableCell>) {
  return <TableCell className={cn("text-right tabular-nums", className)} {...props} />;
}
