// Preloaded into `next start` by scripts/start.ts (node --import). SPEC §7: on SIGTERM, requests in
// flight are answered and their keep-alive connections closed. Next's own handler stops listening
// (server.close) and waits, but Node answers an in-flight request with "Connection: keep-alive" and
// keeps serving further requests on that socket until its idle timeout. This marks every response
// from the signal on with "Connection: close" (Node then closes the socket after it), ends sockets
// whose headers were already sent once their response is done, and closes the idle ones at once.
// Registered before Next's signal handlers, so it runs first. (node:http's default export is the
// module object Next requires, so replacing createServer here reaches Next.)
import http from "node:http";

const servers = new Set();
const inFlight = new Set();
let isDraining = false;

function closeAfter(res) {
  if (!res.headersSent) res.setHeader("connection", "close");
  else res.once("finish", () => res.socket?.end());
}

const createServer = http.createServer;
http.createServer = function (...args) {
  const server = createServer.apply(this, args);
  servers.add(server);
  server.on("request", (_req, res) => {
    inFlight.add(res);
    res.once("close", () => inFlight.delete(res));
    if (isDraining) closeAfter(res);
  });
  return server;
};

function drain(signal) {
  // Next installs its handler once it is ready; before that, this one mustn't swallow the signal.
  if (process.listenerCount(signal) === 1) process.exit(signal === "SIGINT" ? 130 : 143);
  if (isDraining) return;
  isDraining = true;
  for (const res of inFlight) closeAfter(res);
  for (const server of servers) server.closeIdleConnections?.();
}
process.on("SIGTERM", drain);
process.on("SIGINT", drain);
