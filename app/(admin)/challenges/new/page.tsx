import type { Metadata } from "next";

import { PageHeader } from "@/components/page-header";
import { CHALLENGE_DEFAULTS } from "@/lib/schemas/challenges";
import { requirePermission } from "@/lib/server/auth/guards";
import { listGamesForPicker } from "@/lib/server/games/queries";
import { usdRateMap } from "@/lib/server/rates/queries";

import { ChallengeForm } from "../_components/challenge-form";

export const metadata: Metadata = { title: "New challenge" };

export default async function NewChallengePage() {
  await requirePermission("challenges.write");
  const [games, usdRates] = await Promise.all([listGamesForPicker(), usdRateMap()]);
  return (
    <>
      <PageHeader title="New challenge" description="Reward the first player who hits a multiplier on one game." />
      <ChallengeForm initial={CHALLENGE_DEFAULTS} games={games} usdRates={usdRates} />
    </>
  );
}
