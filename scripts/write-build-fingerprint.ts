// Records what the last `next build` was built from, so `npm start` knows it needn't rebuild.
import { writeFileSync } from "node:fs";
import path from "node:path";

import { buildFingerprint } from "../lib/db/build-fingerprint";

writeFileSync(path.join(".next", "rollover-build-fingerprint"), buildFingerprint(process.cwd()));
