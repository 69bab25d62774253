"use client";

import { DailyChart } from "@/components/charts";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

type TDay = {
  day: string;
  instantClaims: number;
  depositClaims: number;
  grantedUsd: number;
  releasedUsd: number;
  forfeitedUsd: number;
  wageredUsd: number;
};

export function DashboardCharts({ days, rangeLabel }: { days: TDay[]; rangeLabel: string }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>Claims per day</CardTitle>
          <CardDescription>By promo type, {rangeLabel}.</CardDescription>
        </CardHeader>
        <CardContent>
          <DailyChart
            label="Claims per day by type"
            money={false}
            data={days}
            series={[
              { key: "depositClaims", label: "Deposit", kind: "bar", color: 0 },
              { key: "instantClaims", label: "Instant", kind: "bar", color: 3 },
            ]}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Bonus granted, released and forfeited</CardTitle>
          <CardDescription>Deposit bonuses in USD at credit time, {rangeLabel}.</CardDescription>
        </CardHeader>
        <CardContent>
          <DailyChart
            label="Bonus granted vs released vs forfeited"
            data={days}
            series={[
              { key: "grantedUsd", label: "Granted", color: 1 },
              { key: "releasedUsd", label: "Released", color: 0 },
              { key: "forfeitedUsd", label: "Forfeited", color: 4 },
            ]}
          />
        </CardContent>
      </Card>
      <Card className="lg:col-span-2">
        <CardHeader>
          <CardTitle>Wagering volume</CardTitle>
          <CardDescription>USD wagered per day across the platform, {rangeLabel}.</CardDescription>
        </CardHeader>
        <CardContent>
          <DailyChart label="Wagering volume per day" data={days} series={[{ key: "wageredUsd", label: "Wagered", kind: "bar", color: 2 }]} />
        </CardContent>
      </Card>
    </div>
  );
}
