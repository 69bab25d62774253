import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { DataTable, NumCell, type TColumn } from "@/components/data-table";
import { PageHeader, PageMeta } from "@/components/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/client/format";
import { isUuid } from "@/lib/schemas/ids";
import { requirePermission } from "@/lib/server/auth/guards";
import { getWebhookDelivery, RESPONSE_SHOWN_CHARS } from "@/lib/server/webhooks/queries";

import { DeliveryStatusBadge } from "../../../_components/delivery-status";
import { ResendButton } from "../../../_components/resend-button";

export const metadata: Metadata = { title: "Webhook delivery" };

const none = <span className="text-muted-foreground">—</span>;
// Wide screens: a column each; a phone: each attempt's facts under its time.
const WIDE = "hidden md:table-cell";
const NARROW = "md:hidden";
const ATTEMPT_COLUMNS: TColumn[] = [
  "When",
  { label: "Took", className: `${WIDE} text-right` },
  { label: "Status", className: WIDE },
  { label: "Error", className: WIDE },
  { label: "Response", className: WIDE },
];
const CUT = `(cut at ${RESPONSE_SHOWN_CHARS.toLocaleString("en-US")} characters)`;

/** One delivery: its event's payload, the receiver's last answer and every attempt. Texts from receivers are shown as text. */
export default async function WebhookDeliveryPage({ params }: { params: Promise<{ id: string; deliveryId: string }> }) {
  await requirePermission("webhooks.admin");
  const { id, deliveryId } = await params;
  if (!isUuid(id) || !isUuid(deliveryId)) notFound();
  const d = await getWebhookDelivery(id, deliveryId);
  if (!d) notFound();

  return (
    <>
      <Button asChild variant="ghost" size="sm" className="mb-2 -ml-2">
        <Link href={`/settings/webhooks/${id}`}>
          <ArrowLeft /> Delivery log
        </Link>
      </Button>
      <PageHeader title={d.type} actions={<ResendButton deliveryId={d.id} label="Resend" />} />
      <PageMeta>
        <span data-testid="delivery-status">
          <DeliveryStatusBadge status={d.status} />
        </span>
        <span className="font-mono text-xs break-all" data-testid="webhook-id">
          webhook-id {d.webhookId}
        </span>
        <span>· {d.attempts === 1 ? "1 attempt" : `${d.attempts} attempts`}</span>
        <span>· event at {formatDateTime(d.eventAt)}</span>
        {d.deliveredAt && <span>· delivered {formatDateTime(d.deliveredAt)}</span>}
        {d.nextAttemptAt && <span>· next attempt {formatDateTime(d.nextAttemptAt)}</span>}
      </PageMeta>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Last response</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-2 text-sm">
            <p>
              {d.lastStatusCode !== null ? <span className="font-medium">HTTP {d.lastStatusCode}</span> : "No HTTP answer"}
              {d.lastAttemptAt && <span className="text-muted-foreground"> · {formatDateTime(d.lastAttemptAt)}</span>}
            </p>
            {d.lastError && <p className="break-words text-destructive">{d.lastError}</p>}
            <TextBlock text={d.lastResponse} cut={d.lastResponseCut} empty="No body" testId="last-response" />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Payload data</CardTitle>
          </CardHeader>
          <CardContent>
            <TextBlock text={d.payload} cut={false} empty="No data" testId="payload" />
          </CardContent>
        </Card>
      </div>

      <h2 className="mt-6 mb-2 text-lg font-semibold">Attempts</h2>
      <Card className="py-0">
        <DataTable columns={ATTEMPT_COLUMNS} bodyTestId="webhook-attempts">
          {d.attempts === 0 || d.attemptRows.length === 0 ? (
            <TableRow>
              <TableCell colSpan={5} className="py-6 text-center text-muted-foreground">
                Not attempted yet.
              </TableCell>
            </TableRow>
          ) : (
            d.attemptRows.map((a) => {
              const response = a.response ? (
                <details>
                  <summary className="cursor-pointer text-muted-foreground">{a.response.length.toLocaleString("en-US")} characters</summary>
                  <TextBlock text={a.response} cut={a.responseCut} empty="" />
                </details>
              ) : (
                none
              );
              return (
                <TableRow key={a.id} className="align-top">
                  <TableCell className="min-w-48 text-xs whitespace-normal">
                    {formatDateTime(a.attemptedAt)}
                    {/* A phone: the attempt's other columns under its time. */}
                    <div className={`${NARROW} mt-1 grid gap-1`}>
                      <span>
                        {a.statusCode !== null ? `HTTP ${a.statusCode}` : "No HTTP answer"} · {a.durationMs.toLocaleString("en-US")} ms
                      </span>
                      {a.error && <span className="break-words text-muted-foreground">{a.error}</span>}
                      {a.response && response}
                    </div>
                  </TableCell>
                  <NumCell className={`${WIDE} text-xs`}>{a.durationMs.toLocaleString("en-US")} ms</NumCell>
                  <TableCell className={`${WIDE} text-xs`}>{a.statusCode !== null ? `HTTP ${a.statusCode}` : none}</TableCell>
                  <TableCell className={`${WIDE} max-w-64 min-w-32 text-xs break-words whitespace-normal`}>{a.error ?? none}</TableCell>
                  <TableCell className={`${WIDE} max-w-96 min-w-40 text-xs whitespace-normal`}>{response}</TableCell>
                </TableRow>
              );
            })
          )}
        </DataTable>
      </Card>
    </>
  );
}

/** A receiver's text as text (React escapes it), in a box that scrolls rather than widening the page. */
function TextBlock({ text, cut, empty, testId }: { text: string | null; cut: boolean; empty: string; testId?: string }) {
  if (!text) return <p className="text-muted-foreground">{empty}</p>;
  return (
    <>
      <pre
        tabIndex={0}
        data-testid={testId}
        className="max-h-80 overflow-auto rounded-md bg-muted p-3 font-mono text-xs break-all whitespace-pre-wrap"
      >
        {text}
      </pre>
      {cut && <p className="text-xs text-muted-foreground">{CUT}</p>}
    </>
  );
}
