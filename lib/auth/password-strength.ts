import "server-only";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

// Length alone let "password1234" through. zxcvbn estimates how many guesses a cracker needs, with the common
// password list, English words, names, keyboard walks, dates and l33t spellings; it runs on the server only,
// because its dictionaries are megabytes the sign-up page should not download.

/** zxcvbn score 0–4; 3 is "safely unguessable: moderate protection from an offline attack" (≥ 10^8 guesses). */
export const MIN_PASSWORD_SCORE = 3;

let factory: ZxcvbnFactory | undefined;

/** Why a password is too easy to guess, or null when it is strong enough. `context` holds the user's own name and email. */
export function weakPasswordMessage(password: string, context: string[]): string | null {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  const words = context.flatMap((c) => c.toLowerCase().split(/[^a-z0-9]+/)).filter((w) => w.length >= 3);
  const result = factory.check(password, words);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const why = result.feedback.warning ?? "This password is easy to guess.";
  const tip = result.feedback.suggestions[0] ?? "Add more words that are less common.";
  return `${why} ${tip}`;
}
