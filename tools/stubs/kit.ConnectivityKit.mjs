// Node stand-in for '@kit.ConnectivityKit' (wifiManager's Wi-Fi P2P calls only): the host has no
// Wi-Fi P2P, so canIUse is false and every call throws 801 (see host-capabilities.mjs).
import { notOnHost } from './host-capabilities.mjs';

const NAMES = ['createGroup', 'removeGroup', 'startDiscoverDevices', 'stopDiscoverDevices', 'getP2pPeerDevices',
  'p2pConnect', 'p2pCancelConnect', 'getP2pLinkedInfo', 'getCurrentGroup', 'getP2pLocalDevice', 'on', 'off'];

export const wifiManager = Object.freeze(Object.fromEntries(NAMES.map((name) => [name, notOnHost(`wifiManager.${name}`)])));
