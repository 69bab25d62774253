"use client";

import { TZDate } from "@date-fns/tz";
import { zodResolver } from "@hookform/resolvers/zod";
import { format } from "date-fns";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useForm, useWatch, type Control } from "react-hook-form";
import { toast } from "sonner";

import { CheckboxField, FormActions, FormError, SelectField, TextField } from "@/components/form-fields";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { formActionResult } from "@/lib/client/action-result";
import { boardName, nextRuns } from "@/lib/domain/leaderboards/schedule";
import { ZLeaderboardScheduleInput, ZRecurrence, type TLeaderboardScheduleInput } from "@/lib/schemas/leaderboards";

import { createScheduleAction, updateScheduleAction } from "../../actions";
import { BoardConfigFields } from "../../_components/board-config-fields";
import { BOARD_TYPES } from "../../_components/board-form";

const KINDS = [
  { value: "DAILY", label: "Daily" },
  { value: "WEEKLY", label: "Weekly" },
  { value: "MONTHLY", label: "Monthly" },
  { value: "INTERVAL", label: "Every N seconds" },
];

const ZONES: string[] = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC"];

export function ScheduleForm({
  mode,
  scheduleId,
  initial,
  games,
}: {
  mode: "create" | "edit";
  scheduleId?: string;
  initial: TLeaderboardScheduleInput;
  games: { id: number; name: string; provider: string | null }[];
}) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TLeaderboardScheduleInput>({
    resolver: zodResolver(ZLeaderboardScheduleInput),
    defaultValues: initial,
    mode: "onTouched",
  });
  const kind = useWatch({ control: form.control, name: "config.recurrence.kind" });

  const onSubmit = form.handleSubmit(async (values) => {
    const clean = {
      ...values,
      config: {
        ...values.config,
        recurrence: {
          ...values.config.recurrence,
          intervalSeconds:
            values.config.recurrence.kind === "INTERVAL" ? values.config.recurrence.intervalSeconds : undefined,
        },
      },
    };
    const res =
      mode === "create"
        ? await createScheduleAction(clean)
        : await updateScheduleAction({ id: scheduleId!, values: clean });
    const data = formActionResult(form, res, setFormError, "values");
    if (!data) return;
    toast.success(mode === "create" ? "Schedule created" : "Schedule saved");
    router.push(`/leaderboards/schedules/${data.id}`);
    router.refresh();
  });

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <Form {...form}>
        <form onSubmit={onSubmit} className="grid min-w-0 gap-6" noValidate aria-label="Schedule">
          <FormError message={formError} />
          <Card>
            <CardHeader>
              <CardTitle>Schedule</CardTitle>
              <CardDescription>Each run is one board; a run ends where the next begins.</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4 sm:grid-cols-2">
              <TextField control={form.control} name="name" label="Schedule name" />
              <TextField
                control={form.control}
                name="config.nameTemplate"
                label="Board name template"
                description="{n} = run number, {date} = start date in the zone."
              />
              <SelectField
                control={form.control}
                name="config.type"
                label="Ranked by"
                options={BOARD_TYPES}
                className="sm:col-span-2"
              />
              <FormField
                control={form.control}
                name="config.recurrence.kind"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Repeats</FormLabel>
                    <FormControl>
                      <select
                        className="h-9 rounded-md border border-input bg-transparent px-3 text-sm"
                        {...field}
                        onChange={(e) => {
                          field.onChange(e.target.value);
                          if (e.target.value === "INTERVAL" && !form.getValues("config.recurrence.intervalSeconds")) {
                            form.setValue("config.recurrence.intervalSeconds", 3600);
                          }
                        }}
                      >
                        {KINDS.map((k) => (
                          <option key={k.value} value={k.value}>
                            {k.label}
                          </option>
                        ))}
                      </select>
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
              {kind === "INTERVAL" ? (
                <TextField
                  control={form.control}
                  name="config.recurrence.intervalSeconds"
                  label="Every (seconds)"
                  type="number"
                  description="At least 60; 3600 = hourly."
                />
              ) : (
                <div className="hidden sm:block" />
              )}
              <FormField
                control={form.control}
                name="config.recurrence.timeZone"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>Time zone</FormLabel>
                    <FormControl>
                      <Input list="time-zones" {...field} />
                    </FormControl>
                    <datalist id="time-zones">
                      {ZONES.map((z) => (
                        <option key={z} value={z} />
                      ))}
                    </datalist>
                    <FormDescription>Days, weeks and months follow this zone&apos;s calendar.</FormDescription>
                    <FormMessage />
                  </FormItem>
                )}
              />
              <ZonedStartField control={form.control} />
              <CheckboxField
                control={form.control}
                name="enabled"
                label="Enabled"
                description="Creates the current board now, and each next one when a board starts. Disabling stops boards not yet created."
                className="sm:col-span-2"
              />
            </CardContent>
          </Card>
          <BoardConfigFields control={form.control} prefix="config.leaderboard" games={games} />
          <FormActions submitLabel={mode === "create" ? "Create schedule" : "Save changes"} pending={form.formState.isSubmitting} onCancel={() => router.back()} />
        </form>
      </Form>
      <RunsPreview control={form.control} />
    </div>
  );
}

