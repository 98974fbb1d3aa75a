import {
  absDependencies,
  addDependencies,
  ceilDependencies,
  create,
  divideDependencies,
  expDependencies,
  floorDependencies,
  log10Dependencies,
  log2Dependencies,
  logDependencies,
  maxDependencies,
  minDependencies,
  multiplyDependencies,
  parseDependencies,
  powDependencies,
  roundDependencies,
  sqrtDependencies,
  subtractDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  type EvalFunction,
  type FactoryFunctionMap,
  type MathNode,
} from "mathjs";
import type { EstimateQuestion, EstimateVariable } from "../../schemas/question";
import { formatQuantity } from "./estimate-format";
import { mulberry32, seedToUint32 } from "./random";

/**
 * Generated estimation questions: drawing a variable's value for an attempt, evaluating the author's formula,
 * checking an answer against the tolerance, and filling the prompt and worked-solution templates.
 *
 * Formulas are parsed by mathjs in an instance that holds nothing but arithmetic (numbers only: no units,
 * matrices, strings, assignments, function definitions, `import` or `evaluate`), and every parsed tree is
 * checked node by node against an allow-list before it is ever compiled, so an author cannot reach anything else.
 */
/** mathjs types each *Dependencies export as possibly undefined; a missing one is a broken install, so say so. */
function factories(map: Record<string, FactoryFunctionMap | undefined>): Record<string, FactoryFunctionMap> {
  const out: Record<string, FactoryFunctionMap> = {};
  for (const [name, f] of Object.entries(map)) {
    if (!f) throw new Error(`mathjs lacks ${name}`);
    out[name] = f;
  }
  return out;
}

let instance: ReturnType<typeof create> | undefined;

/** Built on first use, so a page that only imports scoring helpers does not carry the parser. */
function math(): ReturnType<typeof create> {
  instance ??= create(
    factories({
      parseDependencies,
      addDependencies,
      subtractDependencies,
      multiplyDependencies,
      divideDependencies,
      powDependencies,
      unaryMinusDependencies,
      unaryPlusDependencies,
      minDependencies,
      maxDependencies,
      ceilDependencies,
      floorDependencies,
      roundDependencies,
      logDependencies,
      log10Dependencies,
      log2Dependencies,
      sqrtDependencies,
      expDependencies,
      absDependencies,
    }),
    { number: "number" },
  );
  return instance;
}

/** Functions a formula may call (estimation needs rounding up, logs and roots; nothing else). */
export const FORMULA_FUNCTIONS = [
  "min",
  "max",
  "ceil",
  "floor",
  "round",
  "log",
  "log10",
  "log2",
  "sqrt",
  "exp",
  "abs",
] as const;
const allowedFunctions = new Set<string>(FORMULA_FUNCTIONS);
const allowedOperators = new Set(["add", "subtract", "multiply", "divide", "pow", "unaryMinus", "unaryPlus"]);
/** Keeps one formula cheap to compile and evaluate, however it is written. */
const MAX_NODES = 200;
/** Draws checked before publishing, besides every corner of the ranges. */
export const VALIDATION_DRAWS = 200;

export type FormulaCheck = { ok: true } | { ok: false; message: string };

type NodeLike = MathNode & { fn?: unknown; name?: string; value?: unknown; op?: string; args?: unknown[] };

/** Parses `formula` and checks that it uses only numbers, `variables`, + − × ÷ ^, parentheses and FORMULA_FUNCTIONS. */
export function checkFormula(formula: string, variables: readonly string[]): FormulaCheck {
  let root: MathNode;
  try {
    root = math().parse(formula);
  } catch (e) {
    return { ok: false, message: `the formula does not parse: ${e instanceof Error ? e.message : String(e)}` };
  }
  const known = new Set(variables);
  const problems: string[] = [];
  let count = 0;
  root.traverse((raw, path, parent) => {
    const node = raw as NodeLike;
    count++;
    switch (node.type) {
      case "ConstantNode":
        if (typeof node.value !== "number" || !Number.isFinite(node.value))
          problems.push("only plain numbers may appear as constants");
        return;
      case "ParenthesisNode":
        return;
      case "OperatorNode":
        if (!allowedOperators.has(String(node.fn)))
          problems.push(`the operator "${node.op ?? String(node.fn)}" is not allowed (use + - * / ^)`);
        return;
      case "FunctionNode": {
        const fn = node.fn as NodeLike | undefined;
        if (fn?.type !== "SymbolNode" || !allowedFunctions.has(String(fn.name))) {
          problems.push(`only these functions may be called: ${FORMULA_FUNCTIONS.join(", ")}`);
        }
        return;
      }
      case "SymbolNode": {
        const name = String(node.name);
        if ((parent as NodeLike | null)?.type === "FunctionNode" && path === "fn") return;
        if (!known.has(name))
          problems.push(`"${name}" is not one of the variables (${[...known].join(", ") || "none"})`);
        return;
      }
      default:
        problems.push(`${node.type.replace(/Node$/, "").toLowerCase()} expressions are not allowed`);
    }
  });
  if (count > MAX_NODES) problems.push(`the formula is too long (${count} terms, at most ${MAX_NODES})`);
  const first = problems[0];
  return first === undefined ? { ok: true } : { ok: false, message: first };
}

