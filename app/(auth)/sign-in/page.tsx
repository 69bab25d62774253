import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { safeCallbackPath } from "@/lib/domain/auth/callback-url";
import { env } from "@/lib/env";
import { getOperator } from "@/lib/server/auth/guards";

import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

// Only a path is ever kept, so any origin would do as the base; the app's own lets a full URL of
// this app through as its path.
const FALLBACK_ORIGIN = "http://localhost";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }>;
}) {
  const { callbackUrl, error } = await searchParams;
  const callback = safeCallbackPath(first(callbackUrl), env().NEXTAUTH_URL ?? FALLBACK_ORIGIN);
  if (await getOperator()) redirect(callback);
  return <SignInForm callbackUrl={callback} initialError={first(error)} />;
}

// `?callbackUrl=a&callbackUrl=b` arrives as an array.
function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
