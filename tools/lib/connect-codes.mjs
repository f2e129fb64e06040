// The guide's "Connect codes" table against the code's mapping of vendor codes (SdkErrorMapping.ets),
// both ways: every code the code maps has a row saying the same, every row names a code the code maps
// that way. The code side is parsed from the source, so neither side is written down twice.
//
// Mapping file: `new SdkCodeInfo(P2pErrorCode.X, retryable, retryOnceNow, 'meaning')` entries of a
// `Map` literal (`[-1, new SdkCodeInfo(...)]`), plus one entry outside the map for every other code.
// Guide table, under a heading `Connect codes`: | `-1` | `CONNECT_FAILED` | retried | meaning |, the
// row for every other code naming no number in its first cell.
import fs from 'node:fs';
import path from 'node:path';
import { ts } from './compiler-options.mjs';
import { relToRepo } from './paths.mjs';

export const MAPPING_FILE_NAME = 'SdkErrorMapping.ets';
/** The key of the row for codes the mapping does not list. */
export const OTHER = 'other';

/** How the guide says a code is retried, from the two flags of `SdkCodeInfo`. */
export function retryText(retryable, retryOnceNow) {
  if (retryable && retryOnceNow) {
    return 'once at once, then backoff';
  }
  if (retryable) {
    return 'backoff';
  }
  return retryOnceNow ? 'once at once' : 'no';
}

/** The one file named `SdkErrorMapping.ets` under `dir`, wherever the engine keeps it. */
export function findMappingFile(dir) {
  const found = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        walk(p);
      } else if (e.name === MAPPING_FILE_NAME) {
        found.push(p);
      }
    }
  };
  walk(dir);
  if (found.length !== 1) {
    throw new Error(`expected one ${MAPPING_FILE_NAME} under ${relToRepo(dir)}, found ${found.length}`);
  }
  return found[0];
}

function numberOf(node) {
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) {
    return -Number(node.operand.text);
  }
  return ts.isNumericLiteral(node) ? Number(node.text) : undefined;
}

/** { code, retry, meaning } of a `new SdkCodeInfo(P2pErrorCode.X, bool, bool, 'text')`, else undefined. */
function infoOf(node) {
  if (!ts.isNewExpression(node) || node.expression.getText() !== 'SdkCodeInfo' || node.arguments?.length !== 4) {
    return undefined;
  }
  const [code, retryable, now, meaning] = node.arguments;
  const flag = (n) => n.kind === ts.SyntaxKind.TrueKeyword;
  if (!ts.isPropertyAccessExpression(code) || !ts.isStringLiteralLike(meaning)) {
    return undefined;
  }
  return { code: code.name.text, retry: retryText(flag(retryable), flag(now)), meaning: meaning.text };
}

/** Map of vendor code (number, or OTHER) to { code, retry, meaning }, as the mapping file has it. */
export function codeTable(mappingFile) {
  const text = fs.readFileSync(mappingFile, 'utf8');
  const sf = ts.createSourceFile(mappingFile, text, ts.ScriptTarget.Latest, true);
  const table = new Map();
  const visit = (node) => {
    if (ts.isArrayLiteralExpression(node) && node.elements.length === 2) {
      const n = numberOf(node.elements[0]);
      const info = infoOf(node.elements[1]);
      if (n !== undefined && info !== undefined) {
        table.set(n, info);
        return;
      }
    }
    const info = infoOf(node);
    if (info !== undefined) {
      if (table.has(OTHER)) {
        throw new Error(`${relToRepo(mappingFile)}: more than one SdkCodeInfo outside the code map`);
      }
      table.set(OTHER, info);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return table;
}

function cells(line) {
  return line.replace(/\\\|/g, ' ').split('|').slice(1, -1).map((c) => c.trim());
}

/** Map of vendor code (number, or OTHER) to { code, retry, meaning, line }, from the guide's table. */
export function guideTable(markdown, guideName) {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => /^#+\s+Connect codes\s*$/.test(l));
  if (start < 0) {
    throw new Error(`${guideName} has no "Connect codes" heading`);
  }
  const table = new Map();
  let i = start + 1;
  while (i < lines.length && !lines[i].startsWith('|')) {
    i++;
  }
  for (i += 2; i < lines.length && lines[i].startsWith('|'); i++) {
    const [first, code, retry, meaning] = cells(lines[i]);
    const numbers = [...(first ?? '').matchAll(/`(-?\d+)`/g)].map((m) => Number(m[1]));
    const row = { code: (code ?? '').replace(/`/g, ''), retry: retry ?? '', meaning: meaning ?? '', line: i + 1 };
    for (const key of numbers.length ? numbers : [OTHER]) {
      if (table.has(key)) {
        throw new Error(`${guideName}:${i + 1}: code ${key} has a second row`);
      }
      table.set(key, row);
    }
  }
  return table;
}

const label = (key) => (key === OTHER ? 'every other code' : `code ${key}`);

/** Problems found; empty when the guide's table says what the mapping file does. */
export function checkConnectCodes({ guide, mappingFile }) {
  const name = relToRepo(guide);
  let code;
  let doc;
  try {
    code = codeTable(mappingFile);
    doc = guideTable(fs.readFileSync(guide, 'utf8'), name);
  } catch (e) {
    return [e.message];
  }
  const problems = [];
  if (code.size === 0) {
    problems.push(`${relToRepo(mappingFile)}: no code mapping found (SdkCodeInfo entries of a Map literal)`);
  }
  for (const [key, c] of code) {
    const d = doc.get(key);
    if (d === undefined) {
      problems.push(`${name}: "Connect codes" has no row for ${label(key)} (${c.code}, ${c.retry}, ${c.meaning})`);
      continue;
    }
    for (const field of ['code', 'retry', 'meaning']) {
      if (d[field] !== c[field]) {
        problems.push(`${name}:${d.line}: ${label(key)}: the guide says ${field} "${d[field]}", the code "${c[field]}"`);
      }
    }
  }
  for (const [key, d] of doc) {
    if (!code.has(key)) {
      problems.push(`${name}:${d.line}: "Connect codes" lists ${label(key)}, which ${relToRepo(mappingFile)} does not map`);
    }
  }
  return problems;
}
