// npm run worker — the job worker alone (npm start runs it beside the server).
import { startWorker } from "../lib/jobs/worker";

const worker = await startWorker();
const stop = async () => {
  await worker.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
