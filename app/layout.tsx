import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import type { Metadata } from "next";
import { headers } from "next/headers";

import { Providers } from "@/components/providers";

import "./globals.css";

// Every page depends on the signed-in operator and live data: nothing is prerendered at build time,
// so building needs no database or secrets.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Rollover", template: "%s · Rollover" },
  description: "Promotions back office: promo codes, challenges, leaderboards, affiliates.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // proxy.ts's per-request CSP nonce: next-themes' inline script (no theme flash) needs it to run.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-dvh font-sans antialiased">
        <Providers nonce={nonce}>{children}</Providers>
      </body>
    </html>
  );
}
