"use client";

import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { useMemo } from "react";
import { useWatch, type Control } from "react-hook-form";

import { EntityForm, FormSection, useEntityForm, type TEntityFormProps } from "@/components/entity-form";
import { CheckboxField, LabelledField, SelectField, TextField } from "@/components/form-fields";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
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

const SAVE = { create: createScheduleAction, update: updateScheduleAction, noun: "Schedule", path: "/leaderboards/schedules" };

// An interval only means something for an INTERVAL recurrence; any other kind sends none.
const withoutUnusedInterval = (values: TLeaderboardScheduleInput): TLeaderboardScheduleInput => ({
  ...values,
  config: {
    ...values.config,
    recurrence: {
      ...values.config.recurrence,
      intervalSeconds: values.config.recurrence.kind === "INTERVAL" ? values.config.recurrence.intervalSeconds : undefined,
    },
  },
});

export function ScheduleForm({
  id,
  initial,
  games,
}: TEntityFormProps<TLeaderboardScheduleInput> & { games: { id: number; name: string; provider: string | null }[] }) {
  const entity = useEntityForm({ schema: ZLeaderboardScheduleInput, initial, id, prepare: withoutUnusedInterval, ...SAVE });
  const { form } = entity;
  const kind = useWatch({ control: form.control, name: "config.recurrence.kind" });

  return (
    <EntityForm
      entity={entity}
      label="Schedule"
      createLabel="Create schedule"
      layout="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]"
      aside={<RunsPreview control={form.control} />}
    >
      <FormSection title="Schedule" description="Each run is one board; a run ends where the next begins.">
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
        <LabelledField control={form.control} name="config.recurrence.kind" label="Repeats">
          {(field) => (
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
          )}
        </LabelledField>
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
        <LabelledField
          control={form.control}
          name="config.recurrence.timeZone"
          label="Time zone"
          description={<>Days, weeks and months follow this zone&apos;s calendar.</>}
        >
          {(field) => <Input list="time-zones" {...field} />}
        </LabelledField>
        <datalist id="time-zones">
          {ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <ZonedStartField control={form.control} />
        <CheckboxField
          control={form.control}
          name="enabled"
          label="Enabled"
          description="Creates the current board now, and each next one when a board starts. Disabling stops boards not yet created."
          className="sm:col-span-2"
        />
      </FormSection>
      <BoardConfigFields control={form.control} prefix="config.leaderboard" games={games} />
    </EntityForm>
  );
}

/** First start as a wall-clock time in the schedule's zone, stored as an ISO instant (UTC). */
function ZonedStartField({ control }: { control: Control<TLeaderboardScheduleInput> }) {
  const timeZone = useWatch({ control, name: "config.recurrence.timeZone" });
  const zone = safeZone(timeZone);
  return (
    <LabelledField control={control} name="config.recurrence.firstStart" label={`First start (${zone})`}>
      {(field) => (
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
      )}
    </LabelledField>
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
