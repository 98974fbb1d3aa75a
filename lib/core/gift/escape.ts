/**
 * GIFT's escaping rules. Inside question text and answers the characters ~ = # { } : are syntax, so a
 * literal one is written with a backslash; a newline inside one question is written as `\n` because a
 * blank line ends the question.
 */

const SPECIAL = new Set(["~", "=", "#", "{", "}", ":"]);

/** Escape text so a GIFT reader gets it back unchanged (backslashes first, then the syntax characters). */
export function escapeGift(text: string): string {
  let out = "";
  let previous = "";
  for (const ch of text) {
    // "->" splits a matching answer, and "%" opening an answer starts a weight; neither has a Moodle escape, so
    // `\>` and `\%` are ours (Moodle would show the backslash; these texts are ambiguous to it anyway).
    if (ch === ">" && previous === "-") out += "\\>";
    else if (ch === "%" && out === "") out += "\\%";
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") continue;
    else if (SPECIAL.has(ch)) out += `\\${ch}`;
    else out += ch;
    previous = ch;
  }
  return out;
}

/** Undo escapeGift; an unknown escape such as `\x` keeps the backslash, as Moodle does. */
export function unescapeGift(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch !== "\\" || i + 1 >= text.length) {
      out += ch;
      continue;
    }
    const next = text[i + 1] as string;
    if (next === "n") out += "\n";
    else if (next === "\\" || next === ">" || next === "%" || SPECIAL.has(next)) out += next;
    else out += `\\${next}`;
    i++;
  }
  return out;
}

/** Index of the first unescaped occurrence of `token` at or after `from`, or -1. */
export function findUnescaped(text: string, token: string, from = 0): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === "\\") {
      i++;
      continue;
    }
    if (text.startsWith(token, i)) return i;
  }
  return -1;
}

/** Positions of every unescaped character that is in `chars`. */
export function unescapedPositions(text: string, chars: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\\") {
      i++;
      continue;
    }
    if (chars.includes(text[i] as string)) out.push(i);
  }
  return out;
}
