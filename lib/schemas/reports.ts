import { z } from "zod";

/**
 * A report's date range in the URL: whole days "YYYY-MM-DD", both optional (the page defaults them);
 * anything malformed is dropped rather than failing the page.
 */
export const ZDayRangeQuery = z.object({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
});
