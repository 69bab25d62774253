"use server";

import { revalidatePath } from "next/cache";

import { ZApiKeyInput, ZApiKeyRevokeInput } from "@/lib/schemas/api-keys";
import { operatorAction } from "@/lib/server/action-client";
import { createApiKey, revokeApiKey } from "@/lib/server/api-keys/mutations";

export const createApiKeyAction = operatorAction("apiKeys.admin")
  .inputSchema(ZApiKeyInput)
  .action(async ({ parsedInput, ctx }) => {
    const key = await createApiKey(parsedInput.name, ctx.operator);
    revalidatePath("/settings/api-keys");
    // The only time the key leaves the server.
    return { id: key.id, name: key.name, key: key.key };
  });

export const revokeApiKeyAction = operatorAction("apiKeys.admin")
  .inputSchema(ZApiKeyRevokeInput)
  .action(async ({ parsedInput, ctx }) => {
    await revokeApiKey(parsedInput.id, ctx.operator);
    revalidatePath("/settings/api-keys");
    return { id: parsedInput.id };
  });
