// The one text-link look. Deliberate variants only: the site's brand-coloured link, the same with weight for a
// link that is the point of its sentence, a link that takes the colour of the text around it (inside alerts,
// tables and muted notes, where brand blue would clash or fail contrast), and a card heading that is a link.
// Buttons that read as links in running text (an action, not a navigation) use the same classes.

export type LinkVariant = "default" | "strong" | "inherit" | "title";

const BRAND = "text-brand-600 underline underline-offset-2 dark:text-brand-100";

const VARIANT: Record<LinkVariant, string> = {
  default: BRAND,
  strong: `font-medium ${BRAND}`,
  inherit: "underline underline-offset-2",
  // A heading already stands out by size and weight; the underline and colour appear on hover.
  title: "hover:text-brand-600 hover:underline dark:hover:text-brand-100",
};

export function linkClass(variant: LinkVariant = "default", extra = ""): string {
  return `${VARIANT[variant]}${extra ? ` ${extra}` : ""}`;
}
