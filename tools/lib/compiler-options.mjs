// Compiler options and root files for checking ArkTS the way DevEco's ets-loader does
// (developtools_ace_ets2bundle: compiler/tsconfig.json + ets_checker.ts setCompilerOptions),
// with the OpenHarmony SDK declarations of @arkts/declarations standing in for the SDK, and the
// project's level read from build-profile.json5.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { readSdkLevel } from './build-profile.mjs';
import { CACHE_DIR, REPO_ROOT } from './paths.mjs';
import { LOCAL_PACKAGES, sdkDeclarationOverrides, vendorDeclarations } from './modules.mjs';

const require = createRequire(import.meta.url);
export const ts = require('ohos-typescript');
export const DECLARATIONS_ROOT = path.dirname(require.resolve('@arkts/declarations/dist/tsconfig.base.json'));

/** The project's level from build-profile.json5, e.g. compatibleSdkVersion "5.1.0(18)" -> `compatible.api` 18. */
export const SDK_LEVEL = readSdkLevel();
export const COMPATIBLE_SDK_VERSION = SDK_LEVEL.compatible.api;

// ets-loader's `ets` section. Decorators, render/styles rules and syntax components are those of
// ets-loader's tsconfig.json; the component lists are read from the installed declarations so
// they name exactly the components that have types.
const EMIT_DECORATORS = [
  ['Entry', true], ['Component', false], ['Reusable', false], ['CustomDialog', false],
  ['Consume', true], ['Link', false], ['LocalStorageLink', true], ['LocalStorageProp', true],
  ['ObjectLink', false], ['Prop', false], ['Provide', true], ['State', false],
  ['StorageLink', true], ['StorageProp', true], ['Builder', false], ['LocalBuilder', false],
  ['BuilderParam', false], ['Observed', false], ['Require', false], ['Sendable', false],
  ['Track', false], ['ComponentV2', true], ['ObservedV2', false], ['Trace', false],
  ['Local', false], ['Param', false], ['Once', false], ['Event', false], ['Monitor', true],
  ['Provider', true], ['Consumer', true], ['Computed', false], ['Type', true], ['Env', true],
];

// `declare const X: XInterface` entries that are calls or gestures, not UI components.
const NOT_COMPONENTS = new Set(['Common', 'ForEach', 'LazyForEach', 'TapGesture', 'LongPressGesture',
  'PanGesture', 'SwipeGesture', 'PinchGesture', 'RotationGesture', 'GestureGroup']);

function componentLists() {
  const dir = path.join(DECLARATIONS_ROOT, 'component');
  const declared = new Set();
  const withAttributes = new Set();
  for (const f of fs.readdirSync(dir)) {
    if (!f.endsWith('.d.ts')) {
      continue;
    }
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of text.matchAll(/declare const (\w+)\s*:\s*(\w+)Interface\b/g)) {
      declared.add(m[1]);
    }
    for (const m of text.matchAll(/declare class (\w+)Attribute\b/g)) {
      withAttributes.add(m[1]);
    }
  }
  const components = [...declared].filter((c) => !NOT_COMPONENTS.has(c)).sort();
  const extendable = components.filter((c) => withAttributes.has(c))
    .map((name) => ({ name, type: `${name}Attribute`, instance: `${name}Instance` }));
  return { components, extendable };
}

function etsSection() {
  const { components, extendable } = componentLists();
  return {
    emitDecorators: EMIT_DECORATORS.map(([name, emitParameters]) => ({ name, emitParameters })),
    propertyDecorators: ['Link', 'Prop', 'ObjectLink', 'Consume'].map((name) => ({ name, needInitialization: false })),
    render: { method: ['build', 'pageTransition'], decorator: ['LocalBuilder', 'Builder'] },
    components,
    extend: { decorator: ['Extend', 'AnimatableExtend'], components: extendable },
    styles: { decorator: 'Styles', component: { name: 'Common', type: 'T', instance: 'CommonInstance' }, property: 'stateStyles' },
    concurrent: { decorator: 'Concurrent' },
    customComponent: 'CustomComponent',
    syntaxComponents: {
      paramsUICallback: ['ForEach', 'LazyForEach'],
      attrUICallback: [{ name: 'Repeat', attributes: ['each', 'template'] }],
    },
  };
}

