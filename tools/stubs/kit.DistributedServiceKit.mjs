// Node stand-in for '@kit.DistributedServiceKit' (abilityConnectionManager only): the host has no
// distributed services, so canIUse is false and every call throws 801 (see host-capabilities.mjs).
import { notOnHost } from './host-capabilities.mjs';

const NAMES = ['createAbilityConnectionSession', 'destroyAbilityConnectionSession', 'getPeerInfoById', 'connect',
  'disconnect', 'acceptConnect', 'reject', 'sendMessage', 'sendData', 'on', 'off'];

export const abilityConnectionManager = Object.freeze(Object.fromEntries(
  NAMES.map((name) => [name, notOnHost(`abilityConnectionManager.${name}`)])));
