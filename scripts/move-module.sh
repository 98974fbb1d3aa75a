#!/usr/bin/env bash
# Moves a folder under lib/ and rewrites every mention of it (issue #11's move into lib/core).
#   bash scripts/move-module.sh lib/quiz lib/core/quiz
#   bash scripts/move-module.sh lib/gift lib/core/gift
# Rewrites "@/lib/x", "../lib/x", "./lib/x" and bare "lib/x" (docs, configs) in every tracked text file except
# content/ and the lockfile. Relative imports that do not spell "lib/x" (e.g. "../../quiz" from lib/server) are
# not seen: run `npx tsc --noEmit -p .` afterwards and fix what it names, then check that eslint.config.mjs
# no longer lists the old folder.
set -euo pipefail
old="$1"; new="$2"
mkdir -p "$(dirname "$new")"
git mv "$old" "$new"
git ls-files -z -- '*.ts' '*.tsx' '*.mts' '*.mjs' '*.js' '*.cjs' '*.json' '*.md' '*.yml' '*.yaml' '.prettierignore' ':!package-lock.json' ':!content/**' \
  | xargs -0 grep -lZ -- "$old" 2>/dev/null \
  | xargs -0 -r perl -pi -e "s#(^|[^\\w/.-]|@/|\\.\\./|\\./)\\Q$old\\E(?=[/\"'\\s\`).]|\$)#\${1}$new#g"
