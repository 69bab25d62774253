"use client";

import { Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import {
  useFieldArray,
  useFormState,
  useWatch,
  type Control,
  type FieldArrayPath,
  type FieldPath,
  type FieldValues,
} from "react-hook-form";

import { FormSection } from "@/components/entity-form";
import { SelectField, TextField } from "@/components/form-fields";
import { Button } from "@/components/ui/button";
import { FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { formatUsd } from "@/lib/client/format";
import { prizePool, type TPrize } from "@/lib/domain/leaderboards/board";
import { CURRENCY_IDS } from "@/lib/schemas/money";

type TGame = { id: number; name: string; provider: string | null };

// A prize row's inputs, labelled for screen readers only (the column headers say it on screen).
const PRIZE_INPUTS = [
  { key: "from", label: "from", type: "number" },
  { key: "to", label: "to", type: "number" },
  { key: "usd", label: "USD", inputMode: "decimal" },
] as const;

/**
 * The fields of a board's config (SPEC §2: prize table, eligible games, minimum bet, prize currency,
 * settlement delay), shared by the board form (at "config") and the schedule form (at
 * "config.leaderboard"). `locked` disables what can't change once a board has started.
 */
export function BoardConfigFields<T extends FieldValues>({
  control,
  prefix,
  games,
  locked = false,
  prizesLocked = false,
}: {
  control: Control<T>;
  prefix: string;
  games: TGame[];
  locked?: boolean;
  prizesLocked?: boolean;
}) {
  const path = (name: string) => `${prefix}.${name}` as FieldPath<T>;
  const { fields, append, remove } = useFieldArray({ control, name: path("prizes") as FieldArrayPath<T> });
  const prizes = (useWatch({ control, name: path("prizes") }) ?? []) as TPrize[];
  const { errors } = useFormState({ control, name: path("prizes") });
  const prizeErrors = prefix
    .split(".")
    .reduce<unknown>((e, k) => (e as Record<string, unknown> | undefined)?.[k], errors) as
    { prizes?: { message?: string; root?: { message?: string } } } | undefined;
  const tableError = prizeErrors?.prizes?.root?.message ?? prizeErrors?.prizes?.message;
  const lastTo = prizes.reduce((m, p) => Math.max(m, Number(p?.to) || 0), 0);

  return (
    <>
      <FormSection
        title="Prizes"
        description={
          <>
            USD per rank, paid in the prize currency at the rate of the moment of settlement. Pool:{" "}
            <strong data-testid="prize-pool">
              {formatUsd(prizePool(prizes.map((p) => ({ ...p, from: Number(p.from), to: Number(p.to) }))))}
            </strong>
          </>
        }
        className="grid gap-3"
      >
        <div className="grid grid-cols-[1fr_1fr_1.4fr_auto] gap-2 text-xs font-medium text-muted-foreground">
          <span>From rank</span>
          <span>To rank</span>
          <span>USD each</span>
          <span className="w-9" />
        </div>
        {fields.map((f, i) => (
          <div
            key={f.id}
            className="grid grid-cols-[1fr_1fr_1.4fr_auto] items-start gap-2"
            data-testid={`prize-row-${i}`}
          >
            {PRIZE_INPUTS.map(({ key, label, ...input }) => (
              <TextField
                key={key}
                control={control}
                name={path(`prizes.${i}.${key}`)}
                label={`Range ${i + 1} ${label}`}
                {...input}
                className="[&_label]:sr-only"
              />
            ))}
            <Button
              type="button"
              variant="ghost"
              size="icon"
              aria-label={`Remove range ${i + 1}`}
              disabled={prizesLocked}
              onClick={() => remove(i)}
            >
              <Trash2 />
            </Button>
          </div>
        ))}
        {tableError && (
          <p className="text-sm text-destructive" role="alert">
            {tableError}
          </p>
        )}
        <div>
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={prizesLocked}
            onClick={() => append({ from: lastTo + 1, to: lastTo + 1, usd: "10" } as never)}
          >
            <Plus /> Add range
          </Button>
        </div>
      </FormSection>
      <FormSection
        title="Eligible bets and settlement"
        description={locked && "The board has started: eligible games and the minimum bet are fixed."}
        className="grid items-start gap-4 sm:grid-cols-3"
      >
        <fieldset disabled={locked} className="contents">
          <TextField control={control} name={path("minBetUsd")} label="Minimum bet (USD)" inputMode="decimal" />
        </fieldset>
        <SelectField control={control} name={path("prizeCurrency")} label="Prize currency" options={CURRENCY_IDS} />
        <TextField
          control={control}
          name={path("settleAfterSeconds")}
          label="Settle after (seconds)"
          type="number"
          description="After the end; 300 = 5 minutes."
        />
        <FormField
          control={control}
          name={path("gameIds")}
          render={({ field }) => (
            <FormItem className="sm:col-span-3">
              <FormLabel>Eligible games</FormLabel>
              <GamePicker
                games={games}
                value={(field.value as number[]) ?? []}
                onChange={field.onChange}
                disabled={locked}
              />
              <FormMessage />
            </FormItem>
          )}
        />
      </FormSection>
    </>
  );
}

function GamePicker({
  games,
  value,
  onChange,
  disabled,
}: {
  games: TGame[];
  value: number[];
  onChange: (v: number[]) => void;
  disabled: boolean;
}) {
  const [search, setSearch] = useState("");
  const selected = new Set(value);
  const shown = games
    .filter((g) => !search || `${g.name} ${g.provider ?? ""}`.toLowerCase().includes(search.toLowerCase()))
    .slice(0, 200);
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Input
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="Search games"
          className="w-56"
          aria-label="Search games"
        />
        <span className="text-muted-foreground" data-testid="games-selected">
          {value.length === 0 ? "All games count" : `${value.length} game${value.length === 1 ? "" : "s"} selected`}
        </span>
        {value.length > 0 && !disabled && (
          <Button type="button" variant="ghost" size="sm" onClick={() => onChange([])}>
            Clear (all games)
          </Button>
        )}
      </div>
      <div className="grid max-h-48 gap-1 overflow-y-auto rounded-md border p-2 sm:grid-cols-2 lg:grid-cols-3">
        {shown.map((g) => (
          <label key={g.id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4 accent-primary"
              disabled={disabled}
              checked={selected.has(g.id)}
              onChange={(e) => onChange(e.target.checked ? [...value, g.id] : value.filter((id) => id !== g.id))}
            />
            <span className="truncate">{g.name}</span>
          </label>
        ))}
        {shown.length === 0 && <span className="text-sm text-muted-foreground">No game matches.</span>}
      </div>
    </div>
  );
}
