"use client";

import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";

import { ConfirmDialog } from "@/components/confirm-dialog";
import { DataTable } from "@/components/data-table";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { TableCell, TableRow } from "@/components/ui/table";
import { fieldError } from "@/lib/client/action-result";
import { formatDateTime, formatUsd } from "@/lib/client/format";
import type { TPromoClaimRow } from "@/lib/server/promo-codes/queries";

import { cancelPlayerClaimAction } from "../actions";
import { ClaimStatusBadge } from "./promo-status-badge";

/** A promo's claims (one row per player), or with `byPromo` one player's claims (one row per promo). */
export function ClaimsTable({ claims, canCancel, byPromo = false }: { claims: TPromoClaimRow[]; canCancel: boolean; byPromo?: boolean }) {
  if (claims.length === 0) {
    return <p className="py-6 text-center text-sm text-muted-foreground">{byPromo ? "This player has claimed no promo." : "No player has claimed this promo yet."}</p>;
  }
  return (
    <DataTable columns={[byPromo ? "Promo" : "Player", "Status", "Wagered / target", "Bonus", "Expires", "Max-bet violations", ...(canCancel ? [null] : [])]}>
      {claims.map((c) => (
        <TableRow key={c.id} data-testid={`claim-row-${c.userId}`}>
          <TableCell>
            {byPromo ? (
              <Link href={`/promo-codes/${c.promoCodeId}`} className="font-mono font-medium hover:underline">
                {c.promoCode}
              </Link>
            ) : (
              <>
                {c.username} <span className="text-xs text-muted-foreground">#{c.userId}</span>
              </>
            )}
            <span className="block text-xs text-muted-foreground">claimed {formatDateTime(c.claimedAt)}</span>
          </TableCell>
          <TableCell>
            <ClaimStatusBadge status={c.status} />
            {c.cancelReason && <span className="block max-w-48 truncate text-xs text-muted-foreground">{c.cancelReason}</span>}
          </TableCell>
          <TableCell className="min-w-40">
            {c.targetUsd ? (
              <>
                <div className="h-2 w-full overflow-hidden rounded bg-muted" role="progressbar" aria-valuenow={Math.round((c.progress ?? 0) * 100)} aria-valuemin={0} aria-valuemax={100}>
                  <div className="h-full bg-primary" style={{ width: `${Math.round((c.progress ?? 0) * 100)}%` }} />
                </div>
                <span className="text-xs">
                  {formatUsd(c.wageredUsd)} / {formatUsd(c.targetUsd)}
                </span>
                {c.voidedAfterEndUsd && (
                  <span className="block text-xs text-muted-foreground" data-testid="voided-after-end">
                    {c.status === "COMPLETED" ? "completed" : "ended"} with {formatUsd(c.voidedAfterEndUsd)} of wagering since voided
                  </span>
                )}
              </>
            ) : (
              <span className="text-muted-foreground">—</span>
            )}
          </TableCell>
          <TableCell>{formatUsd(c.bonusUsd)}</TableCell>
          <TableCell>{c.expiresAt ? formatDateTime(c.expiresAt) : "—"}</TableCell>
          <TableCell>{c.maxBetViolations}</TableCell>
          {canCancel && <TableCell>{c.cancellable && <CancelClaimButton claimId={c.id} player={c.username} />}</TableCell>}
        </TableRow>
      ))}
    </DataTable>
  );
}

function CancelClaimButton({ claimId, player }: { claimId: string; player: string }) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline" size="sm">
          Cancel bonus
        </Button>
      }
      title={<>Cancel {player}&apos;s bonus?</>}
      description="The granted bonus is forfeited (a ledger entry). This can't be undone."
      confirmLabel="Cancel bonus"
      onConfirm={async () => {
        const res = await cancelPlayerClaimAction({ claimId, reason });
        const message = fieldError(res, "reason") ?? res?.serverError;
        if (message) {
          setError(message);
          return false;
        }
        toast.success("Bonus cancelled");
        return true;
      }}
    >
      <div className="grid gap-2">
        <Label htmlFor={`reason-${claimId}`}>Reason</Label>
        <Input id={`reason-${claimId}`} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={!!error} />
        {error && <p className="text-sm text-destructive">{error}</p>}
      </div>
    </ConfirmDialog>
  );
}
