import { describe, expect, it } from "vitest";
import { notificationText } from "./notification-text";
import { translator } from "~/i18n/i18n";

const moved = {
  kind: "forum_session_moved",
  params: { title: "Velferdsteknologi", when: "torsdag 3. desember 2026 kl. 10:00", startsAt: "2026-12-03T09:00:00.000Z" },
};

describe("a notification's text", () => {
  it("tells a bokmål reader of a moved forum session in Oslo time", () => {
    expect(notificationText(translator("nb"), "nb", moved)).toBe(
      "Forummøtet «Velferdsteknologi» holdes nå torsdag 3. desember 2026 kl. 10:00.",
    );
  });

  it("gives an English reader the new time in English, not the stored bokmål", () => {
    expect(notificationText(translator("en"), "en", moved)).toBe(
      "The forum session “Velferdsteknologi” now takes place Thursday, 3 December 2026 at 10:00.",
    );
  });

  it("falls back to the stored time when the instant is missing", () => {
    const { startsAt: _, ...params } = moved.params;
    expect(notificationText(translator("en"), "en", { ...moved, params })).toContain("torsdag 3. desember 2026 kl. 10:00");
  });

  it("fills in the title of a cancelled forum session", () => {
    expect(notificationText(translator("en"), "en", { kind: "forum_session_cancelled", params: { title: "Beredskap" } })).toBe(
      "The forum session “Beredskap” is cancelled.",
    );
  });

  it("names a topic's new status in the reader's language", () => {
    const changed = { kind: "topic_status_changed", params: { title: "Velferdsteknologi", topicStatus: "shortlisted" } };
    expect(notificationText(translator("nb"), "nb", changed)).toBe("Temaet «Velferdsteknologi» er nå på kortlisten.");
    expect(notificationText(translator("en"), "en", changed)).toBe("The topic “Velferdsteknologi” is now shortlisted.");
  });
});
