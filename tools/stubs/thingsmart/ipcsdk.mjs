// Node stand-in for '@thingsmart/ipcsdk' (Tuya's closed-source HAR, device only).
// Importing succeeds so the adapter module loads; any use throws, pointing at the simulator.
import { unavailable } from './unavailable.mjs';

export class ThingIPCSdk {
  static getP2P() {
    return unavailable();
  }
}
