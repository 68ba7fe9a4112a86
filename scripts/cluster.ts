import cluster, { type Worker } from "node:cluster";

/**
 * WEB_CONCURRENCY=N on one machine: this process becomes a supervisor that forks N copies of the server,
 * which share the port (node:cluster hands each new connection to the next worker in turn). Each worker
 * is a whole app process on the one PostgreSQL — sessions, rate limits, the outbox and the visitor cache's
 * content version live there, migrations run under an advisory lock — so nothing here coordinates them.
 *
 * A worker that exits before it listens (a port in use, a wrong setting) stops the whole server with its
 * exit code: starting it again would fail again. A worker that dies later is replaced. SIGTERM or SIGINT
 * is passed to every worker, which finishes its requests in flight; the supervisor exits when all have.
 *
 * Answers true in the supervisor (which must not go on to start a server of its own), false in a worker.
 */
export function superviseWorkers(count: number): boolean {
  if (!cluster.isPrimary) return false;
  let stopping = false;
  let exitCode = 0;
  const listening = new WeakSet<Worker>();

  const fork = () => {
    const worker = cluster.fork();
    worker.once("listening", () => listening.add(worker));
  };

  cluster.on("exit", (worker, code, signal) => {
    if (!stopping) {
      if (!listening.has(worker)) {
        console.error(`Worker ${worker.process.pid} exited (${signal ?? code}) before it listened: stopping the server`);
        exitCode = code || 1;
        stop("worker failed to start");
      } else {
        console.error(`Worker ${worker.process.pid} exited (${signal ?? code}): starting another`);
        fork();
      }
    } else if (code) {
      exitCode = code;
    }
    if (stopping && Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
  });

  function stop(reason: string) {
    if (stopping) return;
    stopping = true;
    console.log(`${reason}: stopping ${Object.keys(cluster.workers ?? {}).length} workers`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
  }
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  console.log(`Kommuneforum supervisor ${process.pid}: starting ${count} workers (WEB_CONCURRENCY)`);
  for (let i = 0; i < count; i++) fork();
  return true;
}
