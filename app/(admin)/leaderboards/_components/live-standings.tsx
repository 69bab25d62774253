"use client";

import { useQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useState } from "react";

import { DataTable, EmptyRow, NumCell, right } from "@/components/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { TableCell, TableRow } from "@/components/ui/table";
import { formatDateTime, formatUsd } from "@/lib/client/format";

import { boardStandingsAction } from "../actions";

type TRow = {
  position: number;
  userId: number;
  username: string;
  score: string;
  wageredUsd: string;
  scoreReachedAt: string;
  prizeUsd: string | null;
  paid: boolean | null;
};

/**
 * The top N, refetched every 5 s while the board takes bets (TanStack Query), and a search for one
 * player's position by id or username.
 */
export function LiveStandings({
  boardId,
  type,
  live,
}: {
  boardId: string;
  type: "WAGERED" | "MULTIPLIER";
  live: boolean;
}) {
  const [top, setTop] = useState(100);
  const [search, setSearch] = useState("");
  const [player, setPlayer] = useState("");
  const query = useQuery({
    queryKey: ["standings", boardId, top, player],
    queryFn: async () => {
      const res = await boardStandingsAction({ id: boardId, top, player: player || undefined });
      if (!res?.data) throw new Error(res?.serverError ?? "Couldn't load the standings");
      return res.data;
    },
    refetchInterval: live ? 5_000 : false,
    placeholderData: (prev) => prev,
  });
  const score = (r: TRow) =>
    type === "WAGERED"
      ? formatUsd(r.score)
      : `${Number(r.score).toLocaleString("en-US", { maximumFractionDigits: 2 })}×`;

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-2">
        <form
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            setPlayer(search.trim());
          }}
        >
          <Input
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Player id or username"
            aria-label="Find a player"
            className="w-56"
          />
          <Button type="submit" variant="secondary">
            <Search /> Find
          </Button>
        </form>
        <label className="ml-auto flex items-center gap-2 text-sm text-muted-foreground">
          Show top
          <select
            className="h-9 rounded-md border bg-transparent px-2"
            value={top}
            onChange={(e) => setTop(Number(e.target.value))}
            aria-label="Rows"
          >
            {[10, 50, 100, 500].map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <span className="text-xs text-muted-foreground" data-testid="standings-updated">
          {query.data
            ? `${live ? "Live · " : ""}updated ${new Date(query.data.generatedAt).toLocaleTimeString("en-GB", { timeZone: "UTC" })} UTC`
            : ""}
        </span>
      </div>
      {query.data?.searched && (
        <Card data-testid="player-position">
          <CardContent className="text-sm">
            {query.data.player ? (
              <span>
                <strong>{query.data.player.username}</strong> (#{query.data.player.userId}) is{" "}
                <strong>#{query.data.player.position.toLocaleString("en-US")}</strong> with {score(query.data.player)}
                {query.data.player.prizeUsd ? `, prize ${formatUsd(query.data.player.prizeUsd)}` : ""}.
              </span>
            ) : (
              <span className="text-muted-foreground">“{player}” has no entry on this board.</span>
            )}
          </CardContent>
        </Card>
      )}
      {query.isError && <p className="text-sm text-destructive">{(query.error as Error).message}</p>}
      <Card className="py-0">
        <DataTable
          columns={[
            { label: "#", className: "w-16" },
            "Player",
            right(type === "WAGERED" ? "Wagered" : "Best multiplier"),
            { label: "Reached", className: "hidden sm:table-cell" },
            right("Prize"),
          ]}
          bodyTestId="standings"
        >
          {!query.data &&
            Array.from({ length: 5 }, (_, i) => (
              <TableRow key={i}>
                <TableCell colSpan={5}>
                  <Skeleton className="h-5 w-full" />
                </TableCell>
              </TableRow>
            ))}
          {query.data?.top.length === 0 && (
            <EmptyRow colSpan={5} className="py-8">
              No eligible bets yet.
            </EmptyRow>
          )}
          {query.data?.top.map((r) => (
            <TableRow key={r.userId} data-testid={`standing-${r.userId}`}>
              <TableCell className="tabular-nums">{r.position}</TableCell>
              <TableCell>
                {r.username} <span className="text-xs text-muted-foreground">#{r.userId}</span>
              </TableCell>
              <NumCell>{score(r)}</NumCell>
              <TableCell className="hidden text-xs sm:table-cell">{formatDateTime(r.scoreReachedAt)}</TableCell>
              <NumCell>
                {r.prizeUsd ? formatUsd(r.prizeUsd) : "—"}
                {r.paid !== null && r.prizeUsd && (
                  <Badge variant={r.paid ? "success" : "warning"} className="ml-2">
                    {r.paid ? "Paid" : "Due"}
                  </Badge>
                )}
              </NumCell>
            </TableRow>
          ))}
        </DataTable>
      </Card>
    </div>
  );
}
