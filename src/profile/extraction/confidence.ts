/**
 * Confidence levels of extracted facts. Three levels rather than a continuous score, so the
 * service can state its rule plainly (see docs/profile-extraction.md).
 * - stated: the user labelled the value ("my email is ...", "name: ...", a full address line).
 * - likely: an unlabelled value whose form or phrase leaves little doubt (an email address on
 *   its own, a formatted phone number, "I'm Maria", a sign-off, "I live in Austin").
 * - possible: a guess among several candidates or a weak pattern (the first of "a or b",
 *   a lower-case city, a bare name at the end of a message).
 */
export const CONFIDENCE = {
  stated: 0.95,
  likely: 0.8,
  possible: 0.6,
} as const;
