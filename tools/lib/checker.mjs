// Type-check and ArkTS lint in one program, set up like DevEco's ets_checker.ts:
//   LanguageService -> getBuilderProgram(/* withLinterProgram */ true)
//   -> semantic diagnostics of the project files
//   -> ts.ArkTSLinter_1_1.runArkTSLinter(builderProgram, undefined, undefined, 'ArkTS_1_1')
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  COMPONENT_DECLARATIONS, ETS_LOADER_DECLARATIONS, compilerOptions, globalDeclarationFile, ts, uiDeclarationFiles,
} from './compiler-options.mjs';
import { SDK_TYPES_DIR } from './modules.mjs';
import { CACHE_DIR, REPO_ROOT, relToRepo } from './paths.mjs';
import { isProjectFile, projectEtsFiles } from './sources.mjs';

/** `rewrites`: file -> (text) => text, applied to what the compiler reads (the file on disk is untouched). */
function languageServiceHost(options, rootFiles, rewrites) {
  const text = (f) => {
    const raw = fs.readFileSync(f, 'utf8');
    const rewrite = rewrites.get(f);
    return rewrite !== undefined ? rewrite(raw) : raw;
  };
  const versions = new Map();
  const resolutionCache = ts.createModuleResolutionCache(REPO_ROOT, (x) => x, options);
  const moduleHost = {
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath,
    getCurrentDirectory: () => REPO_ROOT,
  };
  const linkedDir = ETS_LOADER_DECLARATIONS + path.sep;
  // Component files are read through the symlinked ets-loader folder, but their
  // `import('../api/...')` must land on the one real copy of the API declarations;
  // otherwise every SDK type would exist twice or not at all.
  const resolveOne = (name, containingFile) => {
    const from = containingFile.startsWith(linkedDir)
      ? path.join(COMPONENT_DECLARATIONS, path.basename(containingFile))
      : containingFile;
    return ts.resolveModuleName(name, from, options, moduleHost, resolutionCache).resolvedModule;
  };
  return {
    getScriptFileNames: () => rootFiles,
    getScriptVersion: (f) => {
      if (!versions.has(f)) {
        versions.set(f, fs.existsSync(f) ? crypto.createHash('sha1').update(text(f)).digest('hex') : '0');
      }
      return versions.get(f);
    },
    getScriptSnapshot: (f) => (fs.existsSync(f) ? ts.ScriptSnapshot.fromString(text(f)) : undefined),
    getCurrentDirectory: () => REPO_ROOT,
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath,
    resolveModuleNames: (names, containingFile) =>
      names.map((n) => resolveOne(typeof n === 'string' ? n : n.text, containingFile)),
    // ets_checker's hook for @since/syscap checks: every file is checked, with no payload.
    getFileCheckedModuleInfo: (file) => ({ fileNeedCheck: true, checkPayload: undefined, currentFileName: file }),
  };
}

/**
 * Builds a program once; typeCheck(), lint() and apiLevelCheck() all use it. By default: every project
 * .ets file with the ArkUI declarations and the documented vendor typings. `files` replaces the project
 * files (other programs: one module against other typings, fixtures); `options` goes to compilerOptions();
 * `rewrites` changes what the compiler reads of a file; `ui: false` leaves out the ArkUI component
 * declarations (global.d.ts, with canIUse, stays) for programs without pages.
 */
export function createProgram({ files = projectEtsFiles(), options = {}, rewrites = new Map(), ui = true } = {}) {
  const t0 = performance.now();
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const compiler = compilerOptions(options);
  const rootFiles = [...files, ...(ui ? uiDeclarationFiles() : [globalDeclarationFile()])];
  const service = ts.createLanguageService(languageServiceHost(compiler, rootFiles, rewrites),
    ts.createDocumentRegistry());
  const builderProgram = service.getBuilderProgram(/* withLinterProgram */ true);
  const program = builderProgram.getProgram();
  return { builderProgram, program, projectFiles: files, ms: performance.now() - t0 };
}

/** The program's source files whose diagnostics are ours to report (see isProjectFile). */
export function ownSourceFiles(program) {
  return program.getSourceFiles().filter((sf) => isProjectFile(sf.fileName));
}

