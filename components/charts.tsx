"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// Report charts on recharts, in the theme's chart colours. Values arrive as plain numbers already
// rounded for display (the exact decimals stay in the tables next to them).

export type TSeries = { key: string; label: string; color?: number; kind?: "line" | "bar" };

const color = (i: number) => `var(--chart-${(i % 5) + 1})`;
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

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
  return (
    <div role="img" aria-label={label} style={{ height }} className="w-full text-xs">
      <ResponsiveContainer width="100%" height="100%">
        <Chart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" className="stroke-border" vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} tickLine={false} axisLine={false} minTickGap={24} />
          <YAxis tickFormatter={(v: number) => (money ? `$${compact.format(v)}` : compact.format(v))} tickLine={false} axisLine={false} width={56} />
          <Tooltip
            labelFormatter={(d) => shortDay(String(d))}
            formatter={(v) => (money ? usd.format(Number(v)) : compact.format(Number(v)))}
            contentStyle={{ background: "var(--popover)", border: "1px solid var(--border)", borderRadius: 8 }}
          />
          {series.length > 1 && <Legend />}
          {series.map((s, i) =>
            bars ? (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={color(s.color ?? i)} radius={[3, 3, 0, 0]} isAnimationActive={false} />
            ) : (
              <Line key={s.key} dataKey={s.key} name={s.label} stroke={color(s.color ?? i)} strokeWidth={2} dot={false} type="monotone" isAnimationActive={false} />
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
  return (
    <div role="img" aria-label={label} style={{ height: Math.max(160, data.length * 30 + 40) }} className="w-full text-xs">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" className="stroke-border" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => (money ? `$${compact.format(v)}` : compact.format(v))} tickLine={false} axisLine={false} />
          <YAxis type="category" dataKey="name" width={110} tickLine={false} axisLine={false} />
          <Tooltip
            formatter={(v) => (money ? usd.format(Number(v)) : compact.format(Number(v)))}
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
