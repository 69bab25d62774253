import { ArrowLeft, Inbox } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { DataTable, NumCell, type TColumn } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { FilterBar } from "@/components/filter-bar";
import { emptyListTitle } from "@/components/list-page";
import { ListPager } from "@/components/list-pager";
import { PageHeader, PageMeta } from "@/components/page-header";
import { StatusFilter } from "@/components/status-badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NativeSelect } from "@/components/ui/native-select";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/client/format";
import { WEBHOOK_EVENT_TYPES, WEBHOOK_LOG_TYPES, ZWebhookDeliveryQuery } from "@/lib/schemas/webhooks";
import { requirePermission } from "@/lib/server/auth/guards";
import { getWebhookEndpoint, listWebhookDeliveries, type TWebhookDeliveryDto } from "@/lib/server/webhooks/queries";

import { rowByUuidOr404 } from "../../../_lib/route-row";
import { DELIVERY_STATUSES, DeliveryStatusBadge } from "../_components/delivery-status";
import { EndpointDialog } from "../_components/endpoint-dialog";
import { EndpointMenu } from "../_components/endpoint-menu";
import { EventTypeList } from "../_components/event-type-list";
import { HealthBadge } from "../_components/health-badge";
import { PingDialog } from "../_components/ping-dialog";
import { ResendButton } from "../_components/resend-button";

export const metadata: Metadata = { title: "Webhook deliveries" };

/** An endpoint and its delivery log: newest first, 50 a page, filtered by status and event type in the URL. */
export default async function WebhookEndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string>>;
}) {
  await requirePermission("webhooks.admin");
  const endpoint = await rowByUuidOr404(params, getWebhookEndpoint);
  const q = ZWebhookDeliveryQuery.parse(await searchParams);
  const { rows, total, page, pageSize } = await listWebhookDeliveries(endpoint.id, q);
  const path = `/settings/webhooks/${endpoint.id}`;

  return (
    <>
      <Button asChild variant="ghost" size="sm" className="mb-2 -ml-2">
        <Link href="/settings/webhooks">
          <ArrowLeft /> Webhooks
        </Link>
      </Button>
      <PageHeader
        title={endpoint.description || "Webhook endpoint"}
        actions={
          <>
            <PingDialog id={endpoint.id} url={endpoint.url} />
            <EndpointDialog endpoint={{ id: endpoint.id, url: endpoint.url, description: endpoint.description, eventTypes: endpoint.eventTypes, enabled: endpoint.enabled }} />
            <EndpointMenu id={endpoint.id} url={endpoint.url} enabled={endpoint.enabled} showLogLink={false} />
          </>
        }
      />
      <PageMeta>
        <span className="min-w-0 font-mono text-xs break-all text-foreground" data-testid="endpoint-url">
          {endpoint.url}
        </span>
        <HealthBadge health={endpoint.health} />
        <span>{endpoint.lastSuccessAt ? `· last delivered ${formatDateTime(endpoint.lastSuccessAt)}` : "· nothing delivered yet"}</span>
      </PageMeta>
      <details className="mb-4 text-sm">
        <summary className="cursor-pointer text-muted-foreground">
          Subscribed to {endpoint.eventTypes.length} of {WEBHOOK_EVENT_TYPES.length} event types
        </summary>
        <div className="mt-2">
          <EventTypeList types={endpoint.eventTypes} all={false} />
        </div>
      </details>

      <h2 className="mb-2 text-lg font-semibold">Delivery log</h2>
      <FilterBar resetHref={path} label="Filter deliveries">
        <StatusFilter value={q.status} labels={DELIVERY_STATUSES} />
        <NativeSelect name="type" defaultValue={q.type ?? ""} aria-label="Event type">
          <option value="">Any event type</option>
          {WEBHOOK_LOG_TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </NativeSelect>
      </FilterBar>
      {rows.length === 0 ? (
        <EmptyState
          icon={Inbox}
          title={emptyListTitle(["delivery", "deliveries"], !!(q.status || q.type))}
          hint="Each event the endpoint subscribes to is listed here with its attempts; Ping sends one now."
        />
      ) : (
        <Card className="py-0">
          <DataTable columns={COLUMNS} bodyTestId="webhook-deliveries">
            {rows.map((d) => (
              <DeliveryRow key={d.id} delivery={d} path={path} />
            ))}
          </DataTable>
        </Card>
      )}
      <ListPager total={total} page={page} pageSize={pageSize} noun={["delivery", "deliveries"]} path={path} query={{ status: q.status, type: q.type }} />
    </>
  );
}

// Wide screens: a column each. Narrower: the delivery's facts and Resend under its event, so nothing sits off screen.
const WIDE = "hidden lg:table-cell";
const NARROW = "lg:hidden";
const COLUMNS: TColumn[] = [
  "Event",
  { label: "Status", className: WIDE },
  { label: "Attempts", className: `${WIDE} text-right` },
  { label: "Last attempt", className: WIDE },
  { label: <span className="sr-only">Actions</span>, className: `${WIDE} text-right` },
];

function DeliveryRow({ delivery: d, path }: { delivery: TWebhookDeliveryDto; path: string }) {
  const status = (
    <>
      <DeliveryStatusBadge status={d.status} />
      {d.nextAttemptAt && <span className="mt-0.5 block text-xs text-muted-foreground">next {formatDateTime(d.nextAttemptAt)}</span>}
    </>
  );
  const last = d.lastAttemptAt ? (
    <>
      <span className="block">{formatDateTime(d.lastAttemptAt)}</span>
      {d.lastStatusCode !== null && <span className="font-medium">HTTP {d.lastStatusCode}</span>}
      {d.lastError && <span className="line-clamp-2 block break-words text-muted-foreground">{d.lastError}</span>}
    </>
  ) : (
    <span className="text-muted-foreground">not attempted yet</span>
  );
  const resend = <ResendButton deliveryId={d.id} label={`Resend ${d.webhookId}`} />;
  return (
    <TableRow data-testid={`delivery-${d.webhookId}`} className="align-top">
      <TableCell className="min-w-56 whitespace-normal">
        <Link href={`${path}/deliveries/${d.id}`} className="font-mono text-xs font-medium hover:underline">
          {d.type}
        </Link>
        <span className="block font-mono text-xs break-all text-muted-foreground" title="webhook-id">
          {d.webhookId}
        </span>
        <span className="block text-xs text-muted-foreground">{formatDateTime(d.createdAt)}</span>
        <div className={`${NARROW} mt-2 grid gap-2 text-xs`}>
          <div>
            {status} <span className="text-muted-foreground">· {d.attempts === 1 ? "1 attempt" : `${d.attempts} attempts`}</span>
          </div>
          <div>{last}</div>
          <div>{resend}</div>
        </div>
      </TableCell>
      <TableCell className={WIDE}>{status}</TableCell>
      <NumCell className={WIDE}>{d.attempts}</NumCell>
      <TableCell className={`${WIDE} max-w-72 min-w-40 text-xs whitespace-normal`}>{last}</TableCell>
      <TableCell className={`${WIDE} text-right`}>{resend}</TableCell>
    </TableRow>
  );
}
