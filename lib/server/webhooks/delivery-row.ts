import "server-only";

import { Prisma } from "@/lib/generated/prisma/client";

/** What an attempt needs of its delivery, endpoint and event: read with the delivery, or by its claim. */
export type TDeliveryRow = {
  id: string;
  status: string;
  attempts: number;
  endpointId: string;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  eventId: string;
  type: string;
  data: unknown;
  eventCreatedAt: Date;
};

/** TDeliveryRow's columns, of a delivery `d` joined to its endpoint `e` and event `ev`. */
export const DELIVERY_ROW_COLUMNS = Prisma.raw(`
  d.id, d.status::text AS status, d.attempts, e.id AS "endpointId", e.url, e.secret, e."previousSecret",
  e."previousSecretExpiresAt", ev.id AS "eventId", ev.type, ev.data, ev."createdAt" AS "eventCreatedAt"`);

/** What a receiver answered (statusCode null: no answer, `error` says why). */
export type TResult = { statusCode: number | null; error: string | null; response: string | null };

export const isSuccess = (status: number | null) => status !== null && status >= 200 && status < 300;
