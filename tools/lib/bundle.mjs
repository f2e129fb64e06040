// Turns ArkTS (.ets) entry points into one Node ES module with esbuild. ArkTS without ArkUI
// `struct`s is TypeScript syntax, so esbuild's TypeScript loader handles it; device-only imports
// are swapped for the Node stand-ins of tools/stubs/ (see modules.mjs). A Hypium test run passes
// `systemModules` instead, and sees system modules as DevEco's local or instrumented run would
// (see system-modules.mjs).
import { createRequire } from 'node:module';
import { LOCAL_PACKAGES, runtimeStandIn } from './modules.mjs';
import { REPO_ROOT } from './paths.mjs';
import { systemModulesPlugin } from './system-modules.mjs';

const require = createRequire(import.meta.url);

/** esbuild plugin: `@robovac/p2p` -> library source, `@kit.*` / `@thingsmart/*` -> stand-ins. */
export function etsModulesPlugin() {
  return {
    name: 'robovac-ets-modules',
    setup(build) {
      build.onResolve({ filter: /^@/ }, (args) => {
        if (Object.hasOwn(LOCAL_PACKAGES, args.path)) {
          return { path: LOCAL_PACKAGES[args.path] };
        }
        try {
          const standIn = runtimeStandIn(args.path);
          return standIn === null ? undefined : { path: standIn };
        } catch (e) {
          return { errors: [{ text: e.message }] };
        }
      });
    },
  };
}

/**
 * Bundles `entryPoints` (or `stdin`) into ESM text. Returns { code, warnings }.
 * Class fields use assignment semantics, as ohos-typescript emits them for target ES2021.
 * `systemModules`: { mode: 'local' | 'instrumented', mocks, configFile } for a test run.
 */
export async function bundleEts({ entryPoints, stdin, outfile, systemModules }) {
  const esbuild = require('esbuild');
  const result = await esbuild.build({
    absWorkingDir: REPO_ROOT,
    entryPoints,
    stdin,
    outfile,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'es2021',
    loader: { '.ets': 'ts' },
    resolveExtensions: ['.ets', '.ts', '.mjs', '.js'],
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'silent',
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false, experimentalDecorators: true } },
    plugins: systemModules !== undefined ? [systemModulesPlugin(systemModules), etsModulesPlugin()] : [etsModulesPlugin()],
  });
  return { code: result.outputFiles[0].text, warnings: result.warnings };
}

/** esbuild failure -> readable multi-line text (file:line:col message). */
export function formatBuildError(err) {
  if (!err || !Array.isArray(err.errors)) {
    return String(err && err.stack ? err.stack : err);
  }
  return err.errors.map((m) => {
    const loc = m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1} ` : '';
    const hint = m.location && /\.ets$/.test(m.location.file) && /struct|Expected ";"/.test(m.text)
      ? ' (ArkUI struct files cannot be bundled for the host; import view models, not pages)' : '';
    return `${loc}${m.text}${hint}`;
  }).join('\n');
}
