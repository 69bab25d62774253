// Runs in the browser before the app's own modules (so before any schema is built).
import { z } from "zod";

// zod compiles object parsers with `new Function` when eval is allowed, and probes for it first; under
// our CSP (no 'unsafe-eval' in production) the probe is refused and reported as a violation on every
// page with a form. Parsing without the compiled fast path is the same parsing.
z.config({ jitless: true });
