import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, comments, type Comment } from "../../db/schema";
import { createMember, everyRole, outcome, requestAs, type TestMember } from "../helpers/members";
import { createTopicAs } from "../helpers/topics";
import { db } from "~/db.server";
import * as commentPage from "~/routes/comments.$id";
import * as topicPage from "~/routes/topics.$id._index";
import { commentOnTopic } from "~/topics/topics.server";

type Viewer = TestMember | null;
type Route = { loader?: (args: never) => unknown; action?: (args: never) => unknown };
type TopicData = Awaited<ReturnType<typeof topicPage.loader>>;

function call(route: Route, handler: "loader" | "action", viewer: Viewer, path: string, params: Record<string, string>, form?: Record<string, string>) {
  const request = requestAs(viewer, path, { form });
  const run = route[handler] as unknown as (args: unknown) => Promise<unknown>;
  return outcome(() => run({ request, params, context: { clientAddress: "192.0.2.1" } }));
}
const load = (viewer: Viewer, id: number | string) => call(commentPage, "loader", viewer, `/comments/${id}`, { id: String(id) });
const post = (viewer: Viewer, id: number | string, form: Record<string, string>) =>
  call(commentPage, "action", viewer, `/comments/${id}`, { id: String(id) }, form);
const topicComments = async (viewer: Viewer, topicId: number) => {
  const result = await call(topicPage, "loader", viewer, `/topics/${topicId}`, { id: String(topicId) });
  expect(result.status).toBe(200);
  return (result.data as TopicData).comments.comments;
};

const stored = async (id: number): Promise<Comment> => (await db().select().from(comments).where(eq(comments.id, id)))[0]!;
const auditOf = (id: number) =>
  db().select().from(auditEvents).where(and(eq(auditEvents.subjectType, "comment"), eq(auditEvents.subjectId, String(id)))).orderBy(auditEvents.id);

let roles: Awaited<ReturnType<typeof everyRole>>;
let author: TestMember;
let topicId: number;
beforeAll(async () => {
  roles = await everyRole();
  author = await createMember("member", { name: "Ola Kommentator" });
  topicId = (await createTopicAs(roles.member.id)).id;
});

/** A new comment by the author under the test topic. */
async function newComment(body = "Vi har **gode** erfaringer med dette.") {
  const result = await commentOnTopic({ id: author.id, name: author.name }, topicId, body);
  if (!result.ok) throw new Error(result.reason);
  return stored(result.commentId);
}

/** Moves a comment's writing back in time, past the 24 hours its author may edit it. */
const age = (id: number, hours: number) =>
  db().update(comments).set({ createdAt: sql`now() - make_interval(hours => ${hours})` }).where(eq(comments.id, id));

describe("a comment's own page", () => {
  it("gives its author the edit form within the edit window", async () => {
    const comment = await newComment();
    const result = await load(author, comment.id);
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({
      editable: true,
      moderator: false,
      tooLate: false,
      comment: { id: comment.id, bodyMd: comment.bodyMd, version: 1 },
      backTo: `/topics/${topicId}#comment-${comment.id}`,
    });
  });

  it("asks a visitor to sign in, refuses other members (403), and is 404 for an unknown id", async () => {
    const comment = await newComment();
    const anonymous = await load(null, comment.id);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe(`/sign-in?redirectTo=${encodeURIComponent(`/comments/${comment.id}`)}`);
    for (const viewer of [roles.pending, roles.member]) expect((await load(viewer, comment.id)).status).toBe(403);
    for (const id of ["99999999", "abc", "-3", "9999999999"]) expect((await load(author, id)).status).toBe(404);
  });

  it("gives coordinators the moderation form but not the author's text to edit", async () => {
    const comment = await newComment();
    for (const viewer of [roles.coordinator, roles.admin]) {
      const result = await load(viewer, comment.id);
      expect(result.status).toBe(200);
      expect(result.data).toMatchObject({ editable: false, moderator: true, comment: { bodyMd: null, hidden: false } });
    }
  });

  it("tells the author, 24 hours on, that the time to edit is over (403)", async () => {
    const comment = await newComment();
    await age(comment.id, 25);
    const result = await load(author, comment.id);
    expect(result.status).toBe(403);
    expect(result.data).toMatchObject({ editable: false, tooLate: true, comment: { bodyMd: null } });
  });
});

