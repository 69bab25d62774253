import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import type { Metadata } from "next";

import { Providers } from "@/components/providers";

import "./globals.css";

// Every page depends on the signed-in operator and live data: nothing is prerendered at build time,
// so building needs no database or secrets.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Rollover", template: "%s · Rollover" },
  description: "Promotions back office: promo codes, challenges, leaderboards, affiliates.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-dvh font-sans antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
