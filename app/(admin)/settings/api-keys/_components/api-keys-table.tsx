"use client";

import { KeyRound } from "lucide-react";
import { toast } from "sonner";

import { ConfirmDialog } from "@/components/confirm-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/client/format";
import type { TApiKeyDto } from "@/lib/server/api-keys/queries";

import { revokeApiKeyAction } from "../actions";

export function ApiKeysTable({ keys }: { keys: TApiKeyDto[] }) {
  if (keys.length === 0) {
    return (
      <Card className="border-dashed">
        <CardContent className="flex flex-col items-center gap-2 py-10 text-center">
          <KeyRound className="size-8 text-muted-foreground" />
          <p className="font-medium">No API keys yet</p>
          <p className="text-sm text-muted-foreground">Create one for the casino platform to start sending events.</p>
        </CardContent>
      </Card>
    );
  }
  return (
    <Card className="py-0">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Key</TableHead>
            <TableHead>Created</TableHead>
            <TableHead>Last used</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="text-right">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
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
        </TableBody>
      </Table>
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
        if (res?.serverError) {
          toast.error(res.serverError);
          return false;
        }
        toast.success(`Key "${name}" revoked`);
        return true;
      }}
    />
  );
}
