import { z } from "zod";

export const ZSignInInput = z.object({
  email: z.email("Enter a valid email").max(254),
  password: z.string().min(1, "Enter your password").max(256),
});
export type TSignInInput = z.infer<typeof ZSignInInput>;

export const ZPasswordPolicy = z
  .string()
  .min(12, "Use at least 12 characters")
  .max(256, "Use at most 256 characters")
  .refine((p) => /[a-zA-Z]/.test(p) && /[0-9]/.test(p), "Use letters and digits");

export const ZChangePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password"),
    newPassword: ZPasswordPolicy,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "Passwords don't match",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password you haven't used here",
  });
export type TChangePasswordInput = z.infer<typeof ZChangePasswordInput>;
