"use client";

import { KeyRound } from "lucide-react";
import { toast } from "sonner";

import { ConfirmDialog } from "@/components/confirm-dialog";
import { DataTable, right } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TableCell, TableRow } from "@/components/ui/table";
import { toastServerError } from "@/lib/client/action-result";
import { formatDateTime } from "@/lib/client/format";
import type { TApiKeyDto } from "@/lib/server/api-keys/queries";

import { revokeApiKeyAction } from "../actions";

export function ApiKeysTable({ keys }: { keys: TApiKeyDto[] }) {
  if (keys.length === 0) {
    return <EmptyState icon={KeyRound} title="No API keys yet" hint="Create one for the casino platform to start sending events." />;
  }
  return (
    <Card className="py-0">
      <DataTable columns={["Name", "Key", "Created", "Last used", "Status", right(<span className="sr-only">Actions</span>)]}>
        {keys.map((k) => (
          <TableRow key={k.id} data-testid={`api-key-${k.name}`}>
            <TableCell className="font-medium">{k.name}</TableCell>
            <TableCell className="font-mono text-xs">{k.prefix}…</TableCell>
            <TableCell>
              {formatDateTime(k.createdAt)}
              <span className="block text-xs text-muted-foreground">by {k.createdBy}</span>
            </TableCell>
            <TableCell>{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : <span className="text-muted-foreground">never</span>}</TableCell>
            <TableCell>{k.revokedAt ? <Badge variant="muted">Revoked</Badge> : <Badge variant="success">Active</Badge>}</TableCell>
            <TableCell className="text-right">{!k.revokedAt && <RevokeButton id={k.id} name={k.name} />}</TableCell>
          </TableRow>
        ))}
      </DataTable>
    </Card>
  );
}

function RevokeButton({ id, name }: { id: string; name: string }) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline" size="sm">
          Revoke
        </Button>
      }
      title={<>Revoke &ldquo;{name}&rdquo;?</>}
      description="Requests with this key are refused from now on. This can't be undone."
      confirmLabel="Revoke key"
      onConfirm={async () => {
        const res = await revokeApiKeyAction({ id });
        if (toastServerError(res)) return false;
        toast.success(`Key "${name}" revoked`);
        return true;
      }}
    />
  );
}
