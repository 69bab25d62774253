// GET /api/v1/openapi.json — the OpenAPI 3.1 description of the API, built from its zod schemas.
import { openApiDocument } from "@/lib/api/openapi";
import { json, methodNotAllowed, publicRoute } from "@/lib/api/route";

export const GET = publicRoute(async () => json(openApiDocument()));

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed(["GET"]);
