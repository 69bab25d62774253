"use client";

import { EntityForm, FormSection, useEntityForm, type TEntityFormProps } from "@/components/entity-form";
import { SelectField, TextField, UtcDateTimeField } from "@/components/form-fields";
import { ZLeaderboardInput, type TLeaderboardInput } from "@/lib/schemas/leaderboards";

import { createBoardAction, updateBoardAction } from "../actions";
import { BoardConfigFields } from "./board-config-fields";

const SAVE = { create: createBoardAction, update: updateBoardAction, noun: "Leaderboard", path: "/leaderboards" };

export const BOARD_TYPES = [
  { value: "WAGERED", label: "Wagered: USD wagered on eligible bets" },
  { value: "MULTIPLIER", label: "Multiplier: the best payout multiplier" },
];

export function BoardForm({
  id,
  initial,
  games,
  started = false,
}: TEntityFormProps<TLeaderboardInput> & {
  games: { id: number; name: string; provider: string | null }[];
  started?: boolean;
}) {
  const entity = useEntityForm({ schema: ZLeaderboardInput, initial, id, ...SAVE });
  const { form } = entity;

  return (
    <EntityForm entity={entity} label="Leaderboard" createLabel="Create leaderboard">
      <FormSection title="Board">
        <TextField control={form.control} name="name" label="Name" className="sm:col-span-2" />
        <fieldset disabled={started} className="contents">
          <SelectField
            control={form.control}
            name="type"
            label="Ranked by"
            options={BOARD_TYPES}
            className="sm:col-span-2"
          />
          <UtcDateTimeField control={form.control} name="startDate" label="Starts (UTC)" />
        </fieldset>
        <UtcDateTimeField control={form.control} name="endDate" label="Ends (UTC)" />
      </FormSection>
      <BoardConfigFields control={form.control} prefix="config" games={games} locked={started} />
    </EntityForm>
  );
}
