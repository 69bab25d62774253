"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn, signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { applyFieldErrors } from "@/lib/client/form-errors";
import { ZChangePasswordInput, type TChangePasswordInput } from "@/lib/schemas/auth";

import { changePasswordAction } from "../actions";

const FIELDS = [
  { name: "currentPassword", label: "Current password", autoComplete: "current-password" },
  { name: "newPassword", label: "New password", autoComplete: "new-password" },
  { name: "confirmPassword", label: "Repeat the new password", autoComplete: "new-password" },
] as const;

export function ChangePasswordForm({ email, mustChange }: { email: string; mustChange: boolean }) {
  const router = useRouter();
  const form = useForm<TChangePasswordInput>({
    resolver: zodResolver(ZChangePasswordInput),
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
  });

  const onSubmit = form.handleSubmit(async (values) => {
    const res = await changePasswordAction(values);
    if (res?.validationErrors) {
      applyFieldErrors(form, res.validationErrors);
      return;
    }
    if (res?.serverError) {
      toast.error(res.serverError);
      return;
    }
    // The change ended every session signed in before it, this one too: sign in again with the new
    // password so this browser carries on (the others are signed out at their next request).
    const again = await signIn("credentials", { email, password: values.newPassword, redirect: false });
    toast.success("Password changed");
    router.replace(again?.ok && !again.error ? "/" : "/sign-in");
    router.refresh();
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-xl">{mustChange ? "Choose your password" : "Change password"}</CardTitle>
        <CardDescription>
          {mustChange
            ? `Signed in as ${email} with a one-time password. Choose your own to continue.`
            : `Signed in as ${email}.`}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Form {...form}>
          <form onSubmit={onSubmit} className="grid gap-4" noValidate>
            {FIELDS.map((f) => (
              <FormField
                key={f.name}
                control={form.control}
                name={f.name}
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>{f.label}</FormLabel>
                    <FormControl>
                      <Input type="password" autoComplete={f.autoComplete} {...field} />
                    </FormControl>
                    <FormMessage />
                  </FormItem>
                )}
              />
            ))}
            <Button type="submit" disabled={form.formState.isSubmitting}>
              Save password
            </Button>
            <Button type="button" variant="ghost" onClick={() => signOut({ callbackUrl: "/sign-in" })}>
              Sign out
            </Button>
          </form>
        </Form>
      </CardContent>
    </Card>
  );
}
