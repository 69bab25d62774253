// npm run worker — the job worker alone (npm start runs it beside the server).
// SIGTERM / SIGINT: no new jobs, the current one finishes (lib/jobs/worker.ts), then the process exits.
import { startWorker } from "../lib/jobs/worker";

const worker = await startWorker();
let isStopping = false;
const stop = (signal: NodeJS.Signals) => {
  // A terminal's Ctrl-C reaches the whole group and npm start forwards one more: stop once.
  if (isStopping) return;
  isStopping = true;
  console.log(`worker: ${signal}, finishing the current job…`);
  worker.stop().then(
    () => process.exit(0),
    (error) => {
      console.error("worker: stop failed", error);
      process.exit(1);
    },
  );
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
