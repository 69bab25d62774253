import { ScrollText } from "lucide-react";
import type { Metadata } from "next";

import { DataTable } from "@/components/data-table";
import { DateRangeFields } from "@/components/date-range-form";
import { EmptyState } from "@/components/empty-state";
import { FilterField } from "@/components/filter-bar";
import { ListPage } from "@/components/list-page";
import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/client/format";
import type { TFieldChange } from "@/lib/domain/audit/diff";
import { ZAuditQuery } from "@/lib/schemas/admin";
import { auditFilterOptions, listAudit } from "@/lib/server/audit-log/queries";
import { requirePermission } from "@/lib/server/auth/guards";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requirePermission("audit.read");
  const q = ZAuditQuery.parse(await searchParams);
  const [{ rows, total, pageSize }, options] = await Promise.all([listAudit(q), auditFilterOptions()]);

  return (
    <ListPage
      title="Audit log"
      description="Every back-office write: who, what, when, and what changed."
      path="/audit-log"
      filters={
        <>
          <FilterField id="f-operator" label="Operator">
            <NativeSelect id="f-operator" name="operator" defaultValue={q.operator ?? ""}>
              <option value="">Anyone</option>
              {options.operators.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.username} ({o.email})
                </option>
              ))}
            </NativeSelect>
          </FilterField>
          <FilterField id="f-entity" label="Entity">
            <NativeSelect id="f-entity" name="entity" defaultValue={q.entity ?? ""}>
              <option value="">Any entity</option>
              {options.entities.map((e) => (
                <option key={e}>{e}</option>
              ))}
            </NativeSelect>
          </FilterField>
          <FilterField id="f-entity-id" label="Entity id">
            <Input id="f-entity-id" name="entityId" defaultValue={q.entityId} className="w-40" />
          </FilterField>
          <DateRangeFields idPrefix="f" from={q.from} to={q.to} labelSuffix=" (UTC)" />
        </>
      }
      empty={rows.length === 0 && <EmptyState icon={ScrollText} title="No audit rows match" hint="Every back-office change is recorded here." />}
      pager={{ total, page: q.page, pageSize, noun: ["row", "rows"], query: q }}
    >
      <DataTable columns={["When", "Who", "What", "Changes"]}>
        {rows.map((r) => (
          <TableRow key={r.id} data-testid={`audit-row-${r.id}`} className="align-top">
            <TableCell className="text-xs whitespace-nowrap">{formatDateTime(r.createdAt)}</TableCell>
            <TableCell>{r.operator ?? <span className="text-muted-foreground">system</span>}</TableCell>
            <TableCell>
              <Badge variant="outline" className="font-mono">
                {r.action}
              </Badge>
              <span className="block text-xs text-muted-foreground">
                {r.entityType} {r.entityId}
              </span>
            </TableCell>
            {/* min-w: on a phone the diff keeps a readable width and the table scrolls sideways. */}
            <TableCell className="max-w-[36rem] min-w-72 whitespace-normal">
              <AuditChanges changes={r.changes} />
            </TableCell>
          </TableRow>
        ))}
      </DataTable>
    </ListPage>
  );
}

function AuditChanges({ changes }: { changes: TFieldChange[] }) {
  if (changes.length === 0) return <span className="text-xs text-muted-foreground">no field changes</span>;
  return (
    <>
      <dl className="grid gap-1 text-xs" data-testid="audit-diff">
        {changes.slice(0, 12).map((c) => (
          <div key={c.field} className="grid grid-cols-[8rem_1fr] gap-2">
            <dt className="truncate font-medium">{c.field}</dt>
            <dd className="min-w-0 break-words">
              {c.before !== null && (
                <span className="rounded bg-destructive/10 px-1 text-red-800 line-through dark:text-red-300">
                  {c.before.slice(0, 200)}
                </span>
              )}{" "}
              {c.after !== null && (
                <span className="rounded bg-emerald-600/10 px-1 text-emerald-800 dark:text-emerald-300">
                  {c.after.slice(0, 200)}
                </span>
              )}
            </dd>
          </div>
        ))}
      </dl>
      {changes.length > 12 && <p className="mt-1 text-xs text-muted-foreground">+ {changes.length - 12} more fields</p>}
    </>
  );
}
