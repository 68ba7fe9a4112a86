import { existsSync } from "node:fs";
import path from "node:path";

export default function setup() {
  if (!process.env.TEST_DATABASE_URL) {
    throw new Error("The postgres project needs TEST_DATABASE_URL (npm run test:postgres sets it).");
  }
  if (!existsSync(path.join(process.cwd(), "build", "server.js"))) {
    throw new Error("No build found: run `npm run build` first.");
  }
}