const compiled = new Map<string, EvalFunction>();

/**
 * Evaluates a formula already passed by checkFormula. Returns NaN for anything that is not a finite number
 * (division by zero, log of 0, overflow), so callers test one thing.
 */
export function evaluateFormula(formula: string, values: Readonly<Record<string, number>>): number {
  let fn = compiled.get(formula);
  if (!fn) {
    const check = checkFormula(formula, Object.keys(values));
    if (!check.ok) throw new Error(check.message);
    fn = math().parse(formula).compile();
    if (compiled.size > 500) compiled.clear();
    compiled.set(formula, fn);
  }
  let out: unknown;
  try {
    // A fresh scope object per call: nothing an evaluation does can leak into the next one.
    out = fn.evaluate({ ...values });
  } catch {
    return Number.NaN;
  }
  return typeof out === "number" && Number.isFinite(out) ? out : Number.NaN;
}

// ---------------------------------------------------------------------------------------------------------
// Drawing values
// ---------------------------------------------------------------------------------------------------------

/** Removes binary noise (0.1 + 0.2) from a value built by adding steps, without changing any real digit. */
const clean = (x: number) => Number(x.toPrecision(12));

/** Every value a linear variable can take, or, for a log variable, its rounding rule applied to `u` in [0, 1). */
function drawOne(v: EstimateVariable, u: number): number {
  if (v.scale === "linear") {
    const step = v.step ?? (v.max - v.min || 1);
    const n = Math.floor((v.max - v.min) / step + 1e-9);
    return clean(v.min + Math.min(n, Math.floor(u * (n + 1))) * step);
  }
  const raw = Math.exp(Math.log(v.min) + u * (Math.log(v.max) - Math.log(v.min)));
  const rounded = Number(raw.toPrecision(v.sig ?? 2));
  return Math.min(v.max, Math.max(v.min, rounded));
}

/** One value per variable, deterministic for a seed (the attempt's seed and the question id, see dealLayout). */
export function drawValues(variables: readonly EstimateVariable[], seed: string | number): Record<string, number> {
  const next = mulberry32(seedToUint32(seed));
  return Object.fromEntries(variables.map((v) => [v.name, drawOne(v, next())]));
}

/** True when `values` holds a finite number for exactly the question's variables (a stored layout is parsed, not trusted). */
export function valuesFit(variables: readonly EstimateVariable[], values: unknown): values is Record<string, number> {
  if (!values || typeof values !== "object") return false;
  const entries = Object.entries(values);
  return (
    entries.length === variables.length &&
    variables.every((v) => {
      const x = (values as Record<string, unknown>)[v.name];
      return typeof x === "number" && Number.isFinite(x);
    })
  );
}

// ---------------------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------------------

/** {{name}}, {{answer}} or {{= expression | unit}} (the unit is optional). */
const PLACEHOLDER = /\{\{\s*(=)?\s*([^|}]*?)\s*(?:\|\s*([^}]*?)\s*)?\}\}/g;

type Placeholder = { raw: string; expression: boolean; body: string; unit: string | undefined };

function placeholders(template: string): Placeholder[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => ({
    raw: m[0],
    expression: m[1] === "=",
    body: m[2] ?? "",
    unit: m[3],
  }));
}

/** Digits shown for drawn values: enough that the prompt shows exactly the number used. */
const DRAWN_SIG = 6;

/** The prompt with this attempt's values: every {{name}} becomes "12 million DAU". */
export function renderPrompt(
  q: Pick<EstimateQuestion, "prompt" | "variables">,
  values: Readonly<Record<string, number>>,
): string {
  const byName = new Map(q.variables.map((v) => [v.name, v]));
  return q.prompt.replace(PLACEHOLDER, (raw, eq: string | undefined, body: string) => {
    const v = eq ? undefined : byName.get(body);
    const x = values[body];
    return v && x !== undefined ? formatQuantity(x, v.unit, DRAWN_SIG) : raw;
  });
}

