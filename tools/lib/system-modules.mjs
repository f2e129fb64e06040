// How a Hypium test run sees the SDK's system modules (@kit.*, @ohos.*, @hms.*, @system.*).
//
// DevEco runs src/test as *local* tests on the host, where system APIs do not exist, and
// src/ohosTest as *instrumented* tests on a device. In both, DevEco's "import mock" swaps a module
// for an ArkTS stand-in registered in the module's src/mock/mock-config.json5
// ({ "<module>": { "source": "src/mock/x.mock.ets" } }, the path relative to the module root).
// A mock registered for an @ohos.* module also reaches the kit that re-exports it: the DevEco guide
// mocks '@ohos.enterprise.bluetoothManager' for a test importing it from '@kit.MDMKit'.
//
// This file gives the bundler the same view:
//   local run         mocked module -> the ArkTS stand-in; anything else -> a guard that fails the
//                     test on its first call (system-guard.mjs), importing is fine;
//   instrumented run  mocked module -> the ArkTS stand-in; anything else -> the Node stand-ins of
//                     tools/stubs/ (they model a device), a guard where a stand-in is missing.
// Which names a module exports comes from the SDK declarations the type checker uses.
import fs from 'node:fs';
import path from 'node:path';
import { DECLARATIONS_ROOT, ts } from './compiler-options.mjs';
import { sdkDeclarationOverrides } from './modules.mjs';
import { STUBS_DIR } from './paths.mjs';

/** The SDK's system modules: DevEco local tests cannot call them. */
export const SYSTEM_MODULE = /^@(kit|ohos|hms|system)\./;

const GUARD_RUNTIME = path.join(path.dirname(new URL(import.meta.url).pathname), 'system-guard.mjs');
const NAMESPACE = 'robovac-system-module';

let declarationPathsCache = null;

/** module name -> declaration file, from the SDK's own tsconfig `paths` and the hand-written tools/types/kits/. */
function declarationFile(specifier) {
  if (declarationPathsCache === null) {
    const base = JSON.parse(fs.readFileSync(path.join(DECLARATIONS_ROOT, 'tsconfig.base.json'), 'utf8'));
    declarationPathsCache = new Map();
    for (const [name, targets] of Object.entries(base.compilerOptions.paths)) {
      declarationPathsCache.set(name, path.resolve(DECLARATIONS_ROOT, targets[0]));
    }
    for (const [name, file] of Object.entries(sdkDeclarationOverrides())) {
      declarationPathsCache.set(name, file);
    }
  }
  const file = declarationPathsCache.get(specifier);
  return file !== undefined && fs.existsSync(file) ? file : null;
}

function parse(file) {
  const kind = /\.m?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2021, false, kind);
}

const hasModifier = (node, kind) => (ts.getModifiers ? ts.getModifiers(node) : node.modifiers)?.some((m) => m.kind === kind);

/**
 * A kit re-exports other modules: export name -> { from: '@ohos.x', name: 'default' | imported name }.
 * (`import hilog from '@ohos.hilog'; export { hilog }` -> hilog -> { from: '@ohos.hilog', name: 'default' }.)
 */
function kitExports(file) {
  const imported = new Map();
  const out = new Map();
  for (const st of parse(file).statements) {
    if (ts.isImportDeclaration(st) && st.importClause && ts.isStringLiteral(st.moduleSpecifier)) {
      const from = st.moduleSpecifier.text;
      if (st.importClause.name) {
        imported.set(st.importClause.name.text, { from, name: 'default' });
      }
      const bindings = st.importClause.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) {
          imported.set(el.name.text, { from, name: (el.propertyName ?? el.name).text });
        }
      }
    } else if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) {
        const local = (el.propertyName ?? el.name).text;
        if (imported.has(local)) {
          out.set(el.name.text, imported.get(local));
        }
      }
    }
  }
  return out;
}

/** Value names a plain module declares (types and interfaces need nothing at run time). */
function moduleExports(file) {
  const names = new Set();
  for (const st of parse(file).statements) {
    if (ts.isExportAssignment(st)) {
      names.add('default');
    } else if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause) && !st.isTypeOnly) {
      for (const el of st.exportClause.elements) {
        names.add(el.name.text);
      }
    } else if (hasModifier(st, ts.SyntaxKind.ExportKeyword)) {
      if (hasModifier(st, ts.SyntaxKind.DefaultKeyword)) {
        names.add('default');
      } else if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          if (ts.isIdentifier(d.name)) {
            names.add(d.name.text);
          }
        }
      } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st) ||
        ts.isModuleDeclaration(st)) && st.name) {
        names.add(st.name.text);
      }
    }
  }
  return names;
}

// ---- mock-config.json5 ------------------------------------------------------------------------

/** JSON5 (comments, unquoted keys, single quotes, trailing commas) through the TypeScript parser. */
function json5Value(node, file) {
  if (ts.isParenthesizedExpression(node)) {
    return json5Value(node.expression, file);
  }
  if (ts.isObjectLiteralExpression(node)) {
    const out = {};
    for (const p of node.properties) {
      if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name))) {
        throw new Error(`${file}: unsupported entry '${p.getText()}'`);
      }
      out[p.name.text] = json5Value(p.initializer, file);
    }
    return out;
  }
  if (ts.isArrayLiteralExpression(node)) {
    return node.elements.map((e) => json5Value(e, file));
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return node.text;
  }
  if (ts.isNumericLiteral(node)) {
    return Number(node.text);
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) {
    return node.kind === ts.SyntaxKind.TrueKeyword;
  }
  if (node.kind === ts.SyntaxKind.NullKeyword) {
    return null;
  }
  throw new Error(`${file}: unsupported value '${node.getText()}'`);
}

