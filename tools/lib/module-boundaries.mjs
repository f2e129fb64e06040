// What each DevEco module may import, as hvigor and ohpm see it:
//   - a relative import stays inside its own module (modules reach each other only as packages,
//     and then only what the other module's Index.ets exports);
//   - a package import names a package the module declares in its oh-package.json5: `dependencies`
//     for its shipped code, also `devDependencies` (its own or the project's) for its suites;
//   - another module of the project is imported by its bare package name (`@robovac/p2p`), never a
//     file inside it (`@robovac/p2p/src/main/ets/...`): what a HAR offers is what its Index.ets
//     exports; its file layout is not a contract (a release HAR may obfuscate file names);
//   - no cycle between the project's modules: a module never imports, nor declares, a package that
//     depends on it. So the library (@robovac/p2p) never imports its test kit (@robovac/p2p-testing),
//     not even in its suites: the kit depends on the library. Likewise the library never imports the
//     companion HAR (@robovac/p2p-companion), which depends on it.
// System modules (@kit.*, @ohos.*, ...) come with the SDK; the API-level check looks after them.
import path from 'node:path';
import { readJson5 } from './build-profile.mjs';
import { ts } from './compiler-options.mjs';
import { MODULE_DIRS, REPO_ROOT, relToRepo } from './paths.mjs';

export const MODULE_RULE = 'module-boundaries';
const SYSTEM_MODULE = /^@(kit|ohos|arkts|system|hms)\./;
const SUITE_DIRS = [path.join('src', 'test'), path.join('src', 'ohosTest')];

function packageNames(section) {
  return section && typeof section === 'object' ? Object.keys(section) : [];
}

/** { dir, file, name, dependencies, devDependencies } of each module, from its oh-package.json5. */
function readModules(moduleDirs, rootPackageFile) {
  const root = readJson5(rootPackageFile);
  return moduleDirs.map((dir) => {
    const file = path.join(dir, 'oh-package.json5');
    const pkg = readJson5(file);
    return {
      dir,
      file,
      name: pkg.name,
      dependencies: new Set(packageNames(pkg.dependencies)),
      devDependencies: new Set([...packageNames(pkg.devDependencies), ...packageNames(root.devDependencies)]),
    };
  });
}

/** The package part of an import: `@scope/name/deep/path` -> `@scope/name`, `name/x` -> `name`. */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function inside(dir, file) {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function diagnostic(sourceFile, start, length, message) {
  return { file: sourceFile, start, length, messageText: message, category: ts.DiagnosticCategory.Error, code: 0, rule: MODULE_RULE };
}

/**
 * Checks the imports of `sourceFiles` (of a program, or parsed on their own) against the modules in
 * `moduleDirs`. Returns { diagnostics, files, imports, ms }.
 */
export function moduleBoundaryCheck(sourceFiles, { moduleDirs = MODULE_DIRS, rootPackageFile = path.join(REPO_ROOT, 'oh-package.json5') } = {}) {
  const t0 = performance.now();
  const modules = readModules(moduleDirs, rootPackageFile);
  const byName = new Map(modules.map((m) => [m.name, m]));
  const dependsOn = (pkg, module) => {
    const other = byName.get(pkg);
    return other !== undefined && (other.dependencies.has(module.name) || other.devDependencies.has(module.name));
  };
  const diagnostics = [];
  for (const module of modules) {
    for (const pkg of [...module.dependencies, ...module.devDependencies]) {
      if (dependsOn(pkg, module)) {
        diagnostics.push(diagnostic(undefined, undefined, 0, `${relToRepo(module.file)}: ${module.name} declares ` +
          `${pkg}, which depends on ${module.name}: a cycle between modules`));
      }
    }
  }
  let files = 0;
  let imports = 0;
  for (const sf of sourceFiles) {
    const module = modules.find((m) => inside(m.dir, sf.fileName));
    if (module === undefined || sf.isDeclarationFile) {
      continue;
    }
    files++;
    const suite = SUITE_DIRS.some((d) => inside(path.join(module.dir, d), sf.fileName));
    for (const ref of ts.preProcessFile(sf.getFullText(), true, true).importedFiles) {
      imports++;
      const spec = ref.fileName;
      const report = (message) => diagnostics.push(diagnostic(sf, ref.pos, spec.length, `'${spec}' ${message}`));
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(sf.fileName), spec);
        if (!inside(module.dir, target)) {
          report(`reaches out of ${relToRepo(module.dir)}/ into ${relToRepo(target)}; another module is imported by ` +
            'its package name, and only what its Index.ets exports');
        }
        continue;
      }
      if (SYSTEM_MODULE.test(spec)) {
        continue;
      }
      const pkg = packageOf(spec);
      if (pkg !== spec && pkg !== module.name && byName.has(pkg)) {
        report(`reaches into a file of ${pkg}; import ${pkg} itself, and only what its Index.ets exports`);
      } else if (pkg === module.name) {
        report(`is ${module.name} itself; import its files by relative path`);
      } else if (dependsOn(pkg, module)) {
        report(`depends on ${module.name}, so ${module.name} cannot import it` +
          (suite ? `; a suite that needs it belongs in that module's own src/test` : ''));
      } else if (!module.dependencies.has(pkg) && !(suite && module.devDependencies.has(pkg))) {
        report(`is not declared in ${relToRepo(module.file)} (${suite ? 'dependencies or devDependencies' : 'dependencies'})`);
      }
    }
  }
  return { diagnostics, files, imports, ms: performance.now() - t0 };
}
