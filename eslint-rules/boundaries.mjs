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
  meta: { type: "problem", schema: [], messages: { banned: "lib/ never imports components/ ({{specifier}}): move the shared type or code into lib (wire types go to lib/schemas)." } },
  create(context) {
    if (!fileIn(context, "lib")) return {};
    return eachImport(context, (node, specifier) => {
      const target = resolveSpecifier(context, specifier);
      if (target && inFolder(target, "components")) context.report({ node, messageId: "banned", data: { specifier } });
    });
  },
};

const isUseClient = (program) =>
  program.body.some((statement) => statement.type === "ExpressionStatement" && statement.directive === "use client");

const clientNoServer = {
  meta: { type: "problem", schema: [], messages: { banned: "A \"use client\" file never imports lib/server ({{specifier}}), not even types: wire types live in lib/schemas." } },
  create(context) {
    if (!isUseClient(context.sourceCode.ast)) return {};
    return eachImport(context, (node, specifier) => {
      const target = resolveSpecifier(context, specifier);
      if (target && inFolder(target, "lib/server")) context.report({ node, messageId: "banned", data: { specifier } });
    });
  },
};

export const boundaries = {
  meta: { name: "roundtrip-boundaries" },
  rules: { "lib-no-components": libNoComponents, "client-no-server": clientNoServer },
};
