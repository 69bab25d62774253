import { Webhook } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { DataTable, type TColumn } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { Card } from "@/components/ui/card";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/client/format";
import { WEBHOOK_EVENT_TYPES } from "@/lib/schemas/webhooks";
import { requirePermission } from "@/lib/server/auth/guards";
import { listWebhookEndpoints } from "@/lib/server/webhooks/queries";

import { EndpointDialog } from "./_components/endpoint-dialog";
import { EndpointMenu } from "./_components/endpoint-menu";
import { EventTypeList } from "./_components/event-type-list";
import { HealthBadge } from "./_components/health-badge";
import { PingDialog } from "./_components/ping-dialog";

export const metadata: Metadata = { title: "Webhooks" };

// Wide screens: a column each. A phone: everything in the endpoint's cell, so nothing sits off screen.
const WIDE = "hidden md:table-cell";
const NARROW = "md:hidden";
const COLUMNS: TColumn[] = [
  "Endpoint",
  { label: "Events", className: WIDE },
  { label: "Health", className: WIDE },
  { label: <span className="sr-only">Actions</span>, className: `${WIDE} text-right` },
];

export default async function WebhooksPage() {
  await requirePermission("webhooks.admin");
  const endpoints = await listWebhookEndpoints();
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Where Rollover sends what happens to players' bonuses (claims, progress, completion, forfeits, prizes), signed Standard Webhooks style. A secret is shown once, when it is made."
        actions={<EndpointDialog />}
      />
      {endpoints.length === 0 ? (
        <EmptyState icon={Webhook} title="No webhook endpoints yet" hint="Add the CRM's URL to send it bonus events as they happen." />
      ) : (
        <Card className="py-0">
          <DataTable columns={COLUMNS} bodyTestId="webhook-endpoints">
            {endpoints.map((e) => {
              const all = e.eventTypes.length === WEBHOOK_EVENT_TYPES.length;
              const actions = (
                <div className="flex flex-wrap gap-1 md:justify-end">
                  <PingDialog id={e.id} url={e.url} />
                  <EndpointDialog endpoint={{ id: e.id, url: e.url, description: e.description, eventTypes: e.eventTypes, enabled: e.enabled }} />
                  <EndpointMenu id={e.id} url={e.url} enabled={e.enabled} />
                </div>
              );
              const health = (
                <>
                  <HealthBadge health={e.health} />
                  <span className="mt-0.5 block text-xs text-muted-foreground">
                    {e.lastSuccessAt ? `last delivered ${formatDateTime(e.lastSuccessAt)}` : "nothing delivered yet"}
                  </span>
                </>
              );
              return (
                <TableRow key={e.id} data-testid={`webhook-${e.id}`} className="align-top">
                  <TableCell className="max-w-96 min-w-56 whitespace-normal">
                    <Link href={`/settings/webhooks/${e.id}`} className="font-mono text-xs font-medium break-all hover:underline">
                      {e.url}
                    </Link>
                    {e.description && <span className="block text-sm">{e.description}</span>}
                    <span className="block text-xs text-muted-foreground">
                      added {formatDateTime(e.createdAt)} by {e.createdBy}
                      {e.previousSecretExpiresAt && <> · old secret signs until {formatDateTime(e.previousSecretExpiresAt)}</>}
                    </span>
                    {/* A phone: the other columns' facts and the actions, under the URL. */}
                    <div className={`${NARROW} mt-3 grid gap-3`}>
                      <div>{health}</div>
                      <EventTypeList types={e.eventTypes} all={all} />
                      {actions}
                    </div>
                  </TableCell>
                  <TableCell className={`${WIDE} min-w-44 whitespace-normal`}>
                    <EventTypeList types={e.eventTypes} all={all} />
                  </TableCell>
                  <TableCell className={WIDE}>{health}</TableCell>
                  <TableCell className={`${WIDE} text-right`}>{actions}</TableCell>
                </TableRow>
              );
            })}
          </DataTable>
        </Card>
      )}
    </>
  );
}
