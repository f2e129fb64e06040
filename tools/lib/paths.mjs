// Fixed locations of the repository, shared by every host tool.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TOOLS_DIR = path.join(REPO_ROOT, 'tools');
export const STUBS_DIR = path.join(TOOLS_DIR, 'stubs');
export const TYPES_DIR = path.join(TOOLS_DIR, 'types');
/** Planted inputs of the toolchain's own checks; never part of the project's program. */
export const FIXTURES_DIR = path.join(TOOLS_DIR, 'fixtures');
/** Generated files only (bundles, build info, the fake SDK layout); safe to delete at any time. */
export const CACHE_DIR = path.join(REPO_ROOT, '.cache');

/** DevEco's project file: products, SDK levels, modules. */
export const BUILD_PROFILE = path.join(REPO_ROOT, 'build-profile.json5');

export const LIBRARY_DIR = path.join(REPO_ROOT, 'library');
/** The test kit, @robovac/p2p-testing: its own HAR, depending on the library. */
export const TESTING_DIR = path.join(REPO_ROOT, 'testing');
/** Companion devices, @robovac/p2p-companion: its own HAR, depending on the library only through its Index.ets. */
export const COMPANION_DIR = path.join(REPO_ROOT, 'companion');
/** The companion's test kit, @robovac/p2p-companion-testing: its own HAR, depending on the companion and the library. */
export const COMPANION_TESTING_DIR = path.join(REPO_ROOT, 'companion-testing');
export const ENTRY_DIR = path.join(REPO_ROOT, 'entry');
export const LIBRARY_INDEX = path.join(LIBRARY_DIR, 'Index.ets');
export const TESTING_INDEX = path.join(TESTING_DIR, 'Index.ets');
export const COMPANION_INDEX = path.join(COMPANION_DIR, 'Index.ets');
export const COMPANION_TESTING_INDEX = path.join(COMPANION_TESTING_DIR, 'Index.ets');

/** The HAR modules: each has a README guide against its Index.ets and its own suites. */
export const HAR_DIRS = [LIBRARY_DIR, TESTING_DIR, COMPANION_DIR, COMPANION_TESTING_DIR];
/** The DevEco modules whose .ets sources are type-checked and linted. */
export const MODULE_DIRS = [...HAR_DIRS, ENTRY_DIR];

export function relToRepo(file) {
  return path.relative(REPO_ROOT, file).split(path.sep).join('/');
}
