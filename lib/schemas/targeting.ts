import { z } from "zod";

// Targeting vocabulary shared by the users event, the promo form and the claim rules: ISO 3166-1
// alpha-2 country codes and the platform's segment tags.

/** The 249 officially assigned ISO 3166-1 alpha-2 codes (no reserved or user-assigned ones such as EU, UK, XK). */
export const COUNTRY_CODES = (
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
  "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
  "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
  "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
  "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
  "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
  "UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
).split(" ");
const COUNTRY_SET = new Set(COUNTRY_CODES);

/** True for an assigned alpha-2 code, upper-case as sent (`fr` is refused, not guessed). */
export const isCountryCode = (v: string) => COUNTRY_SET.has(v);

// An enum, so the OpenAPI document lists the codes an integrator may send.
export const ZCountryCode = z.enum(COUNTRY_CODES as [string, ...string[]], {
  error: "must be an ISO 3166-1 alpha-2 country code in upper case, such as FR",
});

/** A country's English name for the back office ("FR" → "France"); the code itself where the runtime has no name. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;
export const TAG_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

/** A segment tag: 1–40 of A-Z a-z 0-9 _ -, compared case-sensitively. */
export const ZTag = z.string().regex(TAG_PATTERN, `a tag is 1 to ${MAX_TAG_LENGTH} of A-Z a-z 0-9 _ -`);

/** A set of tags: at most 20, repeats dropped, order kept. */
export const ZTagSet = z
  .array(ZTag)
  .max(MAX_TAGS, `at most ${MAX_TAGS} tags`)
  .transform((tags) => [...new Set(tags)]);

/** A set of countries: repeats dropped, sorted (the promo form's lists). */
export const ZCountrySet = z
  .array(ZCountryCode)
  .max(COUNTRY_CODES.length)
  .transform((codes) => [...new Set(codes)].sort());

/** A jurisdiction: an alpha-2 country code, or that plus "-" and a 1–3 character region (CA-ON). */
export const JURISDICTION_PATTERN = /^([A-Z]{2})(-[A-Z0-9]{1,3})?$/;
export const isJurisdictionCode = (v: string) => {
  const m = JURISDICTION_PATTERN.exec(v);
  return !!m && isCountryCode(m[1]);
};
export const ZJurisdictionCode = z
  .string()
  .refine(isJurisdictionCode, "must be an ISO 3166-1 alpha-2 country code in upper case, optionally with a region: GB, CA-ON");

/** A jurisdiction's name for the back office: "GB" → "United Kingdom", "CA-ON" → "Canada (ON)". */
export function jurisdictionName(code: string): string {
  const [country, region] = code.split("-");
  return region ? `${countryName(country)} (${region})` : countryName(country);
}
