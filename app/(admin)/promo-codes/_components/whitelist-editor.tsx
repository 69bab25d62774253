"use client";

import { Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";

import { DataTable } from "@/components/data-table";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { TableCell, TableRow } from "@/components/ui/table";
import { ZWhitelistInput } from "@/lib/schemas/promo-codes";

import { saveWhitelistAction } from "../actions";

type TRow = { gameId: number; gameName: string; provider: string; maxBetAmount: string; wagerMultiplier: string; enabled: boolean };

// A row's two decimal inputs: the game's max bet and its weight.
const DECIMAL_INPUTS = [
  { key: "maxBetAmount", label: "Max bet", className: "w-28", placeholder: "no cap" },
  { key: "wagerMultiplier", label: "Weight", className: "w-20" },
] as const;

export function WhitelistEditor({
  promoCodeId,
  initial,
  games,
  readOnly,
}: {
  promoCodeId: string;
  initial: TRow[];
  games: { id: number; name: string; provider: string }[];
  readOnly: boolean;
}) {
  const [rows, setRows] = useState<TRow[]>(initial);
  const [search, setSearch] = useState("");
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const available = games.filter(
    (g) => !rows.some((r) => r.gameId === g.id) && `${g.name} ${g.provider}`.toLowerCase().includes(search.toLowerCase()),
  );
  const update = (i: number, patch: Partial<TRow>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  async function save() {
    const input = { promoCodeId, rows: rows.map(({ gameId, maxBetAmount, wagerMultiplier, enabled }) => ({ gameId, maxBetAmount, wagerMultiplier, enabled })) };
    const parsed = ZWhitelistInput.safeParse(input);
    if (!parsed.success) {
      setErrors(parsed.error.issues.map((i) => `${i.path[1] !== undefined ? `${rows[Number(i.path[1])]?.gameName}: ` : ""}${i.message}`));
      return;
    }
    setErrors([]);
    setSaving(true);
    const res = await saveWhitelistAction(input);
    setSaving(false);
    if (res?.serverError || res?.validationErrors) {
      setErrors([res.serverError ?? "Check the rows and try again."]);
      return;
    }
    toast.success("Whitelist saved; it applies from the next bet");
  }

  return (
    <div className="grid gap-4">
      <p className="text-sm text-muted-foreground">
        With no rows every game counts at weight 1. With rows, only enabled games count, at their weight (0–10); a bet above a
        game&apos;s max bet counts 0 and is recorded as a violation.
      </p>
      {rows.length > 0 && (
        <DataTable columns={["Game", "Max bet (USD)", "Weight", "Enabled", ...(readOnly ? [] : [null])]}>
          {rows.map((r, i) => (
            <TableRow key={r.gameId} data-testid={`whitelist-row-${r.gameName}`}>
              <TableCell>
                {r.gameName} <span className="text-xs text-muted-foreground">{r.provider}</span>
              </TableCell>
              {DECIMAL_INPUTS.map(({ key, label, ...input }) => (
                <TableCell key={key}>
                  <Input
                    aria-label={`${label} for ${r.gameName}`}
                    {...input}
                    inputMode="decimal"
                    disabled={readOnly}
                    value={r[key]}
                    onChange={(e) => update(i, { [key]: e.target.value })}
                  />
                </TableCell>
              ))}
              <TableCell>
                <input
                  type="checkbox"
                  aria-label={`${r.gameName} enabled`}
                  className="size-4 accent-primary"
                  disabled={readOnly}
                  checked={r.enabled}
                  onChange={(e) => update(i, { enabled: e.target.checked })}
                />
              </TableCell>
              {!readOnly && (
                <TableCell>
                  <Button variant="ghost" size="icon" aria-label={`Remove ${r.gameName}`} onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
                    <Trash2 />
                  </Button>
                </TableCell>
              )}
            </TableRow>
          ))}
        </DataTable>
      )}
      {!readOnly && (
        <div className="flex flex-wrap items-center gap-2">
          <Input className="w-48" placeholder="Search games" aria-label="Search games" value={search} onChange={(e) => setSearch(e.target.value)} />
          <NativeSelect
            aria-label="Game to add"
            value=""
            onChange={(e) => {
              const g = games.find((x) => x.id === Number(e.target.value));
              if (g) setRows((rs) => [...rs, { gameId: g.id, gameName: g.name, provider: g.provider, maxBetAmount: "", wagerMultiplier: "1", enabled: true }]);
            }}
          >
            <option value="">{available.length ? `Add a game (${available.length})` : "No game matches"}</option>
            {available.slice(0, 200).map((g) => (
              <option key={g.id} value={g.id}>
                {g.name} — {g.provider}
              </option>
            ))}
          </NativeSelect>
          <Button onClick={save} disabled={saving}>
            <Plus className="hidden" /> Save whitelist
          </Button>
        </div>
      )}
      {errors.length > 0 && (
        <ul role="alert" className="list-inside list-disc text-sm text-destructive">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
