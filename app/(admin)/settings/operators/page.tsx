import type { Metadata } from "next";

import { DataTable } from "@/components/data-table";
import { PageHeader } from "@/components/page-header";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/client/format";
import { requirePermission } from "@/lib/server/auth/guards";
import { listOperators } from "@/lib/server/operators/mutations";

import { NewOperatorDialog, OperatorActions, RoleSelect } from "./_components/operator-controls";

export const metadata: Metadata = { title: "Operators" };

export default async function OperatorsPage() {
  const me = await requirePermission("operators.admin");
  const operators = await listOperators();
  return (
    <>
      <PageHeader title="Operators" description="Who can sign in to the back office, and with which role." actions={<NewOperatorDialog />} />
      <Card className="py-0">
        <DataTable columns={["Operator", "Role", "Status", { label: "Since", className: "hidden md:table-cell" }, null]}>
          {operators.map((o) => (
            <TableRow key={o.id} data-testid={`operator-row-${o.email}`}>
              <TableCell>
                <span className="font-medium">{o.username}</span>
                <span className="block text-xs text-muted-foreground">{o.email}</span>
              </TableCell>
              <TableCell>
                <RoleSelect id={o.id} email={o.email ?? ""} role={o.role} disabled={o.id === me.id} />
              </TableCell>
              <TableCell>
                {o.disabled ? <Badge variant="destructive">Disabled</Badge> : <Badge variant="success">Active</Badge>}
                {o.mustChangePassword && !o.disabled && (
                  <Badge variant="muted" className="ml-1">
                    One-time password
                  </Badge>
                )}
                {o.id === me.id && (
                  <Badge variant="outline" className="ml-1">
                    You
                  </Badge>
                )}
              </TableCell>
              <TableCell className="hidden text-xs md:table-cell">{formatDateTime(o.createdAt)}</TableCell>
              <TableCell className="text-right">{o.id !== me.id && <OperatorActions id={o.id} email={o.email ?? ""} disabled={o.disabled} />}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      </Card>
    </>
  );
}
