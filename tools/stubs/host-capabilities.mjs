// Shared by the stand-ins of kits the host does not have (cross-device connection, Wi-Fi P2P,
// sockets): the host behaves like a device without those capabilities.
//  - `canIUse(syscap)` (a global on a device) answers false for every system capability;
//  - every call of such a kit throws BusinessError 801 "Capability not supported", as a device
//    without the capability does.
import { BusinessError } from './kit.BasicServicesKit.mjs';

export const CAPABILITY_NOT_SUPPORTED = 801;

if (typeof globalThis.canIUse !== 'function') {
  globalThis.canIUse = (_syscap) => false;
}

/** A function that throws 801 naming `what`; use SimulatedCompanionPair or a port stand-in instead. */
export function notOnHost(what) {
  return () => {
    throw new BusinessError(CAPABILITY_NOT_SUPPORTED, `Capability not supported: ${what} is not available on the host`);
  };
}
