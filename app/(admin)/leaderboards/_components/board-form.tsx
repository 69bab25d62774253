"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";

import { FormActions, FormError, SelectField, TextField, UtcDateTimeField } from "@/components/form-fields";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Form } from "@/components/ui/form";
import { formActionResult } from "@/lib/client/action-result";
import { ZLeaderboardInput, type TLeaderboardInput } from "@/lib/schemas/leaderboards";

import { createBoardAction, updateBoardAction } from "../actions";
import { BoardConfigFields } from "./board-config-fields";

export const BOARD_TYPES = [
  { value: "WAGERED", label: "Wagered: USD wagered on eligible bets" },
  { value: "MULTIPLIER", label: "Multiplier: the best payout multiplier" },
];

export function BoardForm({
  mode,
  boardId,
  initial,
  games,
  started = false,
}: {
  mode: "create" | "edit";
  boardId?: string;
  initial: TLeaderboardInput;
  games: { id: number; name: string; provider: string | null }[];
  started?: boolean;
}) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TLeaderboardInput>({
    resolver: zodResolver(ZLeaderboardInput),
    defaultValues: initial,
    mode: "onTouched",
  });

  const onSubmit = form.handleSubmit(async (values) => {
    const res = mode === "create" ? await createBoardAction(values) : await updateBoardAction({ id: boardId!, values });
    const data = formActionResult(form, res, setFormError, "values");
    if (!data) return;
    toast.success(mode === "create" ? "Leaderboard created" : "Leaderboard saved");
    router.push(`/leaderboards/${data.id}`);
    router.refresh();
  });

  return (
    <Form {...form}>
      <form onSubmit={onSubmit} className="grid max-w-3xl gap-6" noValidate aria-label="Leaderboard">
        <FormError message={formError} />
        <Card>
          <CardHeader>
            <CardTitle>Board</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-2">
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
          </CardContent>
        </Card>
        <BoardConfigFields control={form.control} prefix="config" games={games} locked={started} />
        <FormActions submitLabel={mode === "create" ? "Create leaderboard" : "Save changes"} pending={form.formState.isSubmitting} onCancel={() => router.back()} />
      </form>
    </Form>
  );
}