export function readJson5(file) {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, `(${text}\n)`, ts.ScriptTarget.ES2021, true, ts.ScriptKind.TS);
  const st = source.statements[0];
  if (source.statements.length !== 1 || !ts.isExpressionStatement(st)) {
    throw new Error(`${file}: not a JSON5 object`);
  }
  return json5Value(st.expression, file);
}

/** The module's src/mock/mock-config.json5 as { configFile, mocks: Map(module name -> absolute .ets) }. */
export function readMockConfig(moduleDir) {
  const configFile = path.join(moduleDir, 'src', 'mock', 'mock-config.json5');
  const mocks = new Map();
  if (!fs.existsSync(configFile)) {
    return { configFile, mocks };
  }
  const config = readJson5(configFile);
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new Error(`${configFile}: expected an object of "<module>": { "source": "src/mock/x.mock.ets" }`);
  }
  for (const [name, entry] of Object.entries(config)) {
    const source = entry && typeof entry === 'object' ? entry.source : undefined;
    if (typeof source !== 'string') {
      throw new Error(`${configFile}: "${name}" needs { "source": "<path relative to the module>" }`);
    }
    const file = path.resolve(moduleDir, source);
    if (!fs.existsSync(file)) {
      throw new Error(`${configFile}: "${name}" -> ${source} does not exist`);
    }
    mocks.set(name, file);
  }
  return { configFile, mocks };
}

// ---- module text for one system-module import ------------------------------------------------

const js = JSON.stringify;

function nodeStandIn(specifier) {
  const file = path.join(STUBS_DIR, specifier.slice(1) + '.mjs');
  return fs.existsSync(file) ? file : null;
}

/**
 * The ES module that `specifier` becomes in this run. `run`: { mode: 'local' | 'instrumented',
 * mocks, configFile, throwing? }. Names without a mock get a guard (local) or the Node stand-in's
 * export; with `throwing`, every name is a thrower (a verification run, see tools/stubs/throwing.mjs).
 */
function systemModuleSource(specifier, run) {
  const file = declarationFile(specifier);
  if (file === null) {
    throw new Error(`'${specifier}' is not in the SDK declarations, so its exports are unknown; ` +
      `register an ArkTS stand-in for it in ${run.configFile}`);
  }
  if (run.throwing) {
    return throwingSource(specifier, file);
  }
  const standInFile = run.mode === 'local' ? null : nodeStandIn(specifier);
  const standIn = standInFile !== null ? moduleExports(standInFile) : new Set();
  const lines = [`import { guardedExport } from ${js(GUARD_RUNTIME)};`];
  if (standInFile !== null) {
    lines.push(`import * as standIn from ${js(standInFile)};`);
  }
  const guard = (name, from) => `guardedExport(${js(specifier)}, ${js(name)}, ${js(from)}, ${js(run.mode)})`;
  // Kits re-export @ohos modules, whose mocks then reach the kit too.
  const entries = specifier.startsWith('@kit.') ? [...kitExports(file)]
    : [...moduleExports(file)].map((name) => [name, { from: specifier, name }]);
  let mockIndex = 0;
  const mockImports = new Map();
  for (const [name, source] of entries) {
    const mockFile = run.mocks.get(source.from);
    let value;
    if (mockFile !== undefined) {
      if (!moduleExports(mockFile).has(source.name)) {
        throw new Error(`${path.relative(process.cwd(), mockFile)} (registered for '${source.from}' in ` +
          `${path.relative(process.cwd(), run.configFile)}) has no ${source.name === 'default' ? 'default export' : `export '${source.name}'`}, ` +
          `which '${specifier}' exports as '${name}'`);
      }
      if (!mockImports.has(mockFile)) {
        mockImports.set(mockFile, `mock${mockIndex++}`);
        lines.push(`import * as ${mockImports.get(mockFile)} from ${js(mockFile)};`);
      }
      value = `${mockImports.get(mockFile)}[${js(source.name)}]`;
    } else if (standIn.has(name)) {
      value = `standIn[${js(name)}]`;
    } else {
      value = guard(name, source.from);
    }
    lines.push(name === 'default' ? `export default ${value};` : `export const ${name} = ${value};`);
  }
  return lines.join('\n') + '\n';
}

/** ROBOVAC_SYSTEM_MODULES=throw: every export a thrower that fails the run on any touch (tools/stubs/throwing.mjs). */
function throwingSource(specifier, file) {
  const names = specifier.startsWith('@kit.') ? [...kitExports(file).keys()] : [...moduleExports(file)];
  const lines = [`import { throwingStandIn } from ${js(path.join(STUBS_DIR, 'throwing.mjs'))};`];
  for (const name of names) {
    const value = `throwingStandIn(${js(specifier)}, ${js(name)})`;
    lines.push(name === 'default' ? `export default ${value};` : `export const ${name} = ${value};`);
  }
  return lines.join('\n') + '\n';
}

/**
 * esbuild plugin for one test run. It resolves only system modules; everything else falls through
 * to the next plugin. A module mocked under its own name resolves straight to its ArkTS stand-in.
 */
export function systemModulesPlugin(run) {
  return {
    name: 'robovac-system-modules',
    setup(build) {
      build.onResolve({ filter: SYSTEM_MODULE }, (args) => {
        const mockFile = run.mocks.get(args.path);
        if (mockFile !== undefined) {
          return { path: mockFile };
        }
        return { path: args.path, namespace: NAMESPACE };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        try {
          return { contents: systemModuleSource(args.path, run), loader: 'js', resolveDir: path.dirname(GUARD_RUNTIME) };
        } catch (e) {
          return { errors: [{ text: e.message }] };
        }
      });
    },
  };
}
