// The SDK API-level check: a use of an SDK API whose declaration is tagged `@since N` with N above the
// project's compatibleSdkVersion is an error, unless the use only runs behind a guard that proves the
// API is there. DevEco reports the same thing: ets-loader as "The 'X' API is supported since SDK
// version N. However, the current compatible SDK version is M." and Code Linter (DevEco Studio 6.0.1+)
// as rule @compatibility/api-compatibility-check; both as warnings, the host as an error.
//
// What counts as a use: a property access (`image.createPicture`, `Text().fontFeature`), or an
// identifier in value position (`canIUse(...)`, `Text(...)`) that resolves to a declaration in the SDK
// (@arkts/declarations, the component declarations, hand-written ones in tools/types/kits/). Type
// annotations are not uses: types leave no trace at run time. The level of an API is the smallest
// `@since` of its declarations (the SDK adds a JSDoc block with a newer `@since` each time an API gains
// an attribute such as @crossplatform); for a call, the resolved overload's declaration.
//
// Guards (the use must sit in the branch that runs when the guard holds):
//   if (deviceInfo.sdkApiVersion >= N) { use }    N >= the API's level; also `> N-1`, `N <= ...`
//   if (canIUse('SystemCapability.X')) { use }      X is the API's @syscap (its own or its namespace's)
//   if (ns.api !== undefined) { ns.api(...) }        the same name, tested for presence
//   g && use,  g ? use : other,  if (!g) { ... } else { use },  `g1 && g2` where either is a guard
//   if (!g) { return; }  use                        an earlier sibling statement that exits otherwise
// Code Linter also takes a try/catch around the use; this check does not, as reading a missing constant
// throws nothing (it is just undefined).
import path from 'node:path';
import { COMPONENT_DECLARATIONS, DECLARATIONS_ROOT, ETS_LOADER_DECLARATIONS, ts } from './compiler-options.mjs';
import { SDK_TYPES_DIR } from './modules.mjs';

export const API_LEVEL_RULE = '@compatibility/api-compatibility-check';

/** Where SDK declarations live; `@since` tags elsewhere (a vendor HAR, the project) are not SDK levels. */
export const SDK_DECLARATION_ROOTS = [DECLARATIONS_ROOT, ETS_LOADER_DECLARATIONS, COMPONENT_DECLARATIONS, SDK_TYPES_DIR];

/**
 * `@since` text -> API level: "12", "12 dynamic" -> 12; "5.0.0(12)" (HarmonyOS kits) -> 12;
 * "26.0.0" (the numbering from API 26 on) -> 26. Undefined for anything else.
 */
export function sinceLevel(text) {
  const t = String(text).trim();
  const harmony = /^\d+\.\d+\.\d+\((\d+)\)/.exec(t);
  if (harmony) {
    return Number(harmony[1]);
  }
  const plain = /^(\d+)(?:\.\d+\.\d+)?(?:\s|$)/.exec(t);
  if (plain && (!t.includes('.') || Number(plain[1]) >= 26)) {
    return Number(plain[1]);
  }
  return undefined;
}

function tagText(tag) {
  return typeof tag.comment === 'string' ? tag.comment : ts.getTextOfJSDocComment(tag.comment) ?? '';
}

function isUnder(file, roots) {
  return roots.some((root) => {
    const rel = path.relative(root, file);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  });
}

/**
 * Every tag of every JSDoc block of a declaration. (ts.getJSDocTags reads only the last block; the SDK
 * stacks one block per API level, and the first `@since` is where the API starts.)
 */
function jsDocTags(declaration) {
  const host = ts.isVariableDeclaration(declaration) && ts.isVariableDeclarationList(declaration.parent)
    ? declaration.parent.parent : declaration;
  return (host.jsDoc ?? []).flatMap((block) => [...(block.tags ?? [])]);
}

