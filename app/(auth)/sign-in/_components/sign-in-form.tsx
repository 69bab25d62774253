"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { safeCallbackPath } from "@/lib/domain/auth/callback-url";
import { ZSignInInput, type TSignInInput } from "@/lib/schemas/auth";

const ERRORS: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  RATE_LIMITED: "Too many failed sign-ins. Wait 15 minutes and try again.",
  DISABLED: "This account is disabled. Ask an admin.",
  SessionRequired: "Please sign in to continue.",
};

// `?error=constructor` must not find Object.prototype's members.
function messageFor(code: string): string {
  return Object.hasOwn(ERRORS, code) ? ERRORS[code] : "Sign-in failed. Try again.";
}

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError ? messageFor(initialError) : null);
  const form = useForm<TSignInInput>({ resolver: zodResolver(ZSignInInput), defaultValues: { email: "", password: "" } });

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const res = await signIn("credentials", { ...values, redirect: false });
    if (!res || res.error) {
      setError(messageFor(res?.error ?? ""));
      form.setValue("password", "");
      return;
    }
    // The page already checked it; checked again against the origin the browser is actually on.
    router.replace(safeCallbackPath(callbackUrl, window.location.origin));
    router.refresh();
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">Rollover</CardTitle>
        <CardDescription>Sign in to the promotions back office.</CardDescription>
      </CardHeader>
      <CardContent>
        <Form {...form}>
          <form onSubmit={onSubmit} className="grid gap-4" noValidate>
            {error && (
              <p role="alert" data-testid="form-error" className="rounded-md border border-destructive/40 bg-destructive/10 p-3 text-sm text-destructive">
                {error}
              </p>
            )}
            <FormField
              control={form.control}
              name="email"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Email</FormLabel>
                  <FormControl>
                    <Input type="email" autoComplete="username" autoFocus {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="password"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Password</FormLabel>
                  <FormControl>
                    <Input type="password" autoComplete="current-password" {...field} />
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {form.formState.isSubmitting ? "Signing in…" : "Sign in"}
            </Button>
          </form>
        </Form>
      </CardContent>
    </Card>
  );
}
