import type { Metadata } from "next";

import { requireOperator } from "@/lib/server/auth/guards";

import { ChangePasswordForm } from "./_components/change-password-form";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const operator = await requireOperator({ allowPasswordChange: true });
  return <ChangePasswordForm email={operator.email} mustChange={operator.mustChangePassword} />;
}
