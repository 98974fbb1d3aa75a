import path from "node:path";

// Import boundaries that no-restricted-imports cannot express: it matches specifiers, not where they lead,
// and it cannot see the "use client" directive. Each rule resolves "@/…" and relative specifiers to a path
// inside the repository and checks the layer it lands in.

function resolveSpecifier(context, specifier) {
  const root = context.cwd;
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith(".")) {
    const absolute = path.resolve(path.dirname(context.filename), specifier);
    const relative = path.relative(root, absolute);
    return relative.startsWith("..") ? null : relative.split(path.sep).join("/");
  }
  return null;
}

function eachImport(context, check) {
  const visit = (node, source) => {
    if (source && source.type === "Literal" && typeof source.value === "string") check(node, source.value);
  };
  return {
    ImportDeclaration: (node) => visit(node, node.source),
    ExportNamedDeclaration: (node) => visit(node, node.source),
    ExportAllDeclaration: (node) => visit(node, node.source),
    ImportExpression: (node) => visit(node, node.source),
  };
}

const inFolder = (target, folder) => target === folder || target.startsWith(`${folder}/`);

function fileIn(context, folder) {
  const relative = path.relative(context.cwd, context.filename).split(path.sep).join("/");
  return inFolder(relative, folder);
}

const libNoComponents = {
  meta: {
    type: "problem",
    schema: [],
    messages: {
      banned:
        "lib/ never imports components/ ({{specifier}}): move the shared type or code into lib (wire types go to lib/schemas).",
    },
  },
  create(context) {
    if (!fileIn(context, "lib")) return {};
    return eachImport(context, (node, specifier) => {
      const target = resolveSpecifier(context, specifier);
      if (target && inFolder(target, "components")) context.report({ node, messageId: "banned", data: { specifier } });
    });
  },
};

// The pure core's import bans (eslint.config.mjs) match specifiers, so "../../server/quiz/submit" or
// "@/lib/server/kernel/env" passed: lib/core may import nothing from the impure side of lib, by any path.
const IMPURE_LIB = ["lib/server", "lib/actions", "lib/auth", "lib/generated"];

const coreNoServer = {
  meta: {
    type: "problem",
    schema: [],
    messages: {
      banned: "lib/core is pure: it never imports {{specifier}} (lib/server, lib/actions, lib/auth, lib/generated); pass what it needs in.",
    },
  },
  create(context) {
    if (!fileIn(context, "lib/core")) return {};
    return eachImport(context, (node, specifier) => {
      const target = resolveSpecifier(context, specifier);
      if (target && IMPURE_LIB.some((folder) => inFolder(target, folder)))
        context.report({ node, messageId: "banned", data: { specifier } });
    });
  },
};

// The pure-core bans in eslint.config.mjs are no-restricted-imports, which does not see import():
// `await import("node:fs")` in lib/core passed. The same packages, by dynamic import.
const IMPURE_PACKAGES = /^(node:.*|fs|path|child_process|pg|server-only|prisma|@prisma\/.*|next(\/.*)?|next-auth(\/.*)?|react(-dom)?(\/.*)?)$/;

const coreNoDynamicImpure = {
  meta: {
    type: "problem",
    schema: [],
    messages: { banned: "lib/core is pure: no import({{specifier}}) of a framework, database or Node API." },
  },
  create(context) {
    if (!fileIn(context, "lib/core")) return {};
    return {
      ImportExpression(node) {
        const source = node.source;
        if (source.type === "Literal" && typeof source.value === "string" && IMPURE_PACKAGES.test(source.value))
          context.report({ node, messageId: "banned", data: { specifier: source.value } });
      },
    };
  },
};

// no-restricted-imports does not see import(): a route could reach the database with a dynamic import.
const DB_PACKAGES = /^(pg|@prisma\/.*|prisma)$/;

const appNoDynamicDb = {
  meta: {
    type: "problem",
    schema: [],
    messages: { banned: "app/ never imports the database ({{specifier}}): call a service in lib/server." },
  },
  create(context) {
    if (!fileIn(context, "app")) return {};
    return {
      ImportExpression(node) {
        const source = node.source;
        if (source.type !== "Literal" || typeof source.value !== "string") return;
        const target = resolveSpecifier(context, source.value);
        const db = target
          ? /^lib\/server\/kernel\/db(\.ts)?$/.test(target) || inFolder(target, "lib/generated")
          : DB_PACKAGES.test(source.value);
        if (db) context.report({ node, messageId: "banned", data: { specifier: source.value } });
      },
    };
  },
};

const isUseClient = (program) =>
  program.body.some((statement) => statement.type === "ExpressionStatement" && statement.directive === "use client");

const clientNoServer = {
  meta: {
    type: "problem",
    schema: [],
    messages: {
      banned:
        'A "use client" file never imports lib/server ({{specifier}}), not even types: wire types live in lib/schemas.',
    },
  },
  create(context) {
    if (!isUseClient(context.sourceCode.ast)) return {};
    return eachImport(context, (node, specifier) => {
      const target = resolveSpecifier(context, specifier);
      if (target && inFolder(target, "lib/server")) context.report({ node, messageId: "banned", data: { specifier } });
    });
  },
};

// A server action called bare from the browser throws on a network failure or a server crash, and each caller
// used to catch (or not) in its own way. In "use client" files every call of an imported action goes through
// components/use-action.ts: inside callAction(() => …), or the action handed to useAction(action) uncalled. A
// thunk whose whole body is the call, handed to a local helper (`run(() => action(…))`, where the helper calls
// callAction), also passes: lint cannot follow the helper. A call inside a larger block (`startTransition(async
// () => { await action(…) })`) is the bare call the rule exists for.
const clientActionsThroughUseAction = {
  meta: {
    type: "problem",
    schema: [],
    messages: {
      bare: "Call the server action {{name}} through callAction(() => {{name}}(…)) or useAction({{name}}) from components/use-action.",
    },
  },
  create(context) {
    if (!isUseClient(context.sourceCode.ast)) return {};
    const actions = new Set();
    return {
      ImportDeclaration(node) {
        const target = resolveSpecifier(context, String(node.source.value));
        if (!target || !inFolder(target, "lib/actions") || node.importKind === "type") return;
        for (const s of node.specifiers) if (s.importKind !== "type") actions.add(s.local.name);
      },
      CallExpression(node) {
        if (node.callee.type !== "Identifier" || !actions.has(node.callee.name)) return;
        const ancestors = context.sourceCode.getAncestors(node);
        const thunk = node.parent?.type === "ArrowFunctionExpression" && node.parent.body === node ? node.parent : null;
        const wrapped =
          ancestors.some(
            (a) => a.type === "CallExpression" && a.callee.type === "Identifier" && a.callee.name === "callAction",
          ) ||
          (thunk !== null && thunk.parent?.type === "CallExpression" && thunk.parent.arguments.includes(thunk));
        if (!wrapped) context.report({ node, messageId: "bare", data: { name: node.callee.name } });
      },
    };
  },
};

export const boundaries = {
  meta: { name: "roundtrip-boundaries" },
  rules: {
    "lib-no-components": libNoComponents,
    "client-no-server": clientNoServer,
    "client-actions-through-use-action": clientActionsThroughUseAction,
    "core-no-server": coreNoServer,
    "core-no-dynamic-impure": coreNoDynamicImpure,
    "app-no-dynamic-db": appNoDynamicDb,
  },
};