/** First start as a wall-clock time in the schedule's zone, stored as an ISO instant (UTC). */
function ZonedStartField({ control }: { control: Control<TLeaderboardScheduleInput> }) {
  const timeZone = useWatch({ control, name: "config.recurrence.timeZone" });
  const zone = safeZone(timeZone);
  return (
    <FormField
      control={control}
      name="config.recurrence.firstStart"
      render={({ field }) => (
        <FormItem>
          <FormLabel>First start ({zone})</FormLabel>
          <FormControl>
            <Input
              type="datetime-local"
              value={field.value ? format(new TZDate(new Date(field.value).getTime(), zone), "yyyy-MM-dd'T'HH:mm") : ""}
              onChange={(e) => {
                const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(e.target.value);
                if (!m) return field.onChange("");
                const local = new TZDate(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], 0, zone);
                field.onChange(new Date(local.getTime()).toISOString());
              }}
              onBlur={field.onBlur}
            />
          </FormControl>
          <FormMessage />
        </FormItem>
      )}
    />
  );
}

function safeZone(tz: string | undefined): string {
  try {
    if (tz) {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      return tz;
    }
  } catch {
    /* an unknown zone while typing: show UTC until it is valid */
  }
  return "UTC";
}

/** The next five runs, in the schedule's zone, with the names their boards will get. */
function RunsPreview({ control }: { control: Control<TLeaderboardScheduleInput> }) {
  const [recurrence, template] = useWatch({ control, name: ["config.recurrence", "config.nameTemplate"] });
  const runs = useMemo(() => {
    const parsed = ZRecurrence.safeParse(recurrence);
    if (!parsed.success) return null;
    return nextRuns(parsed.data, new Date(), 5).map((r) => ({
      ...r,
      name: boardName(template || "", parsed.data, r.index),
      startLocal: format(new TZDate(r.start.getTime(), parsed.data.timeZone), "EEE d MMM yyyy, HH:mm"),
      endLocal: format(new TZDate(r.end.getTime(), parsed.data.timeZone), "EEE d MMM yyyy, HH:mm"),
    }));
  }, [recurrence, template]);
  return (
    <Card className="h-fit xl:sticky xl:top-20" data-testid="runs-preview">
      <CardHeader>
        <CardTitle>Next five runs</CardTitle>
        <CardDescription>In {safeZone(recurrence?.timeZone)}.</CardDescription>
      </CardHeader>
      <CardContent>
        {runs ? (
          <ol className="grid gap-3 text-sm">
            {runs.map((r) => (
              <li key={r.index} className="border-b pb-2 last:border-0">
                <span className="font-medium">{r.name || `Run ${r.index + 1}`}</span>
                <span className="block text-muted-foreground">
                  {r.startLocal} → {r.endLocal}
                </span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-sm text-muted-foreground">Fill in the recurrence to see the runs.</p>
        )}
      </CardContent>
    </Card>
  );
}
