import { request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { startServer } from "../helpers/server";

describe("a rolling restart (SIGTERM)", () => {
  it("lets a request in flight finish, refuses new connections, and exits 0", async () => {
    const server = await startServer();
    try {
      // A form whose body arrives slowly is a request in flight the whole time.
      const req = httpRequest(new URL("/language", server.url), {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url, "Transfer-Encoding": "chunked" },
      });
      const answer = new Promise<{ status: number; location?: string }>((resolve, reject) => {
        req.on("response", (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
        });
        req.on("error", reject);
      });
      req.write("language=en&redirectTo=");
      await new Promise((resolve) => setTimeout(resolve, 300));

      process.kill(server.pid, "SIGTERM");
      await expect.poll(() => server.output()).toContain("SIGTERM");
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

      await new Promise((resolve) => setTimeout(resolve, 500));
      req.end("%2Fforum-sessions");
      expect(await answer).toEqual({ status: 303, location: "/forum-sessions" });
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
