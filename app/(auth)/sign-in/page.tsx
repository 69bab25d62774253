import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { getOperator } from "@/lib/server/auth/guards";

import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { callbackUrl, error } = await searchParams;
  if (await getOperator()) redirect(safeCallback(callbackUrl));
  return <SignInForm callbackUrl={safeCallback(callbackUrl)} initialError={error} />;
}

// Only same-site paths: an open redirect after sign-in is a phishing aid.
function safeCallback(url: string | undefined): string {
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/";
}
