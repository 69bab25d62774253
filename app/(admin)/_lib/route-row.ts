import "server-only";

import { notFound } from "next/navigation";

import { int4FromText, isUuid } from "@/lib/schemas/ids";

/** A detail page's row from its route `[id]`: a malformed id, or one with no row, is the 404 page. */
async function rowOr404<I, T>(
  params: Promise<{ id: string }>,
  parse: (raw: string) => I | null,
  load: (id: I) => Promise<T | null>,
): Promise<T> {
  const id = parse((await params).id);
  if (id === null) notFound();
  return (await load(id)) ?? notFound();
}

/** The row of a uuid-keyed detail page (promo, board, challenge, schedule). */
export function rowByUuidOr404<T>(params: Promise<{ id: string }>, load: (id: string) => Promise<T | null>) {
  return rowOr404(params, (raw) => (isUuid(raw) ? raw : null), load);
}

/** The row of a page keyed by a platform user id (player, streamer). */
export function rowByUserIdOr404<T>(params: Promise<{ id: string }>, load: (id: number) => Promise<T | null>) {
  return rowOr404(params, int4FromText, load);
}
