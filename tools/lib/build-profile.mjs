// The project's SDK level, read where DevEco reads it: the root build-profile.json5,
// app.products[] (the "default" product), compatibleSdkVersion / targetSdkVersion.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { BUILD_PROFILE, relToRepo } from './paths.mjs';

const ts = createRequire(import.meta.url)('ohos-typescript');

/**
 * API level of an SDK version as DevEco writes it: "5.1.0(18)" -> 18 (HarmonyOS "M.S.F(N)"), 18 or "18" -> 18.
 * Returns NaN for anything else.
 */
export function apiLevelOf(version) {
  if (typeof version === 'number') {
    return Number.isInteger(version) ? version : NaN;
  }
  const text = String(version).trim();
  const inParens = /^\d+\.\d+\.\d+\((\d+)\)$/.exec(text);
  if (inParens) {
    return Number(inParens[1]);
  }
  return /^\d+$/.test(text) ? Number(text) : NaN;
}

/** Parses a .json5 file the way tsconfig files are parsed (comments, trailing commas). */
export function readJson5(file) {
  const { config, error } = ts.parseConfigFileTextToJson(file, fs.readFileSync(file, 'utf8'));
  if (error) {
    throw new Error(`${relToRepo(file)}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  }
  return config;
}

/**
 * `{ product, compatible: { text, api }, target: { text, api } | null }` of the product DevEco builds by
 * default. Throws when compatibleSdkVersion is missing or unreadable: every host check depends on it.
 */
export function readSdkLevel(file = BUILD_PROFILE) {
  const profile = readJson5(file);
  const products = profile?.app?.products ?? [];
  const product = products.find((p) => p.name === 'default') ?? products[0];
  if (product === undefined) {
    throw new Error(`${relToRepo(file)}: no app.products entry`);
  }
  const level = (field) => {
    const text = product[field];
    if (text === undefined) {
      return null;
    }
    const api = apiLevelOf(text);
    if (Number.isNaN(api)) {
      throw new Error(`${relToRepo(file)}: ${field} "${text}" is neither "M.S.F(N)" nor an API number`);
    }
    return { text: String(text), api };
  };
  const compatible = level('compatibleSdkVersion');
  if (compatible === null) {
    throw new Error(`${relToRepo(file)}: product "${product.name}" has no compatibleSdkVersion`);
  }
  return { product: product.name, compatible, target: level('targetSdkVersion') };
}
