import { spawn } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { Agent, get } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../helpers/server";

// WEB_CONCURRENCY=2: one supervisor and two worker processes sharing the port (scripts/cluster.ts).
let server: RunningServer;
let stopped = false;

beforeAll(async () => {
  server = await startServer({ env: { WEB_CONCURRENCY: "2" } });
});
afterAll(async () => {
  if (!stopped) await server?.stop();
});

/** The processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // "pid (comm) state ppid …": comm may hold spaces, so read after its closing parenthesis.
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

const isAlive = (pid: number) => readdirSync("/proc").includes(String(pid));

/** Which process holds the server's end of a TCP connection from this client port (Linux /proc). */
function processHolding(serverPort: number, clientPort: number, candidates: number[]): number | undefined {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, "0");
  const inode = readFileSync("/proc/net/tcp", "utf8")
    .split("\n")
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .find((fields) => fields[1]?.endsWith(`:${hex(serverPort)}`) && fields[2]?.endsWith(`:${hex(clientPort)}`))?.[9];
  if (!inode) return undefined;
  return candidates.find((pid) =>
    readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`;
      } catch {
        return false;
      }
    }),
  );
}

/** GET /healthz on a new connection: its status and the worker that answered it. */
function healthOnNewConnection(workers: number[]): Promise<{ status: number; worker?: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    get(`${server.url}/healthz`, { agent }, (res) => {
      const clientPort = res.socket.localPort!;
      res.resume();
      res.on("end", () => {
        // Kept alive by the agent: the server's end of the connection is still open in its worker.
        const worker = processHolding(Number(port), clientPort, workers);
        agent.destroy();
        resolve({ status: res.statusCode ?? 0, worker });
      });
    }).on("error", reject);
  });
}

/** Asks on new connections until every worker has answered 200 (the supervisor hands them out in turn). */
async function untilEveryWorkerAnswers(workers: number[]): Promise<Set<number>> {
  const answered = new Set<number>();
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && answered.size < workers.length) {
    const { status, worker } = await healthOnNewConnection(workers);
    if (status === 200 && worker) answered.add(worker);
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return answered;
}

async function untilWorkers(count: number, except: number[] = []): Promise<number[]> {
  const deadline = Date.now() + 20_000;
  let workers = childrenOf(server.pid);
  while (Date.now() < deadline && (workers.length !== count || workers.some((pid) => except.includes(pid)))) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    workers = childrenOf(server.pid);
  }
  return workers;
}

describe("WEB_CONCURRENCY=2 on PostgreSQL", () => {
  it("starts two workers, and both answer requests on the one port", async () => {
    const workers = await untilWorkers(2);
    expect(workers).toHaveLength(2);
    expect([...(await untilEveryWorkerAnswers(workers))].sort()).toEqual([...workers].sort());
  });

  it("replaces a worker that dies, and stops every worker on SIGTERM", async () => {
    const [victim, survivor] = await untilWorkers(2);
    process.kill(victim!, "SIGKILL");
    const workers = await untilWorkers(2, [victim!]);
    expect(workers).toContain(survivor);
    expect(workers).not.toContain(victim);
    expect(await untilEveryWorkerAnswers(workers)).toEqual(new Set(workers));
    expect(server.output()).toMatch(new RegExp(`Worker ${victim} exited \\(SIGKILL\\): starting another`));

    stopped = true;
    expect(await server.stop()).toBe(0);
    expect(workers.filter(isAlive)).toEqual([]);
  });
});

describe("WEB_CONCURRENCY without DATABASE_URL", () => {
  it("is refused at start with one clear line: the embedded database allows one process", async () => {
    const child = spawn(process.execPath, ["build/server.js"], {
      env: { PATH: process.env.PATH, NODE_ENV: "production", PUBLIC_URL: "https://forum.kommune.no", PORT: "3999", WEB_CONCURRENCY: "2" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(output.trim().split("\n")).toEqual([
      "Setting WEB_CONCURRENCY is 2, but the embedded database (PGlite) allows one process: set DATABASE_URL to run several, or leave WEB_CONCURRENCY unset",
    ]);
  });
});