// ohos-typescript treats Text(), Column() ... as *system* components (and enforces where they may
// appear) only when their declarations live in <etsLoaderPath>/declarations, as in a real SDK.
// A directory symlink into @arkts/declarations recreates that layout.
export const ETS_LOADER_DIR = path.join(CACHE_DIR, 'sdk', 'ets', 'build-tools', 'ets-loader');
export const ETS_LOADER_DECLARATIONS = path.join(ETS_LOADER_DIR, 'declarations');
export const COMPONENT_DECLARATIONS = path.join(DECLARATIONS_ROOT, 'component');

function ensureEtsLoaderLayout() {
  fs.mkdirSync(ETS_LOADER_DIR, { recursive: true });
  try {
    const current = fs.readlinkSync(ETS_LOADER_DECLARATIONS);
    if (current === COMPONENT_DECLARATIONS) {
      return;
    }
    fs.unlinkSync(ETS_LOADER_DECLARATIONS);
  } catch (e) {
    if (e.code !== 'ENOENT') {
      throw e;
    }
  }
  try {
    fs.symlinkSync(COMPONENT_DECLARATIONS, ETS_LOADER_DECLARATIONS, 'dir');
  } catch (e) {
    if (e.code !== 'EEXIST') {
      throw e;
    }
  }
}

/** The SDK's global declarations (canIUse, setTimeout, ...). */
export function globalDeclarationFile() {
  return path.join(DECLARATIONS_ROOT, 'global.d.ts');
}

/** ArkUI declarations that ets_checker adds as root files (global.d.ts + one file per component). */
export function uiDeclarationFiles() {
  ensureEtsLoaderLayout();
  const names = fs.readdirSync(ETS_LOADER_DECLARATIONS).filter((f) => f.endsWith('.d.ts')).sort();
  return [globalDeclarationFile(), ...names.map((f) => path.join(ETS_LOADER_DECLARATIONS, f))];
}

/**
 * `paths`: the SDK's @ohos.* / @kit.* / @arkts.* / @system.* modules (hand-written ones in tools/types/kits/
 * replacing the package's), this repo's packages, one vendor declaration set, then `extraPaths`.
 */
function modulePaths(vendorSet, extraPaths) {
  const base = JSON.parse(fs.readFileSync(path.join(DECLARATIONS_ROOT, 'tsconfig.base.json'), 'utf8'));
  const paths = {};
  for (const [name, targets] of Object.entries(base.compilerOptions.paths)) {
    paths[name] = targets.map((t) => path.resolve(DECLARATIONS_ROOT, t));
  }
  const own = { ...sdkDeclarationOverrides(), ...LOCAL_PACKAGES, ...vendorDeclarations(vendorSet), ...extraPaths };
  for (const [name, file] of Object.entries(own)) {
    paths[name] = [file];
  }
  return paths;
}

/**
 * Options of one program. `vendorSet` picks the Tuya declarations (see modules.mjs), `extraPaths` adds or
 * replaces module names (fixtures), `buildInfo` names the incremental state file of this program.
 */
export function compilerOptions({ vendorSet = 'documented', extraPaths = {}, buildInfo = 'arkts' } = {}) {
  return {
    // From ets-loader's tsconfig.json.
    ets: etsSection(),
    allowJs: true,
    allowSyntheticDefaultImports: true,
    esModuleInterop: true,
    noImplicitAny: false,
    experimentalDecorators: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    types: [],
    typeRoots: [],
    alwaysStrict: true,
    // From ets_checker.ts setCompilerOptions() in ES-module mode with the linter on.
    checkJs: false,
    emitNodeModulesFiles: true,
    importsNotUsedAsValues: ts.ImportsNotUsedAsValues.Remove,
    module: ts.ModuleKind.ES2020,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    noEmit: true,
    target: ts.ScriptTarget.ES2021,
    lib: ['lib.es2021.d.ts'],
    maxFlowDepth: 2000,
    baseUrl: REPO_ROOT,
    paths: modulePaths(vendorSet, extraPaths),
    needDoArkTsLinter: true,
    isCompatibleVersion: false,
    compatibleSdkVersion: COMPATIBLE_SDK_VERSION,
    compatibleSdkVersionStage: 'beta3',
    skipOhModulesLint: false,
    etsLoaderPath: ETS_LOADER_DIR,
    // The linter needs the incremental builder program and its strict twin; nothing is written.
    incremental: true,
    tsBuildInfoFile: path.join(CACHE_DIR, `${buildInfo}.tsbuildinfo`),
  };
}