describe("editing a comment", () => {
  it("saves the author's edit within the window, shows it as edited, and goes back to the comment", async () => {
    const comment = await newComment();
    const result = await post(author, comment.id, { intent: "edit", body: "Rettet: *svært* gode erfaringer.", version: "1" });
    expect(result.status).toBe(303);
    expect(result.location).toBe(`/topics/${topicId}#comment-${comment.id}`);
    const after = await stored(comment.id);
    expect(after).toMatchObject({ bodyMd: "Rettet: *svært* gode erfaringer.", version: 2 });
    expect(after.bodyHtml).toContain("<em>svært</em>");
    expect(after.editedAt).not.toBeNull();
    const shown = (await topicComments(null, topicId)).find((c) => c.id === comment.id)!;
    expect(shown.editedAt).not.toBeNull();
    expect(shown.bodyHtml).toContain("<em>svært</em>");
  });

  it("refuses the author's edit after 24 hours with a message, keeping the text and changing nothing", async () => {
    const comment = await newComment();
    await age(comment.id, 24);
    const result = await post(author, comment.id, { intent: "edit", body: "For sent", version: "1" });
    expect(result.status).toBe(403);
    expect(result.data).toMatchObject({ message: "comments.editRefused", values: { body: "For sent" } });
    expect(await stored(comment.id)).toMatchObject({ bodyMd: comment.bodyMd, version: 1, editedAt: null });
  });

  it("refuses an edit by another member, a pending member or a visitor (403), changing nothing", async () => {
    const comment = await newComment();
    for (const viewer of [roles.member, roles.coordinator, roles.pending, null]) {
      expect((await post(viewer, comment.id, { intent: "edit", body: "Overtatt", version: "1" })).status).toBe(403);
    }
    expect(await stored(comment.id)).toMatchObject({ bodyMd: comment.bodyMd, version: 1 });
  });

  it("refuses an edit made on an old version (409) with both texts", async () => {
    const comment = await newComment();
    expect((await post(author, comment.id, { intent: "edit", body: "Første fane", version: "1" })).status).toBe(303);
    const result = await post(author, comment.id, { intent: "edit", body: "Andre fane", version: "1" });
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({ message: "comments.editStale", stored: "Første fane", version: 2, values: { body: "Andre fane" } });
    expect((await stored(comment.id)).bodyMd).toBe("Første fane");
  });

  it.each([
    ["an empty text", { body: "  ", version: "1" }, "body", "form.required"],
    ["10,001 characters", { body: "z".repeat(10_001), version: "1" }, "body", "form.tooLong"],
    ["no version", { body: "Ny tekst" }, "version", "error.badRequest.body"],
    ["a version beyond an integer", { body: "Ny tekst", version: "99999999999" }, "version", "error.badRequest.body"],
  ])("refuses %s with 400, changing nothing", async (_, form, field, message) => {
    const comment = await newComment();
    const result = await post(author, comment.id, { intent: "edit", ...form });
    expect(result.status).toBe(400);
    expect((result.data as { errors: Record<string, string[]> }).errors[field]).toEqual([message]);
    expect(await stored(comment.id)).toMatchObject({ bodyMd: comment.bodyMd, version: 1 });
  });

  it("is 404 for an unknown comment", async () => {
    expect((await post(author, 99_999_999, { intent: "edit", body: "Hei", version: "1" })).status).toBe(404);
  });
});

