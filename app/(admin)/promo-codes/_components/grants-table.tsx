import Link from "next/link";

import { DataTable } from "@/components/data-table";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/client/format";
import type { TPromoGrantRow } from "@/lib/server/grants/queries";

import { ClaimStatusBadge } from "./promo-status-badge";

/** The grants a CRM made of this promo (POST /events/grants): its id, the player, the claim's status, the key, when. */
export function GrantsTable({ grants }: { grants: TPromoGrantRow[] }) {
  if (grants.length === 0) {
    return <p className="py-6 text-center text-sm text-muted-foreground">No grant of this promo yet. A CRM grants it through POST /api/v1/events/grants.</p>;
  }
  return (
    <DataTable columns={["Grant id", "Player", "Claim", "API key", "Granted"]} bodyTestId="promo-grants">
      {grants.map((g) => (
        <TableRow key={g.id} data-testid={`grant-${g.id}`}>
          <TableCell className="max-w-64 font-mono text-xs break-all whitespace-normal">{g.id}</TableCell>
          <TableCell>
            <Link href={`/players/${g.userId}`} className="hover:underline">
              {g.username}
            </Link>{" "}
            <span className="text-xs text-muted-foreground">#{g.userId}</span>
          </TableCell>
          <TableCell>
            <ClaimStatusBadge status={g.claimStatus} />
          </TableCell>
          <TableCell>
            {g.apiKey ? (
              <>
                {g.apiKey.name}
                {g.apiKey.revoked && <span className="block text-xs text-muted-foreground">revoked since</span>}
              </>
            ) : (
              <span className="text-muted-foreground">deleted key</span>
            )}
          </TableCell>
          <TableCell className="text-xs whitespace-nowrap">{formatDateTime(g.grantedAt)}</TableCell>
        </TableRow>
      ))}
    </DataTable>
  );
}
