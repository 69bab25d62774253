"use client";

import { DailyChart } from "@/components/charts";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export function StreamerCharts({
  series,
  referredBy,
}: {
  series: { day: string; depositUsd: number; profitLossUsd: number }[];
  /** Whose players: a streamer's name, or "any streamer". */
  referredBy: string;
}) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>Deposits per day</CardTitle>
          <CardDescription>Players referred by {referredBy}, USD.</CardDescription>
        </CardHeader>
        <CardContent>
          <DailyChart label="Deposits per day" data={series} series={[{ key: "depositUsd", label: "Deposits", kind: "bar", color: 1 }]} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Profit/loss per day</CardTitle>
          <CardDescription>GGR − commissions − bonuses granted, USD.</CardDescription>
        </CardHeader>
        <CardContent>
          <DailyChart label="Profit/loss per day" data={series} series={[{ key: "profitLossUsd", label: "Profit/loss" }]} />
        </CardContent>
      </Card>
    </div>
  );
}