describe("hiding a comment", () => {
  it("refuses members, pending members and visitors (403), changing nothing and logging nothing", async () => {
    const comment = await newComment();
    for (const viewer of [author, roles.member, roles.pending, null]) {
      expect((await post(viewer, comment.id, { intent: "hide", reason: "Usaklig" })).status).toBe(403);
      expect((await post(viewer, comment.id, { intent: "unhide" })).status).toBe(403);
    }
    expect((await stored(comment.id)).hiddenAt).toBeNull();
    expect(await auditOf(comment.id)).toHaveLength(0);
  });

  it("refuses a coordinator's hiding without a reason (400) beside the field, changing nothing", async () => {
    const comment = await newComment();
    for (const reason of [undefined, "", "   "]) {
      const result = await post(roles.coordinator, comment.id, reason === undefined ? { intent: "hide" } : { intent: "hide", reason });
      expect(result.status).toBe(400);
      expect((result.data as { errors: Record<string, string[]> }).errors.reason).toEqual(["form.required"]);
    }
    expect((await stored(comment.id)).hiddenAt).toBeNull();
    expect(await auditOf(comment.id)).toHaveLength(0);
  });

  it("leaves a placeholder with the reason for readers, the text for coordinators, and logs who did it", async () => {
    const comment = await newComment("Et innlegg som bryter reglene.");
    const result = await post(roles.coordinator, comment.id, { intent: "hide", reason: "Personopplysninger" });
    expect(result.status).toBe(303);
    expect(result.location).toBe(`/topics/${topicId}#comment-${comment.id}`);
    expect(await stored(comment.id)).toMatchObject({ hiddenBy: roles.coordinator.id, hiddenReason: "Personopplysninger" });

    for (const viewer of [null, roles.pending, roles.member, author]) {
      const shown = (await topicComments(viewer, topicId)).find((c) => c.id === comment.id)!;
      expect(shown).toMatchObject({ bodyHtml: null, hiddenReason: "Personopplysninger", editable: false });
      expect(shown.hiddenAt).not.toBeNull();
    }
    const asVisitor = await call(topicPage, "loader", null, `/topics/${topicId}`, { id: String(topicId) });
    expect(JSON.stringify(asVisitor.data)).not.toContain("bryter reglene");
    for (const viewer of [roles.coordinator, roles.admin]) {
      const shown = (await topicComments(viewer, topicId)).find((c) => c.id === comment.id)!;
      expect(shown.bodyHtml).toContain("bryter reglene");
      expect(shown.hiddenReason).toBe("Personopplysninger");
    }
    // Hidden, the author's own comment is no longer theirs to edit.
    expect((await post(author, comment.id, { intent: "edit", body: "Ny tekst", version: "1" })).status).toBe(403);

    const [audit] = await auditOf(comment.id);
    expect(audit).toMatchObject({
      action: "comment.hide",
      actorId: roles.coordinator.id,
      before: { hidden: false, reason: null },
      after: { hidden: true, reason: "Personopplysninger" },
    });
  });

  it("shows a hidden comment again when a coordinator says so, logged too", async () => {
    const comment = await newComment();
    expect((await post(roles.admin, comment.id, { intent: "hide", reason: "Feil tråd" })).status).toBe(303);
    expect((await post(roles.coordinator, comment.id, { intent: "unhide" })).status).toBe(303);
    expect(await stored(comment.id)).toMatchObject({ hiddenAt: null, hiddenBy: null, hiddenReason: null });
    const shown = (await topicComments(null, topicId)).find((c) => c.id === comment.id)!;
    expect(shown.bodyHtml).toContain("<strong>gode</strong>");
    expect((await auditOf(comment.id)).map((a) => [a.action, a.actorId])).toEqual([
      ["comment.hide", roles.admin.id],
      ["comment.unhide", roles.coordinator.id],
    ]);
  });

  it("is 404 for an unknown comment and 400 for an unknown intent", async () => {
    expect((await post(roles.coordinator, 99_999_999, { intent: "hide", reason: "Usaklig" })).status).toBe(404);
    const comment = await newComment();
    expect((await post(roles.coordinator, comment.id, { intent: "delete" })).status).toBe(400);
    expect((await post(null, comment.id, { intent: "delete" })).status).toBe(403);
  });
});
