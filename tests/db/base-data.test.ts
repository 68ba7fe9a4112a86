import type { AppLoadContext } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createMember, requestAs, type TestMember } from "../helpers/members";
import { baseData } from "~/base-data.server";
import { db } from "~/db.server";

const page = (viewer?: TestMember) => requestAs(viewer ?? null, "/topics");

describe("base data (municipalities and themes, once per process)", () => {
  it("a change to a theme through plain SQL shows up on the next call, for a visitor and a member", async () => {
    const member = await createMember("member");
    const before = await baseData(page(), {} as AppLoadContext);
    expect(before.themes.find((theme) => theme.slug === "procurement")?.nameNb).toBe("Anskaffelser");
    // Unchanged, the same loaded object answers: nothing is read again.
    expect(await baseData(page(member), {} as AppLoadContext)).toBe(before);

    await db().execute(sql`update themes set name_nb = 'Innkjøp' where slug = 'procurement'`);
    for (const viewer of [undefined, member]) {
      const after = await baseData(page(viewer), {} as AppLoadContext);
      expect(after.themes.find((theme) => theme.slug === "procurement")?.nameNb).toBe("Innkjøp");
      expect(after.themeChoices.find((theme) => theme.slug === "procurement")?.nameNb).toBe("Innkjøp");
    }
  });

  it("a municipality renamed through plain SQL is named anew in the register, its county and the options", async () => {
    await baseData(page(), {} as AppLoadContext);
    await db().execute(sql`update municipalities set name = 'Bodø kommune' where number = '1804'`);
    const after = await baseData(page(), {} as AppLoadContext);
    expect(after.municipality.get("1804")?.name).toBe("Bodø kommune");
    expect(after.counties.find((county) => county.number === "18")?.municipalities.map((m) => m.name)).toContain("Bodø kommune");
    expect(after.municipalityOptions).toContain("1804 Bodø kommune");
  });

  it("a page's loaders share the versions its viewer's lookup read", async () => {
    const member = await createMember("member");
    const context = {} as AppLoadContext;
    await baseData(page(member), context);
    expect(await context.dataVersions).toEqual(expect.objectContaining({ baseData: expect.any(Number) }));
    await expect(context.viewer).resolves.toEqual(expect.objectContaining({ member: expect.objectContaining({ id: member.id }) }));
  });
});