/** The worked solution with this attempt's values, intermediate steps and answer filled in. */
export function renderSolution(
  q: Pick<EstimateQuestion, "solution" | "variables" | "unit">,
  values: Readonly<Record<string, number>>,
  answer: number,
): string {
  const byName = new Map(q.variables.map((v) => [v.name, v]));
  return q.solution.replace(PLACEHOLDER, (raw, eq: string | undefined, body: string, unit: string | undefined) => {
    if (eq) {
      const x = evaluateFormula(body, values);
      return formatQuantity(x, unit ?? "");
    }
    if (body === "answer") return formatQuantity(answer, q.unit);
    const v = byName.get(body);
    const x = values[body];
    return v && x !== undefined ? formatQuantity(x, v.unit, DRAWN_SIG) : raw;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Authoring checks
// ---------------------------------------------------------------------------------------------------------

type Issue = { message: string; path: (string | number)[] };

/** Every combination of each variable's min and max (at most 2⁸ for the schema's 8 variables). */
function corners(variables: readonly EstimateVariable[]): Record<string, number>[] {
  let out: Record<string, number>[] = [{}];
  for (const v of variables) {
    const lo = drawOne(v, 0);
    const hi = drawOne(v, 1 - Number.EPSILON);
    out = out.flatMap((c) => [
      { ...c, [v.name]: lo },
      { ...c, [v.name]: hi },
    ]);
  }
  return out;
}

/**
 * What is wrong with an estimate question as authored, beyond its shape: a formula outside the allowed
 * arithmetic, a template naming something unknown, a prompt that hides a variable or reveals the answer, or a
 * formula that is not a finite positive number somewhere over the ranges (every corner plus VALIDATION_DRAWS
 * seeded draws). Used by the question schema, so nothing that fails here can be stored or published.
 */
export function estimateIssues(
  q: Pick<EstimateQuestion, "id" | "prompt" | "solution" | "variables" | "formula">,
): Issue[] {
  const issues: Issue[] = [];
  const names = q.variables.map((v) => v.name);
  for (const [i, name] of names.entries()) {
    if (allowedFunctions.has(name) || name === "answer") {
      issues.push({ message: `"${name}" is reserved; pick another variable name`, path: ["variables", i, "name"] });
    }
  }
  const formula = checkFormula(q.formula, names);
  if (!formula.ok) issues.push({ message: formula.message, path: ["formula"] });

  const inPrompt = new Set<string>();
  for (const p of placeholders(q.prompt)) {
    if (p.expression || p.body === "answer") {
      issues.push({ message: `the prompt must not compute or show the answer (${p.raw})`, path: ["prompt"] });
    } else if (!names.includes(p.body)) {
      issues.push({ message: `the prompt names "${p.body}", which is not a variable`, path: ["prompt"] });
    } else inPrompt.add(p.body);
  }
  for (const name of names) {
    if (!inPrompt.has(name))
      issues.push({ message: `the prompt never shows {{${name}}}, so it cannot be used`, path: ["prompt"] });
  }
  const steps: string[] = [];
  let hasAnswer = false;
  for (const p of placeholders(q.solution)) {
    if (p.expression) {
      const check = checkFormula(p.body, names);
      if (check.ok) steps.push(p.body);
      else issues.push({ message: `in the solution, ${p.raw}: ${check.message}`, path: ["solution"] });
    } else if (p.body === "answer") hasAnswer = true;
    else if (!names.includes(p.body))
      issues.push({ message: `the solution names "${p.body}", which is not a variable`, path: ["solution"] });
  }
  if (!hasAnswer) issues.push({ message: "the solution must state the result as {{answer}}", path: ["solution"] });
  if (issues.length > 0) return issues;

  const samples = [
    ...corners(q.variables),
    ...Array.from({ length: VALIDATION_DRAWS }, (_, i) => drawValues(q.variables, `${q.id}|check|${i}`)),
  ];
  for (const values of samples) {
    const answer = evaluateFormula(q.formula, values);
    const shown = names.map((n) => `${n} = ${values[n]}`).join(", ");
    if (!(answer > 0)) {
      issues.push({
        message: `the formula gives ${Number.isNaN(answer) ? "no finite number" : String(answer)} for ${shown}; it must be a finite positive number over all the ranges`,
        path: ["formula"],
      });
      break;
    }
    const badStep = steps.find((s) => Number.isNaN(evaluateFormula(s, values)));
    if (badStep !== undefined) {
      issues.push({
        message: `the solution step "${badStep}" is not a finite number for ${shown}`,
        path: ["solution"],
      });
      break;
    }
  }
  return issues;
}
