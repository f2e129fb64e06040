// What each DevEco module may import, as hvigor and ohpm see it:
//   - a relative import stays inside its own module (modules reach each other only as packages);
//   - a package import names a package the module declares in its oh-package.json5: `dependencies`
//     for its shipped code, also `devDependencies` (its own or the project's) for its suites;
//   - the library (@robovac/p2p) never depends on its test kit (@robovac/p2p-testing), which
//     depends on it: not even its suites may import the kit.
// System modules (@kit.*, @ohos.*, ...) come with the SDK and are the API-level check's concern.
import path from 'node:path';
import { readJson5 } from './build-profile.mjs';
import { ts } from './compiler-options.mjs';
import { LIBRARY_DIR, MODULE_DIRS, REPO_ROOT, relToRepo } from './paths.mjs';

export const MODULE_RULE = 'module-boundaries';
const KIT_PACKAGE = '@robovac/p2p-testing';
const SYSTEM_MODULE = /^@(kit|ohos|arkts|system|hms)\./;
const SUITE_DIRS = [path.join('src', 'test'), path.join('src', 'ohosTest')];

function packageNames(section) {
  return section && typeof section === 'object' ? Object.keys(section) : [];
}

/** { dir, name, dependencies, devDependencies } of every DevEco module, from its oh-package.json5. */
function modules() {
  const root = readJson5(path.join(REPO_ROOT, 'oh-package.json5'));
  return MODULE_DIRS.map((dir) => {
    const pkg = readJson5(path.join(dir, 'oh-package.json5'));
    return {
      dir,
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

function diagnostic(sourceFile, pos, length, message) {
  return {
    file: sourceFile, start: pos, length, messageText: message,
    category: ts.DiagnosticCategory.Error, code: 0, rule: MODULE_RULE,
  };
}

/**
 * Checks the imports of `files` (source files of a program). Returns { diagnostics, files, imports }.
 */
export function moduleBoundaryCheck(sourceFiles) {
  const t0 = performance.now();
  const mods = modules();
  const diagnostics = [];
  let files = 0;
  let imports = 0;
  for (const module of mods) {
    const kitDeclared = module.dir === LIBRARY_DIR &&
      (module.dependencies.has(KIT_PACKAGE) || module.devDependencies.has(KIT_PACKAGE));
    if (kitDeclared) {
      diagnostics.push(diagnostic(undefined, undefined, 0, `${relToRepo(path.join(module.dir, 'oh-package.json5'))}: ` +
        `${module.name} declares ${KIT_PACKAGE}, which depends on ${module.name}: a cycle ohpm cannot install`));
    }
  }
  for (const sf of sourceFiles) {
    const module = mods.find((m) => inside(m.dir, sf.fileName));
    if (module === undefined || sf.isDeclarationFile) {
      continue;
    }
    files++;
    const suite = SUITE_DIRS.some((d) => inside(path.join(module.dir, d), sf.fileName));
    const text = sf.getFullText();
    for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
      imports++;
      const spec = ref.fileName;
      const at = (message) => diagnostics.push(diagnostic(sf, ref.pos, spec.length, message));
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(sf.fileName), spec);
        if (!inside(module.dir, target)) {
          at(`'${spec}' reaches out of module ${relToRepo(module.dir)}/ into ${relToRepo(target)}; ` +
            'another module is imported by its package name, and only what its Index.ets exports');
        }
        continue;
      }
      if (SYSTEM_MODULE.test(spec)) {
        continue;
      }
      const pkg = packageOf(spec);
      if (pkg === module.name) {
        at(`'${spec}': ${module.name} imports itself by package name; use a relative import`);
      } else if (module.dir === LIBRARY_DIR && pkg === KIT_PACKAGE) {
        at(`'${spec}': the library never imports its test kit (the kit depends on the library); ` +
          'a library suite that needs the simulator belongs in testing/src/test');
      } else if (!module.dependencies.has(pkg) && !(suite && module.devDependencies.has(pkg))) {
        at(`'${spec}' is not declared in ${relToRepo(path.join(module.dir, 'oh-package.json5'))} ` +
          (suite ? '(dependencies or devDependencies)' : '(dependencies)'));
      }
    }
  }
  return { diagnostics, files, imports, ms: performance.now() - t0 };
}

