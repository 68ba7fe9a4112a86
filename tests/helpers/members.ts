import { members, type MemberRole, type MemberStatus } from "../../db/schema";
import { db } from "~/db.server";
import { createAuthSession, generateSessionToken, sessionCookieName } from "~/members/auth-sessions.server";
import { hashPassword } from "~/members/passwords.server";

export const PASSWORD = "et-godt-testpassord";
let passwordHash: Promise<string> | undefined;
let sequence = 0;

export interface TestMember {
  id: number;
  email: string;
  name: string;
  /** A signed-in session's cookie token. */
  token: string;
}

/** A member in the real database, signed in once (PASSWORD is their password). */
export async function createMember(
  role: MemberRole | "pending" | "rejected" = "member",
  overrides: { municipalityNumber?: string | null; organisationId?: number | null; email?: string; name?: string } = {},
): Promise<TestMember> {
  passwordHash ??= hashPassword(PASSWORD);
  sequence++;
  const status: MemberStatus = role === "pending" || role === "rejected" ? role : "approved";
  const [member] = await db()
    .insert(members)
    .values({
      email: overrides.email ?? `test-${process.pid}-${sequence}-${role}@example.no`,
      name: overrides.name ?? `Test ${role} ${sequence}`,
      jobTitle: "Rådgiver",
      municipalityNumber: overrides.municipalityNumber === undefined ? (overrides.organisationId ? null : "1833") : overrides.municipalityNumber,
      organisationId: overrides.organisationId ?? null,
      passwordHash: await passwordHash,
      role: role === "pending" || role === "rejected" ? "member" : role,
      status,
    })
    .returning();
  const token = generateSessionToken();
  await createAuthSession(token, member!.id);
  return { id: member!.id, email: member!.email, name: member!.name, token };
}

/** The five viewers of DESIGN.md's rights matrix; anonymous is null. */
export async function everyRole() {
  return {
    anonymous: null,
    pending: await createMember("pending"),
    member: await createMember("member"),
    coordinator: await createMember("coordinator"),
    admin: await createMember("admin"),
  };
}

/** A request as a viewer: their session cookie, and a form body when given. */
export function requestAs(
  viewer: TestMember | null,
  path: string,
  options: { form?: Record<string, string | string[]>; headers?: Record<string, string> } = {},
): Request {
  const headers = new Headers(options.headers);
  // The name the app expects under the PUBLIC_URL a test sets: __Host-kf_session on https.
  if (viewer) headers.set("Cookie", `${sessionCookieName()}=${viewer.token}`);
  return new Request(`http://localhost${path}`, {
    method: options.form ? "POST" : "GET",
    headers,
    // A list is a field sent once per value, as checkboxes of one name are.
    body: options.form ? new URLSearchParams(Object.entries(options.form).flatMap(([k, v]) => [v].flat().map((one) => [k, one]))) : undefined,
  });
}

type DataWithInit = { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null };

function isDataWithInit(value: unknown): value is DataWithInit {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

export interface Outcome {
  status: number;
  data: unknown;
  location: string | null;
  headers: Headers;
}

function describeResult(value: unknown): Outcome {
  if (value instanceof Response) {
    return { status: value.status, data: null, location: value.headers.get("Location"), headers: value.headers };
  }
  if (isDataWithInit(value)) {
    const headers = new Headers(value.init?.headers);
    return { status: value.init?.status ?? 200, data: value.data, location: headers.get("Location"), headers };
  }
  return { status: 200, data: value, location: null, headers: new Headers() };
}

/** What a loader or action answered, returned or thrown: status, data, redirect target, headers. */
export async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return describeResult(await run());
  } catch (thrown) {
    if (thrown instanceof Response || isDataWithInit(thrown)) return describeResult(thrown);
    throw thrown;
  }
}
