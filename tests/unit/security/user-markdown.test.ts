// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { classifyUrl, renderUserMarkdown } from "@/lib/markdown/user-markdown";

// A hostile corpus: every way we know to smuggle script, handlers or foreign requests through markdown.
const HOSTILE = [
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](javascript&#58;alert(1))",
  "[click](jav&#x09;ascript:alert(1))",
  "[click](&#106;avascript:alert(1))",
  "[click](  javascript:alert(1))",
  "[click](<javascript:alert(1)>)",
  "[click](vbscript:msgbox(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[click](data:text/html,<script>alert(1)</script>)",
  "[click](file:///etc/passwd)",
  "[ref][x]\n\n[x]: javascript:alert(1)",
  "<javascript:alert(1)>",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<a href=\"javascript:alert(1)\">x</a>",
  "<svg onload=alert(1)>",
  "<iframe src=\"https://evil.example/\"></iframe>",
  "<style>body{background:url(https://evil.example/x)}</style>",
  "<form action=\"https://evil.example/\"><button>go</button></form>",
  "<details open ontoggle=alert(1)>x</details>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "![x](javascript:alert(1))",
  "![tracker](https://evil.example/pixel.png)",
  "![tracker](//evil.example/pixel.png)",
  "![tracker](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  "[x](https://example.com \"title\" onmouseover=alert(1))",
  "`<script>alert(1)</script>`",
  "```html\n<script>alert(1)</script>\n```",
  "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
  "Footnote[^1]\n\n[^1]: [x](javascript:alert(1))",
];

function parse(html: string) {
  return new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
}

describe("renderUserMarkdown (hostile corpus)", () => {
  it.each(HOSTILE)("leaves no script, handler, frame or unsafe URL: %s", (markdown) => {
    const doc = parse(renderUserMarkdown(markdown));
    expect(doc.querySelectorAll("script, iframe, object, embed, style, form, svg, math, base, meta, link").length).toBe(0);
    for (const el of Array.from(doc.querySelectorAll("*"))) {
      for (const attr of Array.from(el.attributes)) {
        expect(attr.name.startsWith("on"), `${el.tagName} ${attr.name}`).toBe(false);
        if (["href", "src", "action", "formaction", "cite", "longdesc", "srcset", "xlink:href"].includes(attr.name)) {
          expect(classifyUrl(attr.value), `${el.tagName} ${attr.name}=${attr.value}`).not.toBe("refused");
        }
      }
    }
    for (const img of Array.from(doc.querySelectorAll("img"))) {
      expect(classifyUrl(img.getAttribute("src") ?? "")).toBe("same-origin");
    }
  });

  it("keeps the markdown people actually write", () => {
    const html = renderUserMarkdown(
      "**Bold**, `code`, [docs](https://example.com/a?b=1#c), [mail](mailto:a@example.com), [rel](/learn/dns#ttl) and [anchor](#x).\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![diagram](/diagrams/a.svg)",
    );
    const doc = parse(html);
    expect(doc.querySelector("strong")?.textContent).toBe("Bold");
    expect(doc.querySelector("code")?.textContent).toBe("code");
    const hrefs = Array.from(doc.querySelectorAll("a")).map((a) => a.getAttribute("href"));
    expect(hrefs).toEqual(["https://example.com/a?b=1#c", "mailto:a@example.com", "/learn/dns#ttl", "#x"]);
    expect(doc.querySelectorAll("li")).toHaveLength(2);
    expect(doc.querySelectorAll("td")).toHaveLength(2);
    expect(doc.querySelector("img")?.getAttribute("src")).toBe("/diagrams/a.svg");
  });

  it("marks off-site links nofollow/noopener and shows a refused image as its alt text", () => {
    const doc = parse(renderUserMarkdown("[x](https://example.com) ![a chart](https://evil.example/p.png)"));
    expect(doc.querySelector("a")?.getAttribute("rel")).toBe("nofollow noopener noreferrer");
    expect(doc.querySelector("img")).toBeNull();
    expect(doc.body.textContent).toContain("[image: a chart]");
  });

  it("shows raw HTML as nothing rather than running it, and keeps the text around it", () => {
    const doc = parse(renderUserMarkdown("before <b onclick=alert(1)>bold</b> after"));
    expect(doc.body.textContent).toContain("before");
    expect(doc.body.textContent).toContain("after");
    expect(doc.querySelector("[onclick]")).toBeNull();
  });

  it("classifies URLs as the browser parses them", () => {
    expect(classifyUrl("java\tscript:alert(1)")).toBe("refused");
    expect(classifyUrl(" javascript:alert(1)")).toBe("refused");
    expect(classifyUrl("data:text/html,x")).toBe("refused");
    expect(classifyUrl("//evil.example/x")).toBe("external");
    expect(classifyUrl("/\\evil.example/x")).toBe("external");
    expect(classifyUrl("/learn/dns")).toBe("same-origin");
    expect(classifyUrl("?q=1")).toBe("same-origin");
    expect(classifyUrl("mailto:a@b.c")).toBe("external");
  });
});
