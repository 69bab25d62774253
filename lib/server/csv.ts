import "server-only";

import { stringify } from "csv-stringify/sync";

import { isDecimalText } from "@/lib/schemas/money";

/**
 * A column of a CSV download. Cells are text, neutralised against formulas, unless the column is
 * `numeric` (our own ids, counts and USD figures): those stay numbers a spreadsheet can sum.
 */
export type TCsvColumn<T> = { header: string; value: (row: T) => string | number | null; numeric?: boolean };

// A cell a spreadsheet would run as a formula (OWASP's list, plus the full-width forms some
// spreadsheets also accept): a username `=HYPERLINK(...)` or `@SUM(...)` must arrive as text.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** One cell as written: a leading `'` makes spreadsheets show the text instead of evaluating it. */
export function csvCell(value: string | number | null, numeric = false): string {
  if (value === null) return "";
  const text = String(value);
  // A negative figure in a numeric column is a number, not a formula; anything else there is text.
  if (numeric && isDecimalText(text, { signed: true })) return text;
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function formatRows<T>(columns: TCsvColumn<T>[], rows: T[]): string {
  return stringify(rows.map((row) => columns.map((c) => csvCell(c.value(row), c.numeric))));
}

/**
 * A CSV download streamed batch by batch: each batch from `batches` is formatted and sent as it
 * arrives, so a large export never sits in memory whole. The first batch is read before answering,
 * so a failing query is an error response rather than a 200 cut off mid-file.
 */
export async function csvResponse<T>(filename: string, columns: TCsvColumn<T>[], batches: AsyncIterable<T[]>): Promise<Response> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  const first = await iterator.next();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(stringify([columns.map((c) => csvCell(c.header))])));
      if (first.done) return controller.close();
      controller.enqueue(encoder.encode(formatRows(columns, first.value)));
    },
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(formatRows(columns, next.value)));
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
      "x-content-type-options": "nosniff",
    },
  });
}

/** One batch, for exports whose rows are already bounded. */
export async function* once<T>(rows: T[]): AsyncGenerator<T[]> {
  yield rows;
}
