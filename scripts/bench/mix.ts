/**
 * The write-heavy mix: members register and unregister for forum sessions, support and withdraw topics
 * and post comments through the app's own forms (POST, 303), while visitors read a handful of pages
 * through the visitor cache at a steady rate. After every write a visitor reads the page it changed
 * (through the cache): a page that does not show the write is a stale read, and fails the run.
 */
import type { Sql } from "./database";
import { errorsOf, hitRatio, load, percentile } from "./load";
import { mixWriters, type Writer } from "./members";
import type { AppServer } from "./processes";

export interface MixResult {
  writers: number;
  seconds: number;
  visitorRate: number;
  visitorRateAchieved: number;
  visitorP50: number;
  visitorP95: number;
  visitorHitRatio: number;
  visitorErrors: number;
  writes: number;
  writesPerSecond: number;
  writeP50: number;
  writeP95: number;
  writeErrors: string[];
  checks: number;
  checkReadP95: number;
  staleReads: string[];
}

interface WriterPlan extends Writer {
  /** A forum session open for registration that only this writer writes to (none when there are too few). */
  session?: { id: number; registered: boolean; baseTotal: number; registeredAtStart: boolean };
  topic: { id: number; supported: boolean; baseCount: number; supportedAtStart: boolean };
}

export interface MixOptions {
  writers: number;
  writeRate: number;
  duration: number;
  visitorRate: number;
}

const numberIn = (text: string) => Number(text.replace(/[\s\u00a0\u202f]/g, ""));

/** The total of registrations a forum session's page shows ("Påmeldt: 312."); none shown is 0. */
export function registrationTotalOf(html: string): number {
  const match = html.match(/(?:Påmeldt|Registered): (\d[\d\s\u00a0\u202f]*)\./);
  return match ? numberIn(match[1]!) : 0;
}

/** The support count a topic's page shows ("12 støtter"). */
export function supportCountOf(html: string): number | undefined {
  const match = html.match(/role="status">(\d[\d\s\u00a0\u202f]*) (?:støtter|støtte|supports|support)\b/);
  return match ? numberIn(match[1]!) : undefined;
}

async function visitorRead(url: string): Promise<{ html: string; ms: number; status: number }> {
  const started = performance.now();
  const response = await fetch(url);
  const html = await response.text();
  return { html, ms: performance.now() - started, status: response.status };
}

