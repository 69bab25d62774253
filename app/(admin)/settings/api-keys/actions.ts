"use server";

import { ZApiKeyInput, ZApiKeyRevokeInput } from "@/lib/schemas/api-keys";
import { writeActions } from "@/lib/server/action-client";
import { createApiKey, revokeApiKey } from "@/lib/server/api-keys/mutations";

const keys = writeActions("apiKeys.admin", ["/settings/api-keys"]);

export const createApiKeyAction = keys.write(ZApiKeyInput, async (input, op) => {
  const key = await createApiKey(input.name, op);
  // The only time the key leaves the server.
  return { id: key.id, name: key.name, key: key.key };
});

export const revokeApiKeyAction = keys.write(ZApiKeyRevokeInput, async (input, op) => {
  await revokeApiKey(input.id, op);
  return { id: input.id };
});
