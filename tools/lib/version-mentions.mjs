// Versions the READMEs write down against the package files they stand for, so an install line or
// a quoted `npm run` banner cannot keep an old version after a release:
//   "@robovac/p2p…": "x.y.z"       the version in that package's oh-package.json5 (a package this
//                                  project does not have yet is released with the core: the core's);
//   robovac-p2p-host-tools@x.y.z   the version in package.json.
import fs from 'node:fs';
import path from 'node:path';
import { readJson5 } from './build-profile.mjs';
import { LIBRARY_DIR, REPO_ROOT, relToRepo } from './paths.mjs';

/** name -> version of every package in the project: each module's oh-package.json5 and package.json. */
function projectVersions() {
  const versions = new Map();
  for (const e of fs.readdirSync(REPO_ROOT, { withFileTypes: true })) {
    const file = path.join(REPO_ROOT, e.name, 'oh-package.json5');
    if (e.isDirectory() && fs.existsSync(file)) {
      const pkg = readJson5(file);
      versions.set(pkg.name, pkg.version);
    }
  }
  const host = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  versions.set(host.name, host.version);
  return versions;
}

/** The READMEs a user reads: the root's and every top-level folder's. */
function readmes() {
  const files = [path.join(REPO_ROOT, 'README.md')];
  for (const e of fs.readdirSync(REPO_ROOT, { withFileTypes: true })) {
    const file = path.join(REPO_ROOT, e.name, 'README.md');
    if (e.isDirectory() && e.name !== 'node_modules' && fs.existsSync(file)) {
      files.push(file);
    }
  }
  return files;
}

const MENTIONS = [/"(@robovac\/p2p[\w-]*)":\s*"(\d+\.\d+\.\d+)"/g, /(robovac-p2p-host-tools)@(\d+\.\d+\.\d+)/g];

/** `{ problems, mentions }`; `problems` is empty when every version written down is current. */
export function checkVersionMentions() {
  const versions = projectVersions();
  const core = readJson5(path.join(LIBRARY_DIR, 'oh-package.json5')).version;
  const problems = [];
  let mentions = 0;
  for (const file of readmes()) {
    fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      for (const pattern of MENTIONS) {
        for (const [, name, version] of line.matchAll(pattern)) {
          mentions++;
          const current = versions.get(name) ?? core;
          if (version !== current) {
            problems.push(`${relToRepo(file)}:${i + 1}: ${name} ${version}, but the package is at ${current}`);
          }
        }
      }
    });
  }
  return { problems, mentions };
}