export async function runMix(db: Sql, app: AppServer, options: MixOptions, alsoRead: string[]): Promise<MixResult> {
  const writers = await mixWriters(db, options.writers);
  const sessions = await db<{ id: number }[]>`
    select id from forum_sessions where status = 'planned' and starts_at > now() + interval '1 hour'
    order by starts_at, id limit ${writers.length}`;
  const topics = await db<{ id: number }[]>`
    select id from topics where status in ('proposed', 'shortlisted') and support_count < 900
    order by support_count desc, id limit ${writers.length}`;
  // Each writer has a topic of its own, so that the count it checks changes by its writes only (likewise a session).
  if (topics.length < writers.length) throw new Error(`The mix needs ${writers.length} open topics; the database has ${topics.length}.`);
  const plans: WriterPlan[] = [];
  for (const [i, writer] of writers.entries()) {
    const topic = topics[i]!;
    const [supported] = await db`select 1 from topic_supports where topic_id = ${topic.id} and member_id = ${writer.id}`;
    const topicPage = await visitorRead(`${app.url}/topics/${topic.id}`);
    const baseCount = supportCountOf(topicPage.html);
    if (baseCount === undefined) throw new Error(`The mix cannot read the support count on /topics/${topic.id} (${topicPage.status}).`);
    const plan: WriterPlan = { ...writer, topic: { id: topic.id, supported: !!supported, supportedAtStart: !!supported, baseCount } };
    const session = sessions[i];
    if (session) {
      const [registered] = await db`select 1 from registrations where forum_session_id = ${session.id} and member_id = ${writer.id}`;
      const sessionPage = await visitorRead(`${app.url}/forum-sessions/${session.id}`);
      plan.session = { id: session.id, registered: !!registered, registeredAtStart: !!registered, baseTotal: registrationTotalOf(sessionPage.html) };
    }
    plans.push(plan);
  }

  const first = plans[0]!;
  const readPaths = [
    ...new Set(["/", "/topics", "/forum-sessions", ...alsoRead, `/topics/${first.topic.id}`, ...(first.session ? [`/forum-sessions/${first.session.id}`] : [])]),
  ];
  const writeLatencies: number[] = [];
  const checkLatencies: number[] = [];
  const writeErrors: string[] = [];
  const staleReads: string[] = [];
  let writes = 0;

  const post = async (writer: WriterPlan, path: string, fields: Record<string, string>): Promise<string | undefined> => {
    const started = performance.now();
    const response = await fetch(`${app.url}${path}?index`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: writer.cookie, origin: app.url, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
    await response.arrayBuffer();
    writeLatencies.push(performance.now() - started);
    writes++;
    if (response.status !== 303) {
      writeErrors.push(`${path} ${fields.intent}: ${response.status}`);
      return undefined;
    }
    return response.headers.get("location") ?? path;
  };

  const check = async (path: string, what: string, shows: (html: string) => boolean) => {
    const read = await visitorRead(`${app.url}${path}`);
    checkLatencies.push(read.ms);
    if (read.status !== 200 || !shows(read.html)) staleReads.push(`${path}: ${what} (status ${read.status})`);
  };

  const write = async (writer: WriterPlan, step: number) => {
    const kind = ["comment", "support", "register"][step % 3]!;
    if (kind === "register" && writer.session) {
      const s = writer.session;
      const intent = s.registered ? "unregister" : "register";
      if (!(await post(writer, `/forum-sessions/${s.id}`, { intent }))) return;
      s.registered = !s.registered;
      const expected = s.baseTotal + (s.registered ? 1 : 0) - (s.registeredAtStart ? 1 : 0);
      await check(`/forum-sessions/${s.id}`, `${intent}: expected ${expected} registered`, (html) => registrationTotalOf(html) === expected);
    } else if (kind === "support") {
      const t = writer.topic;
      const intent = t.supported ? "withdraw" : "support";
      if (!(await post(writer, `/topics/${t.id}`, { intent }))) return;
      t.supported = !t.supported;
      const expected = t.baseCount + (t.supported ? 1 : 0) - (t.supportedAtStart ? 1 : 0);
      await check(`/topics/${t.id}`, `${intent}: expected ${expected} supports`, (html) => supportCountOf(html) === expected);
    } else {
      const text = `Benchmark comment ${writer.id} ${step} ${Math.random().toString(36).slice(2, 10)}`;
      const location = await post(writer, `/topics/${writer.topic.id}`, { intent: "comment", body: text });
      if (!location) return;
      await check(location.split("#")[0]!, `comment "${text}"`, (html) => html.includes(text));
    }
  };

  // Each writer writes on its own schedule; together they make the write rate (behind schedule: at once).
  const period = (1000 * plans.length) / options.writeRate;
  const started = performance.now();
  const end = started + options.duration * 1000;
  const writing = plans.map(async (writer, i) => {
    for (let step = 0; ; step++) {
      const due = started + (i * period) / plans.length + step * period;
      // A writer behind schedule stops at the end all the same: the run lasts what it says.
      if (due >= end || performance.now() >= end) return;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await write(writer, step).catch((error: unknown) => void writeErrors.push(`${(error as Error).message}`));
    }
  });

  const cacheCounts = new Map<string, number>();
  const visitorLatencies: number[] = [];
  const reading = load({
    url: app.url,
    requests: readPaths.map((path) => ({ method: "GET", path })),
    connections: 10,
    overallRate: options.visitorRate,
    duration: options.duration,
    onLatency: (ms) => visitorLatencies.push(ms),
    cacheCounts,
  });
  const [visitors] = await Promise.all([reading, Promise.all(writing)]);
  const seconds = (performance.now() - started) / 1000;
  visitorLatencies.sort((a, b) => a - b);
  writeLatencies.sort((a, b) => a - b);
  checkLatencies.sort((a, b) => a - b);

  const result: MixResult = {
    writers: plans.length,
    seconds,
    visitorRate: options.visitorRate,
    visitorRateAchieved: visitors.requests.average,
    visitorP50: percentile(visitorLatencies, 50),
    visitorP95: percentile(visitorLatencies, 95),
    visitorHitRatio: hitRatio(cacheCounts),
    visitorErrors: errorsOf(visitors),
    writes,
    writesPerSecond: writes / seconds,
    writeP50: percentile(writeLatencies, 50),
    writeP95: percentile(writeLatencies, 95),
    writeErrors: [...writeErrors],
    checks: checkLatencies.length,
    checkReadP95: percentile(checkLatencies, 95),
    staleReads,
  };

  // Leave the database as the writers found it where that is cheap: their sessions and supports.
  for (const writer of plans) {
    if (writer.session && writer.session.registered !== writer.session.registeredAtStart) {
      await post(writer, `/forum-sessions/${writer.session.id}`, { intent: writer.session.registered ? "unregister" : "register" });
    }
    if (writer.topic.supported !== writer.topic.supportedAtStart) {
      await post(writer, `/topics/${writer.topic.id}`, { intent: writer.topic.supported ? "withdraw" : "support" });
    }
  }

  return result;
}