// ---------------------------------------------------------------------------------------------
// ArkUI's `$prop` (pass a decorated member by reference) and `$$this.x` (two-way binding) are not
// TypeScript; tsc reports them as unknown names and ets-loader drops those reports afterwards.
const STATE_DECORATORS = new Set(['State', 'Prop', 'Link', 'StorageProp', 'StorageLink', 'Provide', 'Consume',
  'ObjectLink', 'Watch', 'BuilderParam', 'LocalStorageLink', 'LocalStorageProp', 'Require', 'Env']);

function bindableNames(sourceFiles) {
  const names = new Set();
  const visit = (node, inStruct) => {
    if (inStruct && ts.isIdentifier(node) && node.text.startsWith('$$')) {
      names.add(node.text);
    }
    const isStruct = ts.isStructDeclaration(node);
    if (isStruct) {
      for (const member of node.members) {
        if (!ts.isPropertyDeclaration(member) || !ts.isIdentifier(member.name)) {
          continue;
        }
        for (const d of ts.getAllDecorators(member) ?? []) {
          const decorator = d.getText().replace(/^@/, '').replace(/\(.*\)$/s, '').trim();
          if (STATE_DECORATORS.has(decorator)) {
            names.add('$' + member.name.text);
          }
        }
      }
    }
    ts.forEachChild(node, (child) => visit(child, inStruct || isStruct));
  };
  for (const sf of sourceFiles) {
    visit(sf, false);
  }
  return names;
}

function isBindingReport(diagnostic, names) {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  const m = /Cannot find name\s*'(\$?\$?\w+)'/.exec(text) ?? /Property\s*'(\$?\w+)' does not exist on type/.exec(text);
  return m !== null && names.has(m[1]);
}

// ---------------------------------------------------------------------------------------------

/** Semantic + syntactic diagnostics of the project files. */
export function typeCheck({ builderProgram, program }) {
  const t0 = performance.now();
  const own = ownSourceFiles(program);
  const names = bindableNames(own.filter((sf) => sf.fileName.endsWith('.ets')));
  const diagnostics = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  for (const sf of own) {
    diagnostics.push(...program.getSyntacticDiagnostics(sf));
    for (const d of builderProgram.getSemanticDiagnostics(sf)) {
      if (!isBindingReport(d, names)) {
        diagnostics.push(d);
      }
    }
  }
  return { diagnostics, files: own.length, ms: performance.now() - t0 };
}

/**
 * The ArkTS linter 1.1 in standard mode (rule violations are errors). Its reports on SDK
 * declarations (including the hand-written ones in tools/types/kits/) are dropped, as ets-loader
 * downgrades those to warnings.
 */
export function lint({ builderProgram }) {
  const t0 = performance.now();
  const all = ts.ArkTSLinter_1_1.runArkTSLinter(builderProgram, /* srcFile */ undefined, /* writeFile */ undefined, 'ArkTS_1_1');
  const isSdkTypes = (f) => !path.relative(SDK_TYPES_DIR, f).startsWith('..');
  const diagnostics = all.filter((d) => d.file !== undefined && isProjectFile(d.file.fileName) &&
    !isSdkTypes(d.file.fileName));
  return { diagnostics, ignored: all.length - diagnostics.length, ms: performance.now() - t0 };
}

// ---------------------------------------------------------------------------------------------
const RULE_SUFFIX = /\s*\((arkts-[a-z0-9-]+)\)\s*$/;

/**
 * `file:line:col [rule] message` for a linter diagnostic, `[TSxxxx]` for a compiler one, `[d.rule]` for
 * the host's own checks.
 */
export function formatDiagnostic(d, { fromLinter = false } = {}) {
  let text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  let rule = d.rule ?? `TS${d.code}`;
  const m = RULE_SUFFIX.exec(text);
  if (m) {
    rule = m[1];
    text = text.slice(0, m.index);
  } else if (fromLinter) {
    rule = `TS${d.code} strict`; // strict-mode compiler error re-reported by the linter, as in DevEco
  }
  const severity = d.category === ts.DiagnosticCategory.Error ? '' : `${ts.DiagnosticCategory[d.category].toLowerCase()} `;
  if (d.file && d.start !== undefined) {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${relToRepo(d.file.fileName)}:${line + 1}:${character + 1} ${severity}[${rule}] ${text}`;
  }
  return `${severity}[${rule}] ${text}`;
}

export function isError(d) {
  return d.category === ts.DiagnosticCategory.Error;
}
