// Node stand-in for '@thingsmart/thingp2pfiletranssdk' (Tuya's closed-source HAR, device only).
// Importing succeeds so the adapter module loads; any use throws, pointing at the simulator.
import { unavailable } from './unavailable.mjs';

export class ThingP2pFileTransManager {
  static createP2pFileTransfer(_deviceId, _listener) {
    return unavailable();
  }

  static getSDKVersion() {
    return unavailable();
  }
}
