// The HAR guide (library/README.md, what the ohpm page shows) against the code it describes:
//   - every name a module's Index.ets exports has a row in one of the guide's tables, whose first
//     cell names it in backticks (`P2pClient`, `session.download(...)` rows name methods, not exports);
//   - every block introduced by `<!-- quote: path -->` is that file, byte for byte, so the guide's
//     examples are exactly what `npm test` type-checks, lints and runs.
import fs from 'node:fs';
import path from 'node:path';
import { ts } from './compiler-options.mjs';
import { REPO_ROOT, relToRepo } from './paths.mjs';

/** Names exported by an Index.ets (export { a, b as c } from '...'; export class/function/const ...). */
export function exportedNames(indexFile) {
  const text = fs.readFileSync(indexFile, 'utf8');
  const sf = ts.createSourceFile(indexFile, text, ts.ScriptTarget.Latest, true);
  const names = [];
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) {
        names.push(el.name.text);
      }
    } else if (st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) && st.name) {
      names.push(st.name.text);
    }
  }
  return names;
}

/** Identifiers the first cell of each table row names in backticks (`Foo`, `Foo(options)`, `Foo.bar`). */
function tableNames(markdown) {
  const names = new Set();
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|') || /^\|\s*-/.test(line)) {
      continue;
    }
    // A `\|` inside a cell is a literal bar (`string \| undefined`), not a column break.
    const first = line.replace(/\\\|/g, ' ').split('|')[1] ?? '';
    for (const m of first.matchAll(/`([^`]+)`/g)) {
      for (const id of m[1].matchAll(/[A-Za-z_$][\w$]*/g)) {
        names.add(id[0]);
      }
    }
  }
  return names;
}

/** Problems found; empty when the guide matches the code. `requireQuote`: the guide must quote a checked example. */
export function checkGuide({ guide, indexes, requireQuote = true }) {
  const problems = [];
  if (!fs.existsSync(guide)) {
    return [`${relToRepo(guide)} is missing`];
  }
  const markdown = fs.readFileSync(guide, 'utf8');
  const documented = tableNames(markdown);
  for (const index of indexes) {
    for (const name of exportedNames(index)) {
      if (!documented.has(name)) {
        problems.push(`${relToRepo(index)} exports \`${name}\`, which has no row in the API tables of ${relToRepo(guide)}`);
      }
    }
  }
  const quote = /<!-- quote: ([^ ]+) -->\s*\n```[a-z]*\n([\s\S]*?)```/g;
  let quotes = 0;
  for (const m of markdown.matchAll(quote)) {
    quotes++;
    const file = path.join(REPO_ROOT, m[1]);
    if (!fs.existsSync(file)) {
      problems.push(`${relToRepo(guide)} quotes ${m[1]}, which does not exist`);
    } else if (fs.readFileSync(file, 'utf8') !== m[2]) {
      problems.push(`${relToRepo(guide)}: the block quoting ${m[1]} differs from the file (copy the file in again)`);
    }
  }
  if (quotes === 0 && requireQuote) {
    problems.push(`${relToRepo(guide)} quotes no type-checked example (<!-- quote: path --> before a code block)`);
  }
  return problems;
}