/** Smallest @since of one declaration, or undefined. */
function sinceOf(declaration) {
  let level;
  for (const tag of jsDocTags(declaration)) {
    if (tag.tagName.text === 'since') {
      const n = sinceLevel(tagText(tag));
      if (n !== undefined && (level === undefined || n < level)) {
        level = n;
      }
    }
  }
  return level;
}

/** The @syscap of a declaration, or of the nearest enclosing declaration that has one. */
function syscapOf(declaration) {
  for (let node = declaration; node !== undefined && !ts.isSourceFile(node); node = node.parent) {
    for (const tag of jsDocTags(node)) {
      if (tag.tagName.text === 'syscap') {
        return tagText(tag).trim();
      }
    }
  }
  return undefined;
}

const IMPORT_EXPORT_PARENTS = new Set([ts.SyntaxKind.ImportSpecifier, ts.SyntaxKind.ExportSpecifier,
  ts.SyntaxKind.ImportClause, ts.SyntaxKind.NamespaceImport, ts.SyntaxKind.ImportEqualsDeclaration,
  ts.SyntaxKind.NamespaceExport, ts.SyntaxKind.ExportAssignment]);

/** The identifier is a use of what it names (not a declaration, an import, or a type). */
function isValueUse(id) {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent)) {
    return true;
  }
  if (IMPORT_EXPORT_PARENTS.has(parent.kind) || ts.isDeclarationName(id) || ts.isPartOfTypeNode(id)) {
    return false;
  }
  return !ts.isQualifiedName(parent) && !ts.isPropertyAssignment(parent) && !ts.isJSDoc(parent);
}

/** `a.b.c` for a chain of plain names, else undefined. */
function dottedName(expr) {
  if (ts.isIdentifier(expr)) {
    return expr.text;
  }
  if (ts.isPropertyAccessExpression(expr)) {
    const left = dottedName(expr.expression);
    return left === undefined ? undefined : `${left}.${expr.name.text}`;
  }
  return undefined;
}

function displayName(id) {
  const parent = id.parent;
  return ts.isPropertyAccessExpression(parent) ? dottedName(parent) ?? id.text : id.text;
}

const QUALIFIER_FLAGS = ts.SymbolFlags.Namespace | ts.SymbolFlags.Enum | ts.SymbolFlags.Class;

/** `ns` in `ns.f`, `ns.Enum` in `ns.Enum.A`: a namespace, enum or class that only qualifies the name after it. */
function isQualifier(id, symbol) {
  const access = ts.isPropertyAccessExpression(id.parent) && id.parent.name === id ? id.parent : id;
  return ts.isPropertyAccessExpression(access.parent) && access.parent.expression === access &&
    (symbol.flags & QUALIFIER_FLAGS) !== 0;
}

/** The call or `new` whose callee is this identifier (`f(...)`, `ns.f(...)`), if any. */
function calleeCall(id) {
  const callee = ts.isPropertyAccessExpression(id.parent) && id.parent.name === id ? id.parent : id;
  const call = callee.parent;
  return call !== undefined && (ts.isCallExpression(call) || ts.isNewExpression(call)) && call.expression === callee
    ? call : undefined;
}

class Guards {
  constructor(checker, sdkRoots) {
    this.checker = checker;
    this.sdkRoots = sdkRoots;
  }

  isSdkApiVersion(expr) {
    const e = ts.skipParentheses(expr);
    if (!ts.isPropertyAccessExpression(e) || e.name.text !== 'sdkApiVersion') {
      return false;
    }
    const symbol = this.checker.getSymbolAtLocation(e.name);
    return (symbol?.declarations ?? []).some((d) => isUnder(d.getSourceFile().fileName, this.sdkRoots));
  }

