import { createCookie } from "@remix-run/node";
import Negotiator from "negotiator";
import { isHttpsOrigin } from "~/lib/http-security.server";
import { publicUrl } from "~/lib/settings.server";
import { DEFAULT_LANGUAGE, isLanguage, type Language } from "./i18n";

// A preference, not a secret: no signing. Secure when the site is on https (languageCookieHeader).
export const languageCookie = createCookie("lang", {
  path: "/",
  maxAge: 60 * 60 * 24 * 365,
  sameSite: "lax",
  httpOnly: true,
});

// Nynorsk and the generic "no" readers get bokmål, the closest language we have.
const ACCEPTED: Record<string, Language> = { nb: "nb", nn: "nb", no: "nb", en: "en" };

/** The language chosen by the switch (cookie), else the browser's Accept-Language, else bokmål. */
export async function languageFromHeaders(
  cookieHeader: string | null,
  acceptLanguage: string | null,
): Promise<Language> {
  const chosen: unknown = await languageCookie.parse(cookieHeader).catch(() => null);
  if (isLanguage(chosen)) return chosen;
  if (acceptLanguage) {
    const negotiator = new Negotiator({ headers: { "accept-language": acceptLanguage } });
    for (const tag of negotiator.languages()) {
      const language = ACCEPTED[tag.toLowerCase().split("-")[0] ?? ""];
      if (language) return language;
    }
  }
  return DEFAULT_LANGUAGE;
}

/** The Set-Cookie that remembers a chosen language. */
export function languageCookieHeader(language: Language): Promise<string> {
  return languageCookie.serialize(language, { secure: isHttpsOrigin(publicUrl()) });
}

export function languageOf(request: Request): Promise<Language> {
  return languageFromHeaders(request.headers.get("Cookie"), request.headers.get("Accept-Language"));
}
