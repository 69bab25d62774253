"use client";

import { KeyRound } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
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
  const [pending, setPending] = useState(false);
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          Revoke
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Revoke &ldquo;{name}&rdquo;?</DialogTitle>
          <DialogDescription>Requests with this key are refused from now on. This can&apos;t be undone.</DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Keep it</Button>
          </DialogClose>
          <Button
            variant="destructive"
            disabled={pending}
            onClick={async () => {
              setPending(true);
              const res = await revokeApiKeyAction({ id });
              setPending(false);
              if (res?.serverError) toast.error(res.serverError);
              else toast.success(`Key "${name}" revoked`);
            }}
          >
            Revoke key
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
