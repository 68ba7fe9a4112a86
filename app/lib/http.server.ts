import { data } from "@remix-run/node";

export function notFound(): never {
  throw data(null, { status: 404, statusText: "Not Found" });
}