  /** `deviceInfo.sdkApiVersion <op> N` as "at least L" (`atLeast`) or "below L" (`below`), else undefined. */
  versionBound(expr) {
    const e = ts.skipParentheses(expr);
    if (!ts.isBinaryExpression(e)) {
      return undefined;
    }
    let op = e.operatorToken.kind;
    let literal = e.right;
    if (!this.isSdkApiVersion(e.left)) {
      if (!this.isSdkApiVersion(e.right)) {
        return undefined;
      }
      literal = e.left;
      const mirrored = {
        [ts.SyntaxKind.LessThanEqualsToken]: ts.SyntaxKind.GreaterThanEqualsToken,
        [ts.SyntaxKind.LessThanToken]: ts.SyntaxKind.GreaterThanToken,
        [ts.SyntaxKind.GreaterThanEqualsToken]: ts.SyntaxKind.LessThanEqualsToken,
        [ts.SyntaxKind.GreaterThanToken]: ts.SyntaxKind.LessThanToken,
      };
      op = mirrored[op];
    }
    const n = ts.isNumericLiteral(ts.skipParentheses(literal)) ? Number(ts.skipParentheses(literal).text) : NaN;
    if (Number.isNaN(n)) {
      return undefined;
    }
    switch (op) {
      case ts.SyntaxKind.GreaterThanEqualsToken: return { atLeast: n };
      case ts.SyntaxKind.GreaterThanToken: return { atLeast: n + 1 };
      case ts.SyntaxKind.LessThanToken: return { below: n };
      case ts.SyntaxKind.LessThanEqualsToken: return { below: n + 1 };
      default: return undefined;
    }
  }

  /** `name !== undefined` (`!=`, `null` too) about the same dotted name: true = present, false = absent. */
  presenceTest(expr, name) {
    const e = ts.skipParentheses(expr);
    if (!ts.isBinaryExpression(e) || name === undefined) {
      return undefined;
    }
    const isNothing = (x) => (ts.isIdentifier(x) && x.text === 'undefined') || x.kind === ts.SyntaxKind.NullKeyword;
    const subject = isNothing(e.right) ? e.left : isNothing(e.left) ? e.right : undefined;
    if (subject === undefined || dottedName(ts.skipParentheses(subject)) !== name) {
      return undefined;
    }
    switch (e.operatorToken.kind) {
      case ts.SyntaxKind.ExclamationEqualsEqualsToken:
      case ts.SyntaxKind.ExclamationEqualsToken:
        return true;
      case ts.SyntaxKind.EqualsEqualsEqualsToken:
      case ts.SyntaxKind.EqualsEqualsToken:
        return false;
      default:
        return undefined;
    }
  }

  isCanIUse(expr, syscaps) {
    const e = ts.skipParentheses(expr);
    return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'canIUse' &&
      e.arguments.length === 1 && ts.isStringLiteralLike(e.arguments[0]) && syscaps.has(e.arguments[0].text);
  }

