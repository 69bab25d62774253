import { z } from "zod";

export const ZApiKeyInput = z.object({
  name: z.string().trim().min(1, "Give the key a name").max(100, "Use at most 100 characters"),
});
export type TApiKeyInput = z.infer<typeof ZApiKeyInput>;

export const ZApiKeyRevokeInput = z.object({ id: z.uuid() });
