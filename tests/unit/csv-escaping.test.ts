import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";

import { csvCell, csvResponse, once, type TCsvColumn } from "@/lib/server/csv";

// Usernames come from the platform: a player can pick any of these (SPEC §7).
const ATTACKS = ['=HYPERLINK("https://evil.example","click")', "@SUM(A1:A9)", "+1", "-1", "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0", "＝1+1"];

type TRow = { id: number; name: string; usd: string };
const COLUMNS: TCsvColumn<TRow>[] = [
  { header: "Id", value: (r) => r.id, numeric: true },
  { header: "Name", value: (r) => r.name },
  { header: "USD", value: (r) => r.usd, numeric: true },
];

async function download(rows: TRow[]): Promise<string[][]> {
  const res = await csvResponse("t.csv", COLUMNS, once(rows));
  return parse(await res.text(), { relax_column_count: true });
}

describe("CSV exports neutralise formulas (SPEC §7)", () => {
  it.each(ATTACKS)("a username %j arrives as text, not as a formula", async (name) => {
    const [, row] = await download([{ id: 7, name, usd: "-12.50" }]);
    expect(row[1]).toBe(`'${name}`);
  });

  it("numbers of numeric columns stay numbers, negative ones too", async () => {
    const [header, row] = await download([{ id: 7, name: "alice", usd: "-12.50" }]);
    expect(header).toEqual(["Id", "Name", "USD"]);
    expect(row).toEqual(["7", "alice", "-12.50"]);
  });

  it("a numeric column holding something else is escaped like text", () => {
    expect(csvCell("-1+cmd", true)).toBe("'-1+cmd");
    expect(csvCell("=1", true)).toBe("'=1");
  });

  it("plain text and empty cells are untouched", () => {
    expect(csvCell("streamer one")).toBe("streamer one");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell(null)).toBe("");
  });

  it("a failing first batch fails the response before any byte is sent", async () => {
    async function* failing(): AsyncGenerator<TRow[]> {
      throw new Error("boom");
    }
    await expect(csvResponse("t.csv", COLUMNS, failing())).rejects.toThrow("boom");
  });
});
