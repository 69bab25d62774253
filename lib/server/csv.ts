import "server-only";

import { stringify } from "csv-stringify/sync";

export type TCsvColumn<T> = { header: string; value: (row: T) => string | number | null };

/**
 * A CSV download streamed batch by batch: each batch from `batches` is formatted and sent as it
 * arrives, so a large export never sits in memory whole. The header row goes first.
 */
export function csvResponse<T>(filename: string, columns: TCsvColumn<T>[], batches: AsyncIterable<T[]>): Response {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(stringify([columns.map((c) => c.header)])));
    },
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(stringify(next.value.map((row) => columns.map((c) => c.value(row) ?? "")))));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}

/** One batch, for exports whose rows are already bounded. */
export async function* once<T>(rows: T[]): AsyncGenerator<T[]> {
  yield rows;
}
