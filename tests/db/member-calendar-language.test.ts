import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { members } from "../../db/schema";
import { createMember, requestAs } from "../helpers/members";
import { db } from "~/db.server";
import * as personalFeed from "~/routes/calendar.$token[.ics]";

/** The personal feed as a calendar app fetches it: no cookie, and the given Accept-Language. */
async function fetchFeed(token: string, acceptLanguage?: string) {
  const request = requestAs(null, `/calendar/${token}.ics`, {
    headers: acceptLanguage ? { "Accept-Language": acceptLanguage } : {},
  });
  const response = (await personalFeed.loader({ request, params: { token }, context: {} })) as Response;
  return response.text();
}

describe("a member's personal calendar feed", () => {
  it("is written in the member's language, whatever language the calendar app asks for", async () => {
    const member = await createMember("member");
    const token = "e".repeat(32);
    await db().update(members).set({ calendarToken: token, language: "en" }).where(eq(members.id, member.id));
    for (const acceptLanguage of [undefined, "nb-NO,nb;q=0.9"]) {
      const ics = await fetchFeed(token, acceptLanguage);
      expect(ics).toContain("Kommuneforum – forum sessions with meeting links");
    }
    await db().update(members).set({ language: "nb" }).where(eq(members.id, member.id));
    expect(await fetchFeed(token, "en-GB,en")).toContain("Kommuneforum – forummøter med møtelenker");
  });
});
