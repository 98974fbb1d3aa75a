import { z } from "zod";

const kebab = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

/** Time units a reference figure may use, with their size in milliseconds. */
export const FIGURE_UNIT_MS = { ns: 1e-6, "µs": 1e-3, ms: 1, s: 1000 } as const;
export const figureUnitSchema = z.enum(["ns", "µs", "ms", "s"]);
export type FigureUnit = z.infer<typeof figureUnitSchema>;

export const referenceFigureSchema = z
  .object({
    id: kebab,
    group: kebab,
    /** What is being timed, as a reader sees it in the table. */
    label: z.string().min(3),
    /** Phrases that, followed or preceded by a number and a unit in a chapter, state this figure. */
    // "and" splits clauses when prose is scanned, so an alias containing it could never match.
    aliases: z.array(z.string().min(3).refine((a) => !/\s(?:and|but|while|whereas)\s/i.test(a), "an alias must not contain a conjunction")).min(1),
    low: z.number().nonnegative(),
    high: z.number().positive(),
    unit: figureUnitSchema,
    /** Where the range comes from: the measurement or the course figure behind it. */
    basis: z.string().min(3),
  })
  .refine((f) => f.low <= f.high, { message: "low must not exceed high", path: ["low"] });

export const referenceFiguresFileSchema = z
  .object({
    groups: z.array(z.object({ id: kebab, label: z.string().min(3) })).min(1),
    figures: z.array(referenceFigureSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const groups = new Set(file.groups.map((g) => g.id));
    const ids = new Set<string>();
    const aliases = new Map<string, string>();
    file.figures.forEach((figure, i) => {
      if (!groups.has(figure.group)) ctx.addIssue({ code: "custom", message: `unknown group "${figure.group}"`, path: ["figures", i, "group"] });
      if (ids.has(figure.id)) ctx.addIssue({ code: "custom", message: `duplicate id "${figure.id}"`, path: ["figures", i, "id"] });
      ids.add(figure.id);
      for (const alias of figure.aliases) {
        const key = alias.toLowerCase();
        const other = aliases.get(key);
        // One phrase must name one figure, or a stated number could be checked against the wrong range.
        if (other && other !== figure.id) ctx.addIssue({ code: "custom", message: `alias "${alias}" also names "${other}"`, path: ["figures", i, "aliases"] });
        aliases.set(key, figure.id);
      }
    });
  });

export type ReferenceFigure = z.infer<typeof referenceFigureSchema>;