  /** When `expr` is true, the API is there. */
  holds(expr, api) {
    const e = ts.skipParentheses(expr);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
      return this.holds(e.left, api) || this.holds(e.right, api);
    }
    if (this.isCanIUse(e, api.syscaps) || this.presenceTest(e, api.name) === true) {
      return true;
    }
    const bound = this.versionBound(e);
    return bound?.atLeast !== undefined && bound.atLeast >= api.since;
  }

  /** When `expr` is false, the API is there. */
  fails(expr, api) {
    const e = ts.skipParentheses(expr);
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
      return this.holds(e.operand, api);
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.BarBarToken) {
      return this.fails(e.left, api) || this.fails(e.right, api);
    }
    if (this.presenceTest(e, api.name) === false) {
      return true;
    }
    const bound = this.versionBound(e);
    return bound?.below !== undefined && bound.below >= api.since;
  }

  /** `if (!guard) { ...; return; }` with no else: the statements after it run only when the guard holds. */
  exitsUnlessGuarded(statement, api) {
    if (!ts.isIfStatement(statement) || statement.elseStatement !== undefined) {
      return false;
    }
    const then = statement.thenStatement;
    const last = ts.isBlock(then) ? then.statements[then.statements.length - 1] : then;
    const exits = last !== undefined && (ts.isReturnStatement(last) || ts.isThrowStatement(last));
    return exits && this.fails(statement.expression, api);
  }

  isGuarded(node, api) {
    // The presence test itself reads the name: a missing member reads as undefined, no harm done.
    const access = ts.isPropertyAccessExpression(node.parent) && node.parent.name === node ? node.parent : node;
    if (ts.isBinaryExpression(access.parent) && this.presenceTest(access.parent, api.name) !== undefined) {
      return true;
    }
    for (let child = node, parent = node.parent; parent !== undefined; child = parent, parent = parent.parent) {
      if (ts.isIfStatement(parent)) {
        if ((child === parent.thenStatement && this.holds(parent.expression, api)) ||
          (child === parent.elseStatement && this.fails(parent.expression, api))) {
          return true;
        }
      } else if (ts.isConditionalExpression(parent)) {
        if ((child === parent.whenTrue && this.holds(parent.condition, api)) ||
          (child === parent.whenFalse && this.fails(parent.condition, api))) {
          return true;
        }
      } else if (ts.isBinaryExpression(parent) && child === parent.right) {
        const op = parent.operatorToken.kind;
        if ((op === ts.SyntaxKind.AmpersandAmpersandToken && this.holds(parent.left, api)) ||
          (op === ts.SyntaxKind.BarBarToken && this.fails(parent.left, api))) {
          return true;
        }
      } else if (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseClause(parent) ||
        ts.isDefaultClause(parent)) {
        const index = parent.statements.indexOf(child);
        for (let i = 0; i < index; i++) {
          if (this.exitsUnlessGuarded(parent.statements[i], api)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}

/** The SDK level and syscaps of what `id` names, or undefined when it is not an SDK API with a @since. */
function sdkApiOf(checker, id, sdkRoots) {
  let symbol = checker.getSymbolAtLocation(id);
  if (symbol !== undefined && (symbol.flags & ts.SymbolFlags.Alias) !== 0) {
    symbol = checker.getAliasedSymbol(symbol);
  }
  if (symbol === undefined || isQualifier(id, symbol)) {
    return undefined;
  }
  let declarations = (symbol.declarations ?? []).filter((d) => isUnder(d.getSourceFile().fileName, sdkRoots));
  const call = calleeCall(id);
  const resolved = call !== undefined ? checker.getResolvedSignature(call)?.declaration : undefined;
  if (resolved !== undefined && declarations.includes(resolved) && sinceOf(resolved) !== undefined) {
    declarations = [resolved];
  }
  let since;
  const syscaps = new Set();
  for (const d of declarations) {
    const n = sinceOf(d);
    if (n !== undefined && (since === undefined || n < since)) {
      since = n;
    }
    const syscap = syscapOf(d);
    if (syscap !== undefined) {
      syscaps.add(syscap);
    }
  }
  return since === undefined ? undefined : { since, syscaps };
}

/**
 * Checks `files` (source files of `program`) against API `level`. Returns the diagnostics (errors, in the
 * shape formatDiagnostic prints, plus `api` and `since`), the number of guarded newer-API uses, and the time.
 */
export function apiLevelCheck(program, { level, files, sdkRoots = SDK_DECLARATION_ROOTS }) {
  const t0 = performance.now();
  const checker = program.getTypeChecker();
  const guards = new Guards(checker, sdkRoots);
  const diagnostics = [];
  let guarded = 0;
  for (const sf of files) {
    const visit = (node) => {
      if (ts.isIdentifier(node) && isValueUse(node)) {
        const api = sdkApiOf(checker, node, sdkRoots);
        if (api !== undefined && api.since > level) {
          const name = displayName(node);
          if (guards.isGuarded(node, { ...api, name })) {
            guarded++;
          } else {
            diagnostics.push({
              file: sf,
              start: node.getStart(sf),
              length: node.getWidth(sf),
              category: ts.DiagnosticCategory.Error,
              code: 0,
              rule: API_LEVEL_RULE,
              api: name,
              since: api.since,
              messageText: `The '${name}' API is supported since SDK version ${api.since}. ` +
                `However, the current compatible SDK version is ${level}.`,
            });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { diagnostics, guarded, ms: performance.now() - t0 };
}
