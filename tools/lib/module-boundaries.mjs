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
//   - inside a layered source tree (the library's src/main/ets), folders import one way: no folder
//     imports a folder that (directly or through others) imports it back; a nested folder
//     (platform/appstate) counts as a folder of its own.
// System modules (@kit.*, @ohos.*, ...) come with the SDK; the API-level check looks after them.
import path from 'node:path';
import { readJson5 } from './build-profile.mjs';
import { ts } from './compiler-options.mjs';
import { LIBRARY_DIR, MODULE_DIRS, REPO_ROOT, relToRepo } from './paths.mjs';

export const MODULE_RULE = 'module-boundaries';
const SYSTEM_MODULE = /^@(kit|ohos|arkts|system|hms)\./;
const SUITE_DIRS = [path.join('src', 'test'), path.join('src', 'ohosTest')];
/** Source trees whose folders are layers: their imports between folders must not loop. */
const LAYERED_ROOTS = [path.join(LIBRARY_DIR, 'src', 'main', 'ets')];

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
 * The folder of `file` under one of `roots` as `{ root, folder }` (`platform/appstate` for a file
 * there: a nested folder is a layer of its own), or null (a file right in the root, or elsewhere).
 */
function layerOf(roots, file) {
  for (const root of roots) {
    if (inside(root, file)) {
      const folder = path.dirname(path.relative(root, file)).split(path.sep).join('/');
      return folder !== '.' ? { root, folder } : null;
    }
  }
  return null;
}

/** Strongly connected components of `graph` (Map folder -> Set folder), as Map folder -> component id. */
function components(graph) {
  const index = new Map();
  const low = new Map();
  const comp = new Map();
  const stack = [];
  let next = 0;
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (!comp.has(w)) {
        low.set(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v) === index.get(v)) {
      let w;
      do {
        w = stack.pop();
        comp.set(w, v);
      } while (w !== v);
    }
  };
  for (const v of graph.keys()) {
    if (!index.has(v)) {
      visit(v);
    }
  }
  return comp;
}

/** A shortest path of folders from `from` to `to` inside one component (both included). */
function pathWithin(graph, comp, from, to) {
  const prev = new Map([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const v = queue.shift();
    if (v === to) {
      break;
    }
    for (const w of graph.get(v) ?? []) {
      if (!prev.has(w) && comp.get(w) === comp.get(from)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  const out = [];
  for (let v = to; v !== null && v !== undefined; v = prev.get(v)) {
    out.unshift(v);
  }
  return out;
}

/**
 * Every import between two folders of a layered tree that lies on a loop (folder A imports B, and B
 * imports A back, directly or through other folders) is reported where it is made.
 */
function folderLoops(edges, diagnostics) {
  const byRoot = new Map();
  for (const e of edges) {
    if (!byRoot.has(e.root)) {
      byRoot.set(e.root, []);
    }
    byRoot.get(e.root).push(e);
  }
  for (const [root, list] of byRoot) {
    const graph = new Map();
    for (const e of list) {
      if (!graph.has(e.from)) {
        graph.set(e.from, new Set());
      }
      if (!graph.has(e.to)) {
        graph.set(e.to, new Set());
      }
      graph.get(e.from).add(e.to);
    }
    const comp = components(graph);
    const reported = new Set();
    for (const e of list) {
      const key = `${e.from}>${e.to}`;
      if (comp.get(e.from) !== comp.get(e.to) || reported.has(key)) {
        continue;
      }
      reported.add(key);
      const loop = [e.from, ...pathWithin(graph, comp, e.to, e.from)].join(' → ');
      diagnostics.push(diagnostic(e.sf, e.pos, e.length, `'${e.spec}' makes ${relToRepo(root)}/${e.from}/ import ` +
        `${e.to}/, which imports it back: folders import one way, and this closes a loop (${loop})`));
    }
  }
}

/**
 * Checks the imports of `sourceFiles` (of a program, or parsed on their own) against the modules in
 * `moduleDirs`, and the folders of `layeredRoots` for loops. Returns { diagnostics, files, imports, folderEdges, ms }.
 */
export function moduleBoundaryCheck(sourceFiles, { moduleDirs = MODULE_DIRS, rootPackageFile = path.join(REPO_ROOT, 'oh-package.json5'), layeredRoots = LAYERED_ROOTS } = {}) {
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
  const edges = [];
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
        const from = layerOf(layeredRoots, sf.fileName);
        const to = layerOf(layeredRoots, target);
        if (from !== null && to !== null && from.root === to.root && from.folder !== to.folder) {
          edges.push({ root: from.root, from: from.folder, to: to.folder, sf, pos: ref.pos, length: spec.length, spec });
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
  folderLoops(edges, diagnostics);
  const folderEdges = new Set(edges.map((e) => `${e.from} -> ${e.to}`)).size;
  return { diagnostics, files, imports, folderEdges, ms: performance.now() - t0 };
}
