"use client";

import { formatUsd, formatUsdCompact } from "@/lib/client/format";
import { niceTicks } from "@/lib/client/chart-ticks";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// Report charts on recharts, in the theme's chart colours. Lines are straight between days (a
// smoothed curve would draw values no day had); money axes tick at round values (chart-ticks.ts). Values arrive as plain numbers already
// rounded for display (the exact decimals stay in the tables next to them).

export type TSeries = { key: string; label: string; color?: number; kind?: "line" | "bar" };

const color = (i: number) => `var(--chart-${(i % 5) + 1})`;
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const tick = (money: boolean) => (v: number) => (money ? formatUsdCompact(v) : compact.format(v));
const tooltip = (money: boolean) => (v: unknown) => (money ? formatUsd(Number(v)) : compact.format(Number(v)));

/** Every plotted value of `series` in `data`, for the axis' nice ticks. */
function plotted<T>(data: T[], series: TSeries[]): number[] {
  return data.flatMap((row) => series.map((s) => Number((row as Record<string, unknown>)[s.key])));
}

function shortDay(day: string) {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "2-digit", month: "short", timeZone: "UTC" });
}

/** One or more series over days (x = "YYYY-MM-DD"). */
export function DailyChart<T extends { day: string }>({
  data,
  series,
  money = true,
  height = 240,
  label,
}: {
  data: T[];
  series: TSeries[];
  money?: boolean;
  height?: number;
  label: string;
}) {
  const bars = series.every((s) => s.kind === "bar");
  const Chart = bars ? BarChart : LineChart;
  const axis = niceTicks(plotted(data, series));
  return (
    <div role="img" aria-label={label} style={{ height }} className="w-full text-xs">
      <ResponsiveContainer width="100%" height="100%">
        <Chart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" className="stroke-border" vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} tickLine={false} axisLine={false} minTickGap={24} />
          <YAxis domain={axis.domain} ticks={axis.ticks} interval={0} tickFormatter={tick(money)} tickLine={false} axisLine={false} width={56} />
          <Tooltip
            labelFormatter={(d) => shortDay(String(d))}
            formatter={tooltip(money)}
            contentStyle={{ background: "var(--popover)", border: "1px solid var(--border)", borderRadius: 8 }}
          />
          {series.length > 1 && <Legend />}
          {series.map((s, i) =>
            bars ? (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={color(s.color ?? i)} radius={[3, 3, 0, 0]} isAnimationActive={false} />
            ) : (
              <Line key={s.key} dataKey={s.key} name={s.label} stroke={color(s.color ?? i)} strokeWidth={2} dot={false} type="linear" isAnimationActive={false} />
            ),
          )}
        </Chart>
      </ResponsiveContainer>
    </div>
  );
}

/** Horizontal bars by name (top-N charts). */
export function RankedBars<T extends { name: string }>({
  data,
  series,
  money = true,
  label,
}: {
  data: T[];
  series: TSeries[];
  money?: boolean;
  label: string;
}) {
  const axis = niceTicks(plotted(data, series));
  return (
    <div role="img" aria-label={label} style={{ height: Math.max(160, data.length * 30 + 40) }} className="w-full text-xs">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" className="stroke-border" horizontal={false} />
          <XAxis type="number" domain={axis.domain} ticks={axis.ticks} interval={0} tickFormatter={tick(money)} tickLine={false} axisLine={false} />
          <YAxis type="category" dataKey="name" width={110} tickLine={false} axisLine={false} />
          <Tooltip
            formatter={tooltip(money)}
            contentStyle={{ background: "var(--popover)", border: "1px solid var(--border)", borderRadius: 8 }}
          />
          {series.length > 1 && <Legend />}
          {series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={color(s.color ?? i)} radius={[0, 3, 3, 0]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
