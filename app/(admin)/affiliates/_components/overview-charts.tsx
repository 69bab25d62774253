"use client";

import { DailyChart, RankedBars } from "@/components/charts";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

type TProps = {
  commissions: { day: string; commissionUsd: number; signups: number }[];
  topByGgr: { name: string; ggrUsd: number; referrals: number; active: number }[];
  rangeLabel: string;
};

export function OverviewCharts({ commissions, topByGgr, rangeLabel }: TProps) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card className="lg:col-span-2">
        <CardHeader>
          <CardTitle>Commissions earned per day</CardTitle>
          <CardDescription>{rangeLabel}, all affiliates (USD at bet time).</CardDescription>
        </CardHeader>
        <CardContent>
          <DailyChart label="Commissions per day" data={commissions} series={[{ key: "commissionUsd", label: "Commissions", kind: "bar" }]} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Top affiliates by referrals&apos; GGR</CardTitle>
          <CardDescription>Wagered − paid out by their referred players, all time.</CardDescription>
        </CardHeader>
        <CardContent>
          <RankedBars label="Top affiliates by GGR" data={topByGgr} series={[{ key: "ggrUsd", label: "GGR" }]} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Active vs total referrals</CardTitle>
          <CardDescription>The same affiliates; active = a bet in the last 30 days.</CardDescription>
        </CardHeader>
        <CardContent>
          <RankedBars
            label="Active vs total referrals"
            money={false}
            data={topByGgr}
            series={[
              { key: "referrals", label: "Total", color: 2 },
              { key: "active", label: "Active", color: 0 },
            ]}
          />
        </CardContent>
      </Card>
    </div>
  );
}
